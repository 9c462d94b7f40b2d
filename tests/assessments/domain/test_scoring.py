"""The scoring model, table by table: every number is worked out by hand in the comments."""

import importlib.util
import random
from pathlib import Path

import pytest

from assessments.domain import scoring
from assessments.domain.catalogue import (
    Catalogue,
)
from assessments.domain.scoring import score
from assessments.domain.thresholds import SHAPE_LABELS, THRESHOLDS
from tests.assessments.domain.scoring_support import (
    CATALOGUE,
    PRO_RATA,
    ROLES,
    SEO_80,
    SHIPPED,
    T_SHAPED,
    build,
    rated,
    role,
)

# --- Shape and phase ----------------------------------------------------------------------

SHAPES = {
    # name: (ratings, depth, depth discipline, breadth, shape, phase)
    "nothing rated": ({}, 0, None, 0, "emerging", 1),
    # Every discipline 20, every layer 20: breadth 4 × 25 × 20/40 = 50.
    "level 1 everywhere": (rated(1), 20, "content-strategy", 50, "emerging", 1),
    # Layers 40, 20, 10, 0: 25 + 12.5 + 6.25 + 0 = 43.75, shown as 44.
    "pro rata breadth": (
        PRO_RATA,
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
    # SEO (4, 4, 4) = 80 counts in full for half of distributors' 25: 12.5, shown as 13.
    "deep at exactly 80": (
        rated(0, keyword_research=4, technical_seo=4, link_building=4),
        80,
        "seo",
        13,
        "i-shaped",
        3,
    ),
    # SEO (3, 3, 3) = 60: a stem forming is phase 2 while still emerging.
    "stem forming at exactly 60": (
        rated(0, keyword_research=3, technical_seo=3, link_building=3),
        60,
        "seo",
        13,
        "emerging",
        2,
    ),
    # SEO (3, 3, 2) = 53.33, shown as 53: below 60, still phase 1.
    "stem below 60": (
        rated(0, keyword_research=3, technical_seo=3, link_building=2),
        53,
        "seo",
        13,
        "emerging",
        1,
    ),
    # SEO (4, 4, 3) = 73.33, shown as 73: phase 2, not yet deep.
    "stem at 73": (
        rated(0, keyword_research=4, technical_seo=4, link_building=3),
        73,
        "seo",
        13,
        "emerging",
        2,
    ),
    # One discipline at 5 in each layer of two: 4 × 25 / 2 = 50, a specialist's breadth.
    "one discipline at 5 per layer": (
        rated(
            0,
            content_planning=5,
            editorial_calendar=5,
            keyword_research=5,
            technical_seo=5,
            link_building=5,
            ab_testing=5,
            landing_pages=5,
            team_leadership=5,
            budgeting=5,
        ),
        100,
        "content-strategy",
        50,
        "i-shaped",
        3,
    ),
    # Exactly Copywriter's requirements (4, 3): copywriting 70, breadth 12.5 → 13. Not deep,
    # not broad, but qualified for a specialist role: I-shaped, phase 2 (by its depth 70).
    "qualified copywriter": (
        {"headlines": 4, "long-form": 3},
        70,
        "copywriting",
        13,
        "i-shaped",
        2,
    ),
    # Exactly SEO Specialist's requirements (4, 3; dashboards 2): SEO (4, 3, 0) = 46.67 → 47,
    # analytics (0, 2) = 20; breadth 12.5 + 25 × 20 / 80 = 18.75 → 19. Depth and breadth
    # alone say phase 1; meeting a specialist role in full lifts it to phase 2.
    "qualified SEO specialist below 60": (
        {"keyword-research": 4, "technical-seo": 3, "dashboards": 2},
        47,
        "seo",
        19,
        "i-shaped",
        2,
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
    assert scoring.breadth_score([[20], [40], [40], [0]]) == 63  # 62.5 rounds up


BREADTHS = {
    # name: (discipline scores per layer, breadth)
    "no layers": ([], 0),
    "one layer, one discipline at working level": ([[40]], 100),
    "above working level counts no more": ([[100]], 100),
    # Four layers of four: one discipline at 100 in each is 4 × 25 / 4 = 25.
    "one strong discipline per layer": ([[100, 0, 0, 0]] * 4, 25),
    "every discipline at working level": ([[40, 40, 40, 40]] * 4, 100),
    # 25 × (20 + 40) / 80 = 18.75; 25; a layer without disciplines gives 0; 0: 43.75 → 44.
    "uneven layers": ([[20, 40], [40], [], [0]], 44),
    # 100 × 10 / 120 = 8.33 → 8.
    "pro rata in a layer of three": ([[10, 0, 0]], 8),
    # 25 × 30 / 80 = 9.375 and 25 × 10 / 40 = 6.25: 15.625 → 16.
    "fractions of a share": ([[10, 20], [10], [0], [0]], 16),
}


@pytest.mark.parametrize(("layers", "breadth"), BREADTHS.values(), ids=BREADTHS.keys())
def test_breadth_counts_disciplines_balanced_by_layer(layers, breadth):
    assert scoring.breadth_score(layers) == breadth


def test_one_discipline_at_5_in_each_layer_of_the_default_catalogue_is_breadth_25():
    ratings = {c.slug: 5 for layer in SHIPPED.layers for c in layer.disciplines[0].competencies}
    profile = score(SHIPPED, ratings)
    assert (profile.depth, profile.breadth, profile.shape, profile.phase) == (
        100,
        25,
        "i-shaped",
        3,
    )


PHASES = {
    # name: (depth, breadth, qualified, phase)
    "nothing yet": (0, 0, False, 1),
    "just below both": (59, 74, False, 1),
    "stem forming": (60, 0, False, 2),
    "broad, not deep": (0, 75, False, 2),
    "just below deep": (79, 100, False, 2),
    "deep": (80, 0, False, 3),
    "qualified beginner": (20, 10, True, 2),
    "qualified and deep": (80, 10, True, 3),
}


@pytest.mark.parametrize(("depth", "breadth", "qualified", "phase"), PHASES.values(), ids=PHASES)
def test_phase_follows_the_path(depth, breadth, qualified, phase):
    assert scoring.phase_of(depth, breadth, qualified) == phase


SHAPE_RULES = {
    # name: (depth, breadth, peak layers, qualified, shape)
    "neither": (79, 74, 0, False, "emerging"),
    "qualified, neither": (40, 20, 0, True, "i-shaped"),
    "qualified and broad": (40, 75, 0, True, "generalist"),
    "deep": (80, 74, 1, False, "i-shaped"),
    "broad": (79, 75, 0, False, "generalist"),
    "both": (80, 75, 1, False, "t-shaped"),
    "both, peaks in two layers": (80, 75, 2, True, "pi-shaped"),
}


@pytest.mark.parametrize(
    ("depth", "breadth", "peak_layers", "qualified", "shape"),
    SHAPE_RULES.values(),
    ids=SHAPE_RULES,
)
def test_shape_rules(depth, breadth, peak_layers, qualified, shape):
    assert scoring.shape_of(depth, breadth, peak_layers, qualified) == shape


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
    profile = score(CATALOGUE, PRO_RATA)
    assert profile.explanations.breadth == (
        "Your breadth is 44 of 100. Each of the 4 layers is worth 25, shared equally among its "
        "disciplines; a discipline counts in full once its score reaches 40 (level 2), pro rata "
        "below: Producers gives 25 (Content strategy 40 in full and Copywriting 40 in full); "
        "Distributors gives 12.5 (SEO 20 and Social media 20); Converters gives 6.25 "
        "(Conversion optimisation 10 and Marketing analytics 10); Architects gives 0 "
        "(Marketing management 0 and Marketing strategy 0); together 43.75, shown as 44."
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
        "Emerging: your depth 40 is below 80 and your breadth 44 is below 75. Phase 1 lasts "
        "while depth is below 60 and breadth below 75; your depth is 40 and your breadth 44."
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
        "at 80 or more, in another layer than that of SEO, would make it Π-shaped. Phase 3 "
        "starts once depth reaches 80; yours is 80."
    )
    pi = score(CATALOGUE, SHAPES["pi-shaped"][0]).explanations.shape
    assert pi == (
        "Π-shaped: your depth 80 reaches 80 and your breadth 100 reaches 75. You also have "
        "disciplines at 80 or more in more than one layer: Copywriting 80 and SEO 80. Phase 3 "
        "starts once depth reaches 80; yours is 80."
    )


def test_the_pi_hint_names_the_depth_discipline():
    # Social media (4, 4) = 80 ties SEO's 80 in the same layer; SEO, an interest, is depth.
    ratings = rated(2, **SEO_80, community_posting=4, social_ads=4)
    profile = score(CATALOGUE, ratings, interests=["seo"])
    assert profile.depth_discipline == "seo"
    assert "in another layer than that of SEO, would" in profile.explanations.shape
    profile = score(CATALOGUE, ratings, interests=["social-media"])
    assert profile.depth_discipline == "social-media"
    assert "in another layer than that of Social media, would" in profile.explanations.shape


def test_a_stem_one_level_from_deep_is_said():
    # SEO (4, 4, 3) = 73; Link building 3 → 4 makes (4, 4, 4) = 80.
    profile = score(CATALOGUE, SHAPES["stem at 73"][0])
    assert profile.explanations.shape == (
        "Emerging: your depth 73 is below 80 and your breadth 13 is below 75. Phase 2 runs from "
        "a depth of 60 (a stem forming) or a breadth of 75 until a depth of 80; your depth is 73 "
        "and your breadth 13. You are one level from a deep stem: raising Link building from 3 "
        "to 4 takes SEO to 80."
    )


NEAR_DEEP = {
    # name: (ratings, what is said, or None)
    # (3, 3, 3) + 1 = 10 × 20 / 3 = 66.67: not one level from deep.
    "60 is two levels away": (rated(0, keyword_research=3, technical_seo=3, link_building=3), None),
    # Headlines alone: (4, 3) + 1 = (4, 4) = 80; 3 is the lowest of copywriting.
    "copywriting at 70": ({"headlines": 4, "long-form": 3}, ("Long form", 3, "Copywriting", 80)),
    # Already deep: nothing to say.
    "deep": (T_SHAPED, None),
    # (5, 5, 2) = 80 already; (5, 4, 2) = 73.33: raise Link building 2 → 3 makes 80.
    "the lowest rating is named": (
        {"keyword-research": 5, "technical-seo": 4, "link-building": 2},
        ("Link building", 2, "SEO", 80),
    ),
    # Copywriting (4, 3) + 1 and SEO (4, 4, 3) + 1 both make 80: the first in the catalogue.
    "equal raises: catalogue order": (
        {
            "headlines": 4,
            "long-form": 3,
            "keyword-research": 4,
            "technical-seo": 4,
            "link-building": 3,
        },
        ("Long form", 3, "Copywriting", 80),
    ),
}


@pytest.mark.parametrize(("ratings", "said"), NEAR_DEEP.values(), ids=NEAR_DEEP)
def test_one_level_from_deep(ratings, said):
    profile = score(CATALOGUE, ratings)
    near = scoring.one_level_from_deep(CATALOGUE, ratings, profile.disciplines)
    if said is None:
        assert near is None or profile.depth >= THRESHOLDS.deep
        assert "one level from a deep stem" not in profile.explanations.shape
    else:
        assert (near.competency_name, near.have, near.discipline_name, near.score) == said
        name, have, discipline, level = said
        assert (
            f"You are one level from a deep stem: raising {name} from {have} to {have + 1} "
            f"takes {discipline} to {level}."
        ) in profile.explanations.shape


def test_a_qualified_specialist_is_told_why_they_are_not_a_beginner():
    profile = score(CATALOGUE, SHAPES["qualified SEO specialist below 60"][0])
    assert profile.explanations.shape == (
        "I-shaped specialist: your depth 47 is below 80 and your breadth 19 is below 75. You "
        "meet every requirement of SEO specialist, a specialist role, so you count as a "
        "specialist rather than as emerging. Meeting SEO specialist in full puts you in phase 2 "
        "although your depth 47 is below 60 and your breadth 19 below 75."
    )


def test_thresholds_live_in_one_frozen_block():
    assert (
        THRESHOLDS.deep,
        THRESHOLDS.stem_forming,
        THRESHOLDS.broad,
        THRESHOLDS.discipline_counts_fully,
        THRESHOLDS.layer_counts_fully,
    ) == (80, 60, 75, 40, 40)
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


def test_a_mid_level_copywriter_is_in_phase_2_and_one_level_from_a_deep_stem():
    # Copywriting (4, 3, 4) = 73.33 → 73: a stem forming, phase 2; ad copy 3 → 4 makes 80.
    ratings = {c.slug: 1 for c in SHIPPED.competencies} | {
        "persuasive-copywriting": 4,
        "ad-copywriting": 3,
        "brand-voice": 4,
    }
    profile = score(SHIPPED, ratings, interests=["copywriting"])
    assert (profile.depth, profile.shape, profile.phase) == (73, "emerging", 2)
    assert profile.explanations.shape.endswith(
        "You are one level from a deep stem: raising Ad and short-form copy from 3 to 4 takes "
        "Copywriting to 80."
    )


@pytest.mark.parametrize(
    "role", [r for r in SHIPPED.roles if r.stage == "specialist"], ids=lambda r: r.slug
)
def test_nobody_rated_exactly_at_a_specialist_role_is_a_beginner(role):
    profile = score(SHIPPED, {q.competency: q.level for q in role.requirements})
    assert (profile.matches[0].role, profile.matches[0].fit) == (role.slug, 100)
    assert profile.shape != "emerging"
    assert profile.phase >= 2
