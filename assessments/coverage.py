"""Team coverage and ecosystem diagnostics: pure rules over a team's submitted profiles.

Plain data in, plain data out. Nothing here touches Django, the database or the clock: the
query layer turns rows into the frozen dataclasses below and passes ``today`` in. Every
number the rules depend on lives in ``CoverageThresholds`` (the ``THRESHOLDS`` constant);
``docs/coverage.md`` explains each rule with a worked example.

Scores are on 0-100 (a rating of 5 is 100). A member "covers" a discipline at proficient
level (3+) when their score there is at least ``proficient_score``.

Every computation is a few linear passes over the members, plus sorting, so a team of
thousands is summarised in well under a second; paging the heatmap never changes an aggregate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

# --- Thresholds -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoverageThresholds:
    """Every threshold and slug the coverage rules use, in one place.

    Score bands (0-100 scale): ``none`` below ``aware_score``, ``aware`` from it, then
    ``working``, ``proficient``, ``advanced`` and ``expert`` from their scores. Level 3+ in
    the product's words means ``score >= proficient_score``; level 4+ means
    ``score >= advanced_score``.

    Layer diagnostics compare a layer's team strength (see ``LayerBalance``): strong means
    ``strength >= strong_layer_from``, weak means ``strength < weak_below``. The same "weak"
    bound applies to a single discipline's best score in the leaky bucket, and the working
    score is the bar for the no-architect rule. ``weak_below <= strong_layer_from`` is
    enforced so that no layer can be strong and weak at once.
    """

    rating_min: int = 0
    rating_max: int = 5
    aware_score: int = 1
    working_score: int = 40
    proficient_score: int = 60
    advanced_score: int = 80
    expert_score: int = 100
    strong_layer_from: int = 60
    weak_below: int = 40
    producers_layer: str = "producers"
    distributors_layer: str = "distributors"
    converters_layer: str = "converters"
    architects_layer: str = "architects"
    conversion_disciplines: tuple[str, ...] = ("conversion-optimisation", "marketing-analytics")
    trend_quarters: int = 8

    def __post_init__(self) -> None:
        bands = (
            0,
            self.aware_score,
            self.working_score,
            self.proficient_score,
            self.advanced_score,
            self.expert_score,
        )
        if any(low >= high for low, high in pairwise(bands)):
            raise ValueError("band scores must rise strictly from 0")
        if self.expert_score > 100:
            raise ValueError("expert_score must be at most 100")
        if not 0 < self.weak_below <= self.strong_layer_from <= 100:
            raise ValueError("need 0 < weak_below <= strong_layer_from <= 100")
        if self.trend_quarters < 1:
            raise ValueError("trend_quarters must be at least 1")


THRESHOLDS = CoverageThresholds()

SHAPES: tuple[str, ...] = ("emerging", "i-shaped", "generalist", "t-shaped", "pi-shaped")
SHAPE_LABELS: Mapping[str, str] = {
    "emerging": "Emerging",
    "i-shaped": "I-shaped specialist",
    "generalist": "Generalist",
    "t-shaped": "T-shaped",
    "pi-shaped": "Π-shaped",
}
BANDS: tuple[str, ...] = ("none", "aware", "working", "proficient", "advanced", "expert")
HEATMAP_SORT_KEYS: tuple[str, ...] = ("name", "depth", "breadth")
"""Fixed heatmap sort keys; any discipline slug of the heatmap is a valid key too."""


# --- Inputs ---------------------------------------------------------------------------------


def _check_int(value: object, what: str, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{what} must be between {low} and {high}, got {value}")


@dataclass(frozen=True, slots=True)
class DisciplineSpec:
    """A discipline of the catalogue: its slug and display name."""

    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class LayerSpec:
    """A layer of the catalogue with its disciplines, in display order."""

    slug: str
    name: str
    disciplines: tuple[DisciplineSpec, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "disciplines", tuple(self.disciplines))
        if not self.disciplines:
            raise ValueError(f"layer {self.slug!r} has no disciplines")


@dataclass(frozen=True, slots=True)
class Structure:
    """The ecosystem as the coverage rules see it: ordered layers of ordered disciplines.

    Layer slugs are unique, discipline slugs are unique, and every layer has a discipline.
    """

    layers: tuple[LayerSpec, ...]
    disciplines: tuple[DisciplineSpec, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        layers = tuple(self.layers)
        object.__setattr__(self, "layers", layers)
        if not layers:
            raise ValueError("the structure needs at least one layer")
        if len({layer.slug for layer in layers}) != len(layers):
            raise ValueError("layer slugs must be unique")
        disciplines = tuple(d for layer in layers for d in layer.disciplines)
        if len({d.slug for d in disciplines}) != len(disciplines):
            raise ValueError("discipline slugs must be unique")
        object.__setattr__(self, "disciplines", disciplines)

    def layer(self, slug: str) -> LayerSpec | None:
        """The layer with this slug, or None."""
        return next((layer for layer in self.layers if layer.slug == slug), None)


@dataclass(frozen=True, slots=True)
class MemberProfile:
    """A member's latest submitted profile, as stored on submit.

    ``discipline_scores`` and ``layer_scores`` map slugs to 0-100; a slug the catalogue has
    gained since the submission is read as 0, a retired one is ignored. The mappings are
    treated as read-only.
    """

    member_id: int
    display_name: str
    discipline_scores: Mapping[str, int]
    layer_scores: Mapping[str, int]
    depth: int
    breadth: int
    shape: str
    submitted_on: date

    def __post_init__(self) -> None:
        for slug, score in self.discipline_scores.items():
            _check_int(score, f"score for {slug!r}", 0, 100)
        for slug, score in self.layer_scores.items():
            _check_int(score, f"layer score for {slug!r}", 0, 100)
        _check_int(self.depth, "depth", 0, 100)
        _check_int(self.breadth, "breadth", 0, 100)
        if self.shape not in SHAPES:
            raise ValueError(f"unknown shape {self.shape!r}; expected one of {SHAPES}")


@dataclass(frozen=True, slots=True)
class PendingMember:
    """A team member without a submitted assessment: listed apart, counted nowhere else."""

    member_id: int
    display_name: str


@dataclass(frozen=True, slots=True)
class AssessmentPoint:
    """One submitted assessment of a member, reduced to what the trend needs."""

    member_id: int
    submitted_on: date
    depth: int
    breadth: int

    def __post_init__(self) -> None:
        _check_int(self.depth, "depth", 0, 100)
        _check_int(self.breadth, "breadth", 0, 100)


@dataclass(frozen=True, slots=True)
class CompetencyLevel:
    """A member's rating (0-5) of one competency in their latest submitted assessment."""

    member_id: int
    display_name: str
    level: int

    def __post_init__(self) -> None:
        _check_int(self.level, "level", THRESHOLDS.rating_min, THRESHOLDS.rating_max)


