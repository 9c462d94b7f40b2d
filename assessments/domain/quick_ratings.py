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
from dataclasses import dataclass

from assessments.domain.catalogue import Catalogue
from assessments.domain.numbers import round_half_up
from assessments.domain.thresholds import THRESHOLDS

THRESHOLD_MARKS = (
    THRESHOLDS.discipline_counts_fully,
    THRESHOLDS.stem_forming,
    THRESHOLDS.deep,
)
"""The discipline scores where a profile's numbers change character: counted in full toward
breadth (40), a stem forming (60), deep (80)."""


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


REFINE_NEAR = 10
"""A discipline within this many points of a threshold (40, 60 or 80) is near it: refining
its competencies may move it across."""


@dataclass(frozen=True, slots=True)
class Refinement:
    """A discipline still rated, in part, as a whole, and why refining it comes when it does."""

    discipline: str
    reason: str
    """``target`` (the target role asks for its competencies), ``depth`` (among the
    strongest: it sets depth, shape and phase), ``threshold`` (near 40, 60 or 80), ``other``
    or ``zero`` (rated 0 as a whole: its competencies are 0 already)."""
    competencies: tuple[str, ...]
    """Its competencies that still take the quick rating, in catalogue order."""


REFINE_ORDER = ("target", "depth", "threshold", "other", "zero")


def refinement_order(
    catalogue: Catalogue,
    ratings: Mapping[str, int],
    quick: Mapping[str, int],
    target_role: str | None = None,
) -> tuple[Refinement, ...]:
    """The disciplines with competencies still taking a quick rating, in the order where
    refining them changes the result most: those the target role asks for (most weight
    first), then the strongest (they set depth, shape and phase; highest first), then those
    near a threshold (closest first), then the rest in catalogue order; disciplines rated 0
    as a whole last, since their competencies are 0 already."""
    t = THRESHOLDS
    combined_levels = combined(catalogue, ratings, quick)
    weights = _target_weights(catalogue, target_role)
    ranked = []
    for position, discipline in enumerate(catalogue.disciplines):
        left = tuple(c.slug for c in discipline.competencies if c.slug not in ratings)
        if discipline.slug not in quick or not left:
            continue
        levels = [combined_levels.get(c.slug, 0) for c in discipline.competencies]
        score = round_half_up(t.points_per_level * sum(levels), len(levels))
        reason, measure = _reason(quick[discipline.slug], weights.get(discipline.slug, 0), score)
        ranked.append(
            (
                (REFINE_ORDER.index(reason), measure, position),
                Refinement(discipline.slug, reason, left),
            )
        )
    return tuple(refinement for _key, refinement in sorted(ranked, key=lambda item: item[0]))


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the assessment form: a discipline, and why it comes when it does (a
    reason of ``REFINE_ORDER``; ``other`` for a discipline without a quick rating that the
    target role does not ask for)."""

    discipline: str
    reason: str


def form_steps(
    catalogue: Catalogue, quick: Mapping[str, int], target_role: str | None = None
) -> tuple[Step, ...]:
    """Every discipline, in the order the form asks about them one at a time: the order of
    ``refinement_order`` as the quick ratings alone give it, with the disciplines that
    have no quick rating among the rest (the target's by its weight, the others in
    catalogue order).

    The ratings given in the form do not move a step, so the order holds while a person
    works through it; a new target role or quick rating may reorder it.
    """
    weights = _target_weights(catalogue, target_role)
    ranked = []
    for position, discipline in enumerate(catalogue.disciplines):
        level = quick.get(discipline.slug)
        score = 0 if level is None else THRESHOLDS.points_per_level * level
        reason, measure = _reason(level, weights.get(discipline.slug, 0), score)
        ranked.append(
            ((REFINE_ORDER.index(reason), measure, position), Step(discipline.slug, reason))
        )
    return tuple(step for _key, step in sorted(ranked, key=lambda item: item[0]))


def _target_weights(catalogue: Catalogue, target_role: str | None) -> dict[str, int]:
    """The weight the target role puts on each discipline: the sum of its requirements'
    weights there ({} without a target, or with one the catalogue no longer has)."""
    weights: dict[str, int] = {}
    role = catalogue.role_by_slug.get(target_role) if target_role is not None else None
    if role is not None:
        for requirement in role.requirements:
            home = catalogue.competency_by_slug[requirement.competency].discipline
            weights[home] = weights.get(home, 0) + requirement.weight
    return weights


def _reason(quick: int | None, weight: int, score: int) -> tuple[str, int]:
    """Why a discipline comes when it does, and its place among those with the same
    reason (lower first)."""
    if quick == 0:
        return "zero", 0
    if weight:
        return "target", -weight
    if quick is None:
        return "other", 0
    if score >= THRESHOLDS.stem_forming:
        return "depth", -score
    distance = min(abs(score - mark) for mark in THRESHOLD_MARKS)
    if distance <= REFINE_NEAR:
        return "threshold", distance
    return "other", 0
