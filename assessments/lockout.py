"""Failed logins pause logging in without locking out the innocent.

Three pauses, each counted over the last ``AXES_COOLOFF_TIME`` in django-axes' table (one
row per account name, address and browser, so every worker sees the same count):

- ``here``: an account from one address, after ``AXES_FAILURE_LIMIT`` failures (5). The
  account's owner still logs in from anywhere else, and colleagues behind the same address
  log in as usual.
- ``account``: an account from any address, after ``LOGIN_ACCOUNT_FAILURE_LIMIT`` (20):
  guessing spread over many addresses.
- ``address``: one address for every account, after ``LOGIN_ADDRESS_FAILURE_LIMIT`` (100):
  one client trying many accounts. High, so an office behind one address is not paused by
  a few people mistyping.

An attempt refused by a pause is not counted (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_
LOCKOUT`` off), so a right password typed during one never counts as a failure nor makes
it longer. A successful login forgets its own account's failures only: logging in to one's
own account must not reset the count of an address trying others. A new password forgets
the account's failures (the owner proved who they are through the e-mail or the old
password), and a curator can forget any in the admin.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

Failure = tuple[datetime, int]
"""One row of failures: when the latest was, and how many."""


@dataclass(frozen=True)
class Pause:
    kind: str
    """``here`` (this account from this address), ``account`` or ``address``."""
    limit: int
    lifts_at: datetime


def client_address(request: HttpRequest) -> str:
    """The address failed logins are counted under: the connection's own, or behind a proxy
    (``DJANGO_BEHIND_PROXY``, the API throttle's ``NINJA_NUM_PROXIES``) the last one the
    proxy appended to ``X-Forwarded-For``, never one the caller wrote there itself."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not settings.NINJA_NUM_PROXIES or not forwarded.strip():
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    return hops[-min(settings.NINJA_NUM_PROXIES, len(hops))][:45] or remote


def by_client(group: str, request: HttpRequest) -> str:
    """A django-ratelimit key: the client's address, as failed logins count it."""
    return client_address(request)


def limits() -> dict[str, int]:
    return {
        "here": settings.AXES_FAILURE_LIMIT,
        "account": settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
        "address": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
    }


def lifts_at(failures: list[Failure], limit: int, cool_off: timedelta) -> datetime | None:
    """When a pause over these failures lifts, or None if they do not reach ``limit``.

    A row counts until ``cool_off`` after its latest failure. Going from the newest row
    back, the row at which the total reaches the limit is the one whose expiry brings it
    back under.
    """
    total = 0
    for latest, count in sorted(failures, reverse=True):
        total += count
        if total >= limit:
            return latest + cool_off
    return None


class LoginPauseHandler(AxesDatabaseHandler):
    """django-axes' database handler with the three pauses above in place of its one limit."""

    def recent_failures(self, request, credentials=None) -> dict[str, list[Failure]]:
        """The failures still counting, for each pause this attempt could meet."""
        username = get_client_username(request, credentials)
        address = request.axes_ip_address
        rows = AccessAttempt.objects.filter(
            Q(username=username) | Q(ip_address=address),
            attempt_time__gte=get_cool_off_threshold(request),
        ).values_list("username", "ip_address", "attempt_time", "failures_since_start")
        found: dict[str, list[Failure]] = {"here": [], "account": [], "address": []}
        for name, ip, latest, count in rows:
            if name == username:
                found["account"].append((latest, count))
                if ip == address:
                    found["here"].append((latest, count))
            if ip == address:
                found["address"].append((latest, count))
        return found

    def pauses(self, request, credentials=None) -> list[Pause]:
        """The pauses holding for this attempt, the longest first."""
        cool_off = get_cool_off(request) or timedelta(0)
        held = []
        for kind, failures in self.recent_failures(request, credentials).items():
            limit = limits()[kind]
            until = lifts_at(failures, limit, cool_off)
            if until is not None:
                held.append(Pause(kind, limit, until))
        return sorted(held, key=lambda pause: pause.lifts_at, reverse=True)

    def get_failures(self, request, credentials=None) -> int:
        """Axes locks when this reaches ``AXES_FAILURE_LIMIT``: each pause's count is given
        in that unit (count × AXES_FAILURE_LIMIT ÷ its own limit, rounded down), so the
        comparison holds exactly when one of the pauses is reached."""
        unit = settings.AXES_FAILURE_LIMIT
        return max(
            (
                sum(count for _latest, count in failures) * unit // limits()[kind]
                for kind, failures in self.recent_failures(request, credentials).items()
            ),
            default=0,
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login: that account's failures only, from every address."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def forget_account(username: str) -> int:
    """Forget an account's failed logins (under the name they are counted by); how many
    rows went."""
    count, _ = AccessAttempt.objects.filter(username=username.lower()).delete()
    return count


class PauseEndsWithThePassword:
    """Listed with the password validators, though it refuses no password (as
    ``assessments.tokens.TokensEndWithThePassword``): a new password, set through a reset
    e-mail, the password change page or the admin, lifts the account's pause."""

    def validate(self, password, user=None) -> None:
        return None

    def get_help_text(self) -> str:
        return "A new password also lifts any pause on logging in after failed attempts."

    def password_changed(self, password, user=None) -> None:
        if user is not None and user.pk is not None:
            forget_account(user.get_username())


def paused(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The answer to a paused login (``AXES_LOCKOUT_CALLABLE``): which pause holds, for how
    long, and what to do; a 429 with ``Retry-After``."""
    from axes.handlers.proxy import AxesProxyHandler

    handler = AxesProxyHandler.get_implementation()
    held = handler.pauses(request, credentials) if isinstance(handler, LoginPauseHandler) else []
    cool_off = get_cool_off(request) or timedelta(0)
    if held:
        pause = held[0]
        seconds = max(0, ceil((pause.lifts_at - timezone.now()).total_seconds()))
    else:
        pause = Pause("here", settings.AXES_FAILURE_LIMIT, timezone.now() + cool_off)
        seconds = int(cool_off.total_seconds())
    minutes = max(1, ceil(seconds / 60))
    response = render(
        request,
        "registration/locked_out.html",
        {"pause": pause, "minutes": minutes, "kinds": {p.kind for p in held}},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
