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

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from assessments.domain.catalogue import FIT_SCALE, Catalogue, Competency, Resource, RolePlan
from assessments.domain.numbers import join_names, mean_text, number_text, round_half_up
from assessments.domain.thresholds import (
    LEADERSHIP_LAYER,
    PHASE_NAMES,
    SHAPE_LABELS,
    STAGES,
    THRESHOLDS,
)

SCORING_VERSION = "1"


# --- The result ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LayerScore:
    slug: str
    name: str
    score: int


@dataclass(frozen=True, slots=True)
class DisciplineScore:
    slug: str
    name: str
    layer: str
    score: int
    rated: int
    """How many of its competencies have a rating in the input (0 included)."""
    total: int
    interest: bool


@dataclass(frozen=True, slots=True)
class Gap:
    competency: str
    name: str
    have: int
    need: int
    weight: int


@dataclass(frozen=True, slots=True)
class Match:
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "fit": self.fit,
            "gaps": [
                {
                    "competency": gap.competency,
                    "name": gap.name,
                    "have": gap.have,
                    "need": gap.need,
                    "weight": gap.weight,
                }
                for gap in self.gaps
            ],
        }


@dataclass(frozen=True, slots=True)
class Action:
    """One competency to raise next, to ``target``, with why and where to learn it."""

    competency: str
    name: str
    discipline: str
    have: int
    target: int
    reason: str
    resources: tuple[Resource, ...]


@dataclass(frozen=True, slots=True)
class Explanations:
    depth: str
    breadth: str
    shape: str
    phase: str
    layers: Mapping[str, str]
    fits: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Profile:
    """A scored self-assessment. ``to_dict()`` is what a submitted assessment stores."""

    version: str
    layers: tuple[LayerScore, ...]
    disciplines: tuple[DisciplineScore, ...]
    depth: int
    depth_discipline: str | None
    """None while nothing is rated above 0."""
    depth_discipline_name: str | None
    breadth: int
    shape: str
    shape_label: str
    peaks: tuple[str, ...]
    phase: int
    phase_name: str
    focus_discipline: str | None
    matches: tuple[Match, ...]
    target: Match | None
    next_actions: tuple[Action, ...]
    explanations: Explanations

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only; everything ordered is a list (jsonb does not keep key order)."""
        return {
            "version": self.version,
            "layers": [{"slug": x.slug, "name": x.name, "score": x.score} for x in self.layers],
            "disciplines": [
                {
                    "slug": d.slug,
                    "name": d.name,
                    "layer": d.layer,
                    "score": d.score,
                    "rated": d.rated,
                    "total": d.total,
                    "interest": d.interest,
                }
                for d in self.disciplines
            ],
            "depth": self.depth,
            "depth_discipline": self.depth_discipline,
            "depth_discipline_name": self.depth_discipline_name,
            "breadth": self.breadth,
            "shape": self.shape,
            "shape_label": self.shape_label,
            "peaks": list(self.peaks),
            "phase": self.phase,
            "phase_name": self.phase_name,
            "focus_discipline": self.focus_discipline,
            "matches": [match.to_dict() for match in self.matches],
            "target": self.target.to_dict() if self.target else None,
            "next_actions": [
                {
                    "competency": a.competency,
                    "name": a.name,
                    "discipline": a.discipline,
                    "have": a.have,
                    "target": a.target,
                    "reason": a.reason,
                    "resources": [
                        {"title": r.title, "url": r.url, "kind": r.kind} for r in a.resources
                    ],
                }
                for a in self.next_actions
            ],
            "explanations": {
                "depth": self.explanations.depth,
                "breadth": self.explanations.breadth,
                "shape": self.explanations.shape,
                "phase": self.explanations.phase,
                "layers": dict(self.explanations.layers),
                "fits": dict(self.explanations.fits),
            },
        }


def contract(profile: Mapping[str, Any]) -> dict[str, Any]:
    """The public result (``score`` command, API) from a stored ``Profile.to_dict()``."""
    return {
        "scoring_version": profile["version"],
        "depth": profile["depth"],
        "depth_discipline": profile["depth_discipline"],
        "breadth": profile["breadth"],
        "shape": profile["shape"],
        "phase": profile["phase"],
        "phase_name": profile["phase_name"],
        "layers": {layer["slug"]: layer["score"] for layer in profile["layers"]},
        "disciplines": {d["slug"]: d["score"] for d in profile["disciplines"]},
        "matches": [
            {"role": m["role"], "fit": m["fit"], "gaps": [dict(gap) for gap in m["gaps"]]}
            for m in profile["matches"]
        ],
        "next_actions": [
            {**action, "resources": [dict(r) for r in action["resources"]]}
            for action in profile["next_actions"]
        ],
    }


# --- Input checks --------------------------------------------------------------------------


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


INPUT_KEYS = ("ratings", "interests", "target_role")


def parse_input(data: object, catalogue: Catalogue) -> ScoringInput:
    """Check decoded JSON of the form ``{"ratings": {...}, "interests": [...],
    "target_role": "..."}`` (only ``ratings`` required) and return it as a ScoringInput.

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
    problems += input_problems(catalogue, ratings, interests, target_role)
    if problems:
        raise ScoringInputError(problems)
    return ScoringInput(MappingProxyType(dict(ratings)), tuple(interests), target_role)


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
) -> list[str]:
    """Every unknown slug and every level that is not a whole number from 0 to 5."""
    problems = []
    top = THRESHOLDS.max_level
    if not isinstance(ratings, Mapping):
        problems.append("ratings must be a mapping of competency slug to level")
        ratings = {}
    for slug, level in ratings.items():
        if slug not in catalogue.competency_by_slug:
            problems.append(f"unknown competency {slug!r}")
        if type(level) is not int or not 0 <= level <= top:
            problems.append(
                f"the level for {slug!r} must be a whole number from 0 to {top}, not {level!r}"
            )
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


