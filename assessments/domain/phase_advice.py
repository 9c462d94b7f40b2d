"""What each roadmap phase asks to raise on its own, before a role steers it.

Phase 1 (Start wide) gives working exposure to the operating layers, interests first, then
Architects; phase 2 (Go deep) raises one focus discipline toward level 4; phase 3 (Broaden
again) widens a specialist's T, or rounds out a T or Π profile. ``roadmap.plan`` puts a
role's gaps in front of these when a target or the person's seniority calls for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from assessments.domain.catalogue import Catalogue, Competency, Discipline
from assessments.domain.numbers import join_names
from assessments.domain.profile import Action, DisciplineScore, LayerScore, strongest_of
from assessments.domain.roles import Match
from assessments.domain.thresholds import LEADERSHIP_LAYER, THRESHOLDS


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a phase rule reads about one person."""

    catalogue: Catalogue
    ratings: Mapping[str, int]
    disciplines: tuple[DisciplineScore, ...]
    layers: tuple[LayerScore, ...]
    matches: list[Match]
    target: Match | None


type Candidate = tuple[Competency, int, int, str]  # competency, have, target, reason


@dataclass(frozen=True, slots=True)
class Advice:
    """A phase's own candidates: ``primary`` up to the most actions, ``extra`` to top up."""

    primary: list[Candidate]
    extra: list[Candidate]
    why: str
    focus: DisciplineScore | None = None


def actions(primary: Iterable[Candidate], extra: Iterable[Candidate] = ()) -> tuple[Action, ...]:
    """Up to max_actions from ``primary``; topped up from ``extra`` to min_actions. A
    competency is offered once, with the first target it is given."""
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


def _round_robin(
    context: Context,
    disciplines: Iterable[Discipline],
    target_for: Callable[[Competency], int],
    reason_for: Callable[[Discipline, Competency, int], str],
) -> list[Candidate]:
    """The competencies below their target in ``disciplines`` (in the order given), each
    discipline's lowest rating first, one per discipline before a second from any."""
    ratings = context.ratings
    columns = []
    for discipline in disciplines:
        column = []
        for competency in sorted(discipline.competencies, key=lambda c: ratings.get(c.slug, 0)):
            have, target = ratings.get(competency.slug, 0), target_for(competency)
            if have < target:
                column.append(
                    (competency, have, target, reason_for(discipline, competency, target))
                )
        columns.append(column)
    return [
        column[rank]
        for rank in range(max((len(column) for column in columns), default=0))
        for column in columns
        if rank < len(column)
    ]


def _widen(
    context: Context,
    layers: Sequence[LayerScore],
    target_for: Callable[[Competency], int],
    reason_for: Callable[[LayerScore, Competency, int], str],
) -> tuple[list[Candidate], list[Candidate]]:
    """Competencies below their target in ``layers`` (in the order given): within a layer
    the weakest discipline's lowest rating first, taking one per discipline before a second
    from any. Returns (at most actions_per_layer per layer, all of them)."""
    score_of = {d.slug: d.score for d in context.disciplines}
    capped: list[Candidate] = []
    every: list[Candidate] = []
    for layer_score_ in layers:
        layer = context.catalogue.layer_by_slug[layer_score_.slug]
        in_layer = _round_robin(
            context,
            sorted(layer.disciplines, key=lambda d: score_of[d.slug]),
            target_for,
            _for_layer(reason_for, layer_score_),
        )
        capped += in_layer[: THRESHOLDS.actions_per_layer]
        every += in_layer
    return capped, every


def _for_layer(
    reason_for: Callable[[LayerScore, Competency, int], str], layer: LayerScore
) -> Callable[[Discipline, Competency, int], str]:
    """A layer's reason, as widening within one of its disciplines asks for it."""

    def reason(discipline: Discipline, competency: Competency, level: int) -> str:
        return reason_for(layer, competency, level)

    return reason


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
            f"{layer.name} is at {layer.score}, below working level ({full}); level {level} "
            "here widens your T."
        )
    return f"{layer.name} is at {layer.score}; level {level} here fills one of its gaps."


