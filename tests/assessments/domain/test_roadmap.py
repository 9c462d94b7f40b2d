"""Next actions in each roadmap phase: where to go deep, how to start wide, how to broaden
again, and the next step of a T or Π profile; how a target role and seniority steer them.

Where a test names the phase it plans for, it calls ``roadmap.plan`` with that phase, so it
pins the next-actions rules whatever rule places a profile in a phase."""

import pytest

from assessments.domain import roadmap
from assessments.domain.catalogue import Resource
from assessments.domain.scoring import score
from tests.assessments.domain.default_catalogue import default_catalogue, levels
from tests.assessments.domain.scoring_support import (
    CATALOGUE,
    PRO_RATA,
    ROLES,
    T_SHAPED,
    build,
    rated,
    role,
)


def plan_at(ratings, phase, shape, interests=(), target=None, catalogue=CATALOGUE):
    """The roadmap of these ratings in ``phase`` with ``shape``, scored otherwise as usual."""
    profile = score(catalogue, ratings, interests, target)
    return roadmap.plan(
        catalogue,
        ratings,
        profile.disciplines,
        profile.layers,
        list(profile.matches),
        profile.target,
        phase=phase,
        shape=shape,
    )


def steps(plan):
    return [(a.competency, a.have, a.target) for a in plan.actions]


# --- Phase 2: where to go deep -------------------------------------------------------------

# Disciplines: SEO (3, 3, 3) = 60, copywriting (3, 2) = 50, content strategy 40, marketing
# strategy 0, the rest 40. Layers 45, 50, 40, 20: breadth 25 + 25 + 25 + 12.5 = 87.5 → 88.
GENERALIST = rated(
    2, keyword_research=3, technical_seo=3, link_building=3, headlines=3, positioning=0, planning=0
)


@pytest.mark.parametrize(
    ("interests", "focus"),
    [
        ([], "seo"),
        (["seo", "copywriting"], "seo"),
        (["copywriting"], "copywriting"),  # 50 is within 20 of 60
        (["content-strategy"], "content-strategy"),  # 40 is exactly 20 behind: still within
        (["marketing-strategy"], "seo"),  # 0 is more than 20 behind
        (["marketing-strategy", "social-media"], "social-media"),
    ],
)
def test_interests_steer_the_focus_discipline(interests, focus):
    profile = score(CATALOGUE, GENERALIST, interests=interests)
    assert (profile.depth, profile.breadth, profile.shape, profile.phase) == (
        60,
        88,
        "generalist",
        2,
    )
    assert profile.focus_discipline == focus


def test_go_deep_explains_the_choice_and_aims_at_level_4():
    profile = score(CATALOGUE, GENERALIST, interests=["copywriting"])
    assert profile.explanations.phase == (
        "Phase 2, Go deep: you have the breadth of a generalist; now build the vertical bar of "
        "your T. Go deep in Copywriting: you marked it as an interest and at 50 it is within 20 "
        "points of your strongest, SEO (60). Level 4 across its competencies makes a depth of 80."
    )
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("long-form", 2, 4),
        ("headlines", 3, 4),
    ]
    assert profile.next_actions[0].reason == (
        "Copywriting is your focus discipline; level 4 across it takes your depth to 80."
    )


def test_go_deep_says_when_interests_are_too_far_behind():
    profile = score(CATALOGUE, GENERALIST, interests=["marketing-strategy"])
    assert (
        "Go deep in SEO: it is your strongest discipline (60); the interests you marked "
        "(Marketing strategy) are more than 20 points behind it, the nearest at 0."
        in profile.explanations.phase
    )
    # Three SEO competencies below 4, lowest first (all at 3: catalogue order).
    assert [(a.competency, a.target) for a in profile.next_actions] == [
        ("keyword-research", 4),
        ("technical-seo", 4),
        ("link-building", 4),
    ]


def test_go_deep_tops_up_to_three_actions_with_level_5():
    # SEO (4, 4, 3) = 73 leaves one competency below 4: the other two aim for 5.
    profile = score(CATALOGUE, rated(2, keyword_research=4, technical_seo=4, link_building=3))
    assert profile.focus_discipline == "seo"
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("link-building", 3, 4),
        ("keyword-research", 4, 5),
        ("technical-seo", 4, 5),
    ]


def test_go_deep_with_a_stem_forming_says_so():
    # SEO (3, 3, 3) = 60 and nothing else: not broad, but a stem is forming.
    plan = plan_at(rated(0, keyword_research=3, technical_seo=3, link_building=3), 2, "emerging")
    assert steps(plan) == [
        ("keyword-research", 3, 4),
        ("technical-seo", 3, 4),
        ("link-building", 3, 4),
    ]
    assert plan.why == (
        "your stem is forming (SEO at 60); now build the vertical bar of your T. Go deep in "
        "SEO: it is your strongest discipline (60). Level 4 across its competencies makes a "
        "depth of 80."
    )


