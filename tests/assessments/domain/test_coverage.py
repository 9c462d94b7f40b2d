"""Table tests for team coverage and the ecosystem diagnostics (no database)."""

import time
from datetime import date

import pytest

from assessments.domain.coverage import (
    SHAPES,
    THRESHOLDS,
    CoverageThresholds,
    DisciplineSpec,
    LayerBalance,
    LayerSpec,
    MemberProfile,
    SortedRows,
    Structure,
    band_for,
    sort_heatmap,
)
from assessments.domain.dashboard import PendingMember, ShapeCount, team_coverage
from assessments.domain.diagnostics import DIAGNOSTIC_KEYS
from assessments.domain.people import CompetencyLevel, find_people
from assessments.domain.trend import AssessmentPoint, TrendPoint, team_trend
from assessments.paging import page_of

LAYERS = {
    "producers": ("content-strategy", "copywriting", "graphic-design", "ux-ui-design"),
    "distributors": ("seo", "social-media", "email-marketing", "paid-media"),
    "converters": (
        "conversion-optimisation",
        "marketing-analytics",
        "demand-generation",
        "community-management",
    ),
    "architects": (
        "marketing-management",
        "project-management",
        "marketing-strategy",
        "executive-leadership",
    ),
}
LAYER_NAMES = {
    "producers": "Producers",
    "distributors": "Distributors",
    "converters": "Converters",
    "architects": "Architects",
}
DISCIPLINE_NAMES = {
    "conversion-optimisation": "Conversion optimisation",
    "marketing-analytics": "Marketing analytics",
}


def make_structure(layers=LAYERS):
    return Structure(
        tuple(
            LayerSpec(
                slug,
                LAYER_NAMES.get(slug, slug.title()),
                tuple(DisciplineSpec(d, DISCIPLINE_NAMES.get(d, d.title())) for d in ds),
            )
            for slug, ds in layers.items()
        )
    )


STRUCTURE = make_structure()
TODAY = date(2026, 5, 20)


def mean_half_up(values):
    return (2 * sum(values) + len(values)) // (2 * len(values))


def member(
    member_id,
    name,
    scores=None,
    *,
    layer_scores=None,
    depth=None,
    breadth=50,
    shape="emerging",
    submitted_on=date(2026, 1, 15),
):
    """A profile; layer scores default to the rounded mean of the layer's disciplines."""
    scores = dict(scores or {})
    if layer_scores is None:
        layer_scores = {
            layer: mean_half_up([scores.get(d, 0) for d in ds]) for layer, ds in LAYERS.items()
        }
    return MemberProfile(
        member_id=member_id,
        display_name=name,
        discipline_scores=scores,
        layer_scores=layer_scores,
        depth=max(scores.values(), default=0) if depth is None else depth,
        breadth=breadth,
        shape=shape,
        submitted_on=submitted_on,
    )


def layered(producers=50, distributors=50, converters=50, architects=50, **overrides):
    """Discipline scores with every discipline of a layer at the layer's value."""
    per_layer = {
        "producers": producers,
        "distributors": distributors,
        "converters": converters,
        "architects": architects,
    }
    scores = {d: per_layer[layer] for layer, ds in LAYERS.items() for d in ds}
    scores.update({slug.replace("_", "-"): value for slug, value in overrides.items()})
    return scores


def coverage(*profiles, pending=(), history=(), today=TODAY, structure=STRUCTURE):
    return team_coverage(structure, profiles, pending, today, history=history)


def diagnostics_of(*profiles, **kwargs):
    return {d.key: d for d in coverage(*profiles, **kwargs).diagnostics}


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


