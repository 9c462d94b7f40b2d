"""The JSON scoring input: ``{"ratings": {...}, "quick_ratings": {...}, "interests": [...],
"target_role": "..."}``.

Every reader of a scoring input (``manage.py score``, ``POST /api/v1/score``) decodes and
checks it here, so both refuse the same input with the same reasons.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from assessments.domain.catalogue import Catalogue
from assessments.domain.thresholds import THRESHOLDS


class ScoringInputError(ValueError):
    """The input names something the catalogue does not have, or a level out of range."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True, slots=True)
class ScoringInput:
    ratings: Mapping[str, int]
    interests: tuple[str, ...] = ()
    target_role: str | None = None
    quick: Mapping[str, int] = MappingProxyType({})
    """Quick ratings: a level for a whole discipline (domain.quick_ratings)."""


INPUT_KEYS = ("ratings", "quick_ratings", "interests", "target_role")


def still_offered(
    catalogue: Catalogue,
    ratings: Mapping[str, int],
    interests: Iterable[str],
    target_role: str | None,
    quick: Mapping[str, int] = MappingProxyType({}),
) -> ScoringInput:
    """What of a saved assessment the catalogue still offers, to score it now: the ratings
    of its competencies, the interests and quick ratings among its disciplines, the target
    while it is one of its roles. Entries retired since the assessment was saved are left
    out, not refused."""
    disciplines = catalogue.discipline_by_slug
    return ScoringInput(
        {slug: level for slug, level in ratings.items() if slug in catalogue.competency_by_slug},
        tuple(slug for slug in interests if slug in disciplines),
        target_role if target_role in catalogue.role_by_slug else None,
        {slug: level for slug, level in quick.items() if slug in disciplines},
    )


def parse_input(data: object, catalogue: Catalogue) -> ScoringInput:
    """Check decoded JSON of the form ``{"ratings": {...}, "quick_ratings": {...},
    "interests": [...], "target_role": "..."}`` (only ``ratings`` required) and return it as
    a ScoringInput.

    Raises ScoringInputError listing every problem found.
    """
    data = require_object(data)
    problems = [f"unknown key {key!r}" for key in data if key not in INPUT_KEYS]
    ratings = data.get("ratings")
    if ratings is None:
        problems.append('"ratings" is required: an object of competency slug to level')
        ratings = {}
    elif not isinstance(ratings, dict):
        problems.append(f'"ratings" must be an object, not {_json_type(ratings)}')
        ratings = {}
    quick = data.get("quick_ratings", {})
    if not isinstance(quick, dict):
        problems.append(
            '"quick_ratings" must be an object of discipline slug to level, '
            f"not {_json_type(quick)}"
        )
        quick = {}
    interests = data.get("interests", [])
    if not isinstance(interests, list):
        problems.append(
            f'"interests" must be a list of discipline slugs, not {_json_type(interests)}'
        )
        interests = []
    target_role = data.get("target_role")
    if target_role is not None and not isinstance(target_role, str):
        problems.append(f'"target_role" must be a role slug, not {_json_type(target_role)}')
        target_role = None
    problems += input_problems(catalogue, ratings, interests, target_role, quick)
    if problems:
        raise ScoringInputError(problems)
    return ScoringInput(
        MappingProxyType(dict(ratings)),
        tuple(interests),
        target_role,
        MappingProxyType(dict(quick)),
    )


def decode_json(text: str | bytes) -> object:
    """Standard JSON as every scoring input is read: UTF-8, no ``NaN`` or ``Infinity``, and
    nested no deeper than the decoder can go. Raises ValueError with a readable reason."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError("it is nested too deeply") from None


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def require_object(data: object) -> dict[str, Any]:
    """``data`` if it is a JSON object; needs no catalogue, so callers can check it first."""
    if not isinstance(data, dict):
        raise ScoringInputError([f"the input must be a JSON object, not {_json_type(data)}"])
    return data


def input_problems(
    catalogue: Catalogue,
    ratings: Mapping[str, object],
    interests: Iterable[object] = (),
    target_role: object = None,
    quick: Mapping[str, object] = MappingProxyType({}),
) -> list[str]:
    """Every unknown slug and every level that is not a whole number from 0 to 5."""
    problems = []
    if not isinstance(ratings, Mapping):
        problems.append("ratings must be a mapping of competency slug to level")
        ratings = {}
    if not isinstance(quick, Mapping):
        problems.append("quick ratings must be a mapping of discipline slug to level")
        quick = {}
    for slug, level in ratings.items():
        if slug not in catalogue.competency_by_slug:
            problems.append(f"unknown competency {slug!r}")
        problems += _level_problems(slug, level)
    for slug, level in quick.items():
        if slug not in catalogue.discipline_by_slug:
            problems.append(f"unknown discipline {slug!r} in the quick ratings")
        problems += _level_problems(slug, level)
    if isinstance(interests, str):
        problems.append(
            f"interests must be a list of discipline slugs, not the string {interests!r}"
        )
    else:
        problems += [
            f"unknown discipline {slug!r}"
            for slug in interests
            if not isinstance(slug, str) or slug not in catalogue.discipline_by_slug
        ]
    if target_role is not None and (
        not isinstance(target_role, str) or target_role not in catalogue.role_by_slug
    ):
        problems.append(f"unknown role {target_role!r}")
    return problems


def _level_problems(slug: object, level: object) -> list[str]:
    top = THRESHOLDS.max_level
    if type(level) is not int or not 0 <= level <= top:
        return [f"the level for {slug!r} must be a whole number from 0 to {top}, not {level!r}"]
    return []


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