# --- The formulas --------------------------------------------------------------------------


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
    fit = round_half_up(100 * earned, plan.scale) if plan.scale else 0
    role = plan.role
    return Match(
        role.slug, role.name, fit, tuple(gaps), met, earned / FIT_SCALE, plan.scale // FIT_SCALE
    )


# --- Scoring one person --------------------------------------------------------------------


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

    matches = sorted((match_role(plan, ratings) for plan in catalogue.plans), key=_by_fit)
    target = next(m for m in matches if m.role == target_role) if target_role else None

    context = _Context(catalogue, ratings, tuple(disciplines), layers, matches, target)
    focus = None
    if phase == 1:
        actions, phase_text = _start_wide(context)
    elif phase == 2:
        focus, actions, phase_text = _go_deep(context)
    elif shape == "i-shaped":
        actions, phase_text = _broaden(context)
    else:
        actions, phase_text = _next_step(context, "Π" if shape == "pi-shaped" else "T")

    explanations = Explanations(
        depth=_explain_depth(catalogue, ratings, disciplines, deepest),
        breadth=_explain_breadth(layers, breadth),
        shape=_explain_shape(shape, depth, breadth, disciplines),
        phase=f"Phase {phase}, {PHASE_NAMES[phase]}: {phase_text}",
        layers=MappingProxyType(
            {layer.slug: _explain_layer(layer, catalogue, score_of) for layer in layers}
        ),
        fits=MappingProxyType({m.role: _explain_fit(m) for m in matches}),
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
        focus_discipline=focus.slug if focus else None,
        matches=tuple(matches),
        target=target,
        next_actions=tuple(actions),
        explanations=explanations,
    )


def _by_fit(match: Match) -> int:
    return -match.fit


def _strongest(disciplines: Sequence[DisciplineScore]) -> DisciplineScore | None:
    """The highest-scoring discipline; on a tie one marked as an interest, then the first in
    catalogue order."""
    best = None
    for d in disciplines:
        if best is None or (d.score, d.interest) > (best.score, best.interest):
            best = d
    return best


