"""The API's rate limit: ``API_RATE_LIMIT`` calls (300 a minute) per caller in any period of
that length, counted exactly whatever runs in parallel.

A caller is the token a call authenticated with (each token its own allowance, as a person
with two scripts gives each a token), else the signed-in person, else the address (the
connection's own, or the one a trusted proxy appended). Each caller's calls of the last
period are kept in one database row, locked while a call is counted: two calls at the same
moment, on one worker or on several, are counted one after the other, so no period ever
lets more than the limit through. The database, not the cache: the count then holds with
or without Redis, and is the same for every worker.
"""

import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.throttling import BaseThrottle

from assessments.lockout import client_address
from assessments.models import ApiAllowance

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"300/m"`` → 300 calls in 60 seconds (``s``, ``m``, ``h`` or ``d``)."""
    count, _, period = rate.partition("/")
    try:
        return int(count), PERIODS[period.strip()[:1]]
    except (KeyError, ValueError) as error:
        raise ValueError(f"A rate is calls/period such as 300/m, not {rate!r}.") from error


def admit(
    calls: list[float], now: float, limit: int, period: float
) -> tuple[list[float], float | None]:
    """The calls still within the period, with this one added if it is allowed; and None,
    or the seconds until the oldest call that keeps it out leaves the period."""
    recent = [moment for moment in calls if moment > now - period]
    if len(recent) >= limit:
        return recent, recent[len(recent) - limit] + period - now
    return [*recent, now], None


def caller_of(request: HttpRequest) -> str:
    token = getattr(request, "api_token", None)
    if token is not None:
        return f"token:{token.pk}"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{client_address(request)}"


def take(caller: str, *, limit: int, period: int, now: datetime) -> float | None:
    """Count one call of ``caller``: None if it is allowed, else the seconds to wait."""
    with transaction.atomic():
        allowance = _locked(caller, now=now, period=period)
        calls, wait = admit(allowance.calls, now.timestamp(), limit, period)
        if wait is None:
            allowance.calls, allowance.last_call = calls, now
            allowance.save(update_fields=["calls", "last_call"])
        return wait


def _locked(caller: str, *, now: datetime, period: int) -> ApiAllowance:
    """The caller's row, locked until the transaction ends. A new caller's row is created
    (by whichever of two parallel first calls comes first), and the rows of callers idle
    for a whole period go: they count nothing any more."""
    allowance = ApiAllowance.objects.select_for_update().filter(caller=caller).first()
    if allowance is not None:
        return allowance
    ApiAllowance.objects.filter(last_call__lt=now - timedelta(seconds=period)).delete()
    ApiAllowance.objects.bulk_create(
        [ApiAllowance(caller=caller, calls=[], last_call=now)], ignore_conflicts=True
    )
    return ApiAllowance.objects.select_for_update().get(caller=caller)


class CallThrottle(BaseThrottle):
    """ninja's throttle hook: ``allow_request``, then ``wait`` for a refused call. One
    instance serves every thread, so the wait is kept per thread."""

    def __init__(self) -> None:
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        limit, period = parse_rate(settings.API_RATE_LIMIT)
        self._local.wait = take(caller_of(request), limit=limit, period=period, now=timezone.now())
        return self._local.wait is None

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)