# --- Phase 1: start wide -------------------------------------------------------------------


def test_start_wide_widens_the_operating_layers_before_architects():
    # Layers: producers 40, distributors 20, converters 10, architects 0. The operating layers
    # come first, weakest first: converters (10), then distributors (20), three each, one per
    # discipline before a second from any, the weakest discipline and the lowest rating first
    # (ties in catalogue order). Architects, the weakest layer, waits.
    profile = score(CATALOGUE, PRO_RATA)
    assert (profile.phase, [layer.score for layer in profile.layers]) == (1, [40, 20, 10, 0])
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("landing-pages", 0, 2),
        ("dashboards", 0, 2),
        ("ab-testing", 1, 2),
        ("keyword-research", 1, 2),
        ("community-posting", 1, 2),
        ("technical-seo", 1, 2),
    ]
    assert profile.next_actions[0].reason == (
        "Conversion optimisation, in Converters (10), is at 10; level 2 here gives you "
        "working exposure to it."
    )
    assert profile.next_actions[0].resources == (
        Resource("Learn landing-pages", "https://example.com/landing-pages", "guide"),
    )
    assert plan_at(PRO_RATA, 1, "emerging").why == (
        "your profile is still emerging, so get working exposure (level 2) to the operating "
        "layers, where content is created, distributed and converted, to find the function you "
        "love, starting with the weakest: Converters (10) and Distributors (20); Architects "
        "(strategy and leadership) comes once they are at working level."
    )


@pytest.mark.parametrize(
    ("interests", "expected"),
    [
        # Social media (20) first; marketing strategy is in Architects, which waits.
        (
            ["marketing-strategy", "social-media"],
            [
                ("community-posting", 1, 2),
                ("social-ads", 1, 2),
                ("landing-pages", 0, 2),
                ("dashboards", 0, 2),
                ("ab-testing", 1, 2),
                ("keyword-research", 1, 2),
            ],
        ),
        # SEO and social media tie at 20 (catalogue order): one from each before a second,
        # three at most, then the weakest operating layers as without interests.
        (
            ["social-media", "seo"],
            [
                ("keyword-research", 1, 2),
                ("community-posting", 1, 2),
                ("technical-seo", 1, 2),
                ("landing-pages", 0, 2),
                ("dashboards", 0, 2),
                ("ab-testing", 1, 2),
            ],
        ),
        # Copywriting is at working level already: nothing to widen there.
        (
            ["copywriting"],
            [
                ("landing-pages", 0, 2),
                ("dashboards", 0, 2),
                ("ab-testing", 1, 2),
                ("keyword-research", 1, 2),
                ("community-posting", 1, 2),
                ("technical-seo", 1, 2),
            ],
        ),
    ],
)
def test_start_wide_begins_with_the_interests_in_the_operating_layers(interests, expected):
    assert steps(plan_at(PRO_RATA, 1, "emerging", interests)) == expected


def test_start_wide_names_the_interests_and_says_why():
    plan = plan_at(PRO_RATA, 1, "emerging", ["marketing-strategy", "social-media"])
    assert plan.actions[0].reason == (
        "You marked Social media as an interest; level 2 here gives you the hands-on exposure "
        "that shows whether it is the function to go deep in."
    )
    assert plan.why == (
        "your profile is still emerging, so get working exposure (level 2) to the operating "
        "layers, where content is created, distributed and converted, to find the function you "
        "love, starting with the interests you marked: Social media; Architects (strategy and "
        "leadership) comes once they are at working level."
    )


def test_start_wide_turns_to_architects_once_the_operating_layers_are_at_working_level():
    # Only landing pages is below 2 in the operating layers; then Architects (0): marketing
    # management and marketing strategy tie at 0, one from each before a second, three at most.
    ratings = rated(2, landing_pages=1, team_leadership=0, budgeting=0, positioning=0, planning=0)
    plan = plan_at(ratings, 1, "emerging")
    assert steps(plan) == [
        ("landing-pages", 1, 2),
        ("team-leadership", 0, 2),
        ("positioning", 0, 2),
        ("budgeting", 0, 2),
    ]
    assert plan.actions[1].reason == (
        "Architects is at 0; with working exposure to creating, distributing and converting in "
        "place, level 2 in Marketing management starts the strategy side."
    )


# --- Phase 3: broaden again ----------------------------------------------------------------

# SEO (5, 5, 5) = 100, social media 0: distributors 50. Producers and architects at level 1
# (20), converters 0. Breadth 12.5 + 12.5 + 0 + 12.5 = 37.5, shown as 38: I-shaped.
SPECIALIST = rated(
    1,
    keyword_research=5,
    technical_seo=5,
    link_building=5,
    community_posting=0,
    social_ads=0,
    ab_testing=0,
    landing_pages=0,
    attribution=0,
    dashboards=0,
)


