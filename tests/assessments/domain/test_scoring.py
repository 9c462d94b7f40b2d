"""The scoring model, table by table: every number is worked out by hand in the comments."""

import importlib.util
import json
import random
from pathlib import Path

import pytest

from assessments.domain import scoring
from assessments.domain.catalogue import (
    Catalogue,
    Competency,
    Discipline,
    Layer,
    Requirement,
    Resource,
    Role,
)
from assessments.domain.inputs import ScoringInputError, parse_input
from assessments.domain.profile import SCORING_VERSION, contract
from assessments.domain.scoring import score
from assessments.domain.thresholds import SHAPE_LABELS, THRESHOLDS

# A small catalogue: 4 layers, 8 disciplines, 17 competencies (SEO has 3, the rest 2).
SPEC = {
    "producers": {
        "content-strategy": ["content-planning", "editorial-calendar"],
        "copywriting": ["headlines", "long-form"],
    },
    "distributors": {
        "seo": ["keyword-research", "technical-seo", "link-building"],
        "social-media": ["community-posting", "social-ads"],
    },
    "converters": {
        "conversion-optimisation": ["ab-testing", "landing-pages"],
        "marketing-analytics": ["attribution", "dashboards"],
    },
    "architects": {
        "marketing-management": ["team-leadership", "budgeting"],
        "marketing-strategy": ["positioning", "planning"],
    },
}
NAMES = {"seo": "SEO", "ux-ui-design": "UX/UI design"}


def name(slug: str) -> str:
    return NAMES.get(slug, slug.replace("-", " ").capitalize())


def build(spec=SPEC, roles=()) -> Catalogue:
    """A catalogue from {layer: {discipline: [competency, ...]}} and Role rows."""
    return Catalogue(
        tuple(
            Layer(
                layer,
                name(layer),
                tuple(
                    Discipline(
                        discipline,
                        name(discipline),
                        layer,
                        tuple(
                            Competency(
                                c,
                                name(c),
                                discipline,
                                (Resource(f"Learn {c}", f"https://example.com/{c}", "guide"),),
                            )
                            for c in competencies
                        ),
                    )
                    for discipline, competencies in disciplines.items()
                ),
            )
            for layer, disciplines in spec.items()
        ),
        tuple(roles),
    )


def role(slug, layer, discipline, stage, *requirements) -> Role:
    return Role(
        slug,
        name(slug).replace("Seo", "SEO").replace("Cmo", "CMO"),
        layer,
        discipline,
        stage,
        tuple(Requirement(*r) for r in requirements),
    )


ROLES = (
    role(
        "seo-specialist",
        "distributors",
        "seo",
        "specialist",
        ("keyword-research", 4, 3),
        ("technical-seo", 3, 2),
        ("dashboards", 2, 1),
    ),
    role(
        "copywriter",
        "producers",
        "copywriting",
        "specialist",
        ("headlines", 4, 3),
        ("long-form", 3, 2),
    ),
    role(
        "seo-manager",
        "distributors",
        "seo",
        "manager",
        ("keyword-research", 4, 3),
        ("technical-seo", 4, 2),
        ("team-leadership", 3, 2),
        ("budgeting", 2, 1),
    ),
    role(
        "marketing-director",
        "architects",
        "marketing-strategy",
        "director",
        ("positioning", 4, 3),
        ("planning", 4, 3),
        ("budgeting", 3, 2),
        ("attribution", 2, 1),
    ),
    role(
        "cmo",
        "architects",
        "marketing-strategy",
        "executive",
        ("positioning", 5, 3),
        ("budgeting", 4, 3),
        ("team-leadership", 4, 2),
    ),
)
CATALOGUE = build(roles=ROLES)
ALL = [c.slug for c in CATALOGUE.competencies]


def rated(level=0, **levels) -> dict[str, int]:
    """Every competency at ``level``, then the named ones (underscores for dashes)."""
    ratings = dict.fromkeys(ALL, level)
    ratings.update({slug.replace("_", "-"): value for slug, value in levels.items()})
    return ratings


