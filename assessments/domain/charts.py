"""Geometry for the server-rendered SVG line charts: plain numbers in, shapes to draw out.
The T has a module of its own (domain.t_picture).

Templates draw what these functions return; every chart also has a table alternative on
its page, so nothing here is the only way to read a number.
"""

from collections.abc import Sequence
from dataclasses import dataclass

LAYER_COLOURS = {
    "producers": "#8a3b12",
    "distributors": "#1f5f99",
    "converters": "#0f6e5c",
    "architects": "#5b3f8c",
}
FALLBACK_COLOUR = "#495057"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int

    @property
    def corner_x(self) -> float:
        """Top-left corner of a 6-unit marker centred on the point."""
        return round(self.x - MARKER_HALF, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - MARKER_HALF, 1)


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    colour: str
    dash: str
    marker: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(self.points))


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class MilestoneMark:
    """A numbered mark at a point in time: a dashed line across the plot at `x`, with a
    badge showing `number` centred at (`x`, `badge_y`) above it."""

    number: int
    x: float
    badge_y: float


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    series: tuple[Series, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    milestones: tuple[MilestoneMark, ...] = ()


LINE_WIDTH = 640
LINE_HEIGHT = 300
LINE_LEFT = 44
LINE_TOP = 16
LINE_PLOT_W = 540
LINE_PLOT_H = 230
MARKER_HALF = 3
BADGE_RADIUS = 8
DASHES = ["", "6 4", "2 3", "8 3 2 3", "12 4", "4 4"]
MARKERS = ["circle", "square", "diamond", "ring", "circle", "square"]


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, str, str, Sequence[int]]],
    milestones: Sequence[int] = (),
) -> LineChart:
    """Lines of 0–100 values over evenly spaced points in time.

    `series` are (key, name, colour, values); each value list is as long as `labels`.
    Lines differ by colour and by dash pattern and marker, so they read without colour.
    `milestones` are indices of points to mark, numbered 1, 2, … in the order given; their
    badges sit in the margin above the plot.
    """
    count = len(labels)

    def x_at(index: int) -> float:
        if count <= 1:
            return LINE_LEFT + LINE_PLOT_W / 2
        return round(LINE_LEFT + LINE_PLOT_W * index / (count - 1), 1)

    def y_at(value: int) -> float:
        return round(LINE_TOP + LINE_PLOT_H * (100 - clamp(value)) / 100, 1)

    drawn = tuple(
        Series(
            key=key,
            name=name,
            colour=colour,
            dash=DASHES[index % len(DASHES)],
            marker=MARKERS[index % len(MARKERS)],
            points=tuple(Point(x_at(i), y_at(v), clamp(v)) for i, v in enumerate(values)),
        )
        for index, (key, name, colour, values) in enumerate(series)
    )
    x_ticks = tuple(Tick(x_at(i), labels[i]) for i in tick_indices(count))
    y_ticks = tuple(Tick(y_at(v), str(v)) for v in (0, 20, 40, 60, 80, 100))
    return LineChart(
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        left=LINE_LEFT,
        top=LINE_TOP,
        plot_width=LINE_PLOT_W,
        plot_height=LINE_PLOT_H,
        series=drawn,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        milestones=tuple(
            MilestoneMark(number, x_at(index), LINE_TOP - BADGE_RADIUS)
            for number, index in enumerate(milestones, start=1)
        ),
    )


def tick_indices(count: int, most: int = 6) -> list[int]:
    """Which of `count` evenly spaced points get a date label: at most about `most`, always
    the first and the newest, evenly stepped in between."""
    if count <= 0:
        return []
    step = max(1, (count + most - 1) // most)
    indices = list(range(0, count, step))
    last = count - 1
    if indices[-1] != last:
        if len(indices) > 1 and last - indices[-1] <= step / 2:
            indices[-1] = last  # too close to the step before: the newest date wins
        else:
            indices.append(last)
    return indices


def clamp(value: float | None) -> int:
    """A score drawn: a whole number from 0 to 100 (nothing counts as 0)."""
    return max(0, min(100, int(value or 0)))
