"""The roadmap: the competencies to raise next in each phase, and why.

Phase 1 (Start wide) builds working level across the weakest layers, phase 2 (Go deep)
raises one focus discipline, phase 3 (Broaden again) widens a specialist's T or takes a
T or Π profile a step toward a role. docs/scoring.md describes each with an example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from assessments.domain.catalogue import Catalogue, Competency
from assessments.domain.numbers import join_names
from assessments.domain.profile import Action, DisciplineScore, LayerScore, strongest_of
from assessments.domain.roles import Match
from assessments.domain.thresholds import LEADERSHIP_LAYER, THRESHOLDS
from careers.choices import STAGES


@dataclass(frozen=True, slots=True)
class Roadmap:
    """The next actions, and why: the phase's explanation after "Phase n, Name: "."""

    actions: tuple[Action, ...]
    why: str
    focus: DisciplineScore | None = None
    """The discipline to go deep in (phase 2 only)."""


def plan(
    catalogue: Catalogue,
    ratings: Mapping[str, int],
    disciplines: Sequence[DisciplineScore],
    layers: tuple[LayerScore, ...],
    matches: list[Match],
    target: Match | None,
    *,
    phase: int,
    shape: str,
) -> Roadmap:
    """The roadmap of a profile in ``phase`` with ``shape``: what its phase asks to raise next."""
    context = _Context(catalogue, ratings, tuple(disciplines), layers, matches, target)
    if phase == 1:
        return Roadmap(*_start_wide(context))
    if phase == 2:
        focus, actions, why = _go_deep(context)
        return Roadmap(actions, why, focus)
    if shape == "i-shaped":
        return Roadmap(*_broaden(context))
    return Roadmap(*_next_step(context, "Π" if shape == "pi-shaped" else "T"))


@dataclass(frozen=True, slots=True)
class _Context:
    catalogue: Catalogue
    ratings: Mapping[str, int]
    disciplines: tuple[DisciplineScore, ...]
    layers: tuple[LayerScore, ...]
    matches: list[Match]
    target: Match | None


type _Candidate = tuple[Competency, int, int, str]  # competency, have, target, reason


def _actions(primary: Iterable[_Candidate], extra: Iterable[_Candidate] = ()) -> tuple[Action, ...]:
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
    return tuple(chosen.values())


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


def _start_wide(context: _Context) -> tuple[tuple[Action, ...], str]:
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


def _go_deep(context: _Context) -> tuple[DisciplineScore, tuple[Action, ...], str]:
    """Phase 2: the focus discipline's competencies up to level 4, then 5.

    The focus is the strongest discipline, unless one marked as an interest is at most
    focus_interest_margin points behind it: then the strongest such interest.
    """
    t = THRESHOLDS
    strongest = strongest_of(context.disciplines)
    assert strongest is not None  # a generalist has breadth, hence disciplines
    interests = [d for d in context.disciplines if d.interest]
    favourite = strongest_of(interests)
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


def _broaden(context: _Context) -> tuple[tuple[Action, ...], str]:
    """Phase 3 for an I-shaped specialist: the weakest layers up to working level (up to
    proficient where the target role asks for more), the Architects layer first when the
    target role is a leadership role."""
    t = THRESHOLDS
    target = context.target
    role = context.catalogue.role_by_slug[target.role] if target else None
    ordered = _weakest_first(context.layers)
    # The target role when it is a leadership role, whose Architects layer comes first.
    leader = role if role is not None and role.is_leadership else None
    if leader is not None:
        ordered.sort(key=lambda layer: layer.slug != LEADERSHIP_LAYER)
    weak = _below_full(ordered)
    asks = {req.competency: req.level for req in role.requirements} if role else {}

    def target_for(competency: Competency) -> int:
        return max(t.working_level, min(asks.get(competency.slug, 0), t.proficient_level))

    def reason(layer: LayerScore, competency: Competency, level: int) -> str:
        if (
            leader is not None
            and layer.slug == LEADERSHIP_LAYER
            and layer.score < t.layer_counts_fully
        ):
            text = (
                f"{layer.name} comes first for a leadership role such as {leader.name}; "
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
    if leader is not None and weak and weak[0].slug == LEADERSHIP_LAYER:
        text += f" {weak[0].name} comes first because {leader.name} is a leadership role."
    return _actions(capped, extra), text


def _next_step(context: _Context, letter: str) -> tuple[tuple[Action, ...], str]:
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
