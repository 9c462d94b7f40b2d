"""A version stamp for the catalogue, so readers can cache what they build from it.

Every save or delete of a catalogue row gives the catalogue a new version (in the shared
cache, so with Redis every worker sees it at once). Readers keep their copy while the
version holds, and for CATALOGUE_CACHE_SECONDS at most, which bounds staleness if a
change ever bypasses the signals (a raw SQL update, say).
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "catalogue:version"


def catalogue_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_catalogue_version(**_kwargs) -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def connect(models) -> None:
    for model in models:
        post_save.connect(bump_catalogue_version, sender=model, dispatch_uid=f"bump-{model}")
        post_delete.connect(bump_catalogue_version, sender=model, dispatch_uid=f"bump-d-{model}")
