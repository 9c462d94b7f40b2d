"""What every page's layout needs: the addresses of its navigation and of its assets.

The layout links to the same dozen pages and five static files on every response; reversing
the pages and looking up each file's hashed name each time was a measurable share of a
cached page's cost (docs/performance.md), so each URL configuration and script prefix
reverses the pages once, and each static files set-up looks the files up once.
"""

from functools import cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

NAVIGATION = {
    "home": "careers:home",
    "ecosystem": "careers:ecosystem",
    "catalogue": "careers:catalogue",
    "roles": "careers:roles",
    "salaries": "careers:salaries",
    "dashboard": "assessments:dashboard",
    "history": "assessments:history",
    "teams": "assessments:teams",
    "account": "account",
    "admin": "admin:index",
    "login": "login",
    "logout": "logout",
    "signup": "signup",
}

ASSETS = {
    "bootstrap_css": "bootstrap/css/bootstrap.min.css",
    "app_css": "css/app.css",
    "favicon": "img/favicon.svg",
    "app_js": "js/app.js",
    # What django-htmx's {% htmx_script %} links to, looked up here with the rest.
    "htmx_js": "django_htmx/htmx-2.min.js",
}


@cache
def _navigation(urlconf, prefix: str) -> dict[str, str]:
    # The prefix is part of the cache key only: reverse() reads the current one itself.
    return {name: reverse(view, urlconf=urlconf) for name, view in NAVIGATION.items()}


@cache
def _assets(static_url: str, storage: str) -> dict[str, str]:
    # Both are part of the cache key only: static() asks the current storage itself.
    return {name: static(path) for name, path in ASSETS.items()}


def navigation(request) -> dict:
    return {
        "nav": _navigation(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()),
        "assets": _assets(settings.STATIC_URL, settings.STORAGES["staticfiles"]["BACKEND"]),
    }
