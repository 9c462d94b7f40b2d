"""Reads of share links: the one a visitor's token opens, and an assessment's live one."""

from datetime import datetime

from django.db.models import QuerySet

from assessments.models import ShareLink
from assessments.tokens import hash_token

MAX_TOKEN_LENGTH = 64


def live_links(now: datetime) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(revoked_at__isnull=True, expires_at__gt=now)


def opened_by(token: str, now: datetime) -> ShareLink | None:
    """The live link `token` opens, with its submitted assessment and owner (one query);
    None for any other token, whether unknown, revoked or expired."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        live_links(now)
        .filter(key_hash=hash_token(token), assessment__status="submitted")
        .select_related("assessment__owner")
        .first()
    )


def live_link_of(assessment_id: int, now: datetime) -> ShareLink | None:
    """The assessment's live link, if it has one (one query)."""
    return live_links(now).filter(assessment_id=assessment_id).first()