SEO_80 = {"keyword_research": 5, "technical_seo": 4, "link_building": 3}

# --- Shape and phase ----------------------------------------------------------------------

SHAPES = {
    # name: (ratings, depth, depth discipline, breadth, shape, phase)
    "nothing rated": ({}, 0, None, 0, "emerging", 1),
    # Every discipline 20, every layer 20: breadth 4 × 25 × 20/40 = 50.
    "level 1 everywhere": (rated(1), 20, "content-strategy", 50, "emerging", 1),
    # Layers 40, 20, 10, 0: 25 + 12.5 + 6.25 + 0 = 43.75, shown as 44.
    "pro rata breadth": (
        rated(
            0,
            content_planning=2,
            editorial_calendar=2,
            headlines=2,
            long_form=2,
            keyword_research=1,
            technical_seo=1,
            link_building=1,
            community_posting=1,
            social_ads=1,
            ab_testing=1,
            attribution=1,
        ),
        40,
        "content-strategy",
        44,
        "emerging",
        1,
    ),
    # Three layers at 40 and architects at 0: exactly 75.
    "broad at exactly 75": (
        rated(2, team_leadership=0, budgeting=0, positioning=0, planning=0),
        40,
        "content-strategy",
        75,
        "generalist",
        2,
    ),
    # SEO (4, 4, 4) = 80 makes distributors (80 + 0) / 2 = 40, which alone gives 25.
    "deep at exactly 80": (
        rated(0, keyword_research=4, technical_seo=4, link_building=4),
        80,
        "seo",
        25,
        "i-shaped",
        3,
    ),
    # SEO (5, 4, 3) = 80 with level 2 elsewhere: every layer ≥ 40, breadth 100.
    "t-shaped": (rated(2, **SEO_80), 80, "seo", 100, "t-shaped", 3),
    # Social media (4, 4) = 80 too, but in the same layer as SEO: still T.
    "two peaks in one layer": (
        rated(2, **SEO_80, community_posting=4, social_ads=4),
        80,
        "seo",
        100,
        "t-shaped",
        3,
    ),
    # Copywriting (4, 4) = 80 is a peak in another layer: Π.
    "pi-shaped": (
        rated(2, **SEO_80, headlines=4, long_form=4),
        80,
        "copywriting",
        100,
        "pi-shaped",
        3,
    ),
}


@pytest.mark.parametrize(
    ("ratings", "depth", "discipline", "breadth", "shape", "phase"),
    SHAPES.values(),
    ids=SHAPES.keys(),
)
def test_shape_and_phase(ratings, depth, discipline, breadth, shape, phase):
    profile = score(CATALOGUE, ratings)
    assert (
        profile.depth,
        profile.depth_discipline,
        profile.breadth,
        profile.shape,
        profile.phase,
    ) == (depth, discipline, breadth, shape, phase)
    assert profile.phase_name == {1: "Start wide", 2: "Go deep", 3: "Broaden again"}[phase]
    assert profile.shape_label == SHAPE_LABELS[shape]


def test_pi_shaped_lists_its_peaks_in_catalogue_order():
    profile = score(CATALOGUE, rated(2, **SEO_80, headlines=4, long_form=4))
    assert profile.peaks == ("copywriting", "seo")
    assert profile.shape_label == "Π-shaped"


def test_missing_competencies_count_as_zero():
    sparse = score(CATALOGUE, {"keyword-research": 5})
    full = score(CATALOGUE, rated(0, keyword_research=5))
    assert (sparse.depth, sparse.breadth, sparse.layers, sparse.matches) == (
        full.depth,
        full.breadth,
        full.layers,
        full.matches,
    )
    assert [d.score for d in sparse.disciplines] == [d.score for d in full.disciplines]


def test_rated_counts_competencies_given_a_rating_including_zero():
    profile = score(CATALOGUE, {"keyword-research": 5, "technical-seo": 0})
    seo = next(d for d in profile.disciplines if d.slug == "seo")
    assert (seo.score, seo.rated, seo.total) == (33, 2, 3)


# --- Rounding: the shown number decides ----------------------------------------------------


