"""Role fit: how far a person's ratings meet each role's requirements, and the gaps left."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assessments.domain.catalogue import FIT_SCALE, Catalogue, RolePlan
from assessments.domain.numbers import percent


@dataclass(frozen=True, slots=True)
class Gap:
    """A requirement not met: the role needs ``need`` in the competency, the person has ``have``."""

    competency: str
    name: str
    have: int
    need: int
    weight: int


@dataclass(frozen=True, slots=True)
class Match:
    """How well a person fits a role: the fit in percent and the gaps, largest first."""

    role: str
    name: str
    fit: int
    gaps: tuple[Gap, ...]
    met: int
    """Requirements met in full (for the explanation; not stored)."""
    points: float
    """Weighted points earned, Σ w·min(rating/required, 1) (for the explanation; not stored)."""
    out_of: int
    """The points possible, Σ w (for the explanation; not stored)."""


def match_roles(catalogue: Catalogue, ratings: Mapping[str, int]) -> list[Match]:
    """Every role of the catalogue, best fit first; equal fits keep catalogue order."""
    return sorted((match_role(plan, ratings) for plan in catalogue.plans), key=_by_fit)


def match_role(plan: RolePlan, ratings: Mapping[str, int]) -> Match:
    """Fit = 100 * Σ w·min(rating / required, 1) / Σ w, rounded (0 for a role without
    requirements). Gaps are the requirements not met, by weight * shortfall, largest first,
    then in catalogue order."""
    get = ratings.get
    earned = 0
    met = 0
    gaps = []
    for slug, name, need, weight, credit in plan.terms:
        have = get(slug, 0)
        if have >= need:
            earned += need * credit
            met += 1
        else:
            earned += have * credit
            gaps.append(Gap(slug, name, have, need, weight))
    if len(gaps) > 1:
        gaps.sort(key=lambda gap: gap.weight * (gap.have - gap.need))
    fit = percent(earned, plan.scale) if plan.scale else 0
    role = plan.role
    return Match(
        role.slug, role.name, fit, tuple(gaps), met, earned / FIT_SCALE, plan.scale // FIT_SCALE
    )


def _by_fit(match: Match) -> int:
    return -match.fit
