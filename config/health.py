"""Whether this instance is alive and ready to serve, for a load balancer or a person on call.

`/health/` (liveness) answers 200 while the process serves requests; it asks nothing else.

`/health/ready/` (readiness) runs django-health-check's checks side by side and answers
JSON: the database answers, every migration is applied, the cache answers, the task queue
answers. Without the database or with migrations unapplied the instance cannot serve:
503 "unready", and the load balancer sends its requests elsewhere. A cache or task queue
that cannot be reached does not make it unready: the app serves every page without the
cache (config.cache) and tasks wait until the queue is back (assessments.tasks), and since
every instance shares the one Redis, answering 503 would take all of them out of the load
balancer at once. So the degraded state is in the answer (200 "degraded") and in the log,
for monitoring to alert on. docs/operations.md ("Health") lists the answers.
"""

import asyncio
import dataclasses
from concurrent.futures import ThreadPoolExecutor
from typing import ClassVar

from django import db
from django.core.cache import caches
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from health_check import checks
from health_check.base import HealthCheck, HealthCheckResult
from health_check.exceptions import ServiceUnavailable

from config import taskstate


class Unchecked(ServiceUnavailable):
    """A check that could not be made: what it checks is "unknown"."""

    state = "unknown"


@dataclasses.dataclass
class Database(checks.Database):
    """django-health-check's `SELECT 1`, on a connection of its own."""

    failing: ClassVar[str] = "unreachable"
    critical: ClassVar[bool] = True


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration the code has is applied to the database."""

    failing: ClassVar[str] = "unapplied"
    critical: ClassVar[bool] = True
    alias: str = "default"

    def run(self) -> None:
        connection = connections[self.alias]
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except db.Error as error:
            raise Unchecked("The database cannot be reached.") from error
        finally:
            # The check runs in a thread of its own: its connection must not outlive it.
            connection.close()
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migrations are not applied.")


def cache_state(alias: str = "default") -> str:
    """The cache's state, asked now: "degraded" while it is a Redis that cannot be reached,
    "ok" otherwise (a cache in the worker's own memory always answers)."""
    reachable = getattr(caches[alias], "reachable", None)
    return "degraded" if reachable is not None and not reachable() else "ok"


@dataclasses.dataclass
class Cache(HealthCheck):
    """The default cache answers: a Redis cache is asked now (a PING within
    REDIS_TIMEOUT_MS); a cache in the worker's own memory always answers."""

    failing: ClassVar[str] = "degraded"
    critical: ClassVar[bool] = False
    alias: str = "default"

    def run(self) -> None:
        if cache_state(self.alias) != "ok":
            raise ServiceUnavailable("Redis cannot be reached.")


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The task backend answers (config.taskstate): the database's table, or RQ's Redis."""

    failing: ClassVar[str] = "degraded"
    critical: ClassVar[bool] = False

    def run(self) -> None:
        try:
            taskstate.counts()
        except Exception as error:
            raise ServiceUnavailable("The task queue cannot be reached.") from error
        finally:
            connections.close_all()


READY_CHECKS: dict[str, type[HealthCheck]] = {
    "database": Database,
    "migrations": Migrations,
    "cache": Cache,
    "tasks": TaskQueue,
}


def readiness(results: dict[str, HealthCheckResult]) -> tuple[dict[str, str], int]:
    """The answer's body and status for the checks' results, by name."""
    states = {
        name: "ok"
        if result.error is None
        else getattr(result.error, "state", type(result.check).failing)
        for name, result in results.items()
    }
    failed = [result.check for result in results.values() if result.error is not None]
    if any(check.critical for check in failed):
        return {"status": "unready", **states}, 503
    return {"status": "degraded" if failed else "ok", **states}, 200


def run_checks() -> dict[str, HealthCheckResult]:
    """Each check's result, by name: run side by side by django-health-check (each within
    its timeout, a failure logged), on an event loop in a thread of its own, since the
    thread serving the request may be running one already (under ASGI)."""

    async def gather() -> dict[str, HealthCheckResult]:
        results = await asyncio.gather(
            *(check().get_result(None) for check in READY_CHECKS.values())
        )
        return dict(zip(READY_CHECKS, results, strict=True))

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(lambda: asyncio.run(gather())).result()


@never_cache
@require_GET
def ready(request):
    body, status = readiness(run_checks())
    return JsonResponse(body, status=status)


@never_cache
@require_GET
def live(request):
    """The process answers: nothing else is asked, so a restart fixes what this finds."""
    return JsonResponse({"status": "ok"})
