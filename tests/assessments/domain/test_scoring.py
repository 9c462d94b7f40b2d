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