def test_a_specialist_without_a_target_broadens_toward_the_next_role_up():
    profile = score(CATALOGUE, SPECIALIST)
    assert (profile.depth, profile.breadth, profile.shape, profile.phase) == (
        100,
        38,
        "i-shaped",
        3,
    )
    # Best match SEO specialist (3 + 2 + 0 of 6 = 83%), a specialist role; the best-matching
    # manager role is SEO manager (3 + 2 + 2 · 1/3 + 1 · 1/2 = 6.17 of 8 = 77%): its gaps
    # team leadership 2 × (3 - 1) = 2 and budgeting 1 × (2 - 1) = 1 lead, then the weakest
    # layers as without a role to step up to.
    assert [(m.role, m.fit) for m in profile.matches][:2] == [
        ("seo-specialist", 83),
        ("seo-manager", 77),
    ]
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("team-leadership", 1, 3),
        ("budgeting", 1, 2),
        ("ab-testing", 0, 2),
        ("attribution", 0, 2),
        ("landing-pages", 0, 2),
        ("content-planning", 1, 2),
    ]
    assert profile.next_actions[0].reason == "SEO manager needs level 3 (weight 2); you have 1."
    assert profile.explanations.phase == (
        "Phase 3, Broaden again: you have the depth of a specialist; now broaden by learning "
        "what the next role up needs. Your best match is SEO specialist (83%), a specialist "
        "role, and SEO manager (fit 77%) is the best-matching manager role one stage above it: "
        "its gaps come first, biggest first, then your weakest layers to working level "
        "(level 2)."
    )


# Catalogues where a specialist has no role to step up to: no manager role at all, or only
# one that shares nothing with the specialist (fit 0, chosen by catalogue order alone).
SPECIALISTS = [r for r in ROLES if r.stage == "specialist"]
SPECIALISTS_ONLY = build(roles=SPECIALISTS)


def with_role(roles, slug, layer, discipline, stage, *requirements):
    """The small catalogue with ``roles`` and one more."""
    return build(roles=[*roles, role(slug, layer, discipline, stage, *requirements)])


UNRELATED_MANAGER = with_role(
    SPECIALISTS,
    "marketing-manager",
    "architects",
    "marketing-management",
    "manager",
    ("team-leadership", 3, 3),
    ("budgeting", 3, 1),
)


def test_broaden_takes_the_weakest_layers_first_without_a_role_to_step_up_to():
    plan = plan_at(SPECIALIST, 3, "i-shaped", catalogue=SPECIALISTS_ONLY)
    # Converters (0), then producers (20) before architects (20): catalogue order on a tie.
    assert steps(plan) == [
        ("ab-testing", 0, 2),
        ("attribution", 0, 2),
        ("landing-pages", 0, 2),
        ("content-planning", 1, 2),
        ("headlines", 1, 2),
        ("editorial-calendar", 1, 2),
    ]
    assert plan.actions[0].reason == (
        "Converters is at 0, below working level (40); level 2 here widens your T."
    )
    assert plan.why == (
        "you have the depth of a specialist; now build the horizontal bar of your T by "
        "learning your weakest layers to working level (level 2): Converters (0) and "
        "Producers (20)."
    )


def test_a_manager_role_that_fits_0_does_not_steer_a_specialist():
    ratings = {**SPECIALIST, "team-leadership": 0, "budgeting": 0}
    profile = score(UNRELATED_MANAGER, ratings)
    assert [(m.role, m.fit) for m in profile.matches][-1] == ("marketing-manager", 0)
    # Converters (0), then architects (10): the weakest layers, as without a manager role.
    assert steps(plan_at(ratings, 3, "i-shaped", catalogue=UNRELATED_MANAGER)) == [
        ("ab-testing", 0, 2),
        ("attribution", 0, 2),
        ("landing-pages", 0, 2),
        ("team-leadership", 0, 2),
        ("positioning", 1, 2),
        ("budgeting", 0, 2),
    ]


def test_a_specialist_target_met_in_full_still_broadens_from_the_weakest_layers():
    # A target steers as it always has: met in full, it leaves the weakest layers, as the
    # specialist chose it, rather than the next role up (SEO manager, whose gaps they have).
    ratings = {**SPECIALIST, "dashboards": 2}
    plan = plan_at(ratings, 3, "i-shaped", target="seo-specialist")
    assert steps(plan)[:3] == [("ab-testing", 0, 2), ("attribution", 0, 2), ("landing-pages", 0, 2)]
    assert plan.why.startswith("you have the depth of a specialist; now build the horizontal")


