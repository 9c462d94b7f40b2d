"""The history as a picture: depth and breadth at each submitted assessment, over bands of
shape and phase, against the deep and broad marks.

Plain numbers in, shapes and sentences out; ``history_chart.html`` only draws them. The
picture is narrow (400 units) so that on a phone it is drawn near its own size and every
label stays at 12 px or more; date labels are kept inside it, so none is ever cut off.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assessments.domain.charts import clamp, tick_indices
from assessments.domain.thresholds import PHASE_NAMES, THRESHOLDS

WIDTH = 400
FONT = 14
CHAR = 0.56 * FONT
LEFT = 32
RIGHT = 8
TOP = 28
PLOT_HEIGHT = 190
PAD = 14
"""Room between the plot's sides and the first and last points, for their markers and labels."""
DATE_Y = TOP + PLOT_HEIGHT + 20
HEIGHT = DATE_Y + 8
LABEL_EVERY_POINT = 8
"""Up to this many assessments every point is labelled with its value; beyond, only the
first, the newest and those where shape or phase changed."""
PHASE_FILLS = {1: "#f1f3f5", 2: "#e3eefa", 3: "#e6f4ea"}
DEPTH_COLOUR = "#1d3557"
BREADTH_COLOUR = "#b5451b"


@dataclass(frozen=True, slots=True)
class Moment:
    """One submitted assessment as the history shows it."""

    label: str
    depth: int
    breadth: int
    shape_label: str
    phase: int


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    value: int
    label_y: float | None
    """Where its value is written, None where it is not."""

    @property
    def corner_x(self) -> float:
        """The top-left corner of a square marker (8 units) centred on the point."""
        return round(self.x - 4, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - 4, 1)


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    name: str
    colour: str
    dash: str
    marker: str
    markers: tuple[Marker, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{m.x},{m.y}" for i, m in enumerate(self.markers))


@dataclass(frozen=True, slots=True)
class Band:
    """A run of assessments with the same shape and phase, shaded by phase and numbered;
    ``label`` is written in it when it fits, else only ``number``."""

    number: int
    shape_label: str
    phase: int
    phase_name: str
    since: str
    x: float
    width: float
    fill: str
    label: str
    label_x: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    label: str
    anchor: str = "middle"


@dataclass(frozen=True, slots=True)
class HistoryChart:
    width: int
    height: int
    font: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    bands: tuple[Band, ...]
    lines: tuple[Line, ...]
    y_ticks: tuple[Tick, ...]
    dates: tuple[Tick, ...]
    deep_y: float
    broad_y: float
    deep_label: str
    broad_label: str
    sentences: tuple[str, ...]

    @property
    def description(self) -> str:
        return " ".join(self.sentences)


def history_chart(moments: Sequence[Moment]) -> HistoryChart:
    """Depth and breadth, 0 to 100, at each of ``moments`` (oldest first), evenly spaced."""
    t = THRESHOLDS
    plot_width = WIDTH - LEFT - RIGHT
    count = len(moments)

    def x_at(index: int) -> float:
        if count <= 1:
            return round(LEFT + plot_width / 2, 1)
        return round(LEFT + PAD + (plot_width - 2 * PAD) * index / (count - 1), 1)

    def y_at(value: int) -> float:
        return round(TOP + PLOT_HEIGHT * (100 - clamp(value)) / 100, 1)

    bands = _bands(moments, x_at, plot_width)
    changed = {0, count - 1} | {
        i for i in range(1, count) if _key(moments[i]) != _key(moments[i - 1])
    }
    labelled = set(range(count)) if count <= LABEL_EVERY_POINT else changed
    depth = [clamp(m.depth) for m in moments]
    breadth = [clamp(m.breadth) for m in moments]

    depth_label_y: dict[int, float] = {}
    breadth_label_y: dict[int, float] = {}
    for i in sorted(labelled):
        depth_label_y[i], breadth_label_y[i] = _label_rows(
            y_at(depth[i]), y_at(breadth[i]), depth[i] >= breadth[i]
        )

    def line(
        key: str,
        name: str,
        colour: str,
        dash: str,
        marker: str,
        values: Sequence[int],
        label_y: Mapping[int, float],
    ) -> Line:
        return Line(
            key,
            name,
            colour,
            dash,
            marker,
            tuple(
                Marker(x_at(i), y_at(value), value, label_y.get(i))
                for i, value in enumerate(values)
            ),
        )

    lines = (
        line("depth", "Depth", DEPTH_COLOUR, "", "circle", depth, depth_label_y),
        line("breadth", "Breadth", BREADTH_COLOUR, "6 4", "square", breadth, breadth_label_y),
    )
    dates = _dates(moments, x_at, plot_width)
    return HistoryChart(
        width=WIDTH,
        height=HEIGHT,
        font=FONT,
        left=LEFT,
        top=TOP,
        plot_width=plot_width,
        plot_height=PLOT_HEIGHT,
        bands=bands,
        lines=lines,
        y_ticks=tuple(Tick(LEFT - 3, y_at(v), str(v), "end") for v in (0, 20, 40, 60, 80, 100)),
        dates=tuple(dates),
        deep_y=y_at(t.deep),
        broad_y=y_at(t.broad),
        deep_label=f"deep {t.deep}",
        broad_label=f"broad {t.broad}",
        sentences=_sentences(moments, bands),
    )


def _label_rows(depth_y: float, breadth_y: float, depth_higher: bool) -> tuple[float, float]:
    """Where the two values at one point are written: the higher above its marker and the
    lower below its own, unless the higher has no room above (it then goes below, and the
    lower under it)."""
    high, low = (depth_y, breadth_y) if depth_higher else (breadth_y, depth_y)
    above = high - 7
    if above - FONT < TOP:
        high_label = high + FONT + 3
        low_label = max(low + FONT + 3, high_label + FONT + 2)
    else:
        high_label, low_label = above, low + FONT + 3
    pair = (round(high_label, 1), round(low_label, 1))
    return pair if depth_higher else (pair[1], pair[0])


def _dates(
    moments: Sequence[Moment], x_at: Callable[[int], float], plot_width: int
) -> tuple[Tick, ...]:
    """Date labels under evenly chosen points, always the first and the newest, each kept
    inside the picture and never touching the next; one that would touch is left out."""
    longest = max((len(m.label) for m in moments), default=0) * CHAR
    most = max(1, int(plot_width // (longest + 2 * PAD))) if longest else 1
    ticks = []
    for index in tick_indices(len(moments), most=most):
        label = moments[index].label
        half = len(label) * CHAR / 2
        ticks.append(
            Tick(round(min(max(x_at(index), half + 1), WIDTH - half - 1), 1), DATE_Y, label)
        )
    kept = ticks[:1]
    for tick in ticks[1:]:
        if _apart(kept[-1], tick):
            kept.append(tick)
        elif tick is ticks[-1] and len(kept) > 1 and _apart(kept[-2], tick):
            kept[-1] = tick  # the newest date wins over the one before it
    return tuple(kept)


def _apart(left: Tick, right: Tick) -> bool:
    return right.x - left.x >= (len(left.label) + len(right.label)) * CHAR / 2 + PAD


def _key(moment: Moment) -> tuple[str, int]:
    return (moment.shape_label, moment.phase)


def _bands(
    moments: Sequence[Moment], x_at: Callable[[int], float], plot_width: int
) -> tuple[Band, ...]:
    """Runs of equal shape and phase, each reaching halfway to its neighbours' points."""
    runs: list[list[int]] = []
    for index, moment in enumerate(moments):
        if runs and _key(moments[runs[-1][0]]) == _key(moment):
            runs[-1].append(index)
        else:
            runs.append([index])
    bands = []
    right_edge = LEFT + plot_width
    for number, run in enumerate(runs, start=1):
        first, last = run[0], run[-1]
        start = LEFT if first == 0 else (x_at(first - 1) + x_at(first)) / 2
        end = right_edge if last == len(moments) - 1 else (x_at(last) + x_at(last + 1)) / 2
        moment = moments[first]
        full = f"{moment.shape_label}, phase {moment.phase}"
        label = full if len(full) * CHAR + 8 <= end - start else str(number)
        bands.append(
            Band(
                number=number,
                shape_label=moment.shape_label,
                phase=moment.phase,
                phase_name=PHASE_NAMES.get(moment.phase, ""),
                since=moment.label,
                x=round(start, 1),
                width=round(round(end, 1) - round(start, 1), 1),
                fill=PHASE_FILLS.get(moment.phase, PHASE_FILLS[1]),
                label=label,
                label_x=round((start + end) / 2, 1),
            )
        )
    return tuple(bands)


def _sentences(moments: Sequence[Moment], bands: Sequence[Band]) -> tuple[str, ...]:
    if not moments:
        return ()
    first, last = moments[0], moments[-1]
    count = len(moments)
    sentences = [
        f"Depth and breadth, from 0 to 100, at {'each of ' if count > 1 else ''}{count}"
        f" submitted assessment{'s' if count > 1 else ''}"
        + (f", from {first.label} to {last.label}." if count > 1 else f", {first.label}.")
    ]
    if count > 1:
        sentences.append(
            f"Depth went from {first.depth} to {last.depth}, breadth from {first.breadth}"
            f" to {last.breadth}."
        )
    else:
        sentences.append(f"Depth {first.depth}, breadth {first.breadth}.")
    sentences.append(
        "Shaded bands show shape and phase: "
        + "; ".join(
            f"{band.number} {band.shape_label}, phase {band.phase} ({band.phase_name}),"
            f" from {band.since}"
            for band in bands
        )
        + "."
    )
    t = THRESHOLDS
    sentences.append(f"Lines mark deep ({t.deep}) and broad ({t.broad}).")
    return tuple(sentences)
