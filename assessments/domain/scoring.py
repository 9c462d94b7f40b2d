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

import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from assessments.domain import explain, quick_ratings, roadmap, roles
from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import ScoringInput, ScoringInputError, input_problems
from assessments.domain.numbers import round_half_up
from assessments.domain.profile import (
    SCORING_VERSION,
    DisciplineScore,
    Explanations,
    LayerScore,
    NearDeep,
    Profile,
    strongest_of,
)
from assessments.domain.thresholds import PHASE_NAMES, SHAPE_LABELS, THRESHOLDS
from assessments.domain.warnings import warnings_for


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


def breadth_score(layers: Sequence[Sequence[int]]) -> int:
    """How much of the ecosystem the person knows at working level, 0 to 100, from each
    layer's discipline scores: every layer is worth the same share of 100, shared equally
    among its disciplines, and a discipline counts fully at 40 (level 2), pro rata below.

    Counting disciplines rather than a layer's mean keeps one strong discipline from
    counting for its whole layer: one discipline at 100 in each of four layers of four
    disciplines is breadth 25. Computed exactly in whole numbers, then rounded half up.
    """
    if not layers:
        return 0
    full = THRESHOLDS.discipline_counts_fully
    # Over a common denominator: layer L adds Σ min(s, 40) / (40 · n_L), so with D the lowest
    # common multiple of the n_L every term is a whole number of 1 / (40 · D).
    shared = math.lcm(*(len(scores) for scores in layers if scores)) if any(layers) else 1
    points = sum(
        sum(min(s, full) for s in scores) * (shared // len(scores)) for scores in layers if scores
    )
    return round_half_up(100 * points, full * shared * len(layers))


def shape_of(depth: int, breadth: int, peak_layers: int, qualified: bool = False) -> str:
    """emerging, i-shaped (deep only), generalist (broad only), t-shaped (both), or
    pi-shaped (both, with disciplines at the depth threshold in ``peak_layers`` ≥ 2 layers).

    A person who fully meets a specialist role (``qualified``) is never emerging: without
    the breadth of a generalist they are an I-shaped specialist, whatever their depth.
    """
    deep = depth >= THRESHOLDS.deep
    broad = breadth >= THRESHOLDS.broad
    if deep and broad:
        return "pi-shaped" if peak_layers >= 2 else "t-shaped"
    if deep:
        return "i-shaped"
    if broad:
        return "generalist"
    return "i-shaped" if qualified else "emerging"


def phase_of(depth: int, breadth: int, qualified: bool = False) -> int:
    """The roadmap phase from the path, with no cliffs: 1 Start wide while depth < 60 and
    breadth < 75; 2 Go deep while depth < 80 (a stem forming, or broad but not yet deep);
    3 Broaden again once depth ≥ 80. A person who fully meets a specialist role
    (``qualified``) is in phase 2 at least.

    One rating raised by one level adds at most 20 to depth, so from depth < 60 it cannot
    reach 80: the phase never moves by two, and never goes down, as ratings rise.
    """
    t = THRESHOLDS
    if depth >= t.deep:
        return 3
    if depth >= t.stem_forming or breadth >= t.broad or qualified:
        return 2
    return 1


def score(
    catalogue: Catalogue,
    ratings: Mapping[str, int],
    interests: Iterable[str] = (),
    target_role: str | None = None,
    quick: Mapping[str, int] = MappingProxyType({}),
) -> Profile:
    """Score one person against the catalogue. A competency without a rating takes its
    discipline's quick rating (``quick``, by discipline slug; domain.quick_ratings), and
    counts as 0 without either. Raises ScoringInputError for unknown slugs or levels
    outside 0 to 5."""
    interests = tuple(interests) if not isinstance(interests, str) else interests
    problems = input_problems(catalogue, ratings, interests, target_role, quick)
    if problems:
        raise ScoringInputError(problems)
    t = THRESHOLDS
    wanted = frozenset(interests)
    own = ratings
    from_quick = quick_ratings.from_quick(catalogue, own, quick)
    ratings = quick_ratings.combined(catalogue, own, quick) if from_quick else own
    get = ratings.get

    disciplines = []
    for discipline in catalogue.disciplines:
        levels = [get(c.slug, 0) for c in discipline.competencies]
        rated = sum(1 for c in discipline.competencies if c.slug in own)
        disciplines.append(
            DisciplineScore(
                discipline.slug,
                discipline.name,
                discipline.layer,
                discipline_score(levels),
                rated,
                len(levels),
                discipline.slug in wanted,
                quick[discipline.slug] if discipline.slug in from_quick else None,
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
    breadth = breadth_score(
        [[score_of[d.slug] for d in layer.disciplines] for layer in catalogue.layers]
    )
    peaks = tuple(d.slug for d in disciplines if d.score >= t.deep)
    peak_layers = {d.layer for d in disciplines if d.score >= t.deep}

    matches = roles.match_roles(catalogue, ratings)
    plan_of = {plan.role.slug: plan for plan in catalogue.plans}
    qualified = roles.specialist_met(catalogue, matches)
    shape = shape_of(depth, breadth, len(peak_layers), qualified is not None)
    phase = phase_of(depth, breadth, qualified is not None)
    target = next(m for m in matches if m.role == target_role) if target_role else None
    next_step = roadmap.plan(
        catalogue, ratings, disciplines, layers, matches, target, phase=phase, shape=shape
    )
    near = one_level_from_deep(catalogue, ratings, disciplines) if depth < t.deep else None

    explanations = Explanations(
        depth=explain.depth_text(catalogue, ratings, disciplines, deepest),
        breadth=explain.breadth_text(catalogue, score_of, breadth),
        shape=" ".join(
            (
                explain.shape_text(shape, depth, breadth, disciplines, deepest, qualified),
                explain.path_text(phase, depth, breadth, qualified, near),
            )
        ),
        phase=explain.phase_text(phase, next_step.why),
        layers=MappingProxyType(
            {layer.slug: explain.layer_text(layer, catalogue, score_of) for layer in layers}
        ),
        fits=MappingProxyType(
            {m.role: explain.fit_text(m, plan_of[m.role], ratings) for m in matches}
        ),
        disciplines=MappingProxyType(
            {
                d.slug: explain.discipline_text(d, score_of[d.slug], own, quick.get(d.slug))
                for d in catalogue.disciplines
            }
        ),
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
        warnings=warnings_for(own, catalogue, from_quick),
        target_needs=MappingProxyType(needs_of(catalogue, target_role) if target_role else {}),
    )


def needs_of(catalogue: Catalogue, role: str) -> dict[str, int]:
    """What ``role`` needs as discipline scores: those of someone rated exactly at its
    requirements and 0 elsewhere, for the disciplines it asks anything of."""
    required = {req.competency: req.level for req in catalogue.role_by_slug[role].requirements}
    needs = {
        d.slug: discipline_score([required.get(c.slug, 0) for c in d.competencies])
        for d in catalogue.disciplines
    }
    return {slug: need for slug, need in needs.items() if need}


def score_input(catalogue: Catalogue, given: ScoringInput) -> Profile:
    """``score`` of a checked scoring input (domain.inputs)."""
    return score(catalogue, given.ratings, given.interests, given.target_role, given.quick)


def one_level_from_deep(
    catalogue: Catalogue, ratings: Mapping[str, int], disciplines: Sequence[DisciplineScore]
) -> NearDeep | None:
    """The one-level raise that would make a deep stem (a discipline at 80 or more), when
    one exists: the discipline it would take highest (ties: an interest, then catalogue
    order), raising its lowest-rated competency (ties: catalogue order)."""
    t = THRESHOLDS
    best: NearDeep | None = None
    for scored, discipline in zip(disciplines, catalogue.disciplines, strict=True):
        if scored.score >= t.deep or not discipline.competencies:
            continue
        levels = [ratings.get(c.slug, 0) for c in discipline.competencies]
        lowest = min(levels)
        if lowest >= t.max_level:
            continue
        raised = _raised_score(levels)
        if raised < t.deep:
            continue
        if best is None or (raised, scored.interest) > (best.score, best.interest):
            competency = discipline.competencies[levels.index(lowest)]
            best = NearDeep(
                scored.slug,
                scored.name,
                competency.slug,
                competency.name,
                lowest,
                raised,
                scored.interest,
            )
    return best


def _raised_score(levels: Sequence[int]) -> int:
    """The discipline score once any one of ``levels`` below the top is raised by one."""
    return round_half_up(THRESHOLDS.points_per_level * (sum(levels) + 1), len(levels))


def _deepest(disciplines: Sequence[DisciplineScore]) -> DisciplineScore | None:
    """The depth discipline: the strongest, or None while every discipline is at 0."""
    best = strongest_of(disciplines)
    return best if best is not None and best.score > 0 else None
