"""The people search: who in the team is rated at a level or above in one competency."""

from __future__ import annotations

from collections.abc import Iterable
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
