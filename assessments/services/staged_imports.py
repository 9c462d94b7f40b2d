"""Team imports as database rows: a checked sheet waiting between its preview and its
confirm, then imported by a task, chunk by chunk, with its progress.

An upload is kept as it came (``upload``) until a task reads and checks it (`check_upload`);
the checked rows, or the problems found, replace it. The preview page polls until then.
A row is named by a random token that only the preview page's URL carries, and is found
only for the team and the manager it was uploaded by: another person, another team, or
an hour's wait finds nothing. Confirming claims the row with one conditional update
(``claimed_at`` from empty to now), so of two confirms (a double click, a second tab,
two hosts) exactly one gets the sheet; the confirm checks the people once more, fixes
each row's person, and hands the row to a task (``assessments.tasks``).

The task (`run_import`) saves CHUNK_ROWS rows per transaction, and counts them in
``rows_done`` in that same transaction: a worker stopped mid-chunk saves nothing of the
chunk, and the task run again (`stalled` finds imports whose worker went quiet) starts at
the first row not saved. No row is ever saved twice, and an import, once begun, is
carried to its end. Rows (and their people's addresses and ratings) are dropped once
imported; the row itself, with its counts, stays for the status page until swept.

Keeping the sheet in the session instead would put up to a megabyte into every request
of the manager's while a preview waits; the database is shared by every worker and host.
"""

import io
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet

from assessments.domain import sheet_files
from assessments.domain.catalogue import Catalogue
from assessments.domain.sheets import Kind, Problem, Sheet, competency_columns
from assessments.models import StagedImport, Team
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services import imports as import_services

STAGED_SECONDS = 60 * 60
"""How long a preview can be confirmed."""
FINISHED_SECONDS = 24 * 60 * 60
"""How long an import's status (its counts, no rows) is kept once it has finished."""
STALL_SECONDS = 60
"""An import whose task has neither started nor saved a chunk for this long is handed to
a task again (its worker stopped, or the task was lost)."""
MAX_ATTEMPTS = 5
"""Task runs an import may take; one that has not finished by then fails."""
CLASHES_PER_CHUNK = 3
"""Tries of one chunk that clashes with assessments saved at the same moment."""

State = StagedImport.State


@dataclass(frozen=True)
class Staged:
    sheet: Sheet | None
    """The checked rows (state "staged"), the problems (state "refused"), or None while
    the upload waits to be checked (state "checking")."""
    filename: str
    token: str
    pk: int
    state: str = State.STAGED


def stage(sheet: Sheet, team: Team, user, filename: str, *, now: datetime) -> str:
    """Keep a sheet without problems for `user` to confirm into `team`; returns its token.

    Rows nobody confirmed in time are deleted first.
    """
    sweep(now=now)
    token = secrets.token_urlsafe(24)
    StagedImport.objects.create(
        token=token,
        team=team,
        uploaded_by=user,
        filename=filename,
        sheet=sheet_files.to_plain(sheet),
        created_at=now,
    )
    return token


def stage_upload(team: Team, user, filename: str, content: bytes, *, now: datetime) -> Staged:
    """Keep an uploaded file for a task to read and check (`check_upload`)."""
    sweep(now=now)
    token = secrets.token_urlsafe(24)
    row = StagedImport.objects.create(
        token=token,
        team=team,
        uploaded_by=user,
        filename=filename,
        upload=content,
        sheet={},
        state=State.CHECKING,
        created_at=now,
        heartbeat_at=now,
    )
    return Staged(None, filename, token, row.pk, State.CHECKING)


def check_upload(pk: int, *, clock: Callable[[], datetime]) -> None:
    """Read and check an uploaded file, and match its rows to the team; the task's work.

    The file is replaced by the checked rows (ready to confirm) or by the problems found.
    Does nothing for an upload checked already or gone, so running it twice is harmless.
    """
    checking = StagedImport.objects.filter(pk=pk, state=State.CHECKING)
    if not checking.update(attempts=F("attempts") + 1, heartbeat_at=clock()):
        return
    found = checking.values("upload", "filename", "team_id", "attempts").first()
    if found is None:
        return
    catalogue = catalogue_snapshot()
    columns = competency_columns(catalogue)
    if found["attempts"] > MAX_ATTEMPTS:
        sheet = Sheet(competencies=tuple(columns))
        sheet.add_problem(Problem(Kind.FILE, "The sheet could not be checked; upload it again."))
    else:
        content = bytes(found["upload"] or b"")
        sheet = sheet_files.read_sheet(
            found["filename"],
            io.BytesIO(content),
            len(content),
            columns,
            import_services.retired_competencies(catalogue),
        )
        import_services.check_people(sheet, Team.objects.get(pk=found["team_id"]))
    checked = (
        {"state": State.STAGED, "sheet": sheet_files.to_plain(sheet)}
        if sheet.ok
        else {"state": State.REFUSED, "sheet": sheet_files.refused_to_plain(sheet)}
    )
    checking.update(upload=None, heartbeat_at=clock(), **checked)


