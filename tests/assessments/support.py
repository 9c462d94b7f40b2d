"""Submitting assessments in tests the way the app does: through its own services."""

import datetime as dt
from collections.abc import Mapping

from assessments.models import Assessment
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import save_draft, start_assessment, submit_assessment

SUBMITTED = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.UTC)
"""When ``submitted`` submits unless told otherwise."""


def submitted(
    owner,
    levels: Mapping[str, int],
    *,
    when: dt.datetime = SUBMITTED,
    evidence: Mapping[str, str] | None = None,
    interests: Mapping[str, bool] | None = None,
    settings: Mapping[str, object] | None = None,
) -> Assessment:
    """Rate and submit an assessment of ``owner`` as the form does: their draft (started if
    there is none) gets the ratings, then is scored against the catalogue in the database
    and stored."""
    draft, _created = start_assessment(owner)
    save_draft(
        draft,
        levels=levels,
        evidence=evidence or {},
        interests=interests or {},
        settings=settings,
    )
    return submit_assessment(draft, catalogue_snapshot(), when)
