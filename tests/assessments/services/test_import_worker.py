"""A real task worker, started as operators start it (`manage.py run_worker`), checks an
upload and carries on an import that a stopped worker left half done, on the database the
tests run on (SQLite or PostgreSQL); and the periodic command's work."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assessments import tasks
from assessments.domain.sheets import competency_columns
from assessments.models import Assessment, StagedImport, Team
from assessments.services import imports as import_services
from assessments.services import staged_imports
from tests.server import DB_TASKS, run_worker_batch


class WorkerStopped(BaseException):
    """Stands for a worker killed mid-chunk."""


def stop_at_the_second_chunk(monkeypatch):
    monkeypatch.setattr(import_services, "CHUNK_ROWS", 1)
    save_rows = import_services.save_rows

    def stopping(rows, *args):
        save_rows(rows, *args)
        if rows[0].email == "bob@example.com":
            raise WorkerStopped

    monkeypatch.setattr(import_services, "save_rows", stopping)


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_checks_and_carries_on_an_import_a_stopped_worker_left(
    confirmed, catalogue, monkeypatch
):
    stop_at_the_second_chunk(monkeypatch)
    with pytest.raises(WorkerStopped):
        staged_imports.run_import(confirmed, clock=timezone.now)
    monkeypatch.undo()
    importing = StagedImport.objects.filter(pk=confirmed)
    assert importing.values_list("rows_done", "state").get() == (1, "importing")
    quiet = timezone.now() - dt.timedelta(seconds=staged_imports.STALL_SECONDS + 1)
    importing.update(heartbeat_at=quiet)
    team = Team.objects.get()
    columns = competency_columns(catalogue)
    content = ",".join(["email", *columns]) + "\r\nann@example.com" + ",4" * len(columns)
    upload = staged_imports.stage_upload(
        team,
        team.memberships.get(role="manager").user,
        "more.csv",
        content.encode(),
        now=timezone.now(),
    )
    with override_settings(TASKS=DB_TASKS):
        assert tasks.resume_stalled() == 1
        tasks.enqueue_check(upload.pk)
    queued = dict(DBTaskResult.objects.values_list("task_path", "id"))
    assert importing.get().task_id == str(queued["assessments.tasks.import_sheet"])

    run_worker_batch()
    assert sorted(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("assessments.tasks.check_sheet", "SUCCESSFUL"),
        ("assessments.tasks.import_sheet", "SUCCESSFUL"),
    ]
    checked = StagedImport.objects.values("state", "upload", "sheet").get(pk=upload.pk)
    assert (checked["state"], checked["upload"]) == ("staged", None)
    assert checked["sheet"]["rows"] == [[2, "ann@example.com", "4" * len(columns)]]
    assert importing.values("state", "rows_done", "attempts").get() == {
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
        "Checks and imports handed on: 1; imports deleted: 0; task results deleted: 1.\n"
    )
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [recent.db_result.id]
    # Handed on to the tests' backend, which ran it at once.
    assert StagedImport.objects.values_list("state", flat=True).get() == "imported"
