"""Parts of pages built from the catalogue, kept in the cache while the catalogue holds.

A part's key names the catalogue version (careers.versioning) and everything else it was
built from, so a change made through the app shows at once. CATALOGUE_CACHE_SECONDS
bounds how long a part is kept; 0 turns this cache off, and every part is built afresh.
Parts must not depend on the request: no CSRF token, no CSP nonce, nothing of the user.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache

from careers.versioning import catalogue_version


def enabled() -> bool:
    return settings.CATALOGUE_CACHE_SECONDS > 0


def cached[T](name: str, parts: Iterable[object], build: Callable[[], T]) -> T:
    """`build()`, or what it returned last time for the same name, parts and catalogue."""
    if not enabled():
        return build()
    seconds = settings.CATALOGUE_CACHE_SECONDS
    key = ":".join(["part", name, catalogue_version(), *(str(part) for part in parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value
