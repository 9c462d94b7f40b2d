"""Helpers for the API tests: tokens as request headers, teams, and datetimes as the API
writes them."""

import datetime as dt

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from assessments import tokens
from assessments.models import Team
from tests.factories import MembershipFactory, TeamFactory

API = "/api/v1"


def bearer(user, **options) -> dict[str, str]:
    """Request headers with a new API token of ``user``."""
    new = tokens.create_token(user, options.pop("name", "Tests"), now=timezone.now(), **options)
    return {"Authorization": f"Bearer {new.plaintext}"}


def iso(value: dt.datetime | dt.date | None) -> str | None:
    """A datetime as the API's JSON has it (milliseconds, ``Z`` for UTC)."""
    return None if value is None else DjangoJSONEncoder().default(value)


def team(slug: str, *, managers=(), members=()) -> Team:
    """A team named after its slug, with these managers and members."""
    created = TeamFactory(name=slug.replace("-", " ").title(), slug=slug)
    for user in managers:
        MembershipFactory(team=created, user=user, manager=True)
    for user in members:
        MembershipFactory(team=created, user=user)
    return created