# --- Paging ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "page", "per_page", "rows", "pages", "start", "end", "prev", "next_"),
    [
        (10, 1, 4, [0, 1, 2, 3], 3, 1, 4, None, 2),
        (10, 2, 4, [4, 5, 6, 7], 3, 5, 8, 1, 3),
        (10, 3, 4, [8, 9], 3, 9, 10, 2, None),
        (8, 2, 4, [4, 5, 6, 7], 2, 5, 8, 1, None),
        (1, 1, 50, [0], 1, 1, 1, None, None),
        (0, 1, 50, [], 1, 0, 0, None, None),
    ],
)
def test_page_of(total, page, per_page, rows, pages, start, end, prev, next_):
    result = page_of(list(range(total)), page, per_page)
    assert list(result.object_list) == rows
    assert (result.number, result.paginator.per_page, result.paginator.count) == (
        page,
        per_page,
        total,
    )
    assert result.paginator.num_pages == pages
    assert (result.start_index(), result.end_index()) == (start, end)
    assert result.has_previous() is (prev is not None)
    assert result.has_next() is (next_ is not None)
    if prev is not None:
        assert result.previous_page_number() == prev
    if next_ is not None:
        assert result.next_page_number() == next_


@pytest.mark.parametrize(("total", "page"), [(10, 0), (10, -1)])
def test_page_of_refuses_pages_below_1(total, page):
    with pytest.raises(ValueError, match=f"page {page} is below 1"):
        page_of(list(range(total)), page, 4)


@pytest.mark.parametrize(("total", "page", "last"), [(10, 4, 3), (10, 10_000, 3), (0, 2, 1)])
def test_page_of_shows_the_last_page_past_the_end(total, page, last):
    result = page_of(list(range(total)), page, 4)
    assert result.number == last
    assert list(result.object_list) == list(range(total))[(last - 1) * 4 :]


@pytest.mark.parametrize("page", ["2", 2.0, None, True])
def test_page_of_leaves_parsing_to_the_caller(page):
    with pytest.raises(TypeError):
        page_of([1, 2, 3], page, 2)


@pytest.mark.parametrize("per_page", [0, -5])
def test_page_of_refuses_an_empty_page_size(per_page):
    with pytest.raises(ValueError, match="per_page"):
        page_of([1, 2, 3], 1, per_page)


def test_page_count():
    counts = [page_of(range(n), 1, 25).paginator.num_pages for n in (0, 1, 25, 26, 50, 51)]
    assert counts == [1, 1, 1, 2, 2, 3]


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


# --- Diagnostics ----------------------------------------------------------------------------

PD_CASES = [
    pytest.param(
        layered(producers=60, distributors=39),
        "Producers strength 60.0 is strong (60 or more), but Distributors strength 39.0 is "
        "weak (below 40).",
        {"producers_strength": 60.0, "distributors_strength": 39.0},
        id="strong-producers-weak-distributors-at-thresholds",
    ),
    pytest.param(
        layered(producers=95, converters=0),
        "Producers strength 95.0 is strong (60 or more), but Converters strength 0.0 is weak "
        "(below 40).",
        {"producers_strength": 95.0, "converters_strength": 0.0},
        id="weak-converters",
    ),
    pytest.param(
        layered(producers=80, distributors=39, converters=12),
        "Producers strength 80.0 is strong (60 or more), but Distributors strength 39.0 and "
        "Converters strength 12.0 are weak (below 40).",
        {"producers_strength": 80.0, "distributors_strength": 39.0, "converters_strength": 12.0},
        id="both-weak",
    ),
    pytest.param(
        # Distribution strong and converters weak, but optimisation and analytics are at
        # working level: not a leaky bucket, so the dilemma names the weak converters.
        layered(
            producers=60,
            distributors=60,
            converters=0,
            conversion_optimisation=40,
            marketing_analytics=40,
        ),
        "Producers strength 60.0 is strong (60 or more), but Converters strength 20.0 is weak "
        "(below 40).",
        {"producers_strength": 60.0, "converters_strength": 20.0},
        id="weak-converters-without-leaky-bucket",
    ),
]


@pytest.mark.parametrize(("scores", "message", "numbers"), PD_CASES)
def test_producers_dilemma_holds(scores, message, numbers):
    found = diagnostics_of(member(1, "Ann", scores))
    assert list(found) == ["producers_dilemma"]
    diagnostic = found["producers_dilemma"]
    assert diagnostic.title == "Producer's dilemma"
    assert diagnostic.message == message
    assert diagnostic.numbers == numbers | {"strong_from": 60, "weak_below": 40}
    assert diagnostic.explanation


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param(layered(producers=59, distributors=0, converters=0), id="producers-59"),
        pytest.param(
            layered(producers=60, distributors=0, converters=0, ux_ui_design=59),
            id="producers-59.8",
        ),
        pytest.param(layered(producers=60, distributors=40, converters=40), id="nothing-weak"),
        pytest.param(
            layered(producers=100, distributors=40, converters=39, community_management=43),
            id="converters-just-40",  # (39 + 39 + 39 + 43) / 4 = 40.0
        ),
        pytest.param(
            layered(producers=60, distributors=60, converters=39), id="leaky-bucket-instead"
        ),
    ],
)
def test_producers_dilemma_does_not_hold(scores):
    assert "producers_dilemma" not in diagnostics_of(member(1, "Ann", scores))


