"""Scoring: the depth, breadth, shape, roadmap phase and role matches of one self-assessment.

Plain data in, plain data out: no Django, no database, no clock. The catalogue arrives as
frozen dataclasses built once (``assessments.queries.catalogue_snapshot`` builds them from
the database); a person's ratings arrive as ``{competency_slug: level}``.

All arithmetic on scores is done in whole numbers and rounded half up, and every threshold
is compared against the rounded number, so a "depth 80" on screen always means the depth
threshold was met and every number can be recomputed from the numbers shown beside it.
docs/scoring.md describes the model with a worked example.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from assessments.domain import explain, roadmap, roles
from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import ScoringInputError, input_problems
from assessments.domain.numbers import round_half_up
from assessments.domain.profile import (
    SCORING_VERSION,
    DisciplineScore,
    Explanations,
    LayerScore,
    Profile,
    strongest_of,
)
from assessments.domain.thresholds import PHASE_NAMES, SHAPE_LABELS, THRESHOLDS


def discipline_score(levels: Sequence[int]) -> int:
    """Mean of the discipline's competency ratings times 20 (0 to 100), rounded; 0 with none."""
    if not levels:
        return 0
    return round_half_up(THRESHOLDS.points_per_level * sum(levels), len(levels))


def layer_score(discipline_scores: Sequence[int]) -> int:
    """Mean of the layer's (rounded) discipline scores, rounded; 0 with no disciplines."""
    if not discipline_scores:
        return 0
    return round_half_up(sum(discipline_scores), len(discipline_scores))


def breadth_score(layer_scores: Sequence[int]) -> int:
    """100 * the mean over all layers of min(layer score / 40, 1), rounded.

    Each layer counts fully once it reaches working level (40 = level 2), pro rata below, so
    breadth says how much of the ecosystem the person understands at working level.
    """
    if not layer_scores:
        return 0
    full = THRESHOLDS.layer_counts_fully
    return round_half_up(100 * sum(min(s, full) for s in layer_scores), full * len(layer_scores))


def shape_of(depth: int, breadth: int, peak_layers: int) -> str:
    """emerging, i-shaped (deep only), generalist (broad only), t-shaped (both), or
    pi-shaped (both, with disciplines at the depth threshold in ``peak_layers`` ≥ 2 layers)."""
    deep = depth >= THRESHOLDS.deep
    broad = breadth >= THRESHOLDS.broad
    if deep and broad:
        return "pi-shaped" if peak_layers >= 2 else "t-shaped"
    if deep:
        return "i-shaped"
    if broad:
        return "generalist"
    return "emerging"


def phase_of(shape: str) -> int:
    """The roadmap phase: 1 Start wide (emerging), 2 Go deep (generalist), 3 Broaden again
    (I-shaped; T and Π profiles too, who take the next step toward a role)."""
    return {"emerging": 1, "generalist": 2}.get(shape, 3)


def score(
    catalogue: Catalogue,
    ratings: Mapping[str, int],
    interests: Iterable[str] = (),
    target_role: str | None = None,
) -> Profile:
    """Score one person against the catalogue. Competencies missing from ``ratings`` count
    as 0. Raises ScoringInputError for unknown slugs or levels outside 0 to 5."""
    interests = tuple(interests) if not isinstance(interests, str) else interests
    problems = input_problems(catalogue, ratings, interests, target_role)
    if problems:
        raise ScoringInputError(problems)
    t = THRESHOLDS
    wanted = frozenset(interests)
    get = ratings.get

    disciplines = []
    for discipline in catalogue.disciplines:
        levels = [get(c.slug, 0) for c in discipline.competencies]
        rated = sum(1 for c in discipline.competencies if c.slug in ratings)
        disciplines.append(
            DisciplineScore(
                discipline.slug,
                discipline.name,
                discipline.layer,
                discipline_score(levels),
                rated,
                len(levels),
                discipline.slug in wanted,
            )
        )
    score_of = {d.slug: d.score for d in disciplines}
    layers = tuple(
        LayerScore(
            layer.slug, layer.name, layer_score([score_of[d.slug] for d in layer.disciplines])
        )
        for layer in catalogue.layers
    )
    deepest = _deepest(disciplines)
    depth = deepest.score if deepest else 0
    breadth = breadth_score([layer.score for layer in layers])
    peaks = tuple(d.slug for d in disciplines if d.score >= t.deep)
    peak_layers = {d.layer for d in disciplines if d.score >= t.deep}
    shape = shape_of(depth, breadth, len(peak_layers))
    phase = phase_of(shape)

    matches = roles.match_roles(catalogue, ratings)
    target = next(m for m in matches if m.role == target_role) if target_role else None
    next_step = roadmap.plan(
        catalogue, ratings, disciplines, layers, matches, target, phase=phase, shape=shape
    )

    explanations = Explanations(
        depth=explain.depth_text(catalogue, ratings, disciplines, deepest),
        breadth=explain.breadth_text(layers, breadth),
        shape=explain.shape_text(shape, depth, breadth, disciplines),
        phase=explain.phase_text(phase, next_step.why),
        layers=MappingProxyType(
            {layer.slug: explain.layer_text(layer, catalogue, score_of) for layer in layers}
        ),
        fits=MappingProxyType({m.role: explain.fit_text(m) for m in matches}),
    )
    return Profile(
        version=SCORING_VERSION,
        layers=layers,
        disciplines=tuple(disciplines),
        depth=depth,
        depth_discipline=deepest.slug if deepest else None,
        depth_discipline_name=deepest.name if deepest else None,
        breadth=breadth,
        shape=shape,
        shape_label=SHAPE_LABELS[shape],
        peaks=peaks,
        phase=phase,
        phase_name=PHASE_NAMES[phase],
        focus_discipline=next_step.focus.slug if next_step.focus else None,
        matches=tuple(matches),
        target=target,
        next_actions=next_step.actions,
        explanations=explanations,
    )


def _deepest(disciplines: Sequence[DisciplineScore]) -> DisciplineScore | None:
    """The depth discipline: the strongest, or None while every discipline is at 0."""
    best = strongest_of(disciplines)
    return best if best is not None and best.score > 0 else None
