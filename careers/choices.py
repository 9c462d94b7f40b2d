"""The catalogue's fixed vocabularies, each defined once: the rating scale, requirement
weights, role stages and focus, resource and transition kinds, where a fact comes from,
countries with their currencies, and experience levels.

Plain Python, so the pure rules (assessments.domain) can read them too. Each vocabulary is an
enum whose members carry their name on screen (``label``); the class answers ``choices``,
``values`` and ``labels`` as Django's choices do, so models pass ``Level.choices`` to a field.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import EnumMeta, IntEnum, StrEnum
from types import MappingProxyType
from typing import Any, Final, Self


def _members(vocabulary: EnumMeta) -> list[Any]:
    members: list[Any] = list(vocabulary.__members__.values())
    return members


class _Vocabulary(EnumMeta):
    """What a model field and a template need from a vocabulary, read off the class."""

    @property
    def choices(cls) -> list[tuple[Any, str]]:
        return [(member.value, member.label) for member in _members(cls)]

    @property
    def values(cls) -> list[Any]:
        return [member.value for member in _members(cls)]

    @property
    def labels(cls) -> list[str]:
        return [member.label for member in _members(cls)]

    @property
    def do_not_call_in_templates(cls) -> bool:
        # A template reads `Level.NONE` off the class; calling the class would fail.
        return True


class NumberChoice(IntEnum, metaclass=_Vocabulary):
    """A whole-number vocabulary whose members are written ``NAME = value, "Label"``."""

    _value_: int
    label: str

    def __new__(cls, value: int, label: str = "") -> Self:
        member = int.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class TextChoice(StrEnum, metaclass=_Vocabulary):
    """A text vocabulary whose members are written ``NAME = "value", "Label"``."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


# --- The rating scale ---------------------------------------------------------------------


class Level(NumberChoice):
    """The rating scale shared by ratings (0 to 5) and requirements (1 to 5)."""

    NONE = 0, "No exposure"
    AWARE = 1, "Aware"
    WORKING = 2, "Working"
    PROFICIENT = 3, "Proficient"
    ADVANCED = 4, "Advanced"
    EXPERT = 5, "Expert"


MIN_LEVEL: Final = int(min(Level))
MAX_LEVEL: Final = int(max(Level))
RATING_LEVELS: Final = range(MIN_LEVEL, MAX_LEVEL + 1)
"""A rating may be any level of the scale, 0 to 5."""
REQUIRED_LEVELS: Final = range(Level.AWARE, MAX_LEVEL + 1)
"""A role requires a level from 1 to 5, and a level anchor describes one of those."""
REQUIRED_LEVEL_CHOICES: Final = [(value, label) for value, label in Level.choices if value > 0]


class Weight(NumberChoice):
    """How much a requirement matters for its role."""

    USEFUL = 1, "Useful"
    IMPORTANT = 2, "Important"
    ESSENTIAL = 3, "Essential"


WEIGHTS: Final = range(int(min(Weight)), int(max(Weight)) + 1)


# --- Roles --------------------------------------------------------------------------------


class Stage(TextChoice):
    """A role's seniority, from the first stage to the last; every stage but the first leads."""

    SPECIALIST = "specialist", "Specialist"
    MANAGER = "manager", "Manager"
    DIRECTOR = "director", "Director"
    EXECUTIVE = "executive", "Executive"


STAGES: Final[tuple[str, ...]] = tuple(stage.value for stage in Stage)


class Focus(TextChoice):
    TACTICAL = "tactical", "Tactical: the how"
    STRATEGIC = "strategic", "Strategic: the why and the what"


class TransitionKind(TextChoice):
    PROMOTION = "promotion", "Step up"
    SIDEWAYS = "sideways", "Sideways move"


class Basis(TextChoice):
    """Where a catalogue fact comes from: the source documents the catalogue is built on,
    or T-Profile's own editorial judgement."""

    SOURCE = "source", "From the source"
    EDITORIAL = "editorial", "Editorial"


class ResourceKind(TextChoice):
    COURSE = "course", "Course"
    BOOK = "book", "Book"
    GUIDE = "guide", "Guide"
    VIDEO = "video", "Video"
    PRACTICE = "practice", "Practice"
    TOOL = "tool", "Tool"


# --- Salaries -----------------------------------------------------------------------------


class Country(TextChoice):
    """The countries salary bands are given for, in the order pages list them."""

    US = "US", "United States"
    CA = "CA", "Canada"
    GB = "GB", "United Kingdom"
    AU = "AU", "Australia"


CURRENCY_BY_COUNTRY: Final[Mapping[str, str]] = MappingProxyType(
    {"US": "USD", "CA": "CAD", "GB": "GBP", "AU": "AUD"}
)
CURRENCY_SYMBOL: Final[Mapping[str, str]] = MappingProxyType(
    {"USD": "$", "CAD": "$", "GBP": "£", "AUD": "$"}
)
SALARY_RANGE: Final = range(1_000, 5_000_001)
"""A yearly salary figure, in whole units of its currency (all four currencies are dollars or
pounds): below 1,000 or above 5,000,000 is a slip of the keyboard, not a salary."""


class ExperienceLevel(TextChoice):
    """Experience levels of salary bands, from the first to the most senior."""

    ENTRY = "entry", "Entry level"
    MID = "mid", "Mid level"
    SENIOR = "senior", "Senior level"
    EXECUTIVE = "executive", "Executive level"


def position(vocabulary: type[TextChoice] | type[NumberChoice], value: object) -> int:
    """Where `value` comes in its vocabulary's order (for sorting), after every known value
    if it is not one of them."""
    values = vocabulary.values
    return values.index(value) if value in values else len(values)