@pytest.mark.parametrize(
    ("scores", "message", "numbers"),
    [
        pytest.param(
            layered(distributors=60, producers=39),
            "Distributors strength 60.0 is strong (60 or more), but Producers strength 39.0 is "
            "weak (below 40).",
            {"distributors_strength": 60.0, "producers_strength": 39.0},
            id="at-thresholds",
        ),
        pytest.param(
            layered(distributors=100, producers=0, converters=0),
            "Distributors strength 100.0 is strong (60 or more), but Producers strength 0.0 is "
            "weak (below 40).",
            {"distributors_strength": 100.0, "producers_strength": 0.0},
            id="extremes",
        ),
        pytest.param(
            layered(distributors=60, producers=40, copywriting=39),
            "Distributors strength 60.0 is strong (60 or more), but Producers strength 39.8 is "
            "weak (below 40).",
            {"distributors_strength": 60.0, "producers_strength": 39.8},
            id="producers-39.75-is-weak",
        ),
    ],
)
def test_empty_megaphone_holds(scores, message, numbers):
    found = diagnostics_of(member(1, "Ann", scores))
    assert list(found) == ["empty_megaphone"]
    assert found["empty_megaphone"].title == "Empty megaphone"
    assert found["empty_megaphone"].message == message
    assert found["empty_megaphone"].numbers == numbers | {"strong_from": 60, "weak_below": 40}


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param(layered(distributors=59, producers=0), id="distributors-59"),
        pytest.param(layered(distributors=60, producers=40), id="producers-40"),
        pytest.param(layered(distributors=60, producers=40, seo=59), id="distributors-59.8"),
    ],
)
def test_empty_megaphone_does_not_hold(scores):
    assert "empty_megaphone" not in diagnostics_of(member(1, "Ann", scores))


@pytest.mark.parametrize(
    ("scores", "message", "numbers"),
    [
        pytest.param(
            layered(
                producers=60,
                distributors=60,
                converters=80,
                conversion_optimisation=39,
                marketing_analytics=39,
            ),
            "Producers strength 60.0 and Distributors strength 60.0 are strong (60 or more), "
            "but the best Conversion optimisation score is 39 and the best Marketing analytics "
            "score is 39 (weak below 40).",
            {
                "producers_strength": 60.0,
                "distributors_strength": 60.0,
                "conversion_optimisation_best": 39,
                "marketing_analytics_best": 39,
            },
            id="at-thresholds",
        ),
        pytest.param(
            layered(producers=90, distributors=75, converters=0),
            "Producers strength 90.0 and Distributors strength 75.0 are strong (60 or more), "
            "but the best Conversion optimisation score is 0 and the best Marketing analytics "
            "score is 0 (weak below 40).",
            {
                "producers_strength": 90.0,
                "distributors_strength": 75.0,
                "conversion_optimisation_best": 0,
                "marketing_analytics_best": 0,
            },
            id="converters-empty-is-a-leaky-bucket-not-a-dilemma",
        ),
    ],
)
def test_leaky_bucket_holds(scores, message, numbers):
    found = diagnostics_of(member(1, "Ann", scores))
    assert list(found) == ["leaky_bucket"]
    assert found["leaky_bucket"].title == "Leaky bucket"
    assert found["leaky_bucket"].message == message
    assert found["leaky_bucket"].numbers == numbers | {"strong_from": 60, "weak_below": 40}


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"conversion_optimisation": 40}, id="optimisation-40"),
        pytest.param({"marketing_analytics": 40}, id="analytics-40"),
        pytest.param({"producers": 59}, id="producers-59"),
        pytest.param({"distributors": 59}, id="distributors-59"),
    ],
)
def test_leaky_bucket_does_not_hold(overrides):
    base = {
        "producers": 60,
        "distributors": 60,
        "converters": 80,
        "conversion_optimisation": 39,
        "marketing_analytics": 39,
    }
    assert "leaky_bucket" not in diagnostics_of(member(1, "Ann", layered(**base | overrides)))