def load(token: str, team: Team, user, *, now: datetime) -> Staged | None:
    """The upload behind `token`, if `user` uploaded it for `team`, it has not expired and
    no confirm has claimed it, whether checked yet or not; None otherwise."""
    found = (
        _before_confirm(token, team, user, now).values("pk", "sheet", "filename", "state").first()
    )
    return _staged(found, token)


def claim(token: str, team: Team, user, *, now: datetime) -> Staged | None:
    """The staged sheet, taken so that no other request can import it (None if gone).

    The update succeeds for one request only, whichever host it runs on.
    """
    if _waiting(token, team, user, now).update(claimed_at=now) != 1:
        return None
    found = (
        StagedImport.objects.filter(token=token).values("pk", "sheet", "filename", "state").first()
    )
    return _staged(found, token)


def start(claimed: Staged, team: Team, *, catalogue: Catalogue, now: datetime) -> None:
    """Make a claimed sheet an import for a task to run: each row's person is fixed now.

    Raises ImportRefused (see `import_services.checked_owners`) if it can no longer be
    imported; the caller discards it then.
    """
    assert claimed.sheet is not None  # claimed, so checked and without problems
    owners = import_services.checked_owners(claimed.sheet, team, catalogue)
    StagedImport.objects.filter(pk=claimed.pk).update(
        state=State.IMPORTING,
        owners=owners,
        rows_total=len(owners),
        rows_done=0,
        attempts=0,
        heartbeat_at=now,
    )


def record_task(pk: int, task_id: str) -> None:
    """Note the id of the task that runs an import (for operators looking for it)."""
    StagedImport.objects.filter(pk=pk).update(task_id=task_id)


def status(token: str, team: Team, user) -> StagedImport | None:
    """The import behind `token` if `user` confirmed it for `team`, whatever its state."""
    return (
        StagedImport.objects.filter(token=token, team=team, uploaded_by=user)
        .exclude(state=State.STAGED)
        .only(
            "pk",
            "token",
            "filename",
            "state",
            "rows_total",
            "rows_done",
            "attempts",
            "heartbeat_at",
            "finished_at",
            "message",
            "team_id",
        )
        .first()
    )


def run_import(pk: int, *, clock: Callable[[], datetime]) -> None:
    """Save the rows of an import not saved yet, CHUNK_ROWS per transaction; the task's work.

    Does nothing for an import that has finished or is gone. Each chunk is saved together
    with the count of rows done, under a lock on the import's row, so two runs at once (a
    worker thought stopped that was only slow) take turns and never save a row twice. A
    chunk that clashes with an assessment saved at the same moment is tried again.
    """
    if (
        not _waiting_imports()
        .filter(pk=pk)
        .update(attempts=F("attempts") + 1, heartbeat_at=clock())
    ):
        return
    found = StagedImport.objects.values(
        "sheet", "owners", "uploaded_by_id", "attempts", "rows_total"
    ).get(pk=pk)
    if found["attempts"] > MAX_ATTEMPTS:
        _fail(pk, clock(), "The import was tried too many times.")
        return
    try:
        sheet = sheet_files.from_plain(found["sheet"])
    except ValueError:
        _fail(pk, clock(), "The sheet kept for the import could not be read.")
        return
    catalogue = catalogue_snapshot()
    ids = import_services.CatalogueIds.load(catalogue)
    owners: list[int] = found["owners"] or []
    total = found["rows_total"]
    clashes = 0
    while True:
        try:
            with transaction.atomic():
                done = (
                    _waiting_imports()
                    .select_for_update()
                    .filter(pk=pk)
                    .values_list("rows_done", flat=True)
                    .first()
                )
                if done is None:
                    return  # finished by another run, or gone
                rows = sheet.rows[done : done + import_services.CHUNK_ROWS]
                now = clock()
                import_services.save_rows(
                    rows,
                    owners[done : done + len(rows)],
                    sheet,
                    found["uploaded_by_id"],
                    catalogue,
                    ids,
                    now,
                )
                done += len(rows)
                finished = done >= total
                StagedImport.objects.filter(pk=pk).update(
                    rows_done=done,
                    heartbeat_at=now,
                    **(_finished(State.IMPORTED, now) if finished else {}),
                )
        except IntegrityError:
            clashes += 1
            if clashes >= CLASHES_PER_CHUNK:
                raise
            continue
        if finished:
            return
        clashes = 0