# --- Outputs --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeatmapCell:
    """One member's score in one discipline, with its band so the page reads without colour."""

    discipline: str
    score: int
    band: str

    @property
    def band_label(self) -> str:
        return self.band.capitalize()


@dataclass(frozen=True, slots=True)
class HeatmapRow:
    """A member's row of the heatmap: a cell per discipline, in the structure's order."""

    member_id: int
    display_name: str
    depth: int
    breadth: int
    shape: str
    submitted_on: date
    cells: tuple[HeatmapCell, ...]

    def score(self, discipline: str) -> int:
        """The row's score in a discipline (0 when the heatmap has no such column)."""
        return next((c.score for c in self.cells if c.discipline == discipline), 0)


@dataclass(frozen=True, slots=True)
class SortedRows:
    """Heatmap rows in order, and the sort key actually applied (after any fallback)."""

    rows: tuple[HeatmapRow, ...]
    key: str


@dataclass(frozen=True, slots=True)
class Page[T]:
    """One page of rows and where it sits; ``start_index``/``end_index`` count from 1."""

    rows: tuple[T, ...]
    number: int
    per_page: int
    total_rows: int
    total_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.total_pages

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.has_previous else None

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.has_next else None

    @property
    def start_index(self) -> int:
        """1-based position of the first row on the page; 0 when there are no rows."""
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def end_index(self) -> int:
        """1-based position of the last row on the page; 0 when there are no rows."""
        return (self.number - 1) * self.per_page + len(self.rows)


class InvalidPageError(ValueError):
    """A page number below 1 or past the last page."""


