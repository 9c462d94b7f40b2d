"""Reads that feed the assessment rules: rows in, the plain data of ``scoring`` out."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Prefetch

from assessments import scoring
from assessments.domain import coverage, dashboard, people, trend
from assessments.models import Assessment, Membership, Rating, Team
from careers import fragments
from careers.models import Competency, Discipline, Layer, LearningResource, Role, RoleRequirement
from careers.versioning import catalogue_version

_memo: dict[str, object] = {"version": None, "catalogue": None, "built": 0.0}


def current_catalogue() -> scoring.Catalogue:
    """The catalogue snapshot, rebuilt only when the catalogue changed (see
    careers.versioning) or after CATALOGUE_CACHE_SECONDS; no query while it holds."""
    seconds = settings.CATALOGUE_CACHE_SECONDS
    if seconds <= 0:
        return catalogue_snapshot()
    version = catalogue_version()
    now = time.monotonic()
    if _memo["version"] != version or now - _memo["built"] > seconds:
        _memo.update(version=version, catalogue=catalogue_snapshot(), built=now)
    return _memo["catalogue"]


def catalogue_snapshot() -> scoring.Catalogue:
    """The active catalogue as scoring's plain data, in six queries whatever its size.

    Retired entries are left out, and so is everything under a retired parent: the
    disciplines of a retired layer, a role whose layer or discipline is retired, and a
    requirement on a retired competency.
    """
    resources = LearningResource.objects.order_by("order", "title", "pk")
    competencies = (
        Competency.objects.active()
        .order_by("order", "name", "slug")
        .prefetch_related(Prefetch("resources", queryset=resources))
    )
    disciplines = (
        Discipline.objects.active()
        .order_by("order", "name", "slug")
        .prefetch_related(Prefetch("competencies", queryset=competencies))
    )
    layers = (
        Layer.objects.active()
        .order_by("order", "name", "slug")
        .prefetch_related(Prefetch("disciplines", queryset=disciplines))
    )
    requirements = (
        RoleRequirement.objects.filter(
            competency__is_active=True,
            competency__discipline__is_active=True,
            competency__discipline__layer__is_active=True,
        )
        .select_related("competency")
        .order_by("-weight", "-level", "competency__slug")
    )
    roles = (
        Role.objects.active()
        .filter(
            layer__is_active=True, discipline__is_active=True, discipline__layer__is_active=True
        )
        .select_related("layer", "discipline")
        .prefetch_related(Prefetch("requirements", queryset=requirements))
        .order_by("layer__order", "layer__name", "order", "name", "slug")
    )
    return scoring.Catalogue(
        layers=tuple(
            scoring.Layer(
                layer.slug,
                layer.name,
                tuple(
                    scoring.Discipline(
                        discipline.slug,
                        discipline.name,
                        layer.slug,
                        tuple(
                            scoring.Competency(
                                competency.slug,
                                competency.name,
                                discipline.slug,
                                tuple(
                                    scoring.Resource(r.title, r.url, r.kind)
                                    for r in competency.resources.all()
                                ),
                            )
                            for competency in discipline.competencies.all()
                        ),
                    )
                    for discipline in layer.disciplines.all()
                ),
            )
            for layer in layers
        ),
        roles=tuple(
            scoring.Role(
                role.slug,
                role.name,
                role.layer.slug,
                role.discipline.slug,
                role.stage,
                tuple(
                    scoring.Requirement(req.competency.slug, req.level, req.weight)
                    for req in role.requirements.all()
                ),
            )
            for role in roles
        ),
    )


# --- teams ----------------------------------------------------------------------------


def coverage_structure(catalogue: scoring.Catalogue) -> coverage.Structure:
    return coverage.Structure(
        tuple(
            coverage.LayerSpec(
                layer.slug,
                layer.name,
                tuple(coverage.DisciplineSpec(d.slug, d.name) for d in layer.disciplines),
            )
            for layer in catalogue.layers
            if layer.disciplines
        )
    )


def team_coverage(
    team: Team, today: date, catalogue: scoring.Catalogue | None = None
) -> dashboard.TeamCoverage | None:
    """The coverage dashboard of one team from its members' latest submitted assessments.

    Three queries (members, latest assessments, history) plus the catalogue snapshot,
    whatever the size of the team. Drafts never count. None while the catalogue has no
    disciplines to cover. The result is kept in the cache while the team, its members'
    submissions and the catalogue stay as they were: then it takes two small queries.
    Names changed outside the app show when the cached result expires
    (CATALOGUE_CACHE_SECONDS).
    """
    catalogue = catalogue or current_catalogue()
    if not catalogue.disciplines:
        return None
    return team_cached(
        team, "team-coverage", [today.isoformat()], lambda: _team_coverage(team, today, catalogue)
    )


def team_cached[T](team: Team, name: str, parts: list[object], build: Callable[[], T]) -> T:
    """`build()`, kept in the cache while the team's memberships, its members' submitted
    assessments and the catalogue stay as they were (careers.fragments)."""
    if not fragments.enabled():
        return build()
    return fragments.cached(name, [team.pk, *parts, *_team_stamp(team)], build)


def _team_stamp(team: Team) -> tuple[int, ...]:
    """What a team's coverage is built from, in two small queries: its memberships, and
    the newest submitted assessment of anyone. A join or leave changes the count or brings
    a new, higher id; a submit anywhere brings a new assessment id. Reading the team's own
    assessments instead would cost a scan of thousands of rows for a large team, while
    submits are rare next to page views."""
    memberships = Membership.objects.filter(team=team).aggregate(n=Count("pk"), last=Max("pk"))
    newest = (
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return (memberships["n"], memberships["last"] or 0, newest or 0)


def _team_coverage(team: Team, today: date, catalogue: scoring.Catalogue) -> dashboard.TeamCoverage:
    members = {
        user_id: _name(username, first, last)
        for user_id, username, first, last in Membership.objects.filter(team=team).values_list(
            "user_id", "user__username", "user__first_name", "user__last_name"
        )
    }
    submitted = Assessment.objects.filter(
        owner_id__in=Membership.objects.filter(team=team).values("user_id"),
        status=Assessment.Status.SUBMITTED,
    )
    profiles = [
        coverage.MemberProfile(
            member_id=row["owner_id"],
            display_name=members[row["owner_id"]],
            discipline_scores=row["discipline_scores"] or {},
            layer_scores=row["layer_scores"] or {},
            depth=row["depth"],
            breadth=row["breadth"],
            shape=row["shape"],
            submitted_on=row["submitted_at"].date(),
        )
        for row in submitted.filter(is_latest=True).values(
            "owner_id",
            "discipline_scores",
            "layer_scores",
            "depth",
            "breadth",
            "shape",
            "submitted_at",
        )
    ]
    done = {profile.member_id for profile in profiles}
    pending = [
        dashboard.PendingMember(user_id, name)
        for user_id, name in members.items()
        if user_id not in done
    ]
    history = [
        trend.AssessmentPoint(owner_id, submitted_at.date(), depth, breadth)
        for owner_id, submitted_at, depth, breadth in submitted.filter(is_latest=False).values_list(
            "owner_id", "submitted_at", "depth", "breadth"
        )
    ]
    return dashboard.team_coverage(
        coverage_structure(catalogue), profiles, pending, today, history=history
    )


def _name(username: str, first: str, last: str) -> str:
    return f"{first} {last}".strip() or username


def people_at_level(team: Team, competency_slug: str, min_level: int):
    """Members of the team whose latest submitted rating of a competency is at least
    `min_level`, best first (one query)."""
    rows = Rating.objects.filter(
        assessment__is_latest=True,
        assessment__owner__memberships__team=team,
        competency__slug=competency_slug,
        level__gte=min_level,
    ).values_list(
        "assessment__owner_id",
        "assessment__owner__username",
        "assessment__owner__first_name",
        "assessment__owner__last_name",
        "level",
    )
    return people.find_people(
        [
            people.CompetencyLevel(owner_id, _name(username, first, last), level)
            for owner_id, username, first, last, level in rows
        ],
        min_level,
    )


def member_name(user) -> str:
    """How a person is named to their team: their full name, or else their username."""
    return _name(user.get_username(), user.first_name, user.last_name)


@dataclass(frozen=True)
class TeamMember:
    """A row of a team's member list."""

    user_id: int
    name: str
    """As member_name gives it: the full name, or else the username."""
    role: str
    role_label: str
    submitted: bool
    """They have a submitted assessment, so their latest profile can be shown."""

    @property
    def is_manager(self) -> bool:
        return self.role == Membership.Role.MANAGER


def team_members(team: Team) -> list[TeamMember]:
    """The team's members, managers first, then members, each by name (one query)."""
    rows = (
        Membership.objects.filter(team=team)
        .select_related("user")
        .annotate(
            submitted=Exists(Assessment.objects.filter(owner=OuterRef("user_id"), is_latest=True))
        )
    )
    members = [
        TeamMember(
            user_id=row.user_id,
            name=member_name(row.user),
            role=row.role,
            role_label=row.get_role_display(),
            submitted=row.submitted,
        )
        for row in rows
    ]
    return sorted(members, key=lambda m: (not m.is_manager, m.name.casefold(), m.name, m.user_id))