def test_broaden_toward_a_specialist_target_puts_all_its_gaps_first():
    plan = plan_at(SPECIALIST, 3, "i-shaped", target="copywriter")
    # Copywriter's gaps by weight × shortfall: headlines 3 × (4 - 1) = 9, long form
    # 2 × (3 - 1) = 4. Then the weakest layers as without a target, converters (0) then
    # producers (20), where headlines is already chosen.
    assert steps(plan) == [
        ("headlines", 1, 4),
        ("long-form", 1, 3),
        ("ab-testing", 0, 2),
        ("attribution", 0, 2),
        ("landing-pages", 0, 2),
        ("content-planning", 1, 2),
    ]
    assert plan.actions[0].reason == "Copywriter needs level 4 (weight 3); you have 1."
    # Fit: 3 · 1/4 + 2 · 1/3 = 1.42 of 5 = 28%.
    assert plan.why == (
        "you have the depth of a specialist; now broaden toward your target Copywriter (fit 28%): "
        "its gaps come first, biggest first, then your weakest layers to working level (level 2)."
    )


def test_a_leadership_target_hears_only_its_gaps():
    plan = plan_at(SPECIALIST, 3, "i-shaped", target="marketing-director")
    # Marketing director's gaps: positioning 3 × 3 = 9 and planning 3 × 3 = 9 (catalogue
    # order), budgeting 2 × 2 = 4, attribution 1 × 2 = 2; nothing it does not require, though
    # converters (0) is the weakest layer.
    assert steps(plan) == [
        ("positioning", 1, 4),
        ("planning", 1, 4),
        ("budgeting", 1, 3),
        ("attribution", 0, 2),
    ]
    # Fit: 3 · 1/4 + 3 · 1/4 + 2 · 1/3 + 0 = 2.17 of 9 = 24%.
    assert plan.why == (
        "your target Marketing director (fit 24%) is a director role, so every next action "
        "closes one of its gaps, biggest first."
    )


# --- Phase 3 for T and Π: the next step -----------------------------------------------------


def test_t_shaped_matches_every_role_best_first():
    profile = score(CATALOGUE, T_SHAPED)
    # SEO specialist: all met = 100. SEO manager: 3 + 2 + 2·2/3 + 1 = 7.33 of 8 = 91.67 → 92.
    # Marketing director: 3·2/4 + 3·2/4 + 2·2/3 + 1 = 5.33 of 9 = 59.26 → 59.
    # Copywriter: 3·2/4 + 2·2/3 = 2.83 of 5 = 56.67 → 57. CMO: 3·2/5 + 3·2/4 + 2·2/4 = 3.7
    # of 8 = 46.25 → 46.
    assert [(m.role, m.fit) for m in profile.matches] == [
        ("seo-specialist", 100),
        ("seo-manager", 92),
        ("marketing-director", 59),
        ("copywriter", 57),
        ("cmo", 46),
    ]
    assert profile.explanations.fits["seo-manager"] == (
        "SEO manager: 3 of 4 requirements met, 1 more with partial credit; 7.33 of 8 weighted "
        "points, so 92%. Keyword research (weight 3) needs 4, you have 5: 3 of 3; Technical seo "
        "(weight 2) needs 4, you have 4: 2 of 2; Team leadership (weight 2) needs 3, you have 2: "
        "1.33 of 2; Budgeting (weight 1) needs 2, you have 2: 1 of 1."
    )
    assert profile.explanations.fits["seo-specialist"].startswith(
        "SEO specialist: 3 of 3 requirements met; 6 of 6 weighted points, so 100%. "
    )


def test_t_shaped_without_target_steps_up_from_the_best_match():
    profile = score(CATALOGUE, T_SHAPED)
    # Best match SEO specialist (specialist): the best manager role with gaps is SEO manager,
    # whose one gap is team leadership 2 → 3. Topped up to three from the weakest layer,
    # producers (40, first of the layers at 40), to proficient.
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("team-leadership", 2, 3),
        ("content-planning", 2, 3),
        ("headlines", 2, 3),
    ]
    assert profile.next_actions[0].reason == "SEO manager needs level 3 (weight 2); you have 2."
    assert profile.next_actions[1].reason == (
        "Producers is your weakest layer, at 40; level 3 here rounds out your T."
    )
    assert profile.explanations.phase == (
        "Phase 3, Broaden again: your T is in place and your best match is SEO specialist "
        "(100%); the next step up is SEO manager (fit 92%), the best-matching manager role: "
        "close its biggest gaps."
    )
    assert profile.target is None


def test_t_shaped_with_a_target_closes_its_biggest_gaps():
    profile = score(CATALOGUE, T_SHAPED, target_role="cmo")
    # Gaps by weight × shortfall: positioning 3 × 3 = 9, budgeting 3 × 2 = 6, team
    # leadership 2 × 2 = 4.
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("positioning", 2, 5),
        ("budgeting", 2, 4),
        ("team-leadership", 2, 4),
    ]
    assert profile.target == next(m for m in profile.matches if m.role == "cmo")
    assert profile.explanations.phase == (
        "Phase 3, Broaden again: your T is in place, so take the next step toward your target "
        "CMO (fit 46%) by closing its biggest gaps."
    )