@dataclass(frozen=True, slots=True)
class GoToPerson:
    """A member the team can turn to in a discipline (proficient or better)."""

    member_id: int
    display_name: str
    score: int
    band: str


@dataclass(frozen=True, slots=True)
class DisciplineCoverage:
    """How well the team covers one discipline.

    ``proficient_count`` counts members at level 3+ (score >= proficient_score),
    ``advanced_count`` those at 4+; ``go_to`` lists every member at 3+, best first, ties by
    name; ``best_score`` is the team's highest score there (0 with no submitted members).
    """

    discipline: str
    name: str
    layer: str
    proficient_count: int
    advanced_count: int
    best_score: int
    go_to: tuple[GoToPerson, ...]

    @property
    def single_point_of_failure(self) -> bool:
        """Exactly one member covers the discipline at 3+: losing them uncovers it."""
        return self.proficient_count == 1

    @property
    def uncovered(self) -> bool:
        """Nobody covers the discipline at 3+."""
        return self.proficient_count == 0

    @property
    def go_to_person(self) -> GoToPerson | None:
        return self.go_to[0] if self.go_to else None


@dataclass(frozen=True, slots=True)
class LayerBalance:
    """What the team can do in one layer.

    ``strength``: the mean, over the layer's disciplines, of the team's best score in each
    discipline, i.e. what the team can do together if the best person takes each
    discipline; 0-100 with one decimal (half up). ``mean_member_score``: the mean of the
    members' own layer scores (one decimal; None without submitted members);
    ``best_member_score``: the highest single member's layer score (None likewise).
    ``covered_count`` of ``discipline_count`` disciplines have someone at 3+;
    ``covered_percent`` is that share as a whole percentage (half up).
    """

    layer: str
    name: str
    strength: float
    mean_member_score: float | None
    best_member_score: int | None
    covered_count: int
    discipline_count: int
    covered_percent: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """An ecosystem failure pattern that holds for the team, with the numbers behind it.

    Every value of ``numbers`` appears, formatted as on the page, in ``message``.
    """

    key: str
    title: str
    explanation: str
    message: str
    numbers: Mapping[str, int | float]


@dataclass(frozen=True, slots=True)
class ShapeCount:
    """How many submitted members have a shape."""

    shape: str
    label: str
    count: int


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


@dataclass(frozen=True, slots=True)
class TeamCoverage:
    """Everything the coverage dashboard shows, computed from the whole team.

    ``heatmap`` is sorted by name; sort it with ``sorted_heatmap`` and page it with
    ``page_rows``, neither of which changes any aggregate here.
    """

    as_of: date
    structure: Structure
    heatmap: tuple[HeatmapRow, ...]
    pending: tuple[PendingMember, ...]
    disciplines: tuple[DisciplineCoverage, ...]
    layers: tuple[LayerBalance, ...]
    diagnostics: tuple[Diagnostic, ...]
    shape_mix: tuple[ShapeCount, ...]
    trend: tuple[TrendPoint, ...]

    @property
    def submitted_count(self) -> int:
        return len(self.heatmap)

    @property
    def pending_count(self) -> int:
        return len(self.pending)

    @property
    def member_count(self) -> int:
        return len(self.heatmap) + len(self.pending)

    @property
    def single_points_of_failure(self) -> tuple[DisciplineCoverage, ...]:
        return tuple(d for d in self.disciplines if d.single_point_of_failure)

    @property
    def uncovered(self) -> tuple[DisciplineCoverage, ...]:
        return tuple(d for d in self.disciplines if d.uncovered)

    def discipline(self, slug: str) -> DisciplineCoverage | None:
        return next((d for d in self.disciplines if d.discipline == slug), None)

    def sorted_heatmap(self, key: str | None) -> SortedRows:
        """The heatmap sorted by ``key`` (see ``sort_heatmap``), checked against the structure."""
        return sort_heatmap(self.heatmap, key, (d.slug for d in self.structure.disciplines))

    def layer(self, slug: str) -> LayerBalance | None:
        return next((layer for layer in self.layers if layer.layer == slug), None)


# --- Small helpers --------------------------------------------------------------------------


