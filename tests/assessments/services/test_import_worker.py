"""A real task worker, started as operators start it (`manage.py run_worker`), carries on
an import that a stopped worker left half done, on the database the tests run on (SQLite
or PostgreSQL); and the periodic command's work."""

import datetime as dt
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assessments import tasks
from assessments.models import Assessment, StagedImport
from assessments.services import imports as import_services
from assessments.services import staged_imports

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class WorkerStopped(BaseException):
    """Stands for a worker killed mid-chunk."""


def database_url() -> str:
    """The URL of the database these tests run on, for another process to use."""
    found = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{found['NAME']}"
    user = quote(found["USER"] or "")
    if found["PASSWORD"]:
        user += ":" + quote(found["PASSWORD"])
    return f"postgres://{user}@{found['HOST']}:{found['PORT']}/{found['NAME']}"


def stop_at_the_second_chunk(monkeypatch):
    monkeypatch.setattr(import_services, "CHUNK_ROWS", 1)
    save_rows = import_services.save_rows

    def stopping(rows, *args):
        save_rows(rows, *args)
        if rows[0].email == "bob@example.com":
            raise WorkerStopped

    monkeypatch.setattr(import_services, "save_rows", stopping)


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_carries_on_an_import_a_stopped_worker_left(confirmed, monkeypatch):
    stop_at_the_second_chunk(monkeypatch)
    with pytest.raises(WorkerStopped):
        staged_imports.run_import(confirmed, clock=timezone.now)
    monkeypatch.undo()
    assert StagedImport.objects.values_list("rows_done", "state").get() == (1, "importing")
    quiet = timezone.now() - dt.timedelta(seconds=staged_imports.STALL_SECONDS + 1)
    StagedImport.objects.update(heartbeat_at=quiet)
    with override_settings(TASKS=DB_TASKS):
        assert tasks.resume_stalled_imports() == 1
    [queued] = DBTaskResult.objects.values_list("id", "status")
    assert StagedImport.objects.get().task_id == str(queued[0])

    env = {**os.environ, "DATABASE_URL": database_url(), "TASKS_BACKEND": "db"}
    worker = subprocess.run(
        [sys.executable, "manage.py", "run_worker", "--batch"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr
    assert list(DBTaskResult.objects.values_list("status", "task_path")) == [
        ("SUCCESSFUL", "assessments.tasks.import_sheet")
    ]
    assert StagedImport.objects.values("state", "rows_done", "attempts").get() == {
        "state": "imported",
        "rows_done": 3,
        "attempts": 2,
    }
    assert list(
        Assessment.objects.order_by("owner__username").values_list("owner__username", "is_latest")
    ) == [("ann", True), ("bob", True), ("cat", True)]


def test_the_periodic_command_hands_on_stalled_imports_and_deletes_old_results(confirmed, capsys):
    week = dt.timedelta(days=7)
    with override_settings(TASKS=DB_TASKS):
        old = tasks.import_sheet.enqueue(0)
        recent = tasks.import_sheet.enqueue(0)
    now = timezone.now()
    DBTaskResult.objects.filter(id=old.id).update(status="SUCCESSFUL", finished_at=now - week)
    DBTaskResult.objects.filter(id=recent.id).update(
        status="FAILED", finished_at=now - week + dt.timedelta(minutes=1)
    )
    # The confirmed import's worker has said nothing for a minute and more.
    StagedImport.objects.update(
        heartbeat_at=now - dt.timedelta(seconds=staged_imports.STALL_SECONDS + 1)
    )
    call_command("periodic")
    assert capsys.readouterr().out == (
        "Imports handed on: 1; imports deleted: 0; task results deleted: 1.\n"
    )
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [recent.db_result.id]
    # Handed on to the tests' backend, which ran it at once.
    assert StagedImport.objects.values_list("state", flat=True).get() == "imported"
