"""Validators for free text people type: one line, no control characters."""

import re

from django.core.exceptions import ValidationError

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The same rule for the API's schema (a regular expression the whole value must match).
NO_CONTROL_CHARACTERS_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"


def no_control_characters(value: str) -> None:
    """Refuse invisible control characters (tabs, line breaks, escapes, NUL...).

    They have no place in a one-line note or a name, and some of them break exports.
    """
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            "Remove the invisible control characters (such as tabs or line breaks) from this text.",
            code="control_characters",
        )
