"""The roadmap: the competencies to raise next, and why.

Each phase has its own advice (``phase_advice``): phase 1 widens the operating layers,
interests first; phase 2 deepens one focus discipline; phase 3 broadens a specialist or takes
a T or Π profile a step toward a role. A role steers that advice: the target role's gaps lead
the list in every phase, and a profile at manager stage or above, or one targeting such a
role, is only ever told what its role needs. docs/scoring.md describes each rule with an
example.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments.domain import phase_advice
from assessments.domain.catalogue import Catalogue
from assessments.domain.phase_advice import Candidate, Context, actions
from assessments.domain.profile import Action, DisciplineScore, LayerScore
from assessments.domain.roles import Match
from assessments.domain.thresholds import THRESHOLDS
from careers.choices import STAGES

TARGET_SHARE = (THRESHOLDS.max_actions + 1) // 2
"""Next actions a target role's gaps take first, at least (while it has that many), before a
phase's own advice has its turn: half of the most offered."""

SENIOR_FIT = 60
"""A best match below this fit says little about a person's stage (a newcomer's best match
is whichever role asks least), so it never makes a profile senior."""


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
    """The roadmap of a profile in ``phase`` with ``shape``.

    The role that steers it: the target while it has gaps. A senior profile (``is_senior``)
    without one is steered by its best match while that has gaps, then by the next step up
    (``step_up``); a T or Π profile steps up in any case (``_next_step``). A senior profile,
    or one targeting a leadership role, hears only the steering role's gaps (a senior
    profile without a target is topped up from other leadership roles' gaps). Anyone else
    hears the steering role's gaps first: all of them in phase 3, whose job is to learn
    what the next role needs; in phases 1 and 2, the first TARGET_SHARE, then the phase's
    own advice, then the rest.
    """
    context = Context(catalogue, ratings, tuple(disciplines), layers, matches, target)
    senior = is_senior(context)
    if phase == 3 and shape != "i-shaped":
        return _next_step(context, "Π" if shape == "pi-shaped" else "T", senior)
    own = (
        phase_advice.start_wide(context)
        if phase == 1
        else phase_advice.go_deep(context, shape)
        if phase == 2
        else phase_advice.broaden(context)
    )
    steer: Match | None = None
    if target is not None and target.gaps:
        steer = target
    elif senior:
        best = matches[0]
        steer = best if target is None and best.gaps else step_up(context, senior=True)
    if steer is None:
        return Roadmap(actions(own.primary, own.extra), own.why, own.focus)
    gaps = gap_candidates(context, steer, phase)
    if senior or _leads(context, target):
        extra = _leadership_gaps(context, phase) if target is None else []
        return Roadmap(actions(gaps, extra), _steered_why(context, steer, phase), own.focus)
    if phase == 3:
        return Roadmap(actions(gaps + own.primary, own.extra), _broaden_toward(steer), own.focus)
    return Roadmap(
        actions(gaps[:TARGET_SHARE] + own.primary + gaps[TARGET_SHARE:], own.extra),
        f"{own.why} {_target_why(steer, phase)}",
        own.focus,
    )


def _leadership_gaps(context: Context, phase: int) -> list[Candidate]:
    """The gaps of the leadership roles at the best match's stage or above, best fit first:
    what tops up a senior profile's list without a target (never a lower stage's detail)."""
    floor = STAGES.index(_stage(context, context.matches[0]))
    return [
        candidate
        for match in context.matches
        if match.gaps and _leads(context, match) and STAGES.index(_stage(context, match)) >= floor
        for candidate in gap_candidates(context, match, phase)
    ]


def is_senior(context: Context) -> bool:
    """A profile is at manager stage or above when its best-matching role is: a leadership
    role (any stage after specialist) that it fits at least SENIOR_FIT."""
    best = context.matches[0] if context.matches else None
    return best is not None and best.fit >= SENIOR_FIT and _leads(context, best)


def _leads(context: Context, match: Match | None) -> bool:
    return match is not None and context.catalogue.role_by_slug[match.role].is_leadership


def _stage(context: Context, match: Match) -> str:
    return context.catalogue.role_by_slug[match.role].stage


def step_up(context: Context, *, senior: bool) -> Match | None:
    """The role to step toward once the target (or, with none, the best match) has no gaps
    left: the best-matching role with gaps one stage above it. For a senior profile with no
    such stage or role, the best-matching leadership role with gaps, so that advice at the
    top stays on what leadership needs."""
    catalogue, matches = context.catalogue, context.matches
    anchor = context.target or (matches[0] if matches else None)
    if anchor is None:
        return None
    stage = catalogue.role_by_slug[anchor.role].stage
    following = STAGES[STAGES.index(stage) + 1 :]
    step = None
    if following:
        step = next(
            (m for m in matches if m.gaps and _stage(context, m) == following[0]),
            None,
        )
    if step is None and senior:
        step = next((m for m in matches if m.gaps and _leads(context, m)), None)
    return step


