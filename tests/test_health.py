"""Liveness and readiness: `/health/` answers while the process serves; `/health/ready/`
is 503 without the database or with a migration unapplied, and 200 "degraded" while the
cache or the task queue cannot be reached (config/health.py)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from config import taskstate

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"
LIVE_REDIS = "redis://127.0.0.1:6379/14"
NEVER_CACHED = "max-age=0, no-cache, no-store, must-revalidate, private"
ALL_OK = {"status": "ok", "database": "ok", "migrations": "ok", "cache": "ok", "tasks": "ok"}


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
        }
    }


def test_liveness_asks_nothing_and_is_never_cached(client, settings):
    settings.CACHES = redis_cache(DEAD_REDIS)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == NEVER_CACHED


@pytest.mark.parametrize("backend", ["immediate", "db"])
def test_ready_when_every_service_answers(client, settings, backend):
    settings.TASKS_BACKEND = backend
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == NEVER_CACHED
    assert response.json() == ALL_OK


def test_ready_with_redis_as_the_cache_and_the_task_queue(client, settings):
    settings.CACHES = redis_cache(LIVE_REDIS)
    settings.TASKS_BACKEND = "rq"
    settings.RQ_QUEUES = {"default": {"URL": LIVE_REDIS}}
    response = client.get("/health/ready/")
    assert (response.status_code, response.json()) == (200, ALL_OK)


def test_a_cache_out_of_reach_is_degraded_not_unready(client, settings, caplog):
    settings.CACHES = redis_cache(DEAD_REDIS)
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {**ALL_OK, "status": "degraded", "cache": "degraded"}
    assert any(
        record.getMessage().startswith("Redis cannot be reached") for record in caplog.records
    )


def test_a_task_queue_out_of_reach_is_degraded_not_unready(client, settings):
    settings.TASKS_BACKEND = "rq"
    settings.RQ_QUEUES = {"default": {"URL": DEAD_REDIS}}
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {**ALL_OK, "status": "degraded", "tasks": "degraded"}


def test_redis_down_for_both_is_still_only_degraded(client, settings):
    settings.CACHES = redis_cache(DEAD_REDIS)
    settings.TASKS_BACKEND = "rq"
    settings.RQ_QUEUES = {"default": {"URL": DEAD_REDIS}}
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {
        **ALL_OK,
        "status": "degraded",
        "cache": "degraded",
        "tasks": "degraded",
    }


def test_a_database_out_of_reach_makes_the_instance_unready(
    client, settings, monkeypatch, tmp_path
):
    """The checks run on connections of their own, opened with the settings as they are now:
    a database file that cannot be opened, or a PostgreSQL port nobody listens on."""
    settings.TASKS_BACKEND = "db"
    database = connections.settings["default"]
    if connection.vendor == "sqlite":
        monkeypatch.setitem(database, "NAME", str(tmp_path / "missing" / "db.sqlite3"))
    else:
        monkeypatch.setitem(database, "PORT", "1")
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unready",
        "database": "unreachable",
        "migrations": "unknown",
        "cache": "ok",
        "tasks": "degraded",
    }


@pytest.mark.django_db(transaction=True)
def test_an_unapplied_migration_makes_the_instance_unready(client):
    recorder = MigrationRecorder(connection)
    latest = max(name for app, name in recorder.applied_migrations() if app == "assessments")
    recorder.record_unapplied("assessments", latest)
    try:
        response = client.get("/health/ready/")
    finally:
        recorder.record_applied("assessments", latest)
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "status": "unready", "migrations": "unapplied"}
    assert client.get("/health/ready/").json() == ALL_OK


def test_only_get_is_answered(client):
    assert client.post("/health/ready/").status_code == 405
    assert client.post("/health/").status_code == 405


def task_result(status: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="assessments.tasks.check_sheet",
        backend_name="default",
        run_after=timezone.now(),
    )


def test_the_database_backends_counts(settings):
    settings.TASKS_BACKEND = "db"
    for status in ["READY", "READY", "RUNNING", "FAILED", "SUCCESSFUL"]:
        task_result(TaskResultStatus[status])
    assert taskstate.counts() == taskstate.TaskCounts(waiting=2, running=1, failed=1)


def test_ready_answers_in_a_thread_that_runs_an_event_loop(client):
    """As under ASGI: the checks' own loop runs in a thread of its own."""

    async def asked():
        return client.get("/health/ready/")

    with ThreadPoolExecutor(max_workers=1) as thread:
        response = thread.submit(lambda: asyncio.run(asked())).result()
    assert (response.status_code, response.json()) == (200, ALL_OK)