def test_a_target_met_in_full_steps_up_a_stage():
    profile = score(CATALOGUE, T_SHAPED, target_role="seo-specialist")
    assert profile.explanations.phase.startswith(
        "Phase 3, Broaden again: your T is in place and you meet every requirement of your "
        "target SEO specialist; the next step up is SEO manager (fit 92%)"
    )
    assert profile.next_actions[0].competency == "team-leadership"


NOTHING_TO_CLOSE = (
    "you meet every requirement of the executive roles, and no stage is above them, so no "
    "role is left to learn for and there is nothing to raise next. Keep your strengths current "
    "as channels and tools change, and coach the people who will step into your role."
)


def test_nothing_left_to_raise_gives_no_actions():
    profile = score(CATALOGUE, rated(5))
    assert (profile.shape, profile.phase, profile.next_actions) == ("pi-shaped", 3, ())
    # Every role fits 100%; CMO covers the most of its requirements (3 · 5 + 3 · 4 + 2 · 4).
    assert profile.explanations.phase == (
        "Phase 3, Broaden again: your Π is in place and your best match is CMO (100%); "
        + NOTHING_TO_CLOSE
    )


# --- The target role steers, in every phase ------------------------------------------------

# PRO_RATA against SEO specialist: keyword research 1 of 4 (weight 3), technical SEO 1 of 3
# (weight 2), dashboards 0 of 2 (weight 1). Its best match is Copywriter (57%), a specialist.
PHASES = [
    # Phase 1 aims at working level: 3 × (2 - 1) = 3, 2 × (2 - 1) = 2, 1 × (2 - 0) = 2 (the
    # tie in the role's gap order); then the phase's own widening.
    (
        1,
        "emerging",
        [
            ("keyword-research", 1, 2),
            ("technical-seo", 1, 2),
            ("dashboards", 0, 2),
            ("landing-pages", 0, 2),
            ("ab-testing", 1, 2),
            ("community-posting", 1, 2),
        ],
    ),
    # Phase 2 aims at the role's levels: 3 × 3 = 9, 2 × 2 = 4, 1 × 2 = 2; then the focus,
    # content strategy (40, first of the strongest), toward level 4.
    (
        2,
        "generalist",
        [
            ("keyword-research", 1, 4),
            ("technical-seo", 1, 3),
            ("dashboards", 0, 2),
            ("content-planning", 2, 4),
            ("editorial-calendar", 2, 4),
        ],
    ),
    # A specialist broadens with every gap first, then the weakest layer, architects (0).
    (
        3,
        "i-shaped",
        [
            ("keyword-research", 1, 4),
            ("technical-seo", 1, 3),
            ("dashboards", 0, 2),
            ("team-leadership", 0, 2),
            ("positioning", 0, 2),
            ("budgeting", 0, 2),
        ],
    ),
    # A T closes the target's gaps: three of them, nothing else needed to make three.
    (
        3,
        "t-shaped",
        [("keyword-research", 1, 4), ("technical-seo", 1, 3), ("dashboards", 0, 2)],
    ),
]


@pytest.mark.parametrize(("phase", "shape", "expected"), PHASES)
def test_the_target_gaps_lead_in_every_phase(phase, shape, expected):
    assert steps(plan_at(PRO_RATA, phase, shape, target="seo-specialist")) == expected


def test_in_phase_1_a_target_gap_aims_at_working_level_first():
    plan = plan_at(PRO_RATA, 1, "emerging", target="seo-specialist")
    assert plan.actions[0].reason == (
        "SEO specialist needs level 4 (weight 3); you have 1. Working level (2) first, while "
        "you start wide."
    )
    assert plan.why.endswith(
        "comes once they are at working level. Your target SEO specialist (fit 24%) leads the "
        "list: its biggest gaps come first, toward working level (level 2) while you start wide."
    )


def test_in_phase_1_a_target_at_working_level_everywhere_aims_at_its_levels():
    # Every SEO specialist requirement is at 2 or more, so working level is no cap: keyword
    # research 3 × 2 = 6 before technical SEO 2 × 1 = 2.
    ratings = rated(0, keyword_research=2, technical_seo=2, dashboards=2)
    assert steps(plan_at(ratings, 1, "emerging", target="seo-specialist"))[:2] == [
        ("keyword-research", 2, 4),
        ("technical-seo", 2, 3),
    ]


# --- Advice fits seniority ------------------------------------------------------------------

