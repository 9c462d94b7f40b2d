"""Table tests for the coverage dashboard as a whole: the shape mix, the worked example of
docs/coverage.md and a large team (no database)."""

import time
from datetime import date

from assessments.domain.dashboard import PendingMember, ShapeCount
from assessments.domain.thresholds import SHAPES
from assessments.domain.trend import AssessmentPoint
from assessments.paging import page_of

from .coverage_support import LAYERS, STRUCTURE, coverage, member

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
