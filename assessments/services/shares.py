"""Share links of a submitted profile: make one (its address is shown once), revoke it.

A link's token is 43 URL-safe characters from ``secrets`` (256 random bits); only its
SHA-256 digest is stored, as for API tokens (assessments.tokens), so a copy of the
database opens no profile, and a visit finds its link by one indexed lookup of the digest
rather than by comparing tokens. An assessment has at most one live link: a new one
replaces the one before.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from assessments.domain import sharing
from assessments.models import Assessment, ShareLink
from assessments.tokens import hash_token


class NotShareable(ValueError):
    """Only a submitted assessment can be shared."""


@dataclass(frozen=True)
class NewShare:
    link: ShareLink
    token: str
    """The link's token: shown once, never stored."""


@transaction.atomic
def create_share(
    assessment: Assessment, include: sharing.Include, *, days: int, now: datetime
) -> NewShare:
    """A new link to `assessment` for `days` days (domain.sharing.EXPIRY_DAYS), showing
    what `include` ticks; the live link before it, if any, stops working."""
    if assessment.is_draft:
        raise NotShareable("Only a submitted assessment can be shared.")
    expires = sharing.expires_at(now, days)
    revoke_shares(assessment, now=now)
    token = secrets.token_urlsafe(32)
    link = ShareLink.objects.create(
        assessment=assessment,
        key_hash=hash_token(token),
        show_name=include.name,
        show_evidence=include.evidence,
        show_roles=include.roles,
        created_at=now,
        expires_at=expires,
    )
    return NewShare(link, token)


def revoke_shares(assessment: Assessment, *, now: datetime) -> int:
    """Every link to `assessment` not revoked yet stops working; how many there were."""
    return ShareLink.objects.filter(assessment=assessment, revoked_at__isnull=True).update(
        revoked_at=now
    )
