"""Whether an invite code still lets people in: codes last a fixed time from their issue,
and a code a manager replaced never works again."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""Lowercase letters and digits with no look-alikes: no 0 or o, no 1, l or i."""
CODE_LENGTH = 14
"""14 characters of 31: about 69 bits, as hard to guess as the codes made before."""


def new_invite_code() -> str:
    """A code a person can read aloud or copy by hand without mistaking a character."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


INVITE_LIFETIME = timedelta(days=30)
"""A code works for 30 days from its issue; a manager issues a new one at any time."""


class InviteState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class InviteStatus:
    state: InviteState
    expires_at: datetime
    """When the code stops (or stopped) working; for a replaced code, when it was replaced."""

    @property
    def valid(self) -> bool:
        return self.state is InviteState.VALID


def invite_status(
    issued_at: datetime,
    now: datetime,
    *,
    replaced_at: datetime | None = None,
    lifetime: timedelta = INVITE_LIFETIME,
) -> InviteStatus:
    """A code issued at `issued_at` works until `issued_at + lifetime`, the moment itself
    excluded. A code a manager replaced (at `replaced_at`) is called replaced, even if it
    had expired before: a newer code exists, which is what its holder needs to know."""
    if replaced_at is not None:
        return InviteStatus(InviteState.REPLACED, replaced_at)
    expires_at = issued_at + lifetime
    if now >= expires_at:
        return InviteStatus(InviteState.EXPIRED, expires_at)
    return InviteStatus(InviteState.VALID, expires_at)