def _name_key(display_name: str, member_id: int) -> tuple[str, str, int]:
    """Alphabetical, case-insensitive; the raw name and the id make the order total."""
    return (display_name.casefold(), display_name, member_id)


def _round1(numerator: int, denominator: int) -> float:
    """``numerator / denominator`` to one decimal, half up, computed exactly on integers."""
    return ((20 * numerator + denominator) // (2 * denominator)) / 10


def _percent(part: int, whole: int) -> int:
    """``part / whole`` as a whole percentage, half up."""
    return (200 * part + whole) // (2 * whole)


def format_number(value: int | float) -> str:
    """A number as diagnostics print it: ints as they are, other values with one decimal."""
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}"


def band_for(score: int, thresholds: CoverageThresholds = THRESHOLDS) -> str:
    """The band of a 0-100 score: none, aware, working, proficient, advanced or expert."""
    t = thresholds
    if score >= t.expert_score:
        return "expert"
    if score >= t.advanced_score:
        return "advanced"
    if score >= t.proficient_score:
        return "proficient"
    if score >= t.working_score:
        return "working"
    if score >= t.aware_score:
        return "aware"
    return "none"


# --- Heatmap sorting and paging -------------------------------------------------------------


def sort_heatmap(
    rows: Sequence[HeatmapRow], key: str | None, disciplines: Iterable[str] | None = None
) -> SortedRows:
    """Sort heatmap rows by ``key``, falling back to ``"name"`` for an unknown key.

    Keys: ``name`` (A-Z, case-insensitive), ``depth`` and ``breadth`` (highest first), or a
    discipline slug (highest score first). Ties always go by name. The valid discipline
    slugs are ``disciplines`` when given, else those of the first row's cells (so with no
    rows and no ``disciplines`` every discipline key falls back to name).
    """

    def by_name(row: HeatmapRow) -> tuple[str, str, int]:
        return _name_key(row.display_name, row.member_id)

    if disciplines is None:
        columns = {c.discipline for c in rows[0].cells} if rows else set()
    else:
        columns = set(disciplines)
    if key == "depth":
        ordered = sorted(rows, key=lambda r: (-r.depth, *by_name(r)))
    elif key == "breadth":
        ordered = sorted(rows, key=lambda r: (-r.breadth, *by_name(r)))
    elif key is not None and key not in HEATMAP_SORT_KEYS and key in columns:
        ordered = sorted(rows, key=lambda r: (-r.score(key), *by_name(r)))
    else:
        key = "name"
        ordered = sorted(rows, key=by_name)
    return SortedRows(rows=tuple(ordered), key=key)


def page_count(total_rows: int, per_page: int) -> int:
    """How many pages ``total_rows`` fill; an empty list still has one (empty) page."""
    _check_int(per_page, "per_page", 1, 10**9)
    return max(1, -(-total_rows // per_page))


def page_rows[T](rows: Sequence[T], page: int, per_page: int) -> Page[T]:
    """Page ``page`` (from 1) of ``rows``, ``per_page`` at a time.

    Raises ``InvalidPageError`` for a page below 1 or past the last page (page 1 of an empty list
    is valid and empty), ``TypeError`` for a page that is not an int. Parsing the query
    string is the caller's job: a view turns a non-numeric ``?page=`` into page 1 (or a
    404) before calling, and may catch ``InvalidPageError`` to show the last page instead.
    """
    if isinstance(page, bool) or not isinstance(page, int):
        raise TypeError(f"page must be an int, got {page!r}")
    total_pages = page_count(len(rows), per_page)
    if page < 1:
        raise InvalidPageError(f"page {page} is below 1")
    if page > total_pages:
        raise InvalidPageError(f"page {page} is past the last page, {total_pages}")
    start = (page - 1) * per_page
    return Page(
        rows=tuple(rows[start : start + per_page]),
        number=page,
        per_page=per_page,
        total_rows=len(rows),
        total_pages=total_pages,
    )


# --- People search --------------------------------------------------------------------------


def find_people(
    levels: Iterable[CompetencyLevel],
    min_level: int,
    thresholds: CoverageThresholds = THRESHOLDS,
) -> tuple[CompetencyLevel, ...]:
    """Members at ``min_level`` or above in one competency, best first, ties by name.

    ``levels`` holds each member's rating of the competency; a member listed twice (in two
    of the searcher's teams) appears once, with their highest level. ``min_level`` must be
    an int from 0 to 5.
    """
    _check_int(min_level, "min_level", thresholds.rating_min, thresholds.rating_max)
    best: dict[int, CompetencyLevel] = {}
    for row in levels:
        if row.level < min_level:
            continue
        seen = best.get(row.member_id)
        if seen is None or (-row.level, *_person_key(row)) < (-seen.level, *_person_key(seen)):
            best[row.member_id] = row
    return tuple(sorted(best.values(), key=lambda r: (-r.level, *_person_key(r))))


def _person_key(row: CompetencyLevel) -> tuple[str, str, int]:
    return _name_key(row.display_name, row.member_id)


# --- Trend ----------------------------------------------------------------------------------


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
    _check_int(quarters, "quarters", 1, 10**6)
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
                mean_depth=_round1(depth_sum, count),
                mean_breadth=_round1(breadth_sum, count),
            )
        )
    return tuple(trend)