def _deepest(disciplines: Sequence[DisciplineScore]) -> DisciplineScore | None:
    """The depth discipline: the strongest, or None while every discipline is at 0."""
    best = _strongest(disciplines)
    return best if best is not None and best.score > 0 else None


@dataclass(frozen=True, slots=True)
class _Context:
    catalogue: Catalogue
    ratings: Mapping[str, int]
    disciplines: tuple[DisciplineScore, ...]
    layers: tuple[LayerScore, ...]
    matches: list[Match]
    target: Match | None


type _Candidate = tuple[Competency, int, int, str]  # competency, have, target, reason


def _actions(primary: Iterable[_Candidate], extra: Iterable[_Candidate] = ()) -> list[Action]:
    """Up to max_actions from ``primary``; topped up from ``extra`` to min_actions."""
    chosen: dict[str, Action] = {}
    for limit, candidates in ((THRESHOLDS.max_actions, primary), (THRESHOLDS.min_actions, extra)):
        for competency, have, target, reason in candidates:
            if len(chosen) >= limit:
                break
            if competency.slug not in chosen and have < target:
                chosen[competency.slug] = Action(
                    competency.slug,
                    competency.name,
                    competency.discipline,
                    have,
                    target,
                    reason,
                    competency.resources,
                )
    return list(chosen.values())


def _widen(
    context: _Context,
    layers: Sequence[LayerScore],
    target_for: Callable[[Competency], int],
    reason_for: Callable[[LayerScore, Competency, int], str],
) -> tuple[list[_Candidate], list[_Candidate]]:
    """Competencies below their target in ``layers`` (in the order given): within a layer
    the weakest discipline's lowest rating first, taking one per discipline before a second
    from any. Returns (at most actions_per_layer per layer, all of them)."""
    ratings = context.ratings
    score_of = {d.slug: d.score for d in context.disciplines}
    capped: list[_Candidate] = []
    every: list[_Candidate] = []
    for layer_score_ in layers:
        layer = context.catalogue.layer_by_slug[layer_score_.slug]
        columns = []
        for discipline in sorted(layer.disciplines, key=lambda d: score_of[d.slug]):
            column = []
            for competency in sorted(discipline.competencies, key=lambda c: ratings.get(c.slug, 0)):
                have, target = ratings.get(competency.slug, 0), target_for(competency)
                if have < target:
                    column.append(
                        (competency, have, target, reason_for(layer_score_, competency, target))
                    )
            columns.append(column)
        in_layer = [
            column[rank]
            for rank in range(max((len(column) for column in columns), default=0))
            for column in columns
            if rank < len(column)
        ]
        capped += in_layer[: THRESHOLDS.actions_per_layer]
        every += in_layer
    return capped, every


def _weakest_first(layers: Iterable[LayerScore]) -> list[LayerScore]:
    """Layers by score, lowest first; ties in catalogue order."""
    return sorted(layers, key=lambda layer: layer.score)


def _below_full(layers: Iterable[LayerScore]) -> list[LayerScore]:
    return [layer for layer in layers if layer.score < THRESHOLDS.layer_counts_fully]


def _widening(layer: LayerScore, level: int) -> str:
    """Why raising a competency in ``layer`` to ``level`` widens the T."""
    full = THRESHOLDS.layer_counts_fully
    if layer.score < full:
        return (
            f"{layer.name} is at {layer.score}, below the {full} at which a layer counts "
            f"fully toward breadth; level {level} here widens your T."
        )
    return f"{layer.name} is at {layer.score}; level {level} here fills one of its gaps."


