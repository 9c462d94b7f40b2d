"""What every page's layout needs: the addresses of its navigation.

The layout links to the same dozen pages on every response; reversing them each time was a
measurable share of a cached page's cost (docs/performance.md), so each URL configuration
and script prefix reverses them once.
"""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

NAVIGATION = {
    "home": "careers:home",
    "ecosystem": "careers:ecosystem",
    "catalogue": "careers:catalogue",
    "roles": "careers:roles",
    "dashboard": "assessments:dashboard",
    "history": "assessments:history",
    "teams": "assessments:teams",
    "account": "account",
    "admin": "admin:index",
    "login": "login",
    "logout": "logout",
    "signup": "signup",
}


@cache
def _navigation(urlconf, prefix: str) -> dict[str, str]:
    # The prefix is part of the cache key only: reverse() reads the current one itself.
    return {name: reverse(view, urlconf=urlconf) for name, view in NAVIGATION.items()}


def navigation(request) -> dict:
    return {"nav": _navigation(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())}