def test_scores_round_half_up():
    # (5, 4, 3, 4) × 20 / 4 = 80; (4, 4, 4, 3) = 75; (1, 0) = 10; three ratings of 1,1,0 = 13.33.
    assert scoring.discipline_score([1, 0]) == 10
    assert scoring.discipline_score([1, 1, 0]) == 13
    assert scoring.discipline_score([1, 0, 0, 0, 0, 0, 0, 0]) == 3  # 2.5 rounds up
    assert scoring.layer_score([45, 46]) == 46  # 45.5 rounds up
    assert scoring.breadth_score([20, 40, 40, 0]) == 63  # 62.5 rounds up


def test_depth_threshold_is_checked_against_the_rounded_score():
    many = [f"skill-{i}" for i in range(40)]
    catalogue = build({"producers": {"copywriting": many}})
    # 39 × 4 + 3 = 159; 159 × 20 / 40 = 79.5, shown as 80: deep.
    deep = score(catalogue, {**dict.fromkeys(many, 4), "skill-0": 3})
    assert (deep.depth, deep.shape) == (80, "t-shaped")
    # 158 × 20 / 40 = 79: not deep.
    shallow = score(catalogue, {**dict.fromkeys(many, 4), "skill-0": 3, "skill-1": 3})
    assert (shallow.depth, shallow.shape) == (79, "generalist")


# --- Depth ties ----------------------------------------------------------------------------


def test_depth_tie_goes_to_the_first_discipline_in_catalogue_order():
    profile = score(CATALOGUE, rated(0, headlines=4, long_form=4, **SEO_80))
    assert profile.depth_discipline == "copywriting"
    assert profile.explanations.depth.endswith(
        "SEO is also at 80; Copywriting is shown because it comes first in the catalogue."
    )


def test_depth_tie_goes_to_an_interest_first():
    profile = score(CATALOGUE, rated(0, headlines=4, long_form=4, **SEO_80), interests=["seo"])
    assert (profile.depth_discipline, profile.depth_discipline_name) == ("seo", "SEO")
    assert profile.explanations.depth == (
        "Your deepest discipline is SEO at 80: the mean of your 3 SEO ratings (5, 4, 3) is "
        "4.0 of 5. Copywriting is also at 80; SEO is shown because you marked it as an interest."
    )


def test_nothing_rated_has_no_depth_discipline():
    profile = score(CATALOGUE, {})
    assert (profile.depth, profile.depth_discipline, profile.depth_discipline_name) == (
        0,
        None,
        None,
    )
    assert profile.explanations.depth == (
        "You have not rated any competency above 0 yet, so your depth is 0."
    )


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
    ratings = SHAPES["pro rata breadth"][0]
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

T_SHAPED = rated(2, **SEO_80)


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


# --- Role fit and gaps ----------------------------------------------------------------------


def fit_catalogue(*requirements) -> Catalogue:
    return build(roles=[role("only", "producers", "copywriting", "specialist", *requirements)])


@pytest.mark.parametrize(
    ("requirements", "ratings", "fit"),
    [
        ([("headlines", 4, 3)], {"headlines": 4}, 100),
        ([("headlines", 4, 3)], {"headlines": 5}, 100),  # above the need earns nothing extra
        ([("headlines", 4, 3)], {}, 0),
        # 3 · 2/4 + 2 · 3/3 + 1 · 0/2 = 3.5 of 6 = 58.33.
        (
            [("headlines", 4, 3), ("long-form", 3, 2), ("attribution", 2, 1)],
            {"headlines": 2, "long-form": 3},
            58,
        ),
        # 1 · 1/2 of 4 = 12.5: rounds half up to 13.
        ([("headlines", 2, 1), ("long-form", 5, 3)], {"headlines": 1}, 13),
        # 3 · 1/3 of 3 = 33.33.
        ([("headlines", 3, 3)], {"headlines": 1}, 33),
    ],
)
def test_fit_is_the_weighted_share_of_requirements_met(requirements, ratings, fit):
    (match,) = score(fit_catalogue(*requirements), ratings).matches
    assert match.fit == fit


