"""Table tests for team coverage: thresholds, heatmap bands and sorting, discipline coverage,
layer balance and the checks on inputs (no database)."""

import pytest

from assessments.domain.coverage import (
    THRESHOLDS,
    CoverageThresholds,
    DisciplineSpec,
    LayerBalance,
    LayerSpec,
    SortedRows,
    Structure,
    band_for,
    sort_heatmap,
)
from assessments.domain.dashboard import PendingMember

from .coverage_support import LAYERS, STRUCTURE, coverage, make_structure, member

# --- Thresholds -----------------------------------------------------------------------------


def test_thresholds_are_the_documented_ones():
    assert (THRESHOLDS.working_score, THRESHOLDS.proficient_score) == (40, 60)
    assert (THRESHOLDS.advanced_score, THRESHOLDS.expert_score) == (80, 100)
    assert (THRESHOLDS.strong_layer_from, THRESHOLDS.weak_below) == (60, 40)
    assert THRESHOLDS.conversion_disciplines == ("conversion-optimisation", "marketing-analytics")
    assert THRESHOLDS.trend_quarters == 8


@pytest.mark.parametrize(
    "changes",
    [
        {"working_score": 60},
        {"aware_score": 0},
        {"expert_score": 101, "advanced_score": 80},
        {"weak_below": 61},
        {"weak_below": 0},
        {"trend_quarters": 0},
    ],
)
def test_inconsistent_thresholds_are_refused(changes):
    with pytest.raises(ValueError, match=r"."):
        CoverageThresholds(**changes)


# --- Heatmap cells and bands ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "none"),
        (1, "aware"),
        (39, "aware"),
        (40, "working"),
        (59, "working"),
        (60, "proficient"),
        (79, "proficient"),
        (80, "advanced"),
        (99, "advanced"),
        (100, "expert"),
    ],
)
def test_band_for_score(score, band):
    assert band_for(score) == band


def test_heatmap_row_carries_a_number_and_band_per_discipline_in_structure_order():
    result = coverage(member(7, "Ada", {"seo": 85, "copywriting": 40, "retired-thing": 99}))
    (row,) = result.heatmap
    assert [c.discipline for c in row.cells] == [d.slug for d in STRUCTURE.disciplines]
    cells = {c.discipline: (c.score, c.band) for c in row.cells}
    assert cells["seo"] == (85, "advanced")
    assert cells["copywriting"] == (40, "working")
    # A discipline missing from the stored profile reads as 0; an unknown one is ignored.
    assert cells["paid-media"] == (0, "none")
    assert "retired-thing" not in cells
    assert row.score("seo") == 85
    assert row.cells[0].band_label == "None"
    assert (row.member_id, row.display_name, row.depth) == (7, "Ada", 99)


def test_heatmap_is_sorted_by_name_and_pending_members_are_listed_apart():
    result = coverage(
        member(1, "zoe", {"seo": 10}),
        member(2, "Adam", {"seo": 20}),
        member(3, "bea", {"seo": 30}),
        pending=[PendingMember(9, "Yusuf"), PendingMember(8, "carl")],
    )
    assert [r.display_name for r in result.heatmap] == ["Adam", "bea", "zoe"]
    assert [p.display_name for p in result.pending] == ["carl", "Yusuf"]
    assert (result.submitted_count, result.pending_count, result.member_count) == (3, 2, 5)
    # Pending members count nowhere else.
    assert result.discipline("seo").best_score == 30
    assert sum(s.count for s in result.shape_mix) == 3


# --- Sorting --------------------------------------------------------------------------------

SORT_ROWS = coverage(
    member(1, "Cleo", {"seo": 70}, depth=50, breadth=20),
    member(2, "amir", {"seo": 90}, depth=50, breadth=90),
    member(3, "Bram", {"seo": 70}, depth=80, breadth=20),
    member(4, "dana", {"seo": 10}, depth=30, breadth=20),
).heatmap


@pytest.mark.parametrize(
    ("key", "applied", "names"),
    [
        ("name", "name", ["amir", "Bram", "Cleo", "dana"]),
        ("depth", "depth", ["Bram", "amir", "Cleo", "dana"]),
        ("breadth", "breadth", ["amir", "Bram", "Cleo", "dana"]),
        ("seo", "seo", ["amir", "Bram", "Cleo", "dana"]),
        ("copywriting", "copywriting", ["amir", "Bram", "Cleo", "dana"]),
        ("no-such-discipline", "name", ["amir", "Bram", "Cleo", "dana"]),
        ("", "name", ["amir", "Bram", "Cleo", "dana"]),
        (None, "name", ["amir", "Bram", "Cleo", "dana"]),
    ],
)
def test_sort_heatmap(key, applied, names):
    result = sort_heatmap(list(reversed(SORT_ROWS)), key)
    assert result.key == applied
    assert [r.display_name for r in result.rows] == names