def stalled(*, now: datetime, pk: int | None = None) -> list[tuple[int, str]]:
    """Uploads to check and imports to run that are to be handed to a task again (of one,
    with `pk`), with their state: those whose task has not started or saved a chunk for
    STALL_SECONDS. Each is taken by one caller only (its heartbeat moves to now), so the
    pages and the periodic command never both hand it on.
    """
    running = StagedImport.objects.filter(state__in=(State.CHECKING, State.IMPORTING))
    quiet = running.filter(heartbeat_at__lt=now - timedelta(seconds=STALL_SECONDS))
    if pk is not None:
        quiet = quiet.filter(pk=pk)
    taken = []
    for candidate, state, heartbeat in quiet.values_list("pk", "state", "heartbeat_at"):
        if running.filter(pk=candidate, heartbeat_at=heartbeat).update(heartbeat_at=now):
            taken.append((candidate, state))
    return taken


def _waiting_imports() -> QuerySet[StagedImport]:
    return StagedImport.objects.filter(state=State.IMPORTING)


def _finished(state: str, now: datetime) -> dict[str, Any]:
    # The rows go: people's addresses and ratings are not kept once they are not needed.
    return {"state": state, "finished_at": now, "sheet": {}, "owners": None}


def _fail(pk: int, now: datetime, message: str) -> None:
    _waiting_imports().filter(pk=pk).update(message=message, **_finished(State.FAILED, now))


def discard(token: str) -> None:
    """Delete a staged sheet: imported, cancelled, or no longer importable."""
    StagedImport.objects.filter(token=token).delete()


def cancel(token: str, team: Team, user, *, now: datetime) -> None:
    """Delete the upload behind `token` if `user` could still confirm it into `team`."""
    _before_confirm(token, team, user, now).delete()


def sweep(*, now: datetime) -> int:
    """Delete previews nobody confirmed within STAGED_SECONDS and imports finished more
    than FINISHED_SECONDS ago; returns how many."""
    deleted, _ = StagedImport.objects.filter(
        Q(state__in=_BEFORE_CONFIRM, created_at__lt=_oldest(now))
        | Q(
            state__in=(State.IMPORTED, State.FAILED),
            finished_at__lt=now - timedelta(seconds=FINISHED_SECONDS),
        )
    ).delete()
    return deleted


_BEFORE_CONFIRM = (State.CHECKING, State.REFUSED, State.STAGED)


def _before_confirm(token: str, team: Team, user, now: datetime) -> QuerySet[StagedImport]:
    return StagedImport.objects.filter(
        token=token,
        team=team,
        uploaded_by=user,
        state__in=_BEFORE_CONFIRM,
        claimed_at__isnull=True,
        created_at__gte=_oldest(now),
    )


def _waiting(token: str, team: Team, user, now: datetime) -> QuerySet[StagedImport]:
    return _before_confirm(token, team, user, now).filter(state=State.STAGED)


def _oldest(now: datetime) -> datetime:
    return now - timedelta(seconds=STAGED_SECONDS)


def _staged(found: Mapping[str, Any] | None, token: str) -> Staged | None:
    if found is None:
        return None
    state = found["state"]
    try:
        sheet = (
            None
            if state == State.CHECKING
            else sheet_files.refused_from_plain(found["sheet"])
            if state == State.REFUSED
            else sheet_files.from_plain(found["sheet"])
        )
    except ValueError:
        discard(token)  # not a sheet that could ever be shown or imported
        return None
    return Staged(sheet, found["filename"], token, found["pk"], state)