# --- Diagnostics ----------------------------------------------------------------------------

_EXPLANATIONS: Mapping[str, tuple[str, str]] = {
    "producers_dilemma": (
        "Producer's dilemma",
        "The team is good at making things, but short of the skills that carry that work to "
        "an audience or turn attention into customers. However fine the content, copy and "
        "design, material that too few people see, or that visitors leave without acting "
        "on, returns little for the effort it cost. Build up the weak layer named here "
        "before commissioning more creative work.",
    ),
    "empty_megaphone": (
        "Empty megaphone",
        "The team knows how to reach people through search, social, email and paid channels, "
        "but has little of substance to send through them. Reach multiplies whatever it "
        "carries: with thin content, weak copy or a poor landing experience, the traffic "
        "that is bought or earned leaves at once, and the channel budget is spent for "
        "nothing. Strengthen creation before adding reach.",
    ),
    "leaky_bucket": (
        "Leaky bucket",
        "The team creates well and draws attention, yet nobody can reliably turn visitors "
        "into customers or show which efforts pay. Traffic arrives and drains away "
        "unconverted, and without measurement the budget follows guesswork rather than "
        "results. Skills in conversion optimisation and marketing analytics would let the "
        "team keep, and prove, the value it already generates.",
    ),
    "no_architect": (
        "No architect",
        "No one on the team reaches working level in strategy and leadership: running the "
        "marketing function, managing projects, setting direction and speaking the language "
        "of budgets and the board. Specialists can each do good work, but without someone "
        "who sees the whole system the layers drift apart and results depend on luck. "
        "Develop or bring in a person who can plan across layers and own the budget.",
    ),
}
DIAGNOSTIC_KEYS: tuple[str, ...] = tuple(_EXPLANATIONS)


def _diagnostic(key: str, message: str, numbers: dict[str, int | float]) -> Diagnostic:
    title, explanation = _EXPLANATIONS[key]
    return Diagnostic(
        key=key, title=title, explanation=explanation, message=message, numbers=numbers
    )


