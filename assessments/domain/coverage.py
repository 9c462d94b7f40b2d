"""Team coverage: the heatmap, how well the team covers each discipline, and layer balance.

Plain data in, plain data out: the query layer turns rows into the frozen dataclasses below.
Every number the coverage rules depend on lives in ``CoverageThresholds`` (the
``THRESHOLDS`` constant); ``docs/coverage.md`` explains each rule with a worked example.

Scores are on 0-100 (a rating of 5 is 100). A member "covers" a discipline at proficient
level (3+) when their score there is at least ``proficient_score``.

Every computation is a few linear passes over the members, plus sorting, so a team of
thousands is summarised in well under a second; paging the heatmap never changes an aggregate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from assessments.domain.numbers import percent, tenths
from assessments.domain.thresholds import SHAPES
from careers.choices import MAX_LEVEL, MIN_LEVEL

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

    rating_min: int = MIN_LEVEL
    rating_max: int = MAX_LEVEL
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

BANDS: tuple[str, ...] = ("none", "aware", "working", "proficient", "advanced", "expert")
HEATMAP_SORT_KEYS: tuple[str, ...] = ("name", "depth", "breadth")
"""Fixed heatmap sort keys; any discipline slug of the heatmap is a valid key too."""


# --- Inputs ---------------------------------------------------------------------------------


def check_int(value: object, what: str, low: int, high: int) -> None:
    """Refuse anything but an int (a bool is not one) from ``low`` to ``high``."""
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
            check_int(score, f"score for {slug!r}", 0, 100)
        for slug, score in self.layer_scores.items():
            check_int(score, f"layer score for {slug!r}", 0, 100)
        check_int(self.depth, "depth", 0, 100)
        check_int(self.breadth, "breadth", 0, 100)
        if self.shape not in SHAPES:
            raise ValueError(f"unknown shape {self.shape!r}; expected one of {SHAPES}")


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


# --- Small helpers --------------------------------------------------------------------------


def name_key(display_name: str, member_id: int) -> tuple[str, str, int]:
    """Alphabetical, case-insensitive; the raw name and the id make the order total."""
    return (display_name.casefold(), display_name, member_id)


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


# --- Heatmap sorting ------------------------------------------------------------------------


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
        return name_key(row.display_name, row.member_id)

    if disciplines is None:
        columns = {c.discipline for c in rows[0].cells} if rows else set()
    else:
        columns = set(disciplines)
    if key == "depth":
        ordered = sorted(rows, key=lambda r: (-r.depth, *by_name(r)))
    elif key == "breadth":
        ordered = sorted(rows, key=lambda r: (-r.breadth, *by_name(r)))
    elif key is not None and key not in HEATMAP_SORT_KEYS and key in columns:
        column = key
        ordered = sorted(rows, key=lambda r: (-r.score(column), *by_name(r)))
    else:
        key = "name"
        ordered = sorted(rows, key=by_name)
    return SortedRows(rows=tuple(ordered), key=key)


# --- Coverage -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coverage:
    """The heatmap, sorted by name, and what it adds up to per discipline and per layer."""

    heatmap: tuple[HeatmapRow, ...]
    disciplines: tuple[DisciplineCoverage, ...]
    layers: tuple[LayerBalance, ...]


def coverage_of(
    structure: Structure,
    profiles: Iterable[MemberProfile],
    thresholds: CoverageThresholds = THRESHOLDS,
) -> Coverage:
    """The heatmap of ``profiles`` (each member's latest), and the team's coverage.

    Raises ``ValueError`` when a member has more than one profile. The result does not
    depend on the order of ``profiles``.
    """
    t = thresholds
    ordered = sorted(profiles, key=lambda p: name_key(p.display_name, p.member_id))
    if len({p.member_id for p in ordered}) != len(ordered):
        raise ValueError("a member has more than one profile")

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
    disciplines = tuple(
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
                strength=tenths(sum(best[d.slug] for d in members), len(members)),
                mean_member_score=tenths(layer_sum[layer.slug], count) if count else None,
                best_member_score=layer_best.get(layer.slug),
                covered_count=covered,
                discipline_count=len(members),
                covered_percent=percent(covered, len(members)),
            )
        )
    return Coverage(heatmap=tuple(rows), disciplines=disciplines, layers=tuple(layers))
