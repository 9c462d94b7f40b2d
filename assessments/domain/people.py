"""The people search: who in the team is rated at a level or above in one competency, or
in several at once (SEO 3 or above and analytics 2 or above)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assessments.domain.coverage import THRESHOLDS, CoverageThresholds, check_int, name_key


@dataclass(frozen=True, slots=True)
class CompetencyLevel:
    """A member's rating (0-5) of one competency in their latest submitted assessment."""

    member_id: int
    display_name: str
    level: int

    def __post_init__(self) -> None:
        check_int(self.level, "level", THRESHOLDS.rating_min, THRESHOLDS.rating_max)


def find_people(
    levels: Iterable[CompetencyLevel],
    min_level: int,
    thresholds: CoverageThresholds = THRESHOLDS,
) -> tuple[CompetencyLevel, ...]:
    """Members at ``min_level`` or above in one competency, best first, ties by name.

    ``levels`` holds each member's rating of the competency; a member listed twice (in two
    of the searcher's teams) appears once, with their highest level. ``min_level`` must be
    an int from 0 to 5.
    """
    check_int(min_level, "min_level", thresholds.rating_min, thresholds.rating_max)
    best: dict[int, CompetencyLevel] = {}
    for row in levels:
        if row.level < min_level:
            continue
        seen = best.get(row.member_id)
        if seen is None or (-row.level, *_person_key(row)) < (-seen.level, *_person_key(seen)):
            best[row.member_id] = row
    return tuple(sorted(best.values(), key=lambda r: (-r.level, *_person_key(r))))


def _person_key(row: CompetencyLevel) -> tuple[str, str, int]:
    return name_key(row.display_name, row.member_id)


@dataclass(frozen=True, slots=True)
class Criterion:
    """At least `min_level` in the competency `slug`."""

    slug: str
    min_level: int


@dataclass(frozen=True, slots=True)
class RatedLevel:
    """A member's rating (0-5) of a competency named by slug, in their latest submitted
    assessment."""

    member_id: int
    display_name: str
    slug: str
    level: int


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """A member who meets every criterion, with their level in each, in the criteria's order."""

    member_id: int
    display_name: str
    levels: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.levels)


def find_people_meeting_all(
    criteria: Sequence[Criterion],
    levels: Iterable[RatedLevel],
    thresholds: CoverageThresholds = THRESHOLDS,
) -> tuple[PersonMatch, ...]:
    """Members who meet every criterion (SEO 3 or above *and* analytics 2 or above), the
    highest sum of those levels first, ties by name. A competency named twice must meet the
    higher of its levels; a member listed twice counts once, at their highest levels."""
    if not criteria:
        raise ValueError("A search needs at least one criterion.")
    for criterion in criteria:
        check_int(criterion.min_level, "min_level", thresholds.rating_min, thresholds.rating_max)
    best: dict[tuple[int, str], int] = {}
    names: dict[int, str] = {}
    for row in levels:
        key = (row.member_id, row.slug)
        best[key] = max(best.get(key, row.level), row.level)
        names[row.member_id] = min(names.get(row.member_id, row.display_name), row.display_name)
    found = []
    for member_id, name in names.items():
        got = tuple(best.get((member_id, c.slug)) for c in criteria)
        if all(
            level is not None and level >= c.min_level
            for level, c in zip(got, criteria, strict=True)
        ):
            found.append(PersonMatch(member_id, name, tuple(level or 0 for level in got)))
    return tuple(sorted(found, key=lambda m: (-m.total, *name_key(m.display_name, m.member_id))))