def _start_wide(context: _Context) -> tuple[list[Action], str]:
    """Phase 1: the weakest layers' competencies up to working level."""
    t = THRESHOLDS
    ordered = _weakest_first(context.layers)
    weak = _below_full(ordered)

    def reason(layer: LayerScore, competency: Competency, level: int) -> str:
        return _widening(layer, level)

    capped, _ = _widen(context, weak, lambda c: t.working_level, reason)
    _, extra = _widen(context, ordered, lambda c: t.working_level, reason)
    text = (
        "your profile is still emerging, so build working knowledge (level "
        f"{t.working_level}) across the ecosystem first"
    )
    if weak:
        first = [f"{layer.name} ({layer.score})" for layer in weak[:2]]
        text += ", starting with the weakest " + ("layers: " if len(first) > 1 else "layer, ")
        text += join_names(first)
    return _actions(capped, extra), text + "."


def _go_deep(context: _Context) -> tuple[DisciplineScore, list[Action], str]:
    """Phase 2: the focus discipline's competencies up to level 4, then 5.

    The focus is the strongest discipline, unless one marked as an interest is at most
    focus_interest_margin points behind it: then the strongest such interest.
    """
    t = THRESHOLDS
    strongest = _strongest(context.disciplines)
    assert strongest is not None  # a generalist has breadth, hence disciplines
    interests = [d for d in context.disciplines if d.interest]
    favourite = _strongest(interests)
    if favourite is not None and favourite.score >= strongest.score - t.focus_interest_margin:
        focus = favourite
        if favourite is strongest:
            why = f"it is your strongest discipline ({focus.score}) and one you want to grow in"
        else:
            why = (
                f"you marked it as an interest and at {focus.score} it is within "
                f"{t.focus_interest_margin} points of your strongest, "
                f"{strongest.name} ({strongest.score})"
            )
    else:
        focus = strongest
        why = f"it is your strongest discipline ({focus.score})"
        if favourite is not None:
            why += (
                f"; the interests you marked ({join_names([d.name for d in interests])}) are more "
                f"than {t.focus_interest_margin} points behind it, the nearest at "
                f"{favourite.score}"
            )
    discipline = context.catalogue.discipline_by_slug[focus.slug]
    ratings = context.ratings
    by_level = sorted(discipline.competencies, key=lambda c: ratings.get(c.slug, 0))
    deep_score = t.deep_level * t.points_per_level
    primary = [
        (
            c,
            ratings.get(c.slug, 0),
            t.deep_level,
            f"{focus.name} is your focus discipline; level {t.deep_level} across it "
            f"takes your depth to {deep_score}.",
        )
        for c in by_level
    ]
    extra = [
        (
            c,
            ratings.get(c.slug, 0),
            t.max_level,
            f"Level {t.max_level} in {focus.name} takes your depth beyond {deep_score}.",
        )
        for c in by_level
    ]
    text = (
        "you have the breadth of a generalist; now build the vertical bar of your T. "
        f"Go deep in {focus.name}: {why}. Level {t.deep_level} across its competencies "
        f"makes a depth of {deep_score}."
    )
    return focus, _actions(primary, extra), text


def _broaden(context: _Context) -> tuple[list[Action], str]:
    """Phase 3 for an I-shaped specialist: the weakest layers up to working level (up to
    proficient where the target role asks for more), the Architects layer first when the
    target role is a leadership role."""
    t = THRESHOLDS
    target = context.target
    role = context.catalogue.role_by_slug[target.role] if target else None
    ordered = _weakest_first(context.layers)
    leadership = role is not None and role.is_leadership
    if leadership:
        ordered.sort(key=lambda layer: layer.slug != LEADERSHIP_LAYER)
    weak = _below_full(ordered)
    asks = {req.competency: req.level for req in role.requirements} if role else {}

    def target_for(competency: Competency) -> int:
        return max(t.working_level, min(asks.get(competency.slug, 0), t.proficient_level))

    def reason(layer: LayerScore, competency: Competency, level: int) -> str:
        if leadership and layer.slug == LEADERSHIP_LAYER and layer.score < t.layer_counts_fully:
            text = (
                f"{layer.name} comes first for a leadership role such as {role.name}; "
                f"it is at {layer.score}."
            )
        else:
            text = _widening(layer, level)
        if role is not None and level > t.working_level:
            text += f" {role.name} asks for level {asks[competency.slug]}."
        return text

    capped, _ = _widen(context, weak, target_for, reason)
    _, extra = _widen(context, ordered, target_for, reason)
    first = [f"{layer.name} ({layer.score})" for layer in weak[:2]]
    text = (
        "you have the depth of a specialist; now build the horizontal bar of your T by "
        f"learning your weakest layers to working level (level {t.working_level}): "
        + join_names(first)
        + "."
    )
    if leadership and weak and weak[0].slug == LEADERSHIP_LAYER:
        text += f" {weak[0].name} comes first because {role.name} is a leadership role."
    return _actions(capped, extra), text