def _number_key(slug: str, suffix: str) -> str:
    return f"{slug.replace('-', '_')}_{suffix}"


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def diagnose(
    layers: Sequence[LayerBalance],
    disciplines: Sequence[DisciplineCoverage],
    submitted_count: int,
    thresholds: CoverageThresholds = THRESHOLDS,
) -> tuple[Diagnostic, ...]:
    """The ecosystem failure patterns that hold for the team, in a fixed order.

    With S = layer strength, strong = S >= strong_layer_from, weak = S < weak_below:

    - leaky_bucket: producers strong, distributors strong, and the team's best score in
      each conversion discipline (conversion optimisation, marketing analytics) below
      weak_below.
    - producers_dilemma: producers strong and distributors or converters weak, unless the
      leaky bucket holds (it names the same gap more precisely).
    - empty_megaphone: distributors strong and producers weak.
    - no_architect: the best member's architects layer score is below working_score.

    A producer's dilemma and an empty megaphone exclude each other (producers cannot be
    strong and weak), and so do an empty megaphone and a leaky bucket, so at most one of
    the first three holds. Nothing holds without submitted members. A rule whose layers or
    disciplines are missing from the structure is skipped.
    """
    if submitted_count <= 0:
        return ()
    t = thresholds
    by_layer = {layer.layer: layer for layer in layers}
    by_discipline = {d.discipline: d for d in disciplines}
    strong, weak = t.strong_layer_from, t.weak_below
    producers = by_layer.get(t.producers_layer)
    distributors = by_layer.get(t.distributors_layer)
    converters = by_layer.get(t.converters_layer)
    architects = by_layer.get(t.architects_layer)
    conversion = [by_discipline.get(slug) for slug in t.conversion_disciplines]
    found: list[Diagnostic] = []

    def strength(layer: LayerBalance) -> str:
        return f"{layer.name} strength {format_number(layer.strength)}"

    leaky = (
        producers is not None
        and distributors is not None
        and all(d is not None for d in conversion)
        and producers.strength >= strong
        and distributors.strength >= strong
        and all(d.best_score < weak for d in conversion if d is not None)
    )

    if producers is not None and producers.strength >= strong and not leaky:
        weak_layers = [
            layer
            for layer in (distributors, converters)
            if layer is not None and layer.strength < weak
        ]
        if weak_layers:
            numbers: dict[str, int | float] = {
                _number_key(producers.layer, "strength"): producers.strength
            }
            for layer in weak_layers:
                numbers[_number_key(layer.layer, "strength")] = layer.strength
            numbers |= {"strong_from": strong, "weak_below": weak}
            verb = "is" if len(weak_layers) == 1 else "are"
            found.append(
                _diagnostic(
                    "producers_dilemma",
                    f"{strength(producers)} is strong ({strong} or more), but "
                    f"{_join([strength(layer) for layer in weak_layers])} {verb} weak "
                    f"(below {weak}).",
                    numbers,
                )
            )

    if (
        producers is not None
        and distributors is not None
        and distributors.strength >= strong
        and producers.strength < weak
    ):
        found.append(
            _diagnostic(
                "empty_megaphone",
                f"{strength(distributors)} is strong ({strong} or more), but "
                f"{strength(producers)} is weak (below {weak}).",
                {
                    _number_key(distributors.layer, "strength"): distributors.strength,
                    _number_key(producers.layer, "strength"): producers.strength,
                    "strong_from": strong,
                    "weak_below": weak,
                },
            )
        )

    if leaky and producers is not None and distributors is not None:
        numbers = {
            _number_key(producers.layer, "strength"): producers.strength,
            _number_key(distributors.layer, "strength"): distributors.strength,
        }
        bests = []
        for d in conversion:
            if d is not None:
                numbers[_number_key(d.discipline, "best")] = d.best_score
                bests.append(f"the best {d.name} score is {d.best_score}")
        numbers |= {"strong_from": strong, "weak_below": weak}
        found.append(
            _diagnostic(
                "leaky_bucket",
                f"{strength(producers)} and {strength(distributors)} are strong "
                f"({strong} or more), but {_join(bests)} (weak below {weak}).",
                numbers,
            )
        )

    if (
        architects is not None
        and architects.best_member_score is not None
        and architects.best_member_score < t.working_score
    ):
        found.append(
            _diagnostic(
                "no_architect",
                f"The best {architects.name} layer score among the {submitted_count} "
                f"assessed members is {architects.best_member_score} "
                f"(working level is {t.working_score}).",
                {
                    _number_key(architects.layer, "best_member_score"): (
                        architects.best_member_score
                    ),
                    "assessed_members": submitted_count,
                    "working_from": t.working_score,
                },
            )
        )
    return tuple(found)


# --- The dashboard --------------------------------------------------------------------------


def shape_mix(shapes: Iterable[str]) -> tuple[ShapeCount, ...]:
    """Counts per shape for all five shapes, zeros included, in ``SHAPES`` order."""
    counts = dict.fromkeys(SHAPES, 0)
    for shape in shapes:
        counts[shape] += 1
    return tuple(ShapeCount(shape=s, label=SHAPE_LABELS[s], count=counts[s]) for s in SHAPES)


