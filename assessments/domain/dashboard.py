"""The coverage dashboard of one team: everything it shows, computed from the whole team.

Plain data in, plain data out; ``today`` is passed in, never read from a clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from assessments.domain.coverage import (
    THRESHOLDS,
    CoverageThresholds,
    DisciplineCoverage,
    HeatmapRow,
    LayerBalance,
    MemberProfile,
    SortedRows,
    Structure,
    coverage_of,
    name_key,
    sort_heatmap,
)
from assessments.domain.diagnostics import Diagnostic, diagnose
from assessments.domain.thresholds import SHAPE_LABELS, SHAPES
from assessments.domain.trend import AssessmentPoint, TrendPoint, team_trend


@dataclass(frozen=True, slots=True)
class PendingMember:
    """A team member without a submitted assessment: listed apart, counted nowhere else."""

    member_id: int
    display_name: str


@dataclass(frozen=True, slots=True)
class ShapeCount:
    """How many submitted members have a shape."""

    shape: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class TeamCoverage:
    """Everything the coverage dashboard shows, computed from the whole team.

    ``heatmap`` is sorted by name; sort it with ``sorted_heatmap`` (which changes no
    aggregate here); paging it is the page's job.
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
    pending = tuple(sorted(not_submitted, key=lambda p: name_key(p.display_name, p.member_id)))
    covered = coverage_of(structure, profiles, thresholds)
    ids = {row.member_id for row in covered.heatmap}
    pending_ids = {p.member_id for p in pending}
    if len(pending_ids) != len(pending) or ids & pending_ids:
        raise ValueError("a member is listed twice")
    trend_points = [p for p in history if p.member_id in ids]
    trend_points += [
        AssessmentPoint(row.member_id, row.submitted_on, row.depth, row.breadth)
        for row in covered.heatmap
    ]
    return TeamCoverage(
        as_of=today,
        structure=structure,
        heatmap=covered.heatmap,
        pending=pending,
        disciplines=covered.disciplines,
        layers=covered.layers,
        diagnostics=diagnose(covered.layers, covered.disciplines, len(ids), thresholds),
        shape_mix=shape_mix(row.shape for row in covered.heatmap),
        trend=team_trend(trend_points, today, thresholds.trend_quarters),
    )