def _next_step(context: _Context, letter: str) -> tuple[list[Action], str]:
    """Phase 3 for a T or Π profile: the next step toward a role.

    The step is the target role while it has gaps. Otherwise (no target, or the target is
    met in full) it is the best-matching role with gaps one stage above the target's stage,
    or above the best match's stage when there is no target. Without such a role, the
    weakest layers are rounded out to proficient.
    """
    t = THRESHOLDS
    catalogue, target, matches = context.catalogue, context.target, context.matches
    step: Match | None = None
    text = f"your {letter} is in place"
    if target is not None and target.gaps:
        step = target
        text += (
            f", so take the next step toward your target {target.name} (fit {target.fit}%) "
            "by closing its biggest gaps."
        )
    else:
        anchor = target or (matches[0] if matches else None)
        if anchor is not None:
            stage = catalogue.role_by_slug[anchor.role].stage
            following = STAGES[STAGES.index(stage) + 1 :]
            if following:
                step = next(
                    (
                        m
                        for m in matches
                        if m.gaps and catalogue.role_by_slug[m.role].stage == following[0]
                    ),
                    None,
                )
            if anchor is target:
                text += f" and you meet every requirement of your target {anchor.name}"
            else:
                text += f" and your best match is {anchor.name} ({anchor.fit}%)"
        if step is not None:
            stage = catalogue.role_by_slug[step.role].stage
            text += (
                f"; the next step up is {step.name} (fit {step.fit}%), the best-matching "
                f"{stage} role: close its biggest gaps."
            )
    ordered = _weakest_first(context.layers)

    def reason(layer: LayerScore, competency: Competency, level: int) -> str:
        weakest = "your weakest layer" if layer is ordered[0] else "one of your weaker layers"
        return f"{layer.name} is {weakest}, at {layer.score}; level {level} here rounds out your T."

    capped, every = _widen(context, ordered, lambda c: t.proficient_level, reason)
    if step is None:
        if capped:
            text += (
                f"; round out your weakest layer, {ordered[0].name} ({ordered[0].score}), "
                f"to proficient (level {t.proficient_level})."
            )
        else:
            text += (
                f"; every competency is at level {t.proficient_level} or more already, so "
                "deepen wherever you choose."
            )
        return _actions(capped, every), text
    competencies = catalogue.competency_by_slug
    primary = [
        (
            competencies[gap.competency],
            gap.have,
            gap.need,
            f"{step.name} needs level {gap.need} (weight {gap.weight}); you have {gap.have}.",
        )
        for gap in step.gaps
    ]
    return _actions(primary, every), text


# --- Explanations --------------------------------------------------------------------------


