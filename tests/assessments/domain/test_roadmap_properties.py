"""Properties of the next actions that hold for any catalogue, ratings, interests, target
and phase: the target steers, phase 1 widens the operating layers first, phase 2 deepens
the focus, a specialist broadens toward the next role up, and advice fits seniority, never
stepping down a stage."""

from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.domain import phase_advice, roadmap
from assessments.domain.catalogue import Catalogue
from assessments.domain.profile import Profile
from assessments.domain.scoring import score
from assessments.domain.thresholds import LEADERSHIP_LAYER, THRESHOLDS
from careers.choices import STAGES
from tests.assessments.domain.test_scoring_properties import people

SHAPES_OF_PHASE = {1: ["emerging"], 2: ["generalist"], 3: ["i-shaped", "t-shaped", "pi-shaped"]}


class Case(NamedTuple):
    catalogue: Catalogue
    ratings: dict[str, int]
    profile: Profile
    phase: int
    shape: str
    plan: roadmap.Roadmap


@st.composite
def plans(draw, phase: int | None = None, shape: str | None = None, targets: bool = True) -> Case:
    """A person scored as usual, then planned for a phase drawn at random (with a shape it
    allows) unless given: the next-actions rules hold whatever rule places a profile in a
    phase. ``targets=False`` leaves out the target role."""
    catalogue, ratings, interests, target = draw(people())
    target = target if targets else None
    profile = score(catalogue, ratings, interests, target)
    phase = phase or draw(st.sampled_from([1, 2, 3]))
    shape = shape or draw(st.sampled_from(SHAPES_OF_PHASE[phase]))
    plan = roadmap.plan(
        catalogue,
        ratings,
        profile.disciplines,
        profile.layers,
        list(profile.matches),
        profile.target,
        phase=phase,
        shape=shape,
    )
    return Case(catalogue, ratings, profile, phase, shape, plan)


def expected_target_gaps(target, phase):
    """The target's gaps as (competency, aim), by weight × shortfall: toward working level at
    most in phase 1 while any gap is below it."""
    working = THRESHOLDS.working_level
    capped = phase == 1 and any(gap.have < working for gap in target.gaps)
    aimed = [(gap, min(gap.need, working) if capped else gap.need) for gap in target.gaps]
    aimed = [(gap, aim) for gap, aim in aimed if gap.have < aim]
    aimed.sort(key=lambda item: -item[0].weight * (item[1] - item[0].have))
    return [(gap.competency, aim) for gap, aim in aimed]


def is_senior(catalogue, profile):
    best = profile.matches[0] if profile.matches else None
    return (
        best is not None
        and best.fit >= roadmap.SENIOR_FIT
        and catalogue.role_by_slug[best.role].is_leadership
    )