def team_coverage(
    structure: Structure,
    profiles: Iterable[MemberProfile],
    not_submitted: Iterable[PendingMember],
    today: date,
    *,
    history: Iterable[AssessmentPoint] = (),
    thresholds: CoverageThresholds = THRESHOLDS,
) -> TeamCoverage:
    """The whole coverage dashboard of one team.

    ``profiles`` holds each member's latest submitted profile; ``not_submitted`` the members
    without one. ``history`` holds the members' earlier submitted assessments for the trend;
    the latest profiles are part of it anyway, so without history the trend shows only
    them. History of anyone not among ``profiles`` is ignored. Raises ``ValueError`` when a
    member appears twice. The result does not depend on the order of any input.
    """
    t = thresholds
    ordered = sorted(profiles, key=lambda p: _name_key(p.display_name, p.member_id))
    pending = tuple(sorted(not_submitted, key=lambda p: _name_key(p.display_name, p.member_id)))
    ids = {p.member_id for p in ordered}
    if len(ids) != len(ordered):
        raise ValueError("a member has more than one profile")
    pending_ids = {p.member_id for p in pending}
    if len(pending_ids) != len(pending) or ids & pending_ids:
        raise ValueError("a member is listed twice")

    slugs = [d.slug for d in structure.disciplines]
    cells_seen: dict[tuple[str, int], HeatmapCell] = {}
    best = dict.fromkeys(slugs, 0)
    advanced = dict.fromkeys(slugs, 0)
    covering: dict[str, list[GoToPerson]] = {slug: [] for slug in slugs}
    layer_sum = {layer.slug: 0 for layer in structure.layers}
    layer_best: dict[str, int] = {}
    rows: list[HeatmapRow] = []

    # One pass over members (in name order, so stable sorts keep ties by name).
    for profile in ordered:
        scores = profile.discipline_scores
        cells = []
        for slug in slugs:
            score = scores.get(slug, 0)
            cell = cells_seen.get((slug, score))
            if cell is None:
                cell = cells_seen[slug, score] = HeatmapCell(slug, score, band_for(score, t))
            cells.append(cell)
            if score > best[slug]:
                best[slug] = score
            if score >= t.proficient_score:
                covering[slug].append(
                    GoToPerson(profile.member_id, profile.display_name, score, cell.band)
                )
                if score >= t.advanced_score:
                    advanced[slug] += 1
        for layer in structure.layers:
            score = profile.layer_scores.get(layer.slug, 0)
            layer_sum[layer.slug] += score
            if score > layer_best.get(layer.slug, -1):
                layer_best[layer.slug] = score
        rows.append(
            HeatmapRow(
                member_id=profile.member_id,
                display_name=profile.display_name,
                depth=profile.depth,
                breadth=profile.breadth,
                shape=profile.shape,
                submitted_on=profile.submitted_on,
                cells=tuple(cells),
            )
        )

    layer_of = {d.slug: layer.slug for layer in structure.layers for d in layer.disciplines}
    coverage = tuple(
        DisciplineCoverage(
            discipline=d.slug,
            name=d.name,
            layer=layer_of[d.slug],
            proficient_count=len(covering[d.slug]),
            advanced_count=advanced[d.slug],
            best_score=best[d.slug],
            go_to=tuple(sorted(covering[d.slug], key=lambda g: -g.score)),
        )
        for d in structure.disciplines
    )
    count = len(ordered)
    layers = []
    for layer in structure.layers:
        members = layer.disciplines
        covered = sum(1 for d in members if covering[d.slug])
        layers.append(
            LayerBalance(
                layer=layer.slug,
                name=layer.name,
                strength=_round1(sum(best[d.slug] for d in members), len(members)),
                mean_member_score=_round1(layer_sum[layer.slug], count) if count else None,
                best_member_score=layer_best.get(layer.slug),
                covered_count=covered,
                discipline_count=len(members),
                covered_percent=_percent(covered, len(members)),
            )
        )
    trend_points = [p for p in history if p.member_id in ids]
    trend_points += [
        AssessmentPoint(p.member_id, p.submitted_on, p.depth, p.breadth) for p in ordered
    ]
    return TeamCoverage(
        as_of=today,
        structure=structure,
        heatmap=tuple(rows),
        pending=pending,
        disciplines=coverage,
        layers=tuple(layers),
        diagnostics=diagnose(layers, coverage, count, t),
        shape_mix=shape_mix(p.shape for p in ordered),
        trend=team_trend(trend_points, today, t.trend_quarters),
    )