# Marketing strategy (3, 4) = 70 is the deepest; level 2 elsewhere, team leadership and
# budgeting 3. Fits: Marketing director 3 · 3/4 + 3 + 2 + 1 = 8.25 of 9 = 92%, the best, a
# director role; SEO manager 5.5 of 8 and CMO 5.55 of 8 (69%), SEO specialist 64%, Copywriter
# 57%.
DIRECTOR = rated(2, positioning=3, planning=4, team_leadership=3, budgeting=3)


def test_a_senior_profile_without_a_target_closes_its_own_role_gaps_then_the_stage_above():
    plan = plan_at(DIRECTOR, 2, "generalist")
    assert [(m.role, m.fit) for m in score(CATALOGUE, DIRECTOR).matches][:1] == [
        ("marketing-director", 92)
    ]
    # Its one gap, positioning 3 → 4; topped up to three from the roles at director stage or
    # above, best fit first: CMO's budgeting 3 × 1 and team leadership 2 × 1 (positioning is
    # chosen already). Never the focus discipline's planning 4 → 5 or SEO.
    assert steps(plan) == [
        ("positioning", 3, 4),
        ("budgeting", 3, 4),
        ("team-leadership", 3, 4),
    ]
    assert plan.focus is not None
    assert plan.focus.slug == "marketing-strategy"
    assert plan.actions[1].reason == "CMO needs level 4 (weight 3); you have 3."
    assert plan.why == (
        "your best match is Marketing director (92%), a director role, so advice stays on what "
        "your role needs: every next action closes one of its gaps, biggest first, then those "
        "of other leadership roles."
    )


def test_a_senior_profile_with_a_specialist_target_hears_only_its_gaps():
    plan = plan_at(DIRECTOR, 2, "generalist", target="copywriter")
    # Headlines 3 × (4 - 2) = 6, long form 2 × (3 - 2) = 2; nothing else.
    assert steps(plan) == [("headlines", 2, 4), ("long-form", 2, 3)]
    assert plan.why == (
        "your best match is Marketing director (92%), a director role, so advice stays on what "
        "your role needs: every next action closes a gap of your target Copywriter (fit 57%), "
        "biggest first."
    )


def test_a_senior_profile_that_meets_its_target_steps_up():
    # Marketing director and SEO manager both met in full (100%); the director covers more
    # (3 · 4 + 3 · 4 + 2 · 3 + 1 · 2 = 32 against 28), so it is the best match. The target,
    # SEO manager, has no gaps and no director role has any: the step is CMO, 2.4 + 2.25 + 1.5
    # of 8 = 77%, its gaps budgeting and positioning 3 × 1 (catalogue order), team leadership
    # 2 × 1.
    ratings = rated(
        2,
        positioning=4,
        planning=4,
        budgeting=3,
        team_leadership=3,
        keyword_research=4,
        technical_seo=4,
    )
    plan = plan_at(ratings, 2, "generalist", target="seo-manager")
    assert steps(plan) == [("budgeting", 3, 4), ("positioning", 4, 5), ("team-leadership", 3, 4)]
    assert plan.why == (
        "your best match is Marketing director (100%), a director role, so advice stays on what "
        "your role needs: every next action closes a gap of CMO (fit 77%), the executive role "
        "that is your next step up, biggest first."
    )


def test_a_leadership_target_in_phase_1_aims_at_working_level_and_nothing_else():
    plan = plan_at(PRO_RATA, 1, "emerging", target="marketing-director")
    # Toward 2: positioning 3 × 2 = 6, planning 3 × 2 = 6, budgeting 2 × 2 = 4, attribution
    # 1 × 1 = 1. Fit 1 · 1/2 of 9 = 6%.
    assert steps(plan) == [
        ("positioning", 0, 2),
        ("planning", 0, 2),
        ("budgeting", 0, 2),
        ("attribution", 1, 2),
    ]
    assert plan.why == (
        "your target Marketing director (fit 6%) is a director role, so every next action closes "
        "one of its gaps toward working level first, biggest first."
    )


# CMO met in full (positioning 5, budgeting 4, team leadership 4); level 3 elsewhere, link
# building 1, planning 3. Marketing strategy (5, 3) and management (4, 4) are both 80.
TOP = rated(3, positioning=5, budgeting=4, team_leadership=4, link_building=1)


@pytest.mark.parametrize(
    ("phase", "shape", "opening"),
    [
        (3, "t-shaped", "your T is in place and your best match is CMO (100%); "),
        (3, "i-shaped", "your best match is CMO (100%), an executive role; "),
        (2, "generalist", "your best match is CMO (100%), an executive role; "),
    ],
)
def test_a_profile_that_meets_the_top_role_is_never_steered_down_a_stage(phase, shape, opening):
    plan = plan_at(TOP, phase, shape)
    # Best match CMO (100%), the top stage, with no gaps, and no other executive role. Marketing
    # director (3 + 3 · 3/4 + 2 + 1 = 8.25 of 9, 92%) has a gap, planning 3 → 4, but is a
    # stage below; rounding out the weakest layer would say link building 1 → 3.
    assert [(m.role, m.fit) for m in score(CATALOGUE, TOP).matches][:2] == [
        ("cmo", 100),
        ("marketing-director", 92),
    ]
    assert plan.actions == ()
    assert plan.why == opening + NOTHING_TO_CLOSE


