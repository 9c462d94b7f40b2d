"""Personal API tokens: create one (its text is shown once), revoke it, and check one that
arrives with a request.

A token is ``tp_`` followed by 43 URL-safe characters from ``secrets`` (256 random bits).
Only its SHA-256 digest is stored. A password needs a slow, salted hash because people pick
guessable ones; a token with 256 random bits cannot be guessed, so a fast digest is as safe
to keep and lets each request find its token with one indexed lookup. The first characters
(``prefix``) are kept in clear so a person can tell their tokens apart on the account page.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from assessments.models import ApiToken

TOKEN_PREFIX = "tp_"  # noqa: S105 (a marker, not a secret)
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
MAX_DAYS = 365
"""The longest expiry one can ask for; a token may also never expire."""
LAST_USED_EVERY = timedelta(minutes=1)
"""``last_used_at`` is written at most this often per token, not on every request."""
RECENT_LOGIN_MINUTES = 10
"""A session that logged in this recently may create a token without the password again."""
LOGGED_IN_AT = "logged_in_at"


class TokenRefused(Exception):
    """The token is unknown, revoked or expired, or its owner can no longer log in."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    plaintext: str
    """The token's text: shown once, never stored."""


@transaction.atomic
def create_token(user, name: str, *, now: datetime, days: int | None = None) -> NewToken:
    """A new token for ``user``, valid for ``days`` days (1 to ``MAX_DAYS``) or until revoked."""
    name = name.strip()
    if not name:
        raise ValueError("A token needs a name.")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ValueError(f"A token lasts from 1 to {MAX_DAYS} days, or until it is revoked.")
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[: ApiToken._meta.get_field("name").max_length],
        prefix=plaintext[:PREFIX_LENGTH],
        key_hash=hash_token(plaintext),
        created_at=now,
        expires_at=now + timedelta(days=days) if days is not None else None,
    )
    return NewToken(token, plaintext)


def revoke_token(token: ApiToken, *, now: datetime) -> bool:
    """Revoke a token from now on; False if it was revoked already (nothing changes)."""
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    if changed:
        token.revoked_at = now
    return bool(changed)


def revoke_all(user, *, now: datetime) -> int:
    """Revoke every token of ``user`` not revoked yet; how many were."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)


class TokensEndWithThePassword:
    """Listed with the password validators, though it refuses no password: Django calls
    each validator's ``password_changed`` whenever a password is set and saved (the password
    change and reset pages, the admin, ``manage.py changepassword``), and only then (not when
    a login re-hashes the same password). A new password revokes the person's API tokens: a
    token must not outlive the password that was trusted when it was made."""

    def validate(self, password, user=None) -> None:
        return None

    def get_help_text(self) -> str:
        return "Setting a new password ends any API tokens made before it."

    def password_changed(self, password, user=None) -> None:
        if user is not None and user.pk is not None:
            revoke_all(user, now=timezone.now())


def note_login(sender, request, user, **kwargs) -> None:
    """On ``user_logged_in``: when this session logged in (a password, or a sign-up)."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = timezone.now().timestamp()


def logged_in_recently(session, *, now: datetime) -> bool:
    moment = session.get(LOGGED_IN_AT)
    return moment is not None and 0 <= now.timestamp() - moment <= RECENT_LOGIN_MINUTES * 60


def tokens_for(user) -> list[ApiToken]:
    """The user's tokens, newest first, revoked ones included (they show as revoked)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-pk"))


def status_of(token: ApiToken, now: datetime) -> str:
    """``active``, ``expired`` or ``revoked``."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"


def authenticate(plaintext: str, *, now: datetime) -> ApiToken:
    """The usable token with this text (its ``user`` loaded), noting when it was used.

    Raises ``TokenRefused`` with a reason a client can act on.
    """
    if not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > 200:
        raise TokenRefused("The API token is not valid.")
    try:
        token = ApiToken.objects.select_related("user").get(key_hash=hash_token(plaintext))
    except ApiToken.DoesNotExist as error:
        raise TokenRefused("The API token is not valid.") from error
    status = status_of(token, now)
    if status == "revoked":
        raise TokenRefused("The API token has been revoked.")
    if status == "expired":
        raise TokenRefused("The API token has expired.")
    if not token.user.is_active:
        raise TokenRefused("The API token's account is disabled.")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        # Conditional, so concurrent requests with the same token write once between them.
        ApiToken.objects.filter(pk=token.pk).exclude(last_used_at__gt=now - LAST_USED_EVERY).update(
            last_used_at=now
        )
        token.last_used_at = now
    return token
