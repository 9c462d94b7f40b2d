"""The team's trend: mean depth and breadth at the end of each calendar quarter.

Plain data in, plain data out; ``today`` is passed in, never read from a clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from assessments.domain.coverage import THRESHOLDS, check_int
from assessments.domain.numbers import tenths


@dataclass(frozen=True, slots=True)
class AssessmentPoint:
    """One submitted assessment of a member, reduced to what the trend needs."""

    member_id: int
    submitted_on: date
    depth: int
    breadth: int

    def __post_init__(self) -> None:
        check_int(self.depth, "depth", 0, 100)
        check_int(self.breadth, "breadth", 0, 100)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """The team's mean depth and breadth at the end of one calendar quarter.

    Each member counts from their first submitted assessment on, with their latest
    assessment submitted on or before ``ends_on``. Means have one decimal (half up).
    """

    label: str
    year: int
    quarter: int
    ends_on: date
    member_count: int
    mean_depth: float
    mean_breadth: float


def _quarter_index(day: date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def _quarter_end(index: int) -> date:
    year, q = divmod(index, 4)
    if q == 3:
        return date(year, 12, 31)
    return date(year, 3 * q + 4, 1) - timedelta(days=1)


def team_trend(
    points: Iterable[AssessmentPoint],
    today: date,
    quarters: int = THRESHOLDS.trend_quarters,
) -> tuple[TrendPoint, ...]:
    """The team's mean depth and breadth per calendar quarter, oldest first.

    Quarters run from the one holding the first submission up to the one holding ``today``,
    capped to the last ``quarters``. At each quarter's end every member who has submitted
    by then counts once, with their latest assessment on or before that day (carried
    forward through quarters without a new one). Submissions after ``today`` are ignored.
    Two submissions of one member on the same day: the higher depth, then breadth, wins,
    so the result never depends on the order of ``points``.
    """
    check_int(quarters, "quarters", 1, 10**6)
    ordered = sorted(
        (p for p in points if p.submitted_on <= today),
        key=lambda p: (p.submitted_on, p.depth, p.breadth, p.member_id),
    )
    if not ordered:
        return ()
    last = _quarter_index(today)
    first = max(_quarter_index(ordered[0].submitted_on), last - quarters + 1)
    latest: dict[int, tuple[int, int]] = {}
    depth_sum = breadth_sum = 0
    position = 0
    trend: list[TrendPoint] = []
    for index in range(first, last + 1):
        ends_on = _quarter_end(index)
        while position < len(ordered) and ordered[position].submitted_on <= ends_on:
            point = ordered[position]
            previous = latest.get(point.member_id)
            if previous is not None:
                depth_sum -= previous[0]
                breadth_sum -= previous[1]
            latest[point.member_id] = (point.depth, point.breadth)
            depth_sum += point.depth
            breadth_sum += point.breadth
            position += 1
        count = len(latest)
        year, q = divmod(index, 4)
        trend.append(
            TrendPoint(
                label=f"{year} Q{q + 1}",
                year=year,
                quarter=q + 1,
                ends_on=ends_on,
                member_count=count,
                mean_depth=tenths(depth_sum, count),
                mean_breadth=tenths(breadth_sum, count),
            )
        )
    return tuple(trend)