def test_leaky_bucket_uses_the_teams_best_not_each_member():
    weak = layered(producers=60, distributors=60, converters=0)
    analyst = layered(producers=0, distributors=0, converters=0, marketing_analytics=45)
    assert "leaky_bucket" in diagnostics_of(member(1, "Ann", weak))
    assert "leaky_bucket" not in diagnostics_of(member(1, "Ann", weak), member(2, "Bo", analyst))


@pytest.mark.parametrize(
    ("architect_scores", "holds", "message"),
    [
        ([39], True, "The best Architects layer score among the 1 assessed members is 39 "),
        ([30, 39, 0], True, "The best Architects layer score among the 3 assessed members is 39 "),
        ([40], False, None),
        ([10, 40], False, None),
        ([100], False, None),
    ],
)
def test_no_architect(architect_scores, holds, message):
    profiles = [member(i, f"M{i}", layered(architects=s)) for i, s in enumerate(architect_scores)]
    found = diagnostics_of(*profiles)
    assert ("no_architect" in found) is holds
    if holds:
        diagnostic = found["no_architect"]
        assert diagnostic.title == "No architect"
        assert diagnostic.message == message + "(working level is 40)."
        assert diagnostic.numbers == {
            "architects_best_member_score": max(architect_scores),
            "assessed_members": len(architect_scores),
            "working_from": 40,
        }


def test_no_architect_reads_the_members_layer_score():
    # Strong in one architects discipline, but the layer as a whole is below working level.
    profile = member(1, "Ann", layered(architects=0, marketing_management=100))
    assert profile.layer_scores["architects"] == 25
    assert diagnostics_of(profile)["no_architect"].numbers["architects_best_member_score"] == 25


def test_diagnostics_come_in_a_fixed_order_with_their_numbers_in_the_message():
    found = coverage(member(1, "Ann", layered(producers=90, distributors=10, architects=5)))
    assert [d.key for d in found.diagnostics] == ["producers_dilemma", "no_architect"]
    assert DIAGNOSTIC_KEYS == (
        "producers_dilemma",
        "empty_megaphone",
        "leaky_bucket",
        "no_architect",
    )
    assert all(d.explanation and d.title for d in found.diagnostics)


def test_no_diagnostics_without_submitted_members():
    assert coverage(pending=[PendingMember(1, "Ann")]).diagnostics == ()


def test_a_healthy_team_has_no_diagnostics():
    assert coverage(member(1, "Ann", layered(70, 70, 70, 70))).diagnostics == ()


def test_diagnostics_about_layers_the_structure_lacks_are_skipped():
    structure = make_structure({k: v for k, v in LAYERS.items() if k != "architects"})
    result = coverage(member(1, "Ann", layered(architects=0)), structure=structure)
    assert result.diagnostics == ()


# --- Shape mix ------------------------------------------------------------------------------


def test_shape_mix_lists_every_shape_in_order_with_zeros():
    result = coverage(
        member(1, "A", shape="t-shaped"),
        member(2, "B", shape="t-shaped"),
        member(3, "C", shape="emerging"),
        member(4, "D", shape="pi-shaped"),
    )
    assert result.shape_mix == (
        ShapeCount("emerging", "Emerging", 1),
        ShapeCount("i-shaped", "I-shaped specialist", 0),
        ShapeCount("generalist", "Generalist", 0),
        ShapeCount("t-shaped", "T-shaped", 2),
        ShapeCount("pi-shaped", "Π-shaped", 1),
    )
    assert tuple(s.shape for s in result.shape_mix) == SHAPES


# --- Trend ----------------------------------------------------------------------------------


def tp(label, ends_on, count, depth, breadth):
    year, quarter = label.split(" Q")
    return TrendPoint(label, int(year), int(quarter), ends_on, count, depth, breadth)


