"""How many tasks wait, run and failed, asked of the task backend now (TASKS_BACKEND), for
the readiness check (config.health) and the metrics (config.metrics).

- "db": one grouped count of django-tasks-db's table;
- "rq": the queue's length and RQ's started and failed registries, in Redis, each call
  bounded by REDIS_TIMEOUT_MS;
- "immediate": nothing ever waits.

The numbers are the whole site's, whichever instance asks: every instance shares the queue.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.tasks import TaskResultStatus


@dataclass(frozen=True)
class TaskCounts:
    waiting: int = 0
    running: int = 0
    failed: int = 0  # failed tasks whose results are kept (db: pruned by `periodic`)


def counts() -> TaskCounts:
    """The counts now; raises what the backend raises when it cannot be reached."""
    if settings.TASKS_BACKEND == "db":
        return _database_counts()
    if settings.TASKS_BACKEND == "rq":
        return _rq_counts()
    return TaskCounts()


def _database_counts() -> TaskCounts:
    from django_tasks_db.models import DBTaskResult

    by_status = dict(
        DBTaskResult.objects.order_by()
        .values_list("status")
        .annotate(tasks=Count("id"))
        .values_list("status", "tasks")
    )
    return TaskCounts(
        waiting=by_status.get(TaskResultStatus.READY, 0),
        running=by_status.get(TaskResultStatus.RUNNING, 0),
        failed=by_status.get(TaskResultStatus.FAILED, 0),
    )


def _rq_counts() -> TaskCounts:
    from redis import Redis
    from rq import Queue

    url = str(settings.RQ_QUEUES["default"]["URL"])
    connection = Redis.from_url(
        url,
        socket_connect_timeout=settings.REDIS_TIMEOUT,
        socket_timeout=settings.REDIS_TIMEOUT,
    )
    try:
        queue = Queue("default", connection=connection)
        return TaskCounts(
            waiting=queue.count,
            running=queue.started_job_registry.count,
            failed=queue.failed_job_registry.count,
        )
    finally:
        connection.close()
