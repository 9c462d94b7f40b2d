"""A confirmed import is saved by a task, chunk by chunk, and survives a stopped worker: the
task run again carries on at the first row not saved, never saving a row twice."""

import datetime as dt

import pytest
from django.db import IntegrityError

from assessments.models import Assessment, Rating, StagedImport
from assessments.services import imports as import_services
from assessments.services import staged_imports
from tests.assessments.conftest import STAGED_AT as NOW

STALL = dt.timedelta(seconds=staged_imports.STALL_SECONDS)


class WorkerStopped(BaseException):
    """Stands for a worker killed mid-chunk: nothing below it runs."""


class Clock:
    def __init__(self, now=NOW):
        self.now = now

    def __call__(self):
        return self.now


def progress():
    return StagedImport.objects.values("state", "rows_done", "rows_total", "attempts").get()


def imported_owners():
    return list(
        Assessment.objects.order_by("owner__username").values_list("owner__username", "is_latest")
    )


def test_the_task_saves_every_row_and_drops_them(confirmed, catalogue):
    staged_imports.run_import(confirmed, clock=Clock())
    assert progress() == {"state": "imported", "rows_done": 3, "rows_total": 3, "attempts": 1}
    assert imported_owners() == [("ann", True), ("bob", True), ("cat", True)]
    assert Rating.objects.count() == 3 * len(catalogue.competencies)
    found = StagedImport.objects.values("sheet", "owners", "finished_at", "heartbeat_at").get()
    assert found == {"sheet": {}, "owners": None, "finished_at": NOW, "heartbeat_at": NOW}


def test_each_chunk_is_counted_as_it_is_saved(confirmed, monkeypatch):
    monkeypatch.setattr(import_services, "CHUNK_ROWS", 2)
    save_rows = import_services.save_rows
    seen = []

    def counting(rows, *args):
        seen.append(([row.email for row in rows], progress()["rows_done"]))
        save_rows(rows, *args)

    monkeypatch.setattr(import_services, "save_rows", counting)
    staged_imports.run_import(confirmed, clock=Clock())
    assert seen == [(["ann@example.com", "bob@example.com"], 0), (["cat@example.com"], 2)]
    assert progress()["rows_done"] == 3


def test_a_worker_stopped_mid_import_is_carried_on_without_a_duplicate(confirmed, monkeypatch):
    monkeypatch.setattr(import_services, "CHUNK_ROWS", 1)
    save_rows = import_services.save_rows

    def stop_at_the_second_chunk(rows, *args):
        if rows[0].email == "bob@example.com":
            save_rows(rows, *args)  # saved, then stopped before the chunk commits
            raise WorkerStopped
        save_rows(rows, *args)

    monkeypatch.setattr(import_services, "save_rows", stop_at_the_second_chunk)
    clock = Clock()
    with pytest.raises(WorkerStopped):
        staged_imports.run_import(confirmed, clock=clock)
    # The first chunk stands; nothing of the second does.
    assert progress() == {"state": "importing", "rows_done": 1, "rows_total": 3, "attempts": 1}
    assert imported_owners() == [("ann", True)]
    monkeypatch.setattr(import_services, "save_rows", save_rows)
    # Quiet for less than STALL_SECONDS: still taken for running.
    clock.now = NOW + STALL
    assert staged_imports.stalled(now=clock.now) == []
    clock.now = NOW + STALL + dt.timedelta(seconds=1)
    assert staged_imports.stalled(now=clock.now) == [(confirmed, "importing")]
    # Handed on once only, whoever asks next.
    assert staged_imports.stalled(now=clock.now) == []
    staged_imports.run_import(confirmed, clock=clock)
    assert progress() == {"state": "imported", "rows_done": 3, "rows_total": 3, "attempts": 2}
    assert imported_owners() == [("ann", True), ("bob", True), ("cat", True)]


def test_a_run_after_the_end_does_nothing(confirmed):
    staged_imports.run_import(confirmed, clock=Clock())
    staged_imports.run_import(confirmed, clock=Clock(NOW + STALL))
    assert progress()["attempts"] == 1
    assert Assessment.objects.count() == 3
    assert staged_imports.stalled(now=NOW + 10 * STALL) == []


def test_a_chunk_that_keeps_clashing_fails_the_run_and_saves_nothing(confirmed, monkeypatch):
    def clash(*args):
        raise IntegrityError("assessment_one_latest")

    monkeypatch.setattr(import_services, "save_rows", clash)
    with pytest.raises(IntegrityError):
        staged_imports.run_import(confirmed, clock=Clock())
    assert progress() == {"state": "importing", "rows_done": 0, "rows_total": 3, "attempts": 1}
    assert not Assessment.objects.exists()


def test_an_import_tried_too_often_fails_and_says_so(confirmed):
    StagedImport.objects.update(attempts=staged_imports.MAX_ATTEMPTS)
    staged_imports.run_import(confirmed, clock=Clock())
    found = StagedImport.objects.values("state", "message", "sheet", "owners").get()
    assert found == {
        "state": "failed",
        "message": "The import was tried too many times.",
        "sheet": {},
        "owners": None,
    }
    assert not Assessment.objects.exists()


def test_sweeping_keeps_running_imports_and_recent_results(confirmed):
    staged_imports.run_import(confirmed, clock=Clock())
    day = dt.timedelta(seconds=staged_imports.FINISHED_SECONDS)
    assert staged_imports.sweep(now=NOW + day) == 0
    assert staged_imports.sweep(now=NOW + day + dt.timedelta(seconds=1)) == 1
    assert not StagedImport.objects.exists()


def test_sweeping_never_deletes_an_import_being_saved(confirmed):
    assert staged_imports.sweep(now=NOW + dt.timedelta(days=30)) == 0
    assert progress()["state"] == "importing"
