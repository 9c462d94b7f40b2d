"""The T as a picture: where each part of a T is drawn, and the same in words.

Plain numbers in, shapes and sentences out; ``t_chart.html`` only draws them. The picture
reads top to bottom: a breadth gauge with its mark at broad, the four layers filled to
their scores with a line at working level, then the stems (every deep discipline, or the
deepest when none is deep) hanging to their scores with a line at deep. An outline, when
given, draws a second T over the first: a target role's needs, or an earlier assessment.
Every mark comes from ``THRESHOLDS``, so the picture moves with the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assessments.domain.charts import FALLBACK_COLOUR, LAYER_COLOURS, clamp
from assessments.domain.scoring import breadth_score, layer_score
from assessments.domain.thresholds import THRESHOLDS

WIDTH = 380
FONT = 15
"""Every label's size in drawing units: the picture is never drawn narrower than about
320 px (the form's side column at 1280 px), so no label is under 12 px on screen."""
CHAR = 0.56 * FONT
"""A generous estimate of one character's width, to keep labels inside the picture."""
LINE = 18
TITLE_Y = 16
TRACK_Y = 24
TRACK_HEIGHT = 10
LAYER_NAME_Y = 58
LAYER_SCORE_Y = 76
BAR_Y = 84
BAR_HEIGHT = 72
STEM_TOP = BAR_Y + BAR_HEIGHT
STEM_MAX = 160
STEM_WIDTH = 36
STEM_GAP = 6
EDGE = 4
LABEL_MAX = 30


@dataclass(frozen=True, slots=True)
class Bar:
    """One layer: its frame across the top, filled from the bottom up to its score, and the
    outline's need when there is one (``outline_y`` None without)."""

    slug: str
    name: str
    short_name: str
    score: int
    colour: str
    x: float
    width: float
    fill_y: float
    fill_height: float
    label_x: float
    below_working: bool
    outline_y: float | None
    outline_height: float

    @property
    def outline_x(self) -> float:
        """The outline sits a little inside the frame, so both stay visible."""
        return _r(self.x + EDGE)

    @property
    def outline_width(self) -> float:
        return _r(self.width - 2 * EDGE)


@dataclass(frozen=True, slots=True)
class Stem:
    """A discipline hanging under its layer, as long as its score; ``outline_height`` is
    the outline's length for it (None when the outline has no stem here)."""

    slug: str
    name: str
    score: int
    colour: str
    x: float
    width: float
    height: float
    outline_height: float | None
    deep: bool
    label: str
    label_x: float
    label_y: float


@dataclass(frozen=True, slots=True)
class Distance:
    """How far depth is from deep: ``text`` drawn at (x, y) beside the stretch to go."""

    text: str
    x: float
    y: float
    anchor: str


@dataclass(frozen=True, slots=True)
class Gap:
    """The stretch still to go below the deep line, drawn dashed under the deepest stem."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Outline:
    """A second T to draw over the first: its layer scores, discipline scores and breadth.

    ``label`` names it in the legend and the text alternative ("What Marketing director
    needs", "The earlier assessment"); ``kind`` is "target" or "earlier"."""

    label: str
    kind: str
    layers: Mapping[str, int]
    disciplines: Mapping[str, int]
    breadth: int | None = None


@dataclass(frozen=True, slots=True)
class NextMark:
    """The nearest threshold not yet reached: "deep" for depth, "broad" for breadth."""

    threshold: str
    at: int
    points: int


@dataclass(frozen=True, slots=True)
class TPicture:
    width: int
    height: int
    font: int
    bar_y: int
    bar_height: int
    stem_top: int
    breadth: int
    breadth_label: str
    breadth_width: float
    broad_x: float
    broad_label: str
    breadth_gap: Gap | None
    outline_breadth_x: float | None
    bars: tuple[Bar, ...]
    working_y: float
    working_label: str
    stems: tuple[Stem, ...]
    deep_y: float
    deep_label: str
    deep_label_x: float
    deep_label_anchor: str
    depth_gap: Gap | None
    depth_distance: Distance | None
    next_mark: NextMark | None
    outline: Outline | None
    sentences: tuple[str, ...]

    @property
    def description(self) -> str:
        return " ".join(self.sentences)


def stem_disciplines(disciplines: Sequence[Mapping[str, Any]]) -> list[str]:
    """The disciplines a T hangs from: every deep one (two or more layers of them make a Π),
    or the deepest when none is deep (none while everything is at 0); catalogue order."""
    deep = [d["slug"] for d in disciplines if clamp(d["score"]) >= THRESHOLDS.deep]
    if deep:
        return deep
    best = None
    for d in disciplines:
        if clamp(d["score"]) > 0 and (best is None or clamp(d["score"]) > clamp(best["score"])):
            best = d
    return [best["slug"]] if best else []


def target_outline(
    name: str,
    needs: Mapping[str, int],
    disciplines: Sequence[Mapping[str, Any]],
    layers: Sequence[Mapping[str, Any]],
) -> Outline:
    """The outline of what role ``name`` needs, from its discipline scores (``needs``,
    scoring.needs_of): each layer's need is the mean of its disciplines', and its breadth
    is scored as any other."""
    per_discipline = {d["slug"]: needs.get(d["slug"], 0) for d in disciplines}
    per_layer = {}
    grouped = []
    for layer in layers:
        scores = [per_discipline[d["slug"]] for d in disciplines if d["layer"] == layer["slug"]]
        per_layer[layer["slug"]] = layer_score(scores)
        grouped.append(scores)
    return Outline(
        f"what {name} needs", "target", per_layer, per_discipline, breadth_score(grouped)
    )


def t_picture(
    layers: Sequence[Mapping[str, Any]],
    disciplines: Sequence[Mapping[str, Any]],
    breadth: int,
    outline: Outline | None = None,
) -> TPicture:
    """The T of layer scores ({"slug", "name", "score"}, in order), discipline scores
    ({"slug", "name", "layer", "score"}) and a breadth, with ``outline`` drawn over it."""
    t = THRESHOLDS
    breadth = clamp(breadth)
    count = max(len(layers), 1)
    width = WIDTH / count
    bars = []
    for index, layer in enumerate(layers):
        score = clamp(layer["score"])
        x = index * width
        need = outline.layers.get(layer["slug"]) if outline else None
        need_height = BAR_HEIGHT * clamp(need) / 100 if need is not None else 0.0
        bars.append(
            Bar(
                slug=layer["slug"],
                name=layer["name"],
                short_name=layer["name"].split()[0],
                score=score,
                colour=LAYER_COLOURS.get(layer["slug"], FALLBACK_COLOUR),
                x=_r(x),
                width=_r(width),
                fill_y=_r(BAR_Y + BAR_HEIGHT * (100 - score) / 100),
                fill_height=_r(BAR_HEIGHT * score / 100),
                label_x=_r(x + width / 2),
                below_working=score < t.layer_counts_fully,
                outline_y=_r(BAR_Y + BAR_HEIGHT - need_height) if need is not None else None,
                outline_height=_r(need_height),
            )
        )
    bar_of = {bar.slug: bar for bar in bars}
    drawn = [d for d in disciplines if d["layer"] in bar_of]
    own = stem_disciplines(drawn)
    theirs = stem_disciplines(_rescored(drawn, outline.disciplines)) if outline else []
    chosen = [d for d in drawn if d["slug"] in own or d["slug"] in theirs]
    placed = _stems(chosen, bar_of, outline, set(theirs))

    deep_y = _r(STEM_TOP + STEM_MAX * t.deep / 100)
    depth = max((clamp(d["score"]) for d in drawn), default=0)
    deepest = max(placed, key=lambda s: s.score, default=None) if depth else None
    depth_gap = None
    depth_distance = None
    if deepest is not None and depth < t.deep:
        depth_gap = Gap(
            deepest.x,
            _r(STEM_TOP + deepest.height),
            deepest.width,
            _r(deep_y - STEM_TOP - deepest.height),
        )
        text = f"+{t.deep - depth} to deep"
        right = deepest.x + deepest.width + EDGE
        fits_right = right + _text_width(text) <= WIDTH
        depth_distance = Distance(
            text,
            _r(right if fits_right else deepest.x - EDGE),
            _r(depth_gap.y + depth_gap.height / 2 + FONT / 3),
            "start" if fits_right else "end",
        )
    lowest = max((max(s.height, s.outline_height or 0.0) for s in placed), default=0.0)
    rows_top = max(deep_y, STEM_TOP + lowest) + LINE + EDGE
    stems = tuple(_labelled(stem, rows_top + LINE * row) for row, stem in enumerate(placed))
    # The deep line's label goes to the side that has no stem under it.
    left_free = not any(s.x < _text_width(f"deep {t.deep}") + 2 * EDGE for s in stems)
    broad_x = _r(WIDTH * t.broad / 100)
    breadth_gap = None
    breadth_label = f"Breadth {breadth}"
    if breadth < t.broad:
        breadth_gap = Gap(
            _r(WIDTH * breadth / 100), TRACK_Y, _r(broad_x - WIDTH * breadth / 100), TRACK_HEIGHT
        )
        breadth_label += f" (+{t.broad - breadth} to broad)"
    next_mark = _next_mark(depth, breadth)
    height = stems[-1].label_y + EDGE * 2 if stems else deep_y + LINE
    picture = TPicture(
        width=WIDTH,
        height=round(height),
        font=FONT,
        bar_y=BAR_Y,
        bar_height=BAR_HEIGHT,
        stem_top=STEM_TOP,
        breadth=breadth,
        breadth_label=breadth_label,
        breadth_width=_r(WIDTH * breadth / 100),
        broad_x=broad_x,
        broad_label=f"broad {t.broad}",
        breadth_gap=breadth_gap,
        outline_breadth_x=(
            _r(WIDTH * clamp(outline.breadth) / 100)
            if outline is not None and outline.breadth is not None
            else None
        ),
        bars=tuple(bars),
        working_y=_r(BAR_Y + BAR_HEIGHT * (100 - t.layer_counts_fully) / 100),
        working_label=f"working {t.layer_counts_fully}",
        stems=stems,
        deep_y=deep_y,
        deep_label=f"deep {t.deep}",
        deep_label_x=EDGE if left_free else WIDTH - EDGE,
        deep_label_anchor="start" if left_free else "end",
        depth_gap=depth_gap,
        depth_distance=depth_distance,
        next_mark=next_mark,
        outline=outline,
        sentences=(),
    )
    return _described(picture, drawn)


def _rescored(
    disciplines: Sequence[Mapping[str, Any]], scores: Mapping[str, int]
) -> list[dict[str, Any]]:
    return [{**d, "score": scores.get(d["slug"], 0)} for d in disciplines]


def _stems(
    chosen: Sequence[Mapping[str, Any]],
    bar_of: Mapping[str, Bar],
    outline: Outline | None,
    outline_stems: set[str],
) -> list[Stem]:
    """Stems side by side under their layer, centred on it, narrower when many share one."""
    by_layer: dict[str, list[Mapping[str, Any]]] = {}
    for d in chosen:
        by_layer.setdefault(d["layer"], []).append(d)
    stems = []
    for layer, group in by_layer.items():
        bar = bar_of[layer]
        each = min(STEM_WIDTH, (bar.width - STEM_GAP * (len(group) + 1)) / len(group))
        span = each * len(group) + STEM_GAP * (len(group) - 1)
        left = bar.x + (bar.width - span) / 2
        for index, d in enumerate(group):
            score = clamp(d["score"])
            need = outline.disciplines.get(d["slug"]) if outline else None
            stems.append(
                Stem(
                    slug=d["slug"],
                    name=d["name"],
                    score=score,
                    colour=bar.colour,
                    x=_r(left + index * (each + STEM_GAP)),
                    width=_r(each),
                    height=_r(STEM_MAX * score / 100),
                    outline_height=(
                        _r(STEM_MAX * clamp(need) / 100)
                        if need is not None and d["slug"] in outline_stems
                        else None
                    ),
                    deep=score >= THRESHOLDS.deep,
                    label="",
                    label_x=0.0,
                    label_y=0.0,
                )
            )
    return sorted(stems, key=lambda s: s.x)


def _labelled(stem: Stem, y: float) -> Stem:
    """The stem's label on a row of its own, centred under it but kept inside the picture."""
    name = stem.name if len(stem.name) <= LABEL_MAX else stem.name[: LABEL_MAX - 1] + "…"
    label = f"{name} {stem.score}"
    half = _text_width(label) / 2
    centre = stem.x + stem.width / 2
    x = min(max(centre, half + EDGE), WIDTH - half - EDGE)
    return Stem(**{**_fields(stem), "label": label, "label_x": _r(x), "label_y": _r(y)})


def _next_mark(depth: int, breadth: int) -> NextMark | None:
    """The nearer of deep (for depth) and broad (for breadth) not yet reached; deep on a tie."""
    t = THRESHOLDS
    marks = []
    if depth < t.deep:
        marks.append(NextMark("deep", t.deep, t.deep - depth))
    if breadth < t.broad:
        marks.append(NextMark("broad", t.broad, t.broad - breadth))
    return min(marks, key=lambda mark: mark.points, default=None)


def _described(picture: TPicture, disciplines: Sequence[Mapping[str, Any]]) -> TPicture:
    """The picture in words: every number it shows and every mark it is measured against."""
    t = THRESHOLDS
    sentences = [f"Layers: {', '.join(f'{bar.name} {bar.score}' for bar in picture.bars)}."]
    below = [bar.name for bar in picture.bars if bar.below_working]
    if below:
        sentences.append(f"Below working level ({t.layer_counts_fully}): {_and(below)}.")
    elif picture.bars:
        sentences.append(f"Every layer is at working level ({t.layer_counts_fully}) or above.")
    if picture.breadth >= t.broad:
        sentences.append(f"Breadth {picture.breadth}: broad ({t.broad} or more).")
    else:
        sentences.append(
            f"Breadth {picture.breadth}, {t.broad - picture.breadth} short of broad ({t.broad})."
        )
    deep = [f"{s.name} {s.score}" for s in picture.stems if s.deep]
    depth = max((clamp(d["score"]) for d in disciplines), default=0)
    if deep:
        sentences.append(f"Deep ({t.deep} or more): {_and(deep)}.")
    elif depth:
        best = max(picture.stems, key=lambda s: s.score)
        sentences.append(
            f"Deepest discipline: {best.name} {best.score}, {t.deep - depth} short of deep"
            f" ({t.deep})."
        )
    else:
        sentences.append("No discipline is rated above 0 yet.")
    mark = picture.next_mark
    if mark is None:
        sentences.append(f"Deep ({t.deep}) and broad ({t.broad}) are both reached.")
    else:
        sentences.append(f"Next mark: {mark.threshold} ({mark.at}), {mark.points} points away.")
    outline = picture.outline
    if outline is not None:
        needs = ", ".join(f"{bar.name} {outline.layers.get(bar.slug, 0)}" for bar in picture.bars)
        stems = [
            f"{s.name} {outline.disciplines.get(s.slug, 0)}"
            for s in picture.stems
            if s.outline_height is not None
        ]
        tail = f"; stem{'s' if len(stems) > 1 else ''} {_and(stems)}" if stems else ""
        sentences.append(f"Dashed outline, {outline.label}: {needs}{tail}.")
    return TPicture(**{**_fields(picture), "sentences": tuple(sentences)})


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _fields(item: Any) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__slots__}


def _text_width(text: str) -> float:
    return len(text) * CHAR


def _r(value: float) -> float:
    return round(value, 1)