def start_wide(context: Context) -> Advice:
    """Phase 1: working level (2) in the operating layers (Producers, Distributors,
    Converters & Nurturers) before Architects, the disciplines marked as interests first.

    The guide's phase 1 is exposure to creating, distributing and converting, to find the
    function one loves; strategy and leadership are learned on top of that, in phase 3.
    Interests take up to actions_per_layer actions, one per interest before a second from
    any; then the operating layers, weakest first, up to actions_per_layer each, then the
    rest of them; then Architects.
    """
    t = THRESHOLDS
    catalogue = context.catalogue
    score_of = {d.slug: d for d in context.disciplines}
    ordered = _weakest_first(context.layers)
    operating = [layer for layer in ordered if layer.slug != LEADERSHIP_LAYER]
    leading = [layer for layer in ordered if layer.slug == LEADERSHIP_LAYER]
    interests = sorted(
        (
            d
            for layer in operating
            for d in catalogue.layer_by_slug[layer.slug].disciplines
            if score_of[d.slug].interest
        ),
        key=lambda d: score_of[d.slug].score,
    )

    def working(competency: Competency) -> int:
        return t.working_level

    def interest_reason(discipline: Discipline, competency: Competency, level: int) -> str:
        return (
            f"You marked {discipline.name} as an interest; level {level} here gives you "
            "the hands-on exposure that shows whether it is the function to go deep in."
        )

    def layer_reason(layer: LayerScore, competency: Competency, level: int) -> str:
        discipline = score_of[competency.discipline]
        if layer.slug == LEADERSHIP_LAYER:
            return (
                f"{layer.name} is at {layer.score}; with working exposure to creating, "
                f"distributing and converting in place, level {level} in {discipline.name} "
                "starts the strategy side."
            )
        return (
            f"{discipline.name}, in {layer.name} ({layer.score}), is at {discipline.score}; "
            f"level {level} here gives you working exposure to it."
        )

    liked = _round_robin(context, interests, working, interest_reason)
    capped, every = _widen(context, operating, working, layer_reason)
    capped_leading, every_leading = _widen(context, leading, working, layer_reason)
    # Every operating competency below working level comes before Architects; the cap per
    # layer only spreads the first actions across the operating layers.
    primary = liked[: t.actions_per_layer] + capped + every + capped_leading
    text = (
        "your profile is still emerging, so get working exposure (level "
        f"{t.working_level}) to the operating layers, where content is created, distributed "
        "and converted, to find the function you love"
    )
    liked_names = list(dict.fromkeys(score_of[c.discipline].name for c, *_ in liked))
    if liked_names:
        text += ", starting with the interests you marked: " + join_names(liked_names)
    elif capped:
        widened = list(dict.fromkeys(c.discipline for c, *_ in capped))
        first = [
            f"{layer.name} ({layer.score})"
            for layer in operating
            if any(score_of[d].layer == layer.slug for d in widened)
        ][:2]
        text += ", starting with the weakest: " + join_names(first)
    if leading:
        text += (
            f"; {leading[0].name} (strategy and leadership) comes once they are at working level"
        )
    return Advice(primary, liked + every + every_leading, text + ".")


def go_deep(context: Context, shape: str) -> Advice:
    """Phase 2: the focus discipline's competencies up to level 4, then 5.

    The focus is the strongest discipline, unless one marked as an interest is at most
    focus_interest_margin points behind it: then the strongest such interest. A generalist
    comes here broad; anyone else with a stem forming.
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
    start = (
        "you have the breadth of a generalist"
        if shape == "generalist"
        else f"your stem is forming ({strongest.name} at {strongest.score})"
    )
    text = (
        f"{start}; now build the vertical bar of your T. "
        f"Go deep in {focus.name}: {why}. Level {t.deep_level} across its competencies "
        f"makes a depth of {deep_score}."
    )
    return Advice(primary, extra, text, focus)


def broaden(context: Context) -> Advice:
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
    return Advice(capped, extra, text)


def round_out(context: Context) -> tuple[list[Candidate], list[Candidate], list[LayerScore]]:
    """Phase 3 for a T or Π profile: the weakest layers' competencies to proficient, as
    (at most actions_per_layer per layer, all of them, the layers weakest first)."""
    ordered = _weakest_first(context.layers)

    def reason(layer: LayerScore, competency: Competency, level: int) -> str:
        weakest = "your weakest layer" if layer is ordered[0] else "one of your weaker layers"
        return f"{layer.name} is {weakest}, at {layer.score}; level {level} here rounds out your T."

    capped, every = _widen(context, ordered, lambda c: THRESHOLDS.proficient_level, reason)
    return capped, every, ordered
