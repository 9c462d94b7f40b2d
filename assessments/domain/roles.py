"""Role fit: how far a person's ratings meet each role's requirements, and the gaps left."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assessments.domain.catalogue import FIT_SCALE, Catalogue, RolePlan
from assessments.domain.numbers import percent
from careers.choices import STAGES


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
    covered: int = 0
    """Σ w·required level over the requirements met: how much of the role the person's
    strengths cover, which breaks ties between equal fits (not stored)."""


def match_roles(catalogue: Catalogue, ratings: Mapping[str, int]) -> list[Match]:
    """Every role of the catalogue, best fit first; between equal fits the role whose
    requirements the person's strengths cover most (``covered``), then catalogue order.

    Coverage rather than catalogue order decides a tie because it says which role the
    person is, not which was listed first: a role's own profile (ratings exactly at its
    requirements) covers all of that role, so it ranks first unless another role is met in
    full with more weight on what it asks.
    """
    return sorted((match_role(plan, ratings) for plan in catalogue.plans), key=_by_fit)


def specialist_met(catalogue: Catalogue, matches: Iterable[Match]) -> Match | None:
    """The best-ranked specialist role whose every requirement the person meets, if any:
    such a person is qualified for a job, and never a beginner."""
    first_stage = STAGES[0]
    for match in matches:
        if match.met and not match.gaps and catalogue.role_by_slug[match.role].stage == first_stage:
            return match
    return None


def match_role(plan: RolePlan, ratings: Mapping[str, int]) -> Match:
    """Fit = 100 * Σ w·min(rating / required, 1) / Σ w, rounded (0 for a role without
    requirements). Gaps are the requirements not met, by weight * shortfall, largest first,
    then in catalogue order."""
    get = ratings.get
    earned = 0
    met = 0
    covered = 0
    gaps = []
    for slug, name, need, weight, credit in plan.terms:
        have = get(slug, 0)
        if have >= need:
            earned += need * credit
            met += 1
            covered += weight * need
        else:
            earned += have * credit
            gaps.append(Gap(slug, name, have, need, weight))
    if len(gaps) > 1:
        gaps.sort(key=lambda gap: gap.weight * (gap.have - gap.need))
    fit = percent(earned, plan.scale) if plan.scale else 0
    role = plan.role
    return Match(
        role.slug,
        role.name,
        fit,
        tuple(gaps),
        met,
        earned / FIT_SCALE,
        plan.scale // FIT_SCALE,
        covered,
    )


def _by_fit(match: Match) -> tuple[int, int]:
    return -match.fit, -match.covered