def _explain_depth(
    catalogue: Catalogue,
    ratings: Mapping[str, int],
    disciplines: Sequence[DisciplineScore],
    deepest: DisciplineScore | None,
) -> str:
    if deepest is None:
        return "You have not rated any competency above 0 yet, so your depth is 0."
    t = THRESHOLDS
    levels = [
        ratings.get(c.slug, 0) for c in catalogue.discipline_by_slug[deepest.slug].competencies
    ]
    mean = sum(levels) / len(levels)
    plural = "rating" if len(levels) == 1 else "ratings"
    text = (
        f"Your deepest discipline is {deepest.name} at {deepest.score}: the mean of your "
        f"{len(levels)} {deepest.name} {plural} ({', '.join(map(str, levels))}) is "
        f"{mean_text(mean)} of {t.max_level}"
    )
    exact = mean * t.points_per_level
    if exact != deepest.score:
        text += f", {number_text(exact)} of 100, shown as {deepest.score}"
    text += "."
    tied = [d for d in disciplines if d.score == deepest.score and d is not deepest]
    if tied:
        if not deepest.interest:
            why = "it comes first in the catalogue"
        elif any(d.interest for d in tied):
            why = "you marked it as an interest and it comes first of those in the catalogue"
        else:
            why = "you marked it as an interest"
        text += (
            f" {join_names([d.name for d in tied])} {'is' if len(tied) == 1 else 'are'} also at "
            f"{deepest.score}; {deepest.name} is shown because {why}."
        )
    return text


def _explain_breadth(layers: Sequence[LayerScore], breadth: int) -> str:
    if not layers:
        return "The catalogue has no layers, so your breadth is 0."
    full = THRESHOLDS.layer_counts_fully
    share = 100 / len(layers)
    parts = []
    total = 0.0
    for layer in layers:
        part = share * min(layer.score, full) / full
        total += part
        parts.append(f"{layer.name} {layer.score} gives {number_text(part)}")
    text = (
        f"Your breadth is {breadth} of 100. Each of the {len(layers)} layers is worth "
        f"{number_text(share)} and counts fully once its score reaches {full} (level "
        f"{full // THRESHOLDS.points_per_level}), pro rata below: {', '.join(parts)}"
    )
    if number_text(total) != str(breadth):
        return text + f"; together {number_text(total)}, shown as {breadth}."
    return text + "."


def _explain_layer(layer: LayerScore, catalogue: Catalogue, score_of: Mapping[str, int]) -> str:
    disciplines = catalogue.layer_by_slug[layer.slug].disciplines
    if not disciplines:
        return f"{layer.name} has no disciplines in the catalogue, so it scores 0."
    scores = [score_of[d.slug] for d in disciplines]
    if len(disciplines) == 1:
        only = disciplines[0].name
        return f"{layer.name} is {layer.score}, the score of its one discipline, {only}."
    text = f"{layer.name} is {layer.score}: the mean of its disciplines " + join_names(
        [f"{d.name} {s}" for d, s in zip(disciplines, scores, strict=True)]
    )
    mean = sum(scores) / len(scores)
    if mean != layer.score:
        return text + f" is {number_text(mean)}, shown as {layer.score}."
    return text + "."


def _explain_shape(
    shape: str, depth: int, breadth: int, disciplines: Sequence[DisciplineScore]
) -> str:
    t = THRESHOLDS
    deep = (
        f"your depth {depth} reaches {t.deep}"
        if depth >= t.deep
        else f"your depth {depth} is below {t.deep}"
    )
    broad = (
        f"your breadth {breadth} reaches {t.broad}"
        if breadth >= t.broad
        else f"your breadth {breadth} is below {t.broad}"
    )
    text = f"{SHAPE_LABELS[shape]}: {deep} and {broad}."
    peaks = [d for d in disciplines if d.score >= t.deep]
    if shape == "pi-shaped":
        text += (
            f" You also have disciplines at {t.deep} or more in more than one layer: "
            + join_names([f"{d.name} {d.score}" for d in peaks])
            + "."
        )
    elif shape == "t-shaped":
        text += (
            f" A second discipline at {t.deep} or more, in another layer than "
            f"{peaks[0].name}, would make it Π-shaped."
        )
    return text


def _explain_fit(match: Match) -> str:
    total = len(match.gaps) + match.met
    if not total:
        return f"{match.name} lists no requirements, so its fit is 0%."
    text = f"{match.name}: {match.met} of {total} requirements met"
    partial = sum(1 for gap in match.gaps if gap.have > 0)
    if partial:
        text += f", {partial} more with partial credit"
    points = number_text(match.points)
    return text + f"; {points} of {match.out_of} weighted points, so {match.fit}%."
