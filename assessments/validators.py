"""Validators for free text people type: one line, no control characters; and for the
names others see (usernames, team names): nothing that passes for another name."""

import re
import unicodedata

from confusable_homoglyphs import confusables
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


# Characters that reorder or hide text: bidirectional controls and zero-width marks. In a
# name, "Team\u202eevil" shows as another name than it is.
HIDDEN_CHARACTERS = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def passes_for_latin(name: str) -> bool:
    """Whether every letter of ``name`` is outside plain ASCII yet has an ASCII look-alike
    (three Cyrillic letters that read as "aca"): a name that passes for a Latin one."""
    letters = [char for char in name if char.isalpha()]
    if not letters or any(char.isascii() for char in letters):
        return False
    found = confusables.is_confusable(name, greedy=True, preferred_aliases=["latin"]) or []
    lookalikes = {
        item["character"]
        for item in found
        if any(glyph["c"].isascii() for glyph in item["homoglyphs"])
    }
    return all(char in lookalikes for char in letters)


def not_a_lookalike(value: str) -> None:
    """Refuse a name that can be mistaken for another: hidden or reordering characters,
    letters of several alphabets that look alike ("paypal" with a Cyrillic "a"), or a
    name in another alphabet made only of letters that look Latin."""
    if HIDDEN_CHARACTERS.search(value):
        raise ValidationError(
            "Remove the invisible characters (such as direction marks) from this name.",
            code="hidden_characters",
        )
    if confusables.is_dangerous(value) or passes_for_latin(value):
        raise ValidationError(
            "This name mixes letters that look alike from different alphabets, so it could "
            "pass for another name. Write it in one alphabet.",
            code="lookalike",
        )


def normal_name(value: str) -> str:
    """A name in Unicode's compatibility form (NFKC): full-width and other variant letters
    become the plain ones, so "Team" typed full-width is "Team"."""
    return unicodedata.normalize("NFKC", value)
