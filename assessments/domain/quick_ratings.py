"""Quick ratings: a whole discipline rated with one answer.

The quick start asks one question per discipline instead of one per competency. A
discipline's quick rating stands for each of its competencies that has no rating of its
own, so refining a discipline competency by competency replaces the quick rating one
competency at a time, and a discipline rated both ways is scored from both. Everything
after that (scores, fits, gaps, next actions) reads the combined ratings: a quick start and
a full assessment are scored by one model. docs/scoring.md has a worked example.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessments.domain.catalogue import Catalogue


def combined(
    catalogue: Catalogue, ratings: Mapping[str, int], quick: Mapping[str, int]
) -> dict[str, int]:
    """The competency ratings, with each competency that has none of its own taking its
    discipline's quick rating, where there is one."""
    result = dict(ratings)
    for discipline in catalogue.disciplines:
        level = quick.get(discipline.slug)
        if level is not None:
            for competency in discipline.competencies:
                result.setdefault(competency.slug, level)
    return result


def from_quick(
    catalogue: Catalogue, ratings: Mapping[str, int], quick: Mapping[str, int]
) -> dict[str, int]:
    """How many competencies of each discipline take its quick rating; disciplines where
    none does are left out."""
    counts = {}
    for discipline in catalogue.disciplines:
        if discipline.slug in quick:
            count = sum(1 for c in discipline.competencies if c.slug not in ratings)
            if count:
                counts[discipline.slug] = count
    return counts


def unrated(
    catalogue: Catalogue, ratings: Mapping[str, int], quick: Mapping[str, int]
) -> tuple[str, ...]:
    """The competencies rated neither on their own nor by their discipline's quick rating,
    in catalogue order: what still stands between a draft and a profile."""
    return tuple(
        competency.slug
        for discipline in catalogue.disciplines
        if discipline.slug not in quick
        for competency in discipline.competencies
        if competency.slug not in ratings
    )