def test_sort_heatmap_by_a_discipline_breaks_ties_by_name():
    rows = coverage(
        member(1, "Zed", {"seo": 70}), member(2, "yan", {"seo": 70}), member(3, "Xia", {"seo": 5})
    ).heatmap
    assert [r.display_name for r in sort_heatmap(rows, "seo").rows] == ["yan", "Zed", "Xia"]


def test_sort_heatmap_of_no_rows_falls_back_to_name_unless_told_the_disciplines():
    assert sort_heatmap([], "seo") == SortedRows(rows=(), key="name")
    assert sort_heatmap([], "seo", ["seo"]) == SortedRows(rows=(), key="seo")
    assert coverage().sorted_heatmap("seo").key == "seo"
    assert coverage().sorted_heatmap("nope").key == "name"


def test_sort_heatmap_checks_discipline_keys_against_the_given_disciplines():
    assert sort_heatmap(SORT_ROWS, "seo", ["copywriting"]).key == "name"
    result = coverage(member(1, "Bo", {"seo": 1}), member(2, "Al", {"seo": 2}))
    assert [r.display_name for r in result.sorted_heatmap("seo").rows] == ["Al", "Bo"]


# --- Discipline coverage --------------------------------------------------------------------


def test_coverage_counts_go_to_people_and_best_score():
    result = coverage(
        member(1, "Ann", {"seo": 59}),
        member(2, "ben", {"seo": 60}),
        member(3, "Cat", {"seo": 80}),
        member(4, "Dev", {"seo": 100}),
        member(5, "abe", {"seo": 60}),
    )
    seo = result.discipline("seo")
    assert (seo.proficient_count, seo.advanced_count, seo.best_score) == (4, 2, 100)
    assert [(g.display_name, g.score, g.band) for g in seo.go_to] == [
        ("Dev", 100, "expert"),
        ("Cat", 80, "advanced"),
        ("abe", 60, "proficient"),
        ("ben", 60, "proficient"),
    ]
    assert seo.go_to_person.member_id == 4
    assert (seo.name, seo.layer) == ("Seo", "distributors")
    assert not seo.single_point_of_failure
    assert not seo.uncovered


@pytest.mark.parametrize(
    ("scores", "proficient", "advanced", "spof", "uncovered", "best"),
    [
        ([59, 59, 0], 0, 0, False, True, 59),
        ([60, 59, 0], 1, 0, True, False, 60),
        ([80, 59, 40], 1, 1, True, False, 80),
        ([60, 60, 0], 2, 0, False, False, 60),
        ([79, 80, 81], 3, 2, False, False, 81),
        ([0, 0, 0], 0, 0, False, True, 0),
    ],
)
def test_single_point_of_failure_and_uncovered(scores, proficient, advanced, spof, uncovered, best):
    result = coverage(*(member(i, f"M{i}", {"email-marketing": s}) for i, s in enumerate(scores)))
    email = result.discipline("email-marketing")
    assert (email.proficient_count, email.advanced_count) == (proficient, advanced)
    assert (email.single_point_of_failure, email.uncovered, email.best_score) == (
        spof,
        uncovered,
        best,
    )
    assert (email in result.single_points_of_failure) is spof
    assert (email in result.uncovered) is uncovered


def test_team_without_submitted_members():
    result = coverage(pending=[PendingMember(1, "Ann")])
    assert result.heatmap == ()
    assert all(d.uncovered and d.best_score == 0 and d.go_to == () for d in result.disciplines)
    assert result.layers[0] == LayerBalance(
        layer="producers",
        name="Producers",
        strength=0.0,
        mean_member_score=None,
        best_member_score=None,
        covered_count=0,
        discipline_count=4,
        covered_percent=0,
    )
    assert result.diagnostics == ()
    assert result.trend == ()
    assert [s.count for s in result.shape_mix] == [0, 0, 0, 0, 0]


# --- Layer balance --------------------------------------------------------------------------