@settings(deadline=None, max_examples=300)
@given(plans())
def test_the_target_gaps_lead_and_make_at_least_half(case):
    profile, phase, plan = case.profile, case.phase, case.plan
    target = profile.target
    if target is None or not target.gaps:
        return
    gaps = expected_target_gaps(target, phase)
    chosen = [(a.competency, a.target) for a in plan.actions]
    # The list starts with the target's gaps in order, as many as the phase lets lead...
    leading = min(len(gaps), len(chosen), roadmap.TARGET_SHARE)
    assert chosen[:leading] == gaps[:leading]
    # ...and at least half of it is the target's gaps while that many exist.
    required = {gap.competency for gap in target.gaps}
    in_target = sum(1 for a in plan.actions if a.competency in required)
    assert in_target >= min(len(gaps), (len(chosen) + 1) // 2)
    if phase == 1 and any(gap.have < THRESHOLDS.working_level for gap in target.gaps):
        assert all(
            a.target <= THRESHOLDS.working_level for a in plan.actions if a.competency in required
        )


@settings(deadline=None, max_examples=300)
@given(plans())
def test_start_wide_takes_the_operating_layers_and_interests_first(case):
    catalogue, ratings, profile, phase, _, plan = case
    if phase != 1 or profile.target is not None or is_senior(catalogue, profile):
        return
    layer_of = {d.slug: d.layer for d in catalogue.disciplines}
    leading = [layer_of[a.discipline] == LEADERSHIP_LAYER for a in plan.actions]
    # No Architects action comes before an operating layer's.
    assert leading == sorted(leading)
    assert all(a.target == THRESHOLDS.working_level for a in plan.actions)
    open_interests = {
        d.slug
        for d in profile.disciplines
        if d.interest
        and d.layer != LEADERSHIP_LAYER
        and any(
            ratings.get(c.slug, 0) < THRESHOLDS.working_level
            for c in catalogue.discipline_by_slug[d.slug].competencies
        )
    }
    if open_interests:
        assert plan.actions[0].discipline in open_interests
    # Operating-layer competencies below working level leave room for Architects only
    # when fewer than the most actions are left.
    operating_open = sum(
        1
        for c in catalogue.competencies
        if layer_of[c.discipline] != LEADERSHIP_LAYER
        and ratings.get(c.slug, 0) < THRESHOLDS.working_level
    )
    if operating_open >= THRESHOLDS.max_actions:
        assert not any(leading)


@settings(deadline=None, max_examples=300)
@given(plans())
def test_go_deep_deepens_an_interest_near_the_top_else_the_strongest(case):
    catalogue, profile, phase, plan = case.catalogue, case.profile, case.phase, case.plan
    if phase != 2 or profile.target is not None or is_senior(catalogue, profile):
        return
    strongest = max(d.score for d in profile.disciplines)
    near = [
        d
        for d in profile.disciplines
        if d.interest and d.score >= strongest - THRESHOLDS.focus_interest_margin
    ]
    assert plan.focus is not None
    if near:
        assert plan.focus.interest
        assert plan.focus.score == max(d.score for d in near)
    else:
        assert plan.focus.score == strongest
    assert all(a.discipline == plan.focus.slug for a in plan.actions)
    assert all(a.target in (THRESHOLDS.deep_level, THRESHOLDS.max_level) for a in plan.actions)


def rank(catalogue, match):
    return STAGES.index(catalogue.role_by_slug[match.role].stage)


@settings(deadline=None, max_examples=300)
@given(plans(3, "i-shaped", targets=False))
def test_a_specialist_without_a_target_broadens_toward_the_next_role_up(case):
    catalogue, ratings, profile, _, _, plan = case
    if is_senior(catalogue, profile):
        return
    above = rank(catalogue, profile.matches[0]) + 1 if profile.matches else None
    step = next((m for m in profile.matches if m.gaps and rank(catalogue, m) == above), None)
    if step is None or step.fit == 0:
        # No role to step up to: the weakest layers, as the phase advises on its own.
        context = phase_advice.Context(
            catalogue, ratings, profile.disciplines, profile.layers, list(profile.matches), None
        )
        own = phase_advice.broaden(context)
        assert plan.actions == phase_advice.actions(own.primary, own.extra)
        return
    # Every gap of the best-matching role one stage up comes first, as many as the list takes,
    # so at least half of it is that role's while it has that many gaps.
    gaps = expected_target_gaps(step, 3)
    chosen = [(a.competency, a.target) for a in plan.actions]
    leading = min(len(gaps), THRESHOLDS.max_actions)
    assert chosen[:leading] == gaps[:leading]
    assert step.name in plan.why


@settings(deadline=None, max_examples=300)
@given(plans())
def test_advice_fits_seniority(case):
    catalogue, profile, plan = case.catalogue, case.profile, case.plan
    senior = is_senior(catalogue, profile)
    target = profile.target
    leads = target is not None and catalogue.role_by_slug[target.role].is_leadership
    chosen = {a.competency for a in plan.actions}
    if target is not None and target.gaps and (senior or leads):
        # Never a competency the target does not require while it has gaps.
        required = {r.competency for r in catalogue.role_by_slug[target.role].requirements}
        assert chosen <= required
    elif senior:
        # Without a target to close, only what a leadership role at the best match's stage or
        # above needs: a senior profile is never steered by a role of a lower stage.
        floor = rank(catalogue, profile.matches[0])
        leadership_gaps = {
            gap.competency
            for m in profile.matches
            if catalogue.role_by_slug[m.role].is_leadership and rank(catalogue, m) >= floor
            for gap in m.gaps
        }
        assert chosen <= leadership_gaps