def gap_candidates(context: Context, match: Match, phase: int) -> list[Candidate]:
    """The role's gaps as candidates, biggest weight × shortfall first (ties in the role's
    gap order). In phase 1, while any gap is below working level, each aims at working level
    at most: a person starting wide gets exposure first, not mastery."""
    t = THRESHOLDS
    capped = _capped(match, phase)
    aimed = []
    for gap in match.gaps:
        aim = min(gap.need, t.working_level) if capped else gap.need
        if gap.have < aim:
            aimed.append((gap, aim))
    aimed.sort(key=lambda item: -item[0].weight * (item[1] - item[0].have))
    competencies = context.catalogue.competency_by_slug
    candidates = []
    for gap, aim in aimed:
        reason = f"{match.name} needs level {gap.need} (weight {gap.weight}); you have {gap.have}."
        if aim < gap.need:
            reason += f" Working level ({aim}) first, while you start wide."
        candidates.append((competencies[gap.competency], gap.have, aim, reason))
    return candidates


def _capped(match: Match, phase: int) -> bool:
    """Whether the role's gaps aim at working level at most: in phase 1, while any of them
    is below it."""
    return phase == 1 and any(gap.have < THRESHOLDS.working_level for gap in match.gaps)


def _target_why(target: Match, phase: int) -> str:
    """The sentence a target adds to the explanation of phase 1 or 2."""
    text = (
        f"Your target {target.name} (fit {target.fit}%) leads the list: its biggest gaps come first"
    )
    if _capped(target, phase):
        text += f", toward working level (level {THRESHOLDS.working_level}) while you start wide"
    return text + "."


def _broaden_toward(target: Match) -> str:
    """Phase 3 for a specialist with a target: the target's needs are the breadth to learn."""
    return (
        f"you have the depth of a specialist; now broaden toward your target {target.name} "
        f"(fit {target.fit}%): its gaps come first, biggest first, then your weakest layers "
        f"to working level (level {THRESHOLDS.working_level})."
    )


def _steered_why(context: Context, steer: Match, phase: int) -> str:
    """Why every next action is a gap of ``steer``: a leadership target, or a senior
    profile."""
    target, best = context.target, context.matches[0]
    toward = " toward working level first" if _capped(steer, phase) else ""
    if steer is target and _leads(context, target):
        return (
            f"your target {target.name} (fit {target.fit}%) is a {_stage(context, target)} "
            f"role, so every next action closes one of its gaps{toward}, biggest first."
        )
    seniority = (
        f"your best match is {best.name} ({best.fit}%), a {_stage(context, best)} role, so "
        "advice stays on what your role needs"
    )
    if steer is target:
        return (
            f"{seniority}: every next action closes a gap of your target {target.name} "
            f"(fit {target.fit}%){toward}, biggest first."
        )
    if steer is best:
        return (
            f"{seniority}: every next action closes one of its gaps{toward}, biggest first, "
            "then those of other leadership roles."
        )
    stage = _stage(context, steer)
    anchor = target or best
    which = (
        f"the {stage} role that is your next step up"
        if STAGES.index(stage) > STAGES.index(_stage(context, anchor))
        else "the best-matching leadership role with gaps"
    )
    return (
        f"{seniority}: every next action closes a gap of {steer.name} (fit {steer.fit}%), "
        f"{which}{toward}, biggest first."
    )


def _next_step(context: Context, letter: str, senior: bool) -> Roadmap:
    """Phase 3 for a T or Π profile: the next step toward a role.

    The step is the target role while it has gaps, otherwise ``step_up``. Without such a
    role, the weakest layers are rounded out to proficient; a senior profile, whose advice
    stays on leadership, then has nothing left to raise.
    """
    t = THRESHOLDS
    target, matches = context.target, context.matches
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
        step = step_up(context, senior=senior)
        if anchor is not None:
            if anchor is target:
                text += f" and you meet every requirement of your target {anchor.name}"
            else:
                text += f" and your best match is {anchor.name} ({anchor.fit}%)"
        if step is not None:
            stage = _stage(context, step)
            if anchor is not None and STAGES.index(stage) > STAGES.index(_stage(context, anchor)):
                text += (
                    f"; the next step up is {step.name} (fit {step.fit}%), the best-matching "
                    f"{stage} role: close its biggest gaps."
                )
            elif step is anchor:
                text += (
                    "; close its remaining gaps first: advice at your stage stays on leadership."
                )
            else:
                text += (
                    f"; with no step up left, advice stays on leadership: close the gaps of "
                    f"{step.name} (fit {step.fit}%), the best-matching leadership role with gaps."
                )
    capped, every, ordered = phase_advice.round_out(context)
    if step is None:
        if senior:
            text += (
                "; you meet every leadership role's requirements, so deepen wherever you choose."
            )
            return Roadmap((), text)
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
        return Roadmap(actions(capped, every), text)
    gaps = gap_candidates(context, step, 3)
    if senior or _leads(context, target):
        return Roadmap(actions(gaps, _leadership_gaps(context, 3) if target is None else []), text)
    return Roadmap(actions(gaps, every), text)