def test_layer_balance_exact_values():
    result = coverage(
        member(
            1,
            "Ann",
            {"content-strategy": 80, "copywriting": 20, "graphic-design": 0, "ux-ui-design": 60},
            layer_scores={"producers": 40, "distributors": 10},
        ),
        member(
            2,
            "Ben",
            {"content-strategy": 40, "copywriting": 70, "graphic-design": 10, "ux-ui-design": 55},
            layer_scores={"producers": 45, "distributors": 0},
        ),
    )
    assert result.layer("producers") == LayerBalance(
        layer="producers",
        name="Producers",
        strength=55.0,  # (80 + 70 + 10 + 60) / 4
        mean_member_score=42.5,  # (40 + 45) / 2
        best_member_score=45,
        covered_count=3,
        discipline_count=4,
        covered_percent=75,
    )
    architects = result.layer("architects")
    # Layer scores missing from a stored profile read as 0.
    assert (architects.strength, architects.mean_member_score) == (0.0, 0.0)
    assert (architects.best_member_score, architects.covered_percent) == (0, 0)
    assert result.layer("distributors").mean_member_score == 5.0


@pytest.mark.parametrize(
    ("bests", "strength"),
    [
        ([60, 60, 60, 59], 59.8),  # 59.75, half up
        ([1, 0, 0, 0], 0.3),  # 0.25, half up
        ([61, 62, 0, 0], 30.8),  # 30.75
        ([100, 100, 100, 100], 100.0),
        ([33, 33, 34, 0], 25.0),
    ],
)
def test_layer_strength_rounds_half_up_to_one_decimal(bests, strength):
    scores = dict(zip(LAYERS["distributors"], bests, strict=True))
    assert coverage(member(1, "Ann", scores)).layer("distributors").strength == strength


def test_layer_mean_member_score_rounds_half_up():
    result = coverage(
        *(member(i, f"M{i}", layer_scores={"converters": s}) for i, s in enumerate([10, 10, 11]))
    )
    assert result.layer("converters").mean_member_score == 10.3  # 31 / 3


@pytest.mark.parametrize(("covered", "percent"), [(0, 0), (1, 33), (2, 67), (3, 100)])
def test_covered_percent_rounds_half_up(covered, percent):
    structure = make_structure({"producers": ("a", "b", "c"), "distributors": ("d",)})
    scores = dict(zip("abc", [60] * covered + [59] * (3 - covered), strict=True))
    result = coverage(member(1, "Ann", scores), structure=structure)
    assert result.layer("producers").covered_percent == percent


# --- Input validation -----------------------------------------------------------------------


def test_a_member_listed_twice_is_refused():
    with pytest.raises(ValueError, match="more than one profile"):
        coverage(member(1, "Ann"), member(1, "Ann again"))
    with pytest.raises(ValueError, match="listed twice"):
        coverage(member(1, "Ann"), pending=[PendingMember(1, "Ann")])
    with pytest.raises(ValueError, match="listed twice"):
        coverage(pending=[PendingMember(2, "Bo"), PendingMember(2, "Bo")])


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"scores": {"seo": 101}}, ValueError),
        ({"scores": {"seo": -1}}, ValueError),
        ({"scores": {"seo": 50.5}}, TypeError),
        ({"layer_scores": {"producers": 101}}, ValueError),
        ({"depth": 101}, ValueError),
        ({"breadth": -1}, ValueError),
        ({"shape": "x-shaped"}, ValueError),
    ],
)
def test_profile_values_are_checked(changes, error):
    with pytest.raises(error):
        member(1, "Ann", **changes)


def test_structure_is_checked():
    seo = DisciplineSpec("seo", "SEO")
    with pytest.raises(ValueError, match="no disciplines"):
        LayerSpec("producers", "Producers", ())
    with pytest.raises(ValueError, match="layer slugs"):
        Structure((LayerSpec("a", "A", (seo,)), LayerSpec("a", "A", (DisciplineSpec("x", "X"),))))
    with pytest.raises(ValueError, match="discipline slugs"):
        Structure((LayerSpec("a", "A", (seo,)), LayerSpec("b", "B", (seo,))))
    with pytest.raises(ValueError, match="at least one layer"):
        Structure(())
    assert STRUCTURE.layer("converters").disciplines[1].slug == "marketing-analytics"
    assert STRUCTURE.layer("nope") is None
    assert len(STRUCTURE.disciplines) == 16
