"""Prometheus metrics (prometheus_client): requests, their time and the database's share of
it, counted by the middleware below, and the task queue's state, asked at each scrape.

`/metrics` is served only with METRICS_TOKEN set, to a scraper sending it as a bearer
token (`Authorization: Bearer <token>`): without the setting it is a 404, and a wrong or
missing token gets a 401. Under gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR
to an empty folder so that a scrape sums every worker's counts (prometheus_client's
multiprocess mode). docs/operations.md ("Metrics") lists the metrics and what to alert on.
"""

import hmac
import os
import time

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from config import health, taskstate

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
UNRESOLVED = "unresolved"  # answered before any view was found: a 404, a refused body

REQUESTS = Counter(
    "tprofile_http_requests",
    "Requests answered, by view (its URL name), method and status.",
    ["view", "method", "status"],
)
DURATION = Histogram(
    "tprofile_http_request_duration_seconds",
    "Time from a request's arrival in Django to its answer, by view.",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
DATABASE = Histogram(
    "tprofile_http_request_database_seconds",
    "Time a request spent waiting on the database's answers, by view.",
    ["view"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
QUERIES = Counter("tprofile_db_queries", "Database queries run by requests, by view.", ["view"])


class _DatabaseTimer:
    """An execute wrapper (Django's `connection.execute_wrapper`) adding up the time."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.queries += 1


def measure(get_response):
    """Counts each request, its time and its time on the database (first in MIDDLEWARE)."""

    def middleware(request):
        start = time.perf_counter()
        timer = _DatabaseTimer()
        with connection.execute_wrapper(timer):
            response = get_response(request)
        match = request.resolver_match
        view = (match.view_name or match.route) if match else UNRESOLVED
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view, method, str(response.status_code)).inc()
        DURATION.labels(view).observe(time.perf_counter() - start)
        DATABASE.labels(view).observe(timer.seconds)
        QUERIES.labels(view).inc(timer.queries)
        return response

    return middleware


class ServiceCollector:
    """The task queue's and the cache's state, asked at each scrape: the same numbers on
    every instance, since they all share them."""

    def collect(self):
        try:
            tasks = taskstate.counts()
        except Exception:
            tasks = None
        yield _gauge("tprofile_task_queue_up", "1 while the task queue answers.", tasks is not None)
        if tasks is not None:
            yield _gauge(
                "tprofile_tasks_waiting",
                "Tasks waiting for a worker: the task queue's depth.",
                tasks.waiting,
            )
            yield _gauge("tprofile_tasks_running", "Tasks a worker is running.", tasks.running)
            yield _gauge(
                "tprofile_tasks_failed",
                "Failed tasks whose results are kept (the database backend's are pruned "
                "after a week by `manage.py periodic`; RQ's after its failure TTL).",
                tasks.failed,
            )
        yield _gauge(
            "tprofile_cache_up",
            "1 while the cache answers; 0 while Redis cannot be reached (the app degrades).",
            health.cache_state() == "ok",
        )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=float(value))


class _Scrape:
    """What one scrape reads: the counts of this process (or of every worker's, in
    multiprocess mode) and the services' state."""

    def __init__(self, *collectors) -> None:
        self.collectors = collectors

    def collect(self):
        for collector in self.collectors:
            yield from collector.collect()


def _counts():
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry


def authorised(request) -> bool:
    given = request.headers.get("Authorization", "").encode()
    return hmac.compare_digest(given, f"Bearer {settings.METRICS_TOKEN}".encode())


@never_cache
@require_GET
def metrics(request):
    if not settings.METRICS_TOKEN:
        raise Http404("Metrics are served only with METRICS_TOKEN set.")
    if not authorised(request):
        response = HttpResponse("A bearer token is needed.", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body = generate_latest(_Scrape(_counts(), ServiceCollector()))
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