TREND_POINTS = [
    AssessmentPoint(1, date(2025, 2, 10), depth=40, breadth=50),
    AssessmentPoint(1, date(2025, 8, 1), depth=60, breadth=70),
    AssessmentPoint(2, date(2025, 5, 20), depth=80, breadth=30),  # joins in Q2
    AssessmentPoint(3, date(2026, 1, 1), depth=21, breadth=0),  # joins in 2026 Q1
]


def test_trend_carries_each_members_latest_forward_and_counts_late_joiners_from_their_start():
    assert team_trend(TREND_POINTS, today=date(2026, 2, 14)) == (
        tp("2025 Q1", date(2025, 3, 31), 1, 40.0, 50.0),
        tp("2025 Q2", date(2025, 6, 30), 2, 60.0, 40.0),
        tp("2025 Q3", date(2025, 9, 30), 2, 70.0, 50.0),
        tp("2025 Q4", date(2025, 12, 31), 2, 70.0, 50.0),
        tp("2026 Q1", date(2026, 3, 31), 3, 53.7, 33.3),  # (60+80+21)/3, (70+30+0)/3
    )


def test_trend_is_capped_to_the_last_quarters_but_still_carries_earlier_assessments():
    assert team_trend(TREND_POINTS, today=date(2026, 2, 14), quarters=2) == (
        tp("2025 Q4", date(2025, 12, 31), 2, 70.0, 50.0),
        tp("2026 Q1", date(2026, 3, 31), 3, 53.7, 33.3),
    )


def test_trend_default_cap_is_eight_quarters():
    points = [AssessmentPoint(1, date(2020, 1, 1), 10, 10)]
    trend = team_trend(points, today=date(2026, 4, 1))
    assert [p.label for p in trend] == [
        "2024 Q3",
        "2024 Q4",
        "2025 Q1",
        "2025 Q2",
        "2025 Q3",
        "2025 Q4",
        "2026 Q1",
        "2026 Q2",
    ]


@pytest.mark.parametrize(
    ("submitted_on", "labels"),
    [
        (date(2025, 3, 31), ["2025 Q1", "2025 Q2"]),  # the quarter's last day counts in it
        (date(2025, 4, 1), ["2025 Q2"]),
    ],
)
def test_trend_quarter_boundaries(submitted_on, labels):
    trend = team_trend([AssessmentPoint(1, submitted_on, 50, 50)], today=date(2025, 4, 1))
    assert [p.label for p in trend] == labels


def test_trend_quarter_ends_in_a_leap_year():
    trend = team_trend([AssessmentPoint(1, date(2024, 1, 5), 1, 1)], today=date(2024, 12, 31))
    assert [p.ends_on for p in trend] == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]


def test_trend_ignores_submissions_after_today():
    points = [*TREND_POINTS, AssessmentPoint(2, date(2026, 3, 1), depth=0, breadth=0)]
    assert team_trend(points, today=date(2026, 2, 14))[-1].mean_depth == 53.7
    assert team_trend([AssessmentPoint(1, date(2027, 1, 1), 1, 1)], today=TODAY) == ()


def test_trend_same_day_submissions_do_not_depend_on_order():
    a = AssessmentPoint(1, date(2025, 5, 5), depth=50, breadth=10)
    b = AssessmentPoint(1, date(2025, 5, 5), depth=70, breadth=0)
    assert team_trend([a, b], TODAY) == team_trend([b, a], TODAY)
    assert team_trend([a, b], TODAY)[-1].mean_depth == 70.0


def test_trend_without_points_is_empty():
    assert team_trend([], TODAY) == ()


@pytest.mark.parametrize("quarters", [0, -1])
def test_trend_refuses_a_non_positive_cap(quarters):
    with pytest.raises(ValueError, match="quarters"):
        team_trend(TREND_POINTS, TODAY, quarters=quarters)