# An executive role beside CMO that TOP does not meet: attribution 3 of 4.
GROWTH = with_role(
    ROLES,
    "chief-growth-officer",
    "converters",
    "marketing-analytics",
    "executive",
    ("attribution", 4, 3),
    ("positioning", 5, 2),
)


def test_at_the_top_another_role_of_the_same_stage_may_steer():
    # Chief growth officer: 3 · 3/4 + 2 = 4.25 of 5 = 85%, below Marketing director (92%) but
    # at the CMO's own stage: its one gap, not the director's planning.
    plan = plan_at(TOP, 3, "t-shaped", catalogue=GROWTH)
    assert steps(plan) == [("attribution", 3, 4)]
    assert plan.why == (
        "your T is in place and your best match is CMO (100%); with no step up left, advice "
        "stays at your stage: close the gaps of Chief growth officer (fit 85%), the "
        "best-matching executive role with gaps."
    )
    plan = plan_at(TOP, 2, "generalist", catalogue=GROWTH)
    assert steps(plan) == [("attribution", 3, 4)]
    assert plan.why == (
        "your best match is CMO (100%), an executive role, so advice stays on what your role "
        "needs: every next action closes a gap of Chief growth officer (fit 85%), the "
        "best-matching executive role with gaps, at your stage, biggest first."
    )


# Marketing director met in full (positioning and planning 4, budgeting 3, attribution 2) and
# so is Copywriter (headlines 4, long form 3); the director covers more (32 against 18), so it
# is the best match. CMO: 3 · 4/5 + 3 · 3/4 + 2 · 2/4 = 5.65 of 8 = 71%; SEO manager 60%.
DIRECTOR_AND_WRITER = rated(
    2, positioning=4, planning=4, budgeting=3, attribution=2, headlines=4, long_form=3
)


@pytest.mark.parametrize(
    ("phase", "shape", "why"),
    [
        (
            3,
            "t-shaped",
            "your T is in place and you meet every requirement of your target Copywriter; the "
            "next step up is CMO (fit 71%), the best-matching executive role: close its "
            "biggest gaps.",
        ),
        (
            2,
            "generalist",
            "your best match is Marketing director (100%), a director role, so advice stays on "
            "what your role needs: every next action closes a gap of CMO (fit 71%), the "
            "executive role that is your next step up, biggest first.",
        ),
    ],
)
def test_a_senior_profile_that_meets_a_specialist_target_steps_up_from_its_own_stage(
    phase, shape, why
):
    plan = plan_at(DIRECTOR_AND_WRITER, phase, shape, target="copywriter")
    # A step up from Copywriter would be SEO manager, a stage below the director: instead
    # CMO's gaps, team leadership 2 × 2 = 4, then budgeting and positioning 3 × 1.
    assert [(m.role, m.fit) for m in score(CATALOGUE, DIRECTOR_AND_WRITER).matches][:2] == [
        ("marketing-director", 100),
        ("copywriter", 100),
    ]
    assert steps(plan) == [("team-leadership", 2, 4), ("budgeting", 3, 4), ("positioning", 4, 5)]
    assert plan.why == why


def test_a_senior_profile_that_meets_every_leadership_role_has_nothing_to_raise():
    leaders = build(roles=[r for r in ROLES if r.stage != "specialist"])
    plan = plan_at(rated(5), 3, "pi-shaped", catalogue=leaders)
    assert plan.actions == ()
    assert plan.why.endswith("; " + NOTHING_TO_CLOSE)


# --- Examples on the shipped catalogue --------------------------------------------------------


# SEO at 5 (depth 100), content strategy, analytics and marketing management at 3, the rest 1.
SEO_LEAD = levels(
    1,
    [("seo", 5), ("content-strategy", 3), ("marketing-analytics", 3), ("marketing-management", 3)],
    paid_search=2,
)


def test_an_seo_lead_targeting_marketing_director_learns_what_the_director_needs():
    plan = plan_at(
        SEO_LEAD, 3, "t-shaped", target="marketing-director", catalogue=default_catalogue()
    )
    # The director's gaps by weight × shortfall: strategic planning 3 × 4 = 12, positioning
    # and budget 3 × 3 = 9 (catalogue order), go-to-market and executive influence 2 × 3 = 6,
    # bidding and budgets (PPC) 1 × 2 = 2 before team leadership 2 × 1 = 2 (catalogue order).
    assert steps(plan) == [
        ("strategic-planning", 1, 5),
        ("market-positioning", 1, 4),
        ("budget-and-finance", 1, 4),
        ("go-to-market", 1, 4),
        ("executive-influence", 1, 4),
        ("bidding-and-budgets", 1, 3),
    ]
    required = {
        r.competency for r in default_catalogue().role_by_slug["marketing-director"].requirements
    }
    assert {a.competency for a in plan.actions} <= required
    assert "community-building" not in required


