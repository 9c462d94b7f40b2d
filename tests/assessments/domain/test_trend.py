"""Table tests for the team's trend per quarter (no database)."""

from datetime import date

import pytest

from assessments.domain.trend import AssessmentPoint, TrendPoint, team_trend

from .coverage_support import TODAY, coverage, member


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