def test_role_without_requirements_fits_0():
    (match,) = score(fit_catalogue(), rated(5)).matches
    assert (match.fit, match.gaps) == (0, ())


def test_gaps_by_weight_times_shortfall_then_catalogue_order():
    catalogue = fit_catalogue(
        ("planning", 2, 2),  # shortfall 2 × 2 = 4
        ("headlines", 5, 1),  # 5 × 1 = 5
        ("attribution", 4, 2),  # 3 × 2 = 6, after keyword research in the catalogue
        ("keyword-research", 3, 3),  # 2 × 3 = 6
        ("technical-seo", 1, 3),  # met
    )
    (match,) = score(
        catalogue, {"keyword-research": 1, "attribution": 1, "technical-seo": 1}
    ).matches
    assert [(g.competency, g.have, g.need, g.weight) for g in match.gaps] == [
        ("keyword-research", 1, 3, 3),
        ("attribution", 1, 4, 2),
        ("headlines", 0, 5, 1),
        ("planning", 0, 2, 2),
    ]
    assert match.gaps[0].name == "Keyword research"


def test_equal_fits_keep_the_catalogue_order_of_roles():
    profile = score(CATALOGUE, {})
    assert [m.role for m in profile.matches] == [r.slug for r in ROLES]


# --- Explanations ---------------------------------------------------------------------------


def test_explanations_show_the_numbers_they_explain():
    profile = score(CATALOGUE, SHAPES["pro rata breadth"][0])
    assert profile.explanations.breadth == (
        "Your breadth is 44 of 100. Each of the 4 layers is worth 25 and counts fully once its "
        "score reaches 40 (level 2), pro rata below: Producers 40 gives 25, Distributors 20 "
        "gives 12.5, Converters 10 gives 6.25, Architects 0 gives 0; together 43.75, shown as 44."
    )
    assert profile.explanations.layers == {
        "producers": "Producers is 40: the mean of its disciplines Content strategy 40 and "
        "Copywriting 40.",
        "distributors": "Distributors is 20: the mean of its disciplines SEO 20 and Social "
        "media 20.",
        "converters": "Converters is 10: the mean of its disciplines Conversion optimisation 10 "
        "and Marketing analytics 10.",
        "architects": "Architects is 0: the mean of its disciplines Marketing management 0 and "
        "Marketing strategy 0.",
    }
    assert profile.explanations.shape == (
        "Emerging: your depth 40 is below 80 and your breadth 44 is below 75."
    )


def test_depth_explanation_shows_rounding():
    profile = score(CATALOGUE, {"keyword-research": 4, "technical-seo": 4, "link-building": 3})
    assert profile.explanations.depth == (
        "Your deepest discipline is SEO at 73: the mean of your 3 SEO ratings (4, 4, 3) is "
        "3.67 of 5, 73.33 of 100, shown as 73."
    )


def test_layer_explanation_shows_rounding():
    profile = score(CATALOGUE, {"keyword-research": 4, "technical-seo": 4, "link-building": 3})
    assert profile.explanations.layers["distributors"] == (
        "Distributors is 37: the mean of its disciplines SEO 73 and Social media 0 is 36.5, "
        "shown as 37."
    )


def test_shape_explanations_name_the_thresholds():
    t_shaped = score(CATALOGUE, T_SHAPED).explanations.shape
    assert t_shaped == (
        "T-shaped: your depth 80 reaches 80 and your breadth 100 reaches 75. A second discipline "
        "at 80 or more, in another layer than SEO, would make it Π-shaped."
    )
    pi = score(CATALOGUE, SHAPES["pi-shaped"][0]).explanations.shape
    assert pi == (
        "Π-shaped: your depth 80 reaches 80 and your breadth 100 reaches 75. You also have "
        "disciplines at 80 or more in more than one layer: Copywriting 80 and SEO 80."
    )


# --- Output ---------------------------------------------------------------------------------


