"""Checked sheets waiting between a team import's preview and its confirm, as database rows.

A row is named by a random token that only the preview page's URL carries, and is found
only for the team and the manager it was uploaded by: another person, another team, or
an hour's wait finds nothing. Confirming claims the row with one conditional update
(``claimed_at`` from empty to now), so of two confirms (a double click, a second tab,
two hosts) exactly one gets the sheet; the row is deleted once imported or cancelled,
and every upload deletes rows older than an hour.

Keeping the rows in the session instead would put up to a megabyte into every request of
the manager's while a preview waits; the database is shared by every worker and host.
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet

from assessments.domain import sheet_files
from assessments.domain.sheets import Sheet
from assessments.models import StagedImport, Team

STAGED_SECONDS = 60 * 60
"""How long a preview can be confirmed."""


@dataclass(frozen=True)
class Staged:
    sheet: Sheet
    filename: str
    token: str


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


def load(token: str, team: Team, user, *, now: datetime) -> Staged | None:
    """The staged sheet behind `token`, if `user` uploaded it for `team`, it has not
    expired and no confirm has claimed it; None otherwise."""
    found = _waiting(token, team, user, now).values("sheet", "filename").first()
    return _staged(found, token)


def claim(token: str, team: Team, user, *, now: datetime) -> Staged | None:
    """The staged sheet, taken so that no other request can import it (None if gone).

    The update succeeds for one request only, whichever host it runs on.
    """
    if _waiting(token, team, user, now).update(claimed_at=now) != 1:
        return None
    found = StagedImport.objects.filter(token=token).values("sheet", "filename").first()
    return _staged(found, token)


def release(token: str) -> None:
    """Give a claimed sheet back, to be confirmed again (nothing of it was saved)."""
    StagedImport.objects.filter(token=token).update(claimed_at=None)


def discard(token: str) -> None:
    """Delete a staged sheet: imported, cancelled, or no longer importable."""
    StagedImport.objects.filter(token=token).delete()


def cancel(token: str, team: Team, user, *, now: datetime) -> None:
    """Delete the staged sheet behind `token` if `user` could still confirm it into `team`."""
    _waiting(token, team, user, now).delete()


def sweep(*, now: datetime) -> None:
    """Delete staged sheets older than STAGED_SECONDS: previews nobody confirmed."""
    StagedImport.objects.filter(created_at__lt=_oldest(now)).delete()


def _waiting(token: str, team: Team, user, now: datetime) -> QuerySet[StagedImport]:
    return StagedImport.objects.filter(
        token=token,
        team=team,
        uploaded_by=user,
        claimed_at__isnull=True,
        created_at__gte=_oldest(now),
    )


def _oldest(now: datetime) -> datetime:
    return now - timedelta(seconds=STAGED_SECONDS)


def _staged(found: Mapping[str, Any] | None, token: str) -> Staged | None:
    if found is None:
        return None
    try:
        sheet = sheet_files.from_plain(found["sheet"])
    except ValueError:
        discard(token)  # not a sheet that could ever be imported
        return None
    return Staged(sheet, found["filename"], token)
