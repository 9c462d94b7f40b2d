"""Geometry for the server-rendered SVG charts: plain numbers in, shapes to draw out.

Templates draw what these functions return; every chart also has a table alternative on
its page, so nothing here is the only way to read a number.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

LAYER_COLOURS = {
    "producers": "#8a3b12",
    "distributors": "#1f5f99",
    "converters": "#0f6e5c",
    "architects": "#5b3f8c",
}
FALLBACK_COLOUR = "#495057"


@dataclass(frozen=True)
class Segment:
    """One layer in the bar of the T: its frame and the filled part showing its score."""

    slug: str
    name: str
    score: int
    colour: str
    short_name: str
    x: float
    width: float
    fill_y: float
    fill_height: float
    label_x: float


@dataclass(frozen=True)
class Stem:
    """A discipline hanging below its layer: the deeper the discipline, the longer."""

    slug: str
    name: str
    score: int
    x: float
    width: float
    height: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class TChart:
    width: int
    height: int
    bar_y: int
    bar_height: int
    segments: tuple[Segment, ...]
    stems: tuple[Stem, ...]


T_WIDTH = 440
T_BAR_Y = 24
T_BAR_HEIGHT = 64
T_STEM_MAX = 200
T_STEM_WIDTH = 56
T_LABEL_MARGIN = 80


def t_chart(layers: Sequence[dict[str, Any]], stems: Sequence[dict[str, Any]]) -> TChart:
    """The T: the bar is the layers (each filled up to its score), the stems the peaks.

    `layers` are {"slug", "name", "score"} in order; `stems` are disciplines
    {"slug", "name", "layer", "score"} drawn under their layer's segment, their length
    proportional to their score (100 = the full stem).
    """
    count = max(len(layers), 1)
    width = T_WIDTH / count
    segments = []
    centre = {}
    for index, layer in enumerate(layers):
        score = _clamp(layer["score"])
        fill = T_BAR_HEIGHT * score / 100
        x = index * width
        centre[layer["slug"]] = x + width / 2
        segments.append(
            Segment(
                slug=layer["slug"],
                name=layer["name"],
                score=score,
                colour=LAYER_COLOURS.get(layer["slug"], FALLBACK_COLOUR),
                short_name=layer["name"].split()[0],
                x=round(x, 1),
                width=round(width, 1),
                fill_y=round(T_BAR_Y + T_BAR_HEIGHT - fill, 1),
                fill_height=round(fill, 1),
                label_x=round(x + width / 2, 1),
            )
        )
    drawn = []
    for stem in stems:
        if stem["layer"] not in centre:
            continue
        score = _clamp(stem["score"])
        height = T_STEM_MAX * score / 100
        drawn.append(
            Stem(
                slug=stem["slug"],
                name=stem["name"],
                score=score,
                x=round(centre[stem["layer"]] - T_STEM_WIDTH / 2, 1),
                width=T_STEM_WIDTH,
                height=round(height, 1),
                # Keep the label inside the drawing when the stem hangs at an edge.
                label_x=round(
                    min(max(centre[stem["layer"]], T_LABEL_MARGIN), T_WIDTH - T_LABEL_MARGIN), 1
                ),
                label_y=round(T_BAR_Y + T_BAR_HEIGHT + height + 16, 1),
            )
        )
    return TChart(
        width=T_WIDTH,
        height=T_BAR_Y + T_BAR_HEIGHT + T_STEM_MAX + 30,
        bar_y=T_BAR_Y,
        bar_height=T_BAR_HEIGHT,
        segments=tuple(segments),
        stems=tuple(drawn),
    )


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
        return round(LINE_TOP + LINE_PLOT_H * (100 - _clamp(value)) / 100, 1)

    drawn = tuple(
        Series(
            key=key,
            name=name,
            colour=colour,
            dash=DASHES[index % len(DASHES)],
            marker=MARKERS[index % len(MARKERS)],
            points=tuple(Point(x_at(i), y_at(v), _clamp(v)) for i, v in enumerate(values)),
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


def _clamp(value: float | None) -> int:
    return max(0, min(100, int(value or 0)))
