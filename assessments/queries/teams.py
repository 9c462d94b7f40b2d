"""Reads for teams: members, coverage and the people search, as the rules' plain inputs."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat, Lower, NullIf, Trim

from assessments.domain import coverage, dashboard, people, trend
from assessments.domain.catalogue import Catalogue
from assessments.domain.names import name_of, person_name
from assessments.models import Assessment, Membership, Notice, Rating, Removal, Team, submitted
from assessments.queries.catalogue import current_catalogue
from careers import fragments


def coverage_structure(catalogue: Catalogue) -> coverage.Structure:
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
    team: Team, today: date, catalogue: Catalogue | None = None
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
    memberships = Membership.objects.filter(team=team).aggregate(
        n=Count("pk"), last=Max("pk"), managers=Count("pk", filter=Q(role=Membership.Role.MANAGER))
    )
    newest = (
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return (memberships["n"], memberships["last"] or 0, memberships["managers"], newest or 0)


def _team_coverage(team: Team, today: date, catalogue: Catalogue) -> dashboard.TeamCoverage:
    members = {}
    managers = set()
    for user_id, username, first, last, role in Membership.objects.filter(team=team).values_list(
        "user_id", "user__username", "user__first_name", "user__last_name", "role"
    ):
        members[user_id] = person_name(first, last, username)
        if role == Membership.Role.MANAGER:
            managers.add(user_id)
    submissions = Assessment.objects.filter(
        owner_id__in=Membership.objects.filter(team=team).values("user_id"),
        status=Assessment.Status.SUBMITTED,
    )
    profiles = [
        coverage.MemberProfile(
            member_id=row["owner_id"],
            display_name=members[row["owner_id"]],
            discipline_scores=row["discipline_scores"] or {},
            layer_scores=row["layer_scores"] or {},
            depth=submitted(row["depth"]),
            breadth=submitted(row["breadth"]),
            shape=row["shape"],
            submitted_on=submitted(row["submitted_at"]).date(),
        )
        for row in submissions.filter(is_latest=True).values(
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
    # A manager who has not submitted is not waited for: they take part by submitting.
    pending = [
        dashboard.PendingMember(user_id, name)
        for user_id, name in members.items()
        if user_id not in done and user_id not in managers
    ]
    history = [
        trend.AssessmentPoint(
            owner_id, submitted(submitted_at).date(), submitted(depth), submitted(breadth)
        )
        for owner_id, submitted_at, depth, breadth in submissions.filter(
            is_latest=False
        ).values_list("owner_id", "submitted_at", "depth", "breadth")
    ]
    return dashboard.team_coverage(
        coverage_structure(catalogue), profiles, pending, today, history=history
    )


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
            people.CompetencyLevel(owner_id, person_name(first, last, username), level)
            for owner_id, username, first, last, level in rows
        ],
        min_level,
    )


def people_meeting(team: Team, criteria: Sequence[people.Criterion]):
    """Members of the team whose latest submitted ratings meet every criterion, best first:
    one query, whatever the size of the team or the number of criteria."""
    wanted = Q()
    for criterion in criteria:
        wanted |= Q(competency__slug=criterion.slug, level__gte=criterion.min_level)
    rows = Rating.objects.filter(
        wanted,
        assessment__is_latest=True,
        assessment__owner__memberships__team=team,
    ).values_list(
        "assessment__owner_id",
        "assessment__owner__username",
        "assessment__owner__first_name",
        "assessment__owner__last_name",
        "competency__slug",
        "level",
    )
    return people.find_people_meeting_all(
        criteria,
        [
            people.RatedLevel(owner_id, person_name(first, last, username), slug, level)
            for owner_id, username, first, last, slug, level in rows
        ],
    )


@dataclass(frozen=True)
class TeamMember:
    """A row of a team's member list."""

    user_id: int
    name: str
    """As domain.names.person_name gives it: the full name, or else the username."""
    role: str
    role_label: str
    submitted: bool
    """They have a submitted assessment, so their latest profile can be shown."""

    @property
    def is_manager(self) -> bool:
        return self.role == Membership.Role.MANAGER


MEMBERS_PER_PAGE = 100


def team_members(team: Team, page: int = 1, per_page: int = MEMBERS_PER_PAGE) -> Page[TeamMember]:
    """A page of the team's members, managers first, then members, each by name (a count
    and the page's rows: two queries, whatever the team's size). A page past the last is
    the last."""
    rows = (
        Membership.objects.filter(team=team)
        .select_related("user")
        .annotate(
            submitted=Exists(Assessment.objects.filter(owner=OuterRef("user_id"), is_latest=True)),
            managers_first=Case(When(role=Membership.Role.MANAGER, then=0), default=1),
            display_name=_display_name("user__"),
        )
        .order_by("managers_first", Lower("display_name"), "display_name", "user_id")
    )
    # Typed loosely: the page it gives holds memberships, the page returned their rows.
    paginator: Paginator[Any] = Paginator(rows, per_page)
    found = paginator.get_page(page)
    members = [
        TeamMember(
            user_id=row.user_id,
            name=name_of(row.user),
            role=row.role,
            role_label=row.get_role_display(),
            submitted=row.submitted,
        )
        for row in found
    ]
    # The same page (number, counts, links) holding the rows as the list shows them.
    return Page(members, found.number, paginator)


RECENT_REMOVALS = 50


@dataclass(frozen=True, slots=True)
class RecentRemoval:
    user_id: int
    name: str
    role_label: str
    removed_at: datetime


def recent_removals(team: Team, since: datetime) -> list[RecentRemoval]:
    """Who was removed from the team since `since` and is not back, latest first: one
    query, the latest 50 at most."""
    rows = (
        Removal.objects.filter(team=team, removed_at__gte=since)
        .exclude(user__memberships__team=team)
        .order_by("-removed_at", "-pk")
        .values_list(
            "user_id", "user__username", "user__first_name", "user__last_name", "role", "removed_at"
        )[:RECENT_REMOVALS]
    )
    labels = dict(Membership.Role.choices)
    return [
        RecentRemoval(user_id, person_name(first, last, username), labels[role], removed_at)
        for user_id, username, first, last, role, removed_at in rows
    ]


NOTICES_SHOWN = 10


def notices_of(user) -> list[Notice]:
    """What the person was told about their teams, latest first: the latest 10."""
    return list(Notice.objects.filter(user=user).order_by("-created_at", "-pk")[:NOTICES_SHOWN])


def manager_count(team: Team) -> int:
    return Membership.objects.filter(team=team, role=Membership.Role.MANAGER).count()


def _display_name(prefix: str):
    """domain.names.person_name in SQL: the first and last name, or else the username."""
    full = Trim(Concat(F(f"{prefix}first_name"), Value(" "), F(f"{prefix}last_name")))
    return Coalesce(NullIf(full, Value("")), F(f"{prefix}username"))


def memberships_of(user) -> QuerySet[Membership]:
    """The user's memberships with their teams, by team name."""
    return (
        Membership.objects.filter(user=user)
        .select_related("team")
        .order_by("team__name", "team__pk")
    )


def memberships_with_counts(user) -> QuerySet[Membership]:
    """The user's memberships with their teams and each team's size, by team name."""
    return memberships_of(user).annotate(member_count=Count("team__memberships"))


def is_member(team: Team, user) -> bool:
    return Membership.objects.filter(team=team, user=user).exists()
