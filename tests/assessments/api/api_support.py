"""Helpers for the API tests: tokens as request headers, submitted assessments, teams, and
datetimes as the API writes them."""

import datetime as dt
from collections.abc import Mapping

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from assessments import tokens
from assessments.models import Assessment, Membership, Team
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import save_draft, start_assessment, submit_assessment

API = "/api/v1"
SUBMITTED = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.UTC)
"""When ``submitted`` submits unless told otherwise."""


def bearer(user, **options) -> dict[str, str]:
    """Request headers with a new API token of ``user``."""
    new = tokens.create_token(user, options.pop("name", "Tests"), now=timezone.now(), **options)
    return {"Authorization": f"Bearer {new.plaintext}"}


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """A datetime as the API's JSON has it (milliseconds, ``Z`` for UTC)."""
    return None if value is None else DjangoJSONEncoder().default(value)


def submitted(
    owner,
    levels: Mapping[str, int],
    *,
    when: dt.datetime = SUBMITTED,
    evidence: Mapping[str, str] | None = None,
    interests: Mapping[str, bool] | None = None,
    settings: Mapping[str, object] | None = None,
) -> Assessment:
    """Rate and submit an assessment through the services, as the form does."""
    draft, _created = start_assessment(owner)
    save_draft(
        draft,
        levels=levels,
        evidence=evidence or {},
        interests=interests or {},
        settings=settings,
    )
    return submit_assessment(draft, catalogue_snapshot(), when)


def team(slug: str, *, managers=(), members=()) -> Team:
    created = Team.objects.create(name=slug.replace("-", " ").title(), slug=slug)
    for user in managers:
        Membership.objects.create(team=created, user=user, role=Membership.Role.MANAGER)
    for user in members:
        Membership.objects.create(team=created, user=user, role=Membership.Role.MEMBER)
    return created