def test_team_coverage_trend_uses_history_of_current_members_and_their_latest_profiles():
    profiles = [
        member(1, "Ann", depth=60, breadth=70, submitted_on=date(2025, 8, 1)),
        member(2, "Bo", depth=80, breadth=30, submitted_on=date(2025, 5, 20)),
    ]
    history = [
        AssessmentPoint(1, date(2025, 2, 10), depth=40, breadth=50),
        AssessmentPoint(99, date(2024, 1, 1), depth=100, breadth=100),  # has left the team
    ]
    result = coverage(*profiles, history=history, today=date(2025, 10, 1))
    assert result.trend == (
        tp("2025 Q1", date(2025, 3, 31), 1, 40.0, 50.0),
        tp("2025 Q2", date(2025, 6, 30), 2, 60.0, 40.0),
        tp("2025 Q3", date(2025, 9, 30), 2, 70.0, 50.0),
        tp("2025 Q4", date(2025, 12, 31), 2, 70.0, 50.0),
    )
    # Without history only the latest profiles are known.
    assert [p.label for p in coverage(*profiles, today=date(2025, 10, 1)).trend] == [
        "2025 Q2",
        "2025 Q3",
        "2025 Q4",
    ]


# --- People search --------------------------------------------------------------------------


def test_find_people_ranks_best_first_then_by_name():
    levels = [
        CompetencyLevel(1, "zoe", 3),
        CompetencyLevel(2, "Adam", 5),
        CompetencyLevel(3, "bea", 3),
        CompetencyLevel(4, "Carl", 2),
        CompetencyLevel(5, "Ann", 3),
    ]
    assert [(r.display_name, r.level) for r in find_people(levels, 3)] == [
        ("Adam", 5),
        ("Ann", 3),
        ("bea", 3),
        ("zoe", 3),
    ]
    assert len(find_people(levels, 0)) == 5
    assert find_people(levels, 5) == (CompetencyLevel(2, "Adam", 5),)


def test_find_people_lists_a_member_in_two_teams_once_at_their_highest_level():
    levels = [CompetencyLevel(1, "Ann", 3), CompetencyLevel(1, "Ann", 4)]
    assert find_people(levels, 1) == (CompetencyLevel(1, "Ann", 4),)
    assert find_people(reversed(levels), 1) == (CompetencyLevel(1, "Ann", 4),)


@pytest.mark.parametrize(
    ("min_level", "error"), [(-1, ValueError), (6, ValueError), ("3", TypeError), (2.5, TypeError)]
)
def test_find_people_validates_the_level(min_level, error):
    with pytest.raises(error):
        find_people([], min_level)


def test_competency_level_must_be_on_the_rating_scale():
    with pytest.raises(ValueError, match="level"):
        CompetencyLevel(1, "Ann", 6)


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


# --- The worked example of docs/coverage.md -------------------------------------------------


