"""Prometheus metrics at /metrics (config/metrics.py): only with METRICS_TOKEN set and sent
as a bearer token; requests, their time and their database time by view; the task queue's
depth and failures and the cache's state, asked at each scrape."""

import subprocess
import sys

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from tests.server import BASE

pytestmark = pytest.mark.django_db

TOKEN = "a-metrics-token-that-is-long-enough-2026"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics", headers=BEARER)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; version=1.0.0; charset=utf-8"
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_without_a_token_set_there_are_no_metrics(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x"]
)
def test_a_missing_or_wrong_token_is_refused(client, token, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"tprofile" not in response.content


def test_requests_are_counted_by_view_method_and_status(client, token):
    home = {"view": "careers:home", "method": "GET", "status": "200"}
    missing = {"view": "unresolved", "method": "GET", "status": "404"}
    before = (
        value("tprofile_http_requests_total", **home),
        value("tprofile_http_requests_total", **missing),
    )
    durations = value("tprofile_http_request_duration_seconds_count", view="careers:home")
    queries = value("tprofile_db_queries_total", view="careers:home")
    for _ in range(3):
        assert client.get("/").status_code == 200
    assert client.get("/no/such/page/").status_code == 404
    samples = scrape(client)
    assert samples[("tprofile_http_requests_total", tuple(sorted(home.items())))] == before[0] + 3
    assert (
        samples[("tprofile_http_requests_total", tuple(sorted(missing.items())))] == before[1] + 1
    )
    assert (
        samples[("tprofile_http_request_duration_seconds_count", (("view", "careers:home"),))]
        == durations + 3
    )
    assert (
        samples[("tprofile_http_request_database_seconds_count", (("view", "careers:home"),))]
        == durations + 3
    )
    assert samples[("tprofile_db_queries_total", (("view", "careers:home"),))] > queries


def test_the_task_queue_and_the_cache_are_asked_at_each_scrape(client, token, settings):
    settings.TASKS_BACKEND = "db"
    for status in ["READY", "READY", "READY", "RUNNING", "FAILED", "FAILED", "SUCCESSFUL"]:
        DBTaskResult.objects.create(
            status=TaskResultStatus[status],
            args_kwargs={"args": [], "kwargs": {}},
            task_path="assessments.tasks.import_sheet",
            backend_name="default",
            run_after=timezone.now(),
        )
    samples = scrape(client)
    assert {name: samples[(name, ())] for name in SERVICE_GAUGES} == {
        "tprofile_task_queue_up": 1,
        "tprofile_tasks_waiting": 3,
        "tprofile_tasks_running": 1,
        "tprofile_tasks_failed": 2,
        "tprofile_cache_up": 1,
    }


SERVICE_GAUGES = [
    "tprofile_task_queue_up",
    "tprofile_tasks_waiting",
    "tprofile_tasks_running",
    "tprofile_tasks_failed",
    "tprofile_cache_up",
]


def test_redis_out_of_reach_shows_as_down(client, token, settings):
    dead = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": dead,
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
        }
    }
    settings.TASKS_BACKEND = "rq"
    settings.RQ_QUEUES = {"default": {"URL": dead}}
    samples = scrape(client)
    assert samples[("tprofile_task_queue_up", ())] == 0
    assert samples[("tprofile_cache_up", ())] == 0
    assert ("tprofile_tasks_waiting", ()) not in samples


def test_a_short_token_is_refused_at_start():
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=BASE,
        env={"DJANGO_DEBUG": "1", "METRICS_TOKEN": "short", "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "METRICS_TOKEN must be at least 32 characters long." in result.stderr