# Social media at 4, copywriting 3, community building 3, campaign assets 2, the rest 1:
# deep in social media, a specialist.
SOCIAL_MEDIA_MANAGER = levels(
    1, [("social-media", 4), ("copywriting", 3)], community_building=3, campaign_assets=2
)


def test_a_social_media_manager_targeting_social_media_marketer_gets_its_gaps():
    catalogue = default_catalogue()
    plan = plan_at(
        SOCIAL_MEDIA_MANAGER, 3, "i-shaped", target="social-media-marketer", catalogue=catalogue
    )
    # Social Media Marketer's five gaps: paid social 3 × 3 = 9, attribution 3 × 2 = 6,
    # reporting 2 × 2 = 4, audience research 2 × 1 = 2, budget 1 × 1 = 1; then the weakest
    # layer, Architects (20), from its first discipline.
    assert steps(plan) == [
        ("paid-social", 1, 4),
        ("attribution-and-roi", 1, 3),
        ("reporting-dashboards", 1, 3),
        ("audience-research", 1, 2),
        ("budget-and-finance", 1, 2),
        ("integrated-campaigns", 1, 2),
    ]


GRADUATE = levels(0, persuasive_copywriting=1, social_content_publishing=1)


def test_a_graduate_with_interests_starts_with_them_not_with_strategy():
    catalogue = default_catalogue()
    profile = score(catalogue, GRADUATE, ["copywriting", "social-media"])
    assert (profile.depth, profile.phase) == (7, 1)
    # One from each interest before a second, lowest rating first: ad copy and engagement,
    # brand voice; then Converters & Nurturers (0), the weakest operating layer: analysing
    # results. No campaigns, planning or positioning.
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("ad-copywriting", 0, 2),
        ("social-engagement", 0, 2),
        ("brand-voice", 0, 2),
        ("conversion-research", 0, 2),
        ("tracking-implementation", 0, 2),
        ("demand-campaigns", 0, 2),
    ]


def test_a_graduate_targeting_a_role_hears_its_gaps_and_their_interests():
    catalogue = default_catalogue()
    plan = plan_at(
        GRADUATE, 1, "emerging", ["copywriting", "social-media"], "social-media-marketer", catalogue
    )
    # Toward working level: social strategy, paid social and attribution 3 × 2 = 6 lead; then
    # the interests, whose social engagement is a gap too: four of six are the target's.
    assert steps(plan) == [
        ("social-strategy", 0, 2),
        ("paid-social", 0, 2),
        ("attribution-and-roi", 0, 2),
        ("ad-copywriting", 0, 2),
        ("social-engagement", 0, 2),
        ("brand-voice", 0, 2),
    ]


# A CMO's profile: executive leadership and marketing strategy at 5, marketing management
# at 4, team leadership 5; level 2 elsewhere, link building and typography 1.
CMO = levels(
    2,
    [("executive-leadership", 5), ("marketing-strategy", 5), ("marketing-management", 4)],
    team_leadership=5,
    link_building=1,
    layout_typography=1,
)


def test_a_cmo_is_told_what_leadership_needs_not_link_building():
    catalogue = default_catalogue()
    plan = plan_at(CMO, 3, "t-shaped", catalogue=catalogue)
    # Best match the CMO role (97%, executive, the top stage), whose one gap is attribution
    # 2 → 3; no role at executive stage has more.
    assert score(catalogue, CMO).matches[0].role == "cmo"
    assert steps(plan) == [("attribution-and-roi", 2, 3)]


def test_a_cmo_who_meets_the_cmo_role_is_not_sent_down_to_a_director_gap():
    catalogue = default_catalogue()
    ratings = {**CMO, "attribution-and-roi": 3}
    profile = score(catalogue, ratings)
    # CMO met in full; Head of Digital / Marketing Director (98%), a stage below, still asks
    # bidding, budgets and ROAS 3 of 2: not the CMO's next step.
    assert [(m.role, m.fit, len(m.gaps)) for m in profile.matches[:2]] == [
        ("cmo", 100, 0),
        ("marketing-director", 98, 1),
    ]
    assert profile.next_actions == ()
    assert profile.explanations.phase == (
        "Phase 3, Broaden again: your T is in place and your best match is VP of Marketing / "
        "CMO (100%); " + NOTHING_TO_CLOSE
    )