def test_worked_example_from_the_docs():
    ann = {"content-strategy": 85, "copywriting": 70, "graphic-design": 60, "ux-ui-design": 40}
    ann |= {"seo": 20, "social-media": 33, "marketing-management": 27}
    ben = {"content-strategy": 60, "copywriting": 90, "graphic-design": 45, "ux-ui-design": 73}
    ben |= {"seo": 40, "email-marketing": 27, "conversion-optimisation": 20}
    cara = {"graphic-design": 80, "ux-ui-design": 57, "social-media": 53, "paid-media": 13}
    cara |= {"marketing-analytics": 47, "project-management": 33}
    layer_scores = {
        "Ann": {"producers": 64, "distributors": 13, "converters": 0, "architects": 7},
        "Ben": {"producers": 67, "distributors": 17, "converters": 5, "architects": 0},
        "Cara": {"producers": 34, "distributors": 17, "converters": 12, "architects": 8},
    }
    result = coverage(
        member(
            1,
            "Ann",
            ann,
            layer_scores=layer_scores["Ann"],
            breadth=38,
            shape="i-shaped",
            submitted_on=date(2025, 11, 3),
        ),
        member(
            2,
            "Ben",
            ben,
            layer_scores=layer_scores["Ben"],
            breadth=39,
            shape="i-shaped",
            submitted_on=date(2026, 2, 9),
        ),
        member(
            3,
            "Cara",
            cara,
            layer_scores=layer_scores["Cara"],
            breadth=44,
            shape="i-shaped",
            submitted_on=date(2026, 4, 2),
        ),
        pending=[PendingMember(4, "Dev")],
        history=[AssessmentPoint(1, date(2025, 8, 12), depth=70, breadth=30)],
        today=date(2026, 5, 20),
    )
    assert [(r.display_name, r.depth) for r in result.heatmap] == [
        ("Ann", 85),
        ("Ben", 90),
        ("Cara", 80),
    ]
    assert [p.display_name for p in result.pending] == ["Dev"]
    ann_cells = {c.discipline: (c.score, c.band) for c in result.heatmap[0].cells}
    assert ann_cells["content-strategy"] == (85, "advanced")
    assert ann_cells["copywriting"] == (70, "proficient")
    assert ann_cells["ux-ui-design"] == (40, "working")
    assert result.discipline("social-media").best_score == 53
    assert [
        (
            layer.layer,
            layer.strength,
            layer.mean_member_score,
            layer.best_member_score,
            layer.covered_count,
            layer.covered_percent,
        )
        for layer in result.layers
    ] == [
        ("producers", 82.0, 55.0, 67, 4, 100),
        ("distributors", 33.3, 15.7, 17, 0, 0),
        ("converters", 16.8, 5.7, 12, 0, 0),
        ("architects", 15.0, 5.0, 8, 0, 0),
    ]
    producers = [
        (
            d.discipline,
            d.proficient_count,
            d.advanced_count,
            d.best_score,
            [g.display_name for g in d.go_to],
        )
        for d in result.disciplines[:4]
    ]
    assert producers == [
        ("content-strategy", 2, 1, 85, ["Ann", "Ben"]),
        ("copywriting", 2, 1, 90, ["Ben", "Ann"]),
        ("graphic-design", 2, 1, 80, ["Cara", "Ann"]),
        ("ux-ui-design", 1, 0, 73, ["Ben"]),
    ]
    assert [d.discipline for d in result.single_points_of_failure] == ["ux-ui-design"]
    assert len(result.uncovered) == 12
    assert [(d.key, d.message) for d in result.diagnostics] == [
        (
            "producers_dilemma",
            "Producers strength 82.0 is strong (60 or more), but Distributors strength 33.3 "
            "and Converters strength 16.8 are weak (below 40).",
        ),
        (
            "no_architect",
            "The best Architects layer score among the 3 assessed members is 8 "
            "(working level is 40).",
        ),
    ]
    assert [s.count for s in result.shape_mix] == [0, 3, 0, 0, 0]
    assert [(p.label, p.member_count, p.mean_depth, p.mean_breadth) for p in result.trend] == [
        ("2025 Q3", 1, 70.0, 30.0),
        ("2025 Q4", 1, 85.0, 38.0),
        ("2026 Q1", 2, 87.5, 38.5),
        ("2026 Q2", 3, 85.0, 40.3),
    ]


# --- Size -----------------------------------------------------------------------------------


def test_five_thousand_members_are_summarised_in_linear_passes():
    slugs = [d.slug for d in STRUCTURE.disciplines]
    profiles = [
        member(
            i,
            f"Member {i:04d}",
            {slug: (i * 7 + k * 13) % 101 for k, slug in enumerate(slugs)},
            layer_scores={layer: (i + k) % 101 for k, layer in enumerate(LAYERS)},
            depth=i % 101,
            shape=SHAPES[i % 5],
            submitted_on=date(2024 + i % 3, 1 + i % 12, 1),
        )
        for i in range(5000)
    ]
    history = [AssessmentPoint(i, date(2023, 1 + i % 12, 1), i % 101, i % 97) for i in range(5000)]
    started = time.perf_counter()
    result = coverage(*profiles, history=history)
    elapsed = time.perf_counter() - started
    seo_scores = [p.discipline_scores["seo"] for p in profiles]
    seo = result.discipline("seo")
    assert seo.proficient_count == sum(s >= 60 for s in seo_scores)
    assert seo.advanced_count == sum(s >= 80 for s in seo_scores)
    assert seo.best_score == 100
    assert [s.count for s in result.shape_mix] == [1000] * 5
    assert result.trend[-1].member_count == 5000
    assert len(result.trend) == 8
    assert page_of(result.heatmap, 100, 50).object_list[-1].display_name == "Member 4999"
    # Generous: a few linear passes take a fraction of this even on a slow machine.
    assert elapsed < 5