def test_to_dict_is_the_stored_schema():
    profile = score(CATALOGUE, T_SHAPED, interests=["seo"], target_role="cmo")
    data = profile.to_dict()
    assert list(data) == [
        "version",
        "layers",
        "disciplines",
        "depth",
        "depth_discipline",
        "depth_discipline_name",
        "breadth",
        "shape",
        "shape_label",
        "peaks",
        "phase",
        "phase_name",
        "focus_discipline",
        "matches",
        "target",
        "next_actions",
        "explanations",
    ]
    assert data["version"] == SCORING_VERSION == "1"
    assert data["layers"][1] == {"slug": "distributors", "name": "Distributors", "score": 60}
    assert data["disciplines"][2] == {
        "slug": "seo",
        "name": "SEO",
        "layer": "distributors",
        "score": 80,
        "rated": 3,
        "total": 3,
        "interest": True,
    }
    assert data["target"] == {
        "role": "cmo",
        "name": "CMO",
        "fit": 46,
        "gaps": [
            {"competency": "positioning", "name": "Positioning", "have": 2, "need": 5, "weight": 3},
            {"competency": "budgeting", "name": "Budgeting", "have": 2, "need": 4, "weight": 3},
            {
                "competency": "team-leadership",
                "name": "Team leadership",
                "have": 2,
                "need": 4,
                "weight": 2,
            },
        ],
    }
    assert data["next_actions"][0] == {
        "competency": "positioning",
        "name": "Positioning",
        "discipline": "marketing-strategy",
        "have": 2,
        "target": 5,
        "reason": "CMO needs level 5 (weight 3); you have 2.",
        "resources": [
            {
                "title": "Learn positioning",
                "url": "https://example.com/positioning",
                "kind": "guide",
            }
        ],
    }
    assert set(data["explanations"]) == {"depth", "breadth", "shape", "phase", "layers", "fits"}
    assert set(data["explanations"]["fits"]) == {r.slug for r in ROLES}
    # Stored as jsonb, which reorders keys: everything ordered is a list.
    assert json.loads(json.dumps(data, sort_keys=True)) == data


def test_contract_is_the_public_result():
    data = score(CATALOGUE, T_SHAPED, target_role="cmo").to_dict()
    result = contract(json.loads(json.dumps(data, sort_keys=True)))
    assert result == {
        "scoring_version": "1",
        "depth": 80,
        "depth_discipline": "seo",
        "breadth": 100,
        "shape": "t-shaped",
        "phase": 3,
        "phase_name": "Broaden again",
        "layers": {"producers": 40, "distributors": 60, "converters": 40, "architects": 40},
        "disciplines": {
            "content-strategy": 40,
            "copywriting": 40,
            "seo": 80,
            "social-media": 40,
            "conversion-optimisation": 40,
            "marketing-analytics": 40,
            "marketing-management": 40,
            "marketing-strategy": 40,
        },
        "matches": [
            {"role": m["role"], "fit": m["fit"], "gaps": m["gaps"]} for m in data["matches"]
        ],
        "next_actions": data["next_actions"],
    }
    assert [m["role"] for m in result["matches"]] == [
        "seo-specialist",
        "seo-manager",
        "marketing-director",
        "copywriter",
        "cmo",
    ]


# --- Input checks ---------------------------------------------------------------------------


def test_score_lists_every_problem():
    with pytest.raises(ScoringInputError) as caught:
        score(
            CATALOGUE,
            {
                "headlines": 6,
                "nope": 3,
                "long-form": True,
                "planning": 2.5,
                "positioning": "3",
                "budgeting": -1,
            },
            interests=["seo", "knitting"],
            target_role="astronaut",
        )
    assert caught.value.problems == (
        "the level for 'headlines' must be a whole number from 0 to 5, not 6",
        "unknown competency 'nope'",
        "the level for 'long-form' must be a whole number from 0 to 5, not True",
        "the level for 'planning' must be a whole number from 0 to 5, not 2.5",
        "the level for 'positioning' must be a whole number from 0 to 5, not '3'",
        "the level for 'budgeting' must be a whole number from 0 to 5, not -1",
        "unknown discipline 'knitting'",
        "unknown role 'astronaut'",
    )
    assert str(caught.value).startswith("the level for 'headlines' must be")


