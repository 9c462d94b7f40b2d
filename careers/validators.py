"""The catalogue's slug rule, in one place: the shipped catalogue, the admin's forms and the
CSV sheets all hold layers, disciplines, competencies and roles to it."""

import re
from typing import TypeGuard

from django.core.exceptions import ValidationError

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""Lowercase words of letters and digits joined by single hyphens: "paid-search"."""
SLUG_RULE = "lowercase words joined by hyphens"

_SLUG = re.compile(SLUG_PATTERN)


def is_slug(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _SLUG.fullmatch(value) is not None


def validate_slug(value: object) -> None:
    """Refuse a catalogue slug that breaks the rule; a model field's validator."""
    if not is_slug(value):
        raise ValidationError(
            "Enter a slug of %(rule)s, such as “paid-search”.",
            code="invalid",
            params={"rule": SLUG_RULE},
        )
