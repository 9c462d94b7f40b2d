"""The roadmap: the competencies to raise next, and why.

Each phase has its own advice (``phase_advice``): phase 1 widens the operating layers,
interests first; phase 2 deepens one focus discipline; phase 3 takes a specialist, a T or a Π
profile a step toward a role. A role steers that advice: the target role's gaps lead the list
in every phase, and a profile at manager stage or above, or one targeting such a role, is
only ever told what its role needs, never what a lower stage needs. docs/scoring.md describes
each rule with an example.
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
    (``step_up``); a T or Π profile steps up in any case (``_next_step``), and so does a
    specialist in phase 3 without a target. A senior profile, or one targeting a leadership
    role, hears only the steering role's gaps (a senior profile without a target is topped
    up from other leadership roles' gaps), and nothing when no role at its stage or above
    has any. Anyone else hears the steering role's gaps first: all of them in phase 3, whose
    job is to learn what the next role needs; in phases 1 and 2, the first TARGET_SHARE,
    then the phase's own advice, then the rest.
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
            return Roadmap((), f"{_seniority(context)}; {_nothing_to_close(context)}", own.focus)
    elif phase == 3 and target is None:
        step = step_up(context, senior=False)
        # A role that fits 0 shares nothing with the person: only catalogue order chose it.
        steer = step if step is not None and step.fit > 0 else None
    if steer is None:
        return Roadmap(actions(own.primary, own.extra), own.why, own.focus)
    gaps = gap_candidates(context, steer, phase)
    if senior or _leads(context, target):
        extra = _leadership_gaps(context, phase) if target is None else []
        return Roadmap(actions(gaps, extra), _steered_why(context, steer, phase), own.focus)
    if phase == 3:
        return Roadmap(
            actions(gaps + own.primary, own.extra), _broaden_toward(context, steer), own.focus
        )
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
    left: the best-matching role with gaps one stage above it (``_anchor_stage``). For a
    senior profile with no such stage or role, the best-matching leadership role with gaps
    at that stage or above, so that advice at the top stays on what leadership needs and
    never steps down a stage; None when there is none."""
    stage = _anchor_stage(context, senior)
    if stage is None:
        return None
    rank = STAGES.index(stage)
    following = STAGES[rank + 1 : rank + 2]
    with_gaps = [m for m in context.matches if m.gaps]
    step = next((m for m in with_gaps if _stage(context, m) in following), None)
    if step is None and senior:
        step = next(
            (
                m
                for m in with_gaps
                if _leads(context, m) and STAGES.index(_stage(context, m)) >= rank
            ),
            None,
        )
    return step


def _anchor_stage(context: Context, senior: bool) -> str | None:
    """The stage a step up starts from: the target's, or with none the best match's; for a
    senior profile the best match's when that is higher, since its best match says where it
    stands."""
    best = context.matches[0] if context.matches else None
    anchor = context.target or best
    if anchor is None:
        return None
    stage = _stage(context, anchor)
    if senior and best is not None and STAGES.index(_stage(context, best)) > STAGES.index(stage):
        stage = _stage(context, best)
    return stage


def _nothing_to_close(context: Context) -> str:
    """Why a senior profile that meets every leadership role at its stage and above has no
    next actions, and what to do instead."""
    stage = _anchor_stage(context, True)
    roles = (
        f"the {stage} roles, and no stage is above them"
        if stage == STAGES[-1]
        else f"the leadership roles at {stage} stage and above"
    )
    return (
        f"you meet every requirement of {roles}, so no role is left to learn for and there is "
        "nothing to raise next. Keep your strengths current as channels and tools change, and "
        "coach the people who will step into your role."
    )


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


def _broaden_toward(context: Context, steer: Match) -> str:
    """Phase 3 for a specialist: the needs of its target, or else of the next role up, are
    the breadth to learn."""
    rest = (
        "its gaps come first, biggest first, then your weakest layers to working level "
        f"(level {THRESHOLDS.working_level})."
    )
    if steer is context.target:
        return (
            f"you have the depth of a specialist; now broaden toward your target {steer.name} "
            f"(fit {steer.fit}%): {rest}"
        )
    best = context.matches[0]
    return (
        "you have the depth of a specialist; now broaden by learning what the next role up "
        f"needs. Your best match is {best.name} ({best.fit}%), {_a_role(context, best)}, "
        f"and {steer.name} (fit {steer.fit}%) is the best-matching {_stage(context, steer)} "
        f"role one stage above it: {rest}"
    )


def _steered_why(context: Context, steer: Match, phase: int) -> str:
    """Why every next action is a gap of ``steer``: a leadership target, or a senior
    profile."""
    target, best = context.target, context.matches[0]
    toward = " toward working level first" if _capped(steer, phase) else ""
    if steer is target and _leads(context, target):
        return (
            f"your target {target.name} (fit {target.fit}%) is {_a_role(context, target)}, "
            f"so every next action closes one of its gaps{toward}, biggest first."
        )
    seniority = f"{_seniority(context)}, so advice stays on what your role needs"
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
    which = (
        f"the {stage} role that is your next step up"
        if STAGES.index(stage) > STAGES.index(_anchor_stage(context, True) or stage)
        else f"the best-matching {stage} role with gaps, at your stage"
    )
    return (
        f"{seniority}: every next action closes a gap of {steer.name} (fit {steer.fit}%), "
        f"{which}{toward}, biggest first."
    )


def _seniority(context: Context) -> str:
    """A senior profile's best match and its stage, which the advice fits."""
    best = context.matches[0]
    return f"your best match is {best.name} ({best.fit}%), {_a_role(context, best)}"


def _a_role(context: Context, match: Match) -> str:
    """The role's stage with its article, as a sentence names it: a director role, an
    executive role."""
    stage = _stage(context, match)
    return f"{'an' if stage[0] in 'aeiou' else 'a'} {stage} role"


def _next_step(context: Context, letter: str, senior: bool) -> Roadmap:
    """Phase 3 for a T or Π profile: the next step toward a role.

    The step is the target role while it has gaps, otherwise ``step_up``. Without such a
    role, the weakest layers are rounded out to proficient; a senior profile, whose advice
    stays on leadership at its stage or above, then has nothing left to raise.
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
            if STAGES.index(stage) > STAGES.index(_anchor_stage(context, senior) or stage):
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
                    f"; with no step up left, advice stays at your stage: close the gaps of "
                    f"{step.name} (fit {step.fit}%), the best-matching {stage} role with gaps."
                )
    capped, every, ordered = phase_advice.round_out(context)
    if step is None:
        if senior:
            return Roadmap((), f"{text}; {_nothing_to_close(context)}")
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