def test_interests_must_not_be_a_bare_string():
    with pytest.raises(ScoringInputError, match="interests must be a list of discipline slugs"):
        score(CATALOGUE, {}, interests="seo")


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ([1, 2], ("the input must be a JSON object, not a list",)),
        ("ratings", ("the input must be a JSON object, not a string",)),
        ({}, ('"ratings" is required: an object of competency slug to level',)),
        ({"ratings": [3]}, ('"ratings" must be an object, not a list',)),
        (
            {"ratings": {}, "interests": "seo", "target_role": 3, "country": "GB"},
            (
                "unknown key 'country'",
                '"interests" must be a list of discipline slugs, not a string',
                '"target_role" must be a role slug, not a number',
            ),
        ),
        (
            {"ratings": {"headlines": 9}, "interests": [1]},
            (
                "the level for 'headlines' must be a whole number from 0 to 5, not 9",
                "unknown discipline 1",
            ),
        ),
    ],
)
def test_parse_input_lists_every_problem(data, problems):
    with pytest.raises(ScoringInputError) as caught:
        parse_input(data, CATALOGUE)
    assert caught.value.problems == problems


def test_parse_input_accepts_the_documented_form():
    given = parse_input(
        {"ratings": {"headlines": 3}, "interests": ["seo"], "target_role": None}, CATALOGUE
    )
    assert (dict(given.ratings), given.interests, given.target_role) == (
        {"headlines": 3},
        ("seo",),
        None,
    )


@pytest.mark.parametrize(
    ("layers", "roles", "message"),
    [
        ({"producers": {"copywriting": ["a", "a"]}}, (), "competency 'a' appears twice"),
        (
            {"producers": {"copywriting": ["a"]}},
            (role("r", "producers", "copywriting", "specialist", ("b", 2, 1)),),
            "role 'r' requires unknown 'b'",
        ),
        (
            {"producers": {"copywriting": ["a"]}},
            (role("r", "producers", "copywriting", "intern"),),
            "role 'r' has an unknown stage 'intern'",
        ),
        (
            {"producers": {"copywriting": ["a"]}},
            (role("r", "producers", "copywriting", "specialist", ("a", 6, 1)),),
            "role 'r' requires 'a' at level 6 with weight 1",
        ),
        (
            {"producers": {"copywriting": ["a"]}},
            (role("r", "architects", "seo", "specialist"),),
            "role 'r' has an unknown layer 'architects'; role 'r' has an unknown discipline 'seo'",
        ),
    ],
)
def test_an_inconsistent_catalogue_is_refused(layers, roles, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        build(layers, roles)


def test_role_leadership_follows_its_stage():
    assert [r.is_leadership for r in ROLES] == [False, False, True, True, True]


def test_thresholds_live_in_one_frozen_block():
    assert (THRESHOLDS.deep, THRESHOLDS.broad, THRESHOLDS.layer_counts_fully) == (80, 75, 40)
    with pytest.raises(AttributeError):
        THRESHOLDS.deep = 70  # type: ignore[misc]


# --- Speed ----------------------------------------------------------------------------------


def _bench_module():
    path = Path(__file__).resolve().parents[3] / "bench" / "bench_scoring.py"
    spec = importlib.util.spec_from_file_location("bench_scoring", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scoring_the_full_size_catalogue(benchmark):
    bench = _bench_module()
    catalogue = bench.build_catalogue()
    assert (len(catalogue.disciplines), len(catalogue.competencies), len(catalogue.roles)) == (
        16,
        48,
        18,
    )
    given = bench.random_inputs(catalogue, random.Random(7))
    profile = benchmark(score, catalogue, **given)
    assert len(profile.matches) == 18


def test_a_layer_with_one_discipline_is_explained_as_that_discipline():
    catalogue = build({"producers": {"copywriting": ["headlines", "long-form"]}})
    profile = score(catalogue, {"headlines": 3})
    assert profile.explanations.layers == {
        "producers": "Producers is 30, the score of its one discipline, Copywriting."
    }
