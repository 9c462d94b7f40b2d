"""Next actions in each roadmap phase: where to go deep, how to start wide, how to broaden
again, and the next step of a T or Π profile."""

import pytest

from assessments.domain.catalogue import (
    Resource,
)
from assessments.domain.scoring import score
from tests.assessments.domain.scoring_support import CATALOGUE, PRO_RATA, T_SHAPED, rated

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


# --- Phase 1: start wide -------------------------------------------------------------------


def test_start_wide_raises_the_weakest_layers_to_working_level():
    # Layers: producers 40, distributors 20, converters 10, architects 0.
    ratings = PRO_RATA
    profile = score(CATALOGUE, ratings)
    assert [layer.score for layer in profile.layers] == [40, 20, 10, 0]
    # Architects first (0), then converters (10): three each, one per discipline before a
    # second from the same discipline, the weakest discipline and lowest rating first.
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("team-leadership", 0, 2),
        ("positioning", 0, 2),
        ("budgeting", 0, 2),
        ("landing-pages", 0, 2),
        ("dashboards", 0, 2),
        ("ab-testing", 1, 2),
    ]
    assert profile.next_actions[0].reason == (
        "Architects is at 0, below the 40 at which a layer counts fully toward breadth; "
        "level 2 here widens your T."
    )
    assert profile.next_actions[0].resources == (
        Resource("Learn team-leadership", "https://example.com/team-leadership", "guide"),
    )
    assert profile.explanations.phase == (
        "Phase 1, Start wide: your profile is still emerging, so build working knowledge "
        "(level 2) across the ecosystem first, starting with the weakest layers: Architects (0) "
        "and Converters (10)."
    )


# --- Phase 3: broaden again ----------------------------------------------------------------

# SEO (5, 5, 5) = 100, social media 0: distributors 50. Producers and architects at level 1
# (20), converters 0. Breadth 12.5 + 25 + 0 + 12.5 = 50: I-shaped.
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


def test_broaden_takes_the_weakest_layers_first_without_a_leadership_target():
    profile = score(CATALOGUE, SPECIALIST, target_role="copywriter")
    assert (profile.depth, profile.breadth, profile.shape, profile.phase) == (
        100,
        50,
        "i-shaped",
        3,
    )
    # Converters (0), then producers (20) before architects (20): catalogue order on a tie.
    # Copywriter asks for headlines at 4 and long form at 3: aim for 3 there, 2 elsewhere.
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("ab-testing", 0, 2),
        ("attribution", 0, 2),
        ("landing-pages", 0, 2),
        ("content-planning", 1, 2),
        ("headlines", 1, 3),
        ("editorial-calendar", 1, 2),
    ]
    assert profile.next_actions[4].reason == (
        "Producers is at 20, below the 40 at which a layer counts fully toward breadth; "
        "level 3 here widens your T. Copywriter asks for level 4."
    )


def test_broaden_puts_architects_first_for_a_leadership_target():
    profile = score(CATALOGUE, SPECIALIST, target_role="marketing-director")
    # Architects (20) before converters (0). Marketing director asks positioning 4, planning 4,
    # budgeting 3 and attribution 2: aim for 3, 3, 3 and 2.
    assert [(a.competency, a.have, a.target) for a in profile.next_actions] == [
        ("team-leadership", 1, 2),
        ("positioning", 1, 3),
        ("budgeting", 1, 3),
        ("ab-testing", 0, 2),
        ("attribution", 0, 2),
        ("landing-pages", 0, 2),
    ]
    assert profile.next_actions[1].reason == (
        "Architects comes first for a leadership role such as Marketing director; it is at 20. "
        "Marketing director asks for level 4."
    )
    assert profile.explanations.phase == (
        "Phase 3, Broaden again: you have the depth of a specialist; now build the horizontal "
        "bar of your T by learning your weakest layers to working level (level 2): Architects "
        "(20) and Converters (0). Architects comes first because Marketing director is a "
        "leadership role."
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
        "points, so 92%."
    )
    assert profile.explanations.fits["seo-specialist"] == (
        "SEO specialist: 3 of 3 requirements met; 6 of 6 weighted points, so 100%."
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


def test_nothing_left_to_raise_gives_no_actions():
    profile = score(CATALOGUE, rated(5))
    assert (profile.shape, profile.phase, profile.next_actions) == ("pi-shaped", 3, ())
    assert profile.explanations.phase == (
        "Phase 3, Broaden again: your Π is in place and your best match is SEO specialist "
        "(100%); every competency is at level 3 or more already, so deepen wherever you choose."
    )
