"""Two roles side by side, for the compare page: the reads, lined up by the rules of
careers.domain.comparison for the template."""

from dataclasses import dataclass
from itertools import pairwise

from careers.choices import ExperienceLevel
from careers.domain.comparison import (
    Item,
    Need,
    NeedPair,
    NeedsSummary,
    mark_shared,
    pair_needs,
    path_between,
    summarise,
)
from careers.models import Competency, Role, RoleTransition, SalaryBand
from careers.queries import in_one_country, role_detail

FEATURED: tuple[tuple[str, str], ...] = (
    ("marketing-manager", "marketing-director"),
    ("social-media-manager", "social-media-marketer"),
)
"""The comparisons the catalogue's sources make, offered first (as slugs: a pair whose role
is missing or retired is left out)."""

LONGEST_PATH = 4
"""Moves a path between the two roles may take at most before the page says there is none."""


@dataclass(frozen=True)
class Glance:
    """A line of the overview: the same fact for both roles, and whether they differ."""

    label: str
    a: str
    b: str

    @property
    def differs(self) -> bool:
        return self.a != self.b


@dataclass(frozen=True)
class NeedRow:
    competency: Competency
    pair: NeedPair


@dataclass(frozen=True)
class SalaryRow:
    level: str
    a: SalaryBand | None
    b: SalaryBand | None


@dataclass(frozen=True)
class Salaries:
    country: str
    country_name: str
    countries: list[tuple[str, str]]
    rows: list[SalaryRow]
    unknown_country: str = ""
    """The country asked for when neither role has figures for it, as the page names it."""

    @property
    def bands(self) -> list[SalaryBand]:
        return [band for row in self.rows for band in (row.a, row.b) if band is not None]


@dataclass(frozen=True)
class Move:
    role: Role
    kind: str
    """How the move into `role` is made: "Step up" or "Sideways move"."""


@dataclass(frozen=True)
class Comparison:
    a: Role
    b: Role
    glance: list[Glance]
    needs: list[NeedRow]
    summary: NeedsSummary
    lists: list[tuple[str, list[Item], list[Item]]]
    """Goals, tools and key metrics: (heading, the first role's items, the second's)."""
    salaries: Salaries
    path_there: list[Move] | None
    """From the first role to the second, the first role left out; None when there is none."""
    path_back: list[Move] | None

    @property
    def needs_sentence(self) -> str:
        """What the requirements table shows, said in a sentence."""
        a, b, summary = self.a.name, self.b.name, self.summary
        count = f"{summary.shared} competenc{'y' if summary.shared == 1 else 'ies'}"
        parts = [f"Both ask for {count}, {summary.same_level} of them at the same level."]
        if summary.only_a:
            parts.append(f"Only {a} asks for {summary.only_a}.")
        if summary.only_b:
            parts.append(f"Only {b} asks for {summary.only_b}.")
        if summary.higher_in_a:
            parts.append(f"{a} asks a higher level in {summary.higher_in_a}.")
        if summary.higher_in_b:
            parts.append(f"{b} asks a higher level in {summary.higher_in_b}.")
        return " ".join(parts)


def compare(a_slug: str, b_slug: str, requested_country: str | None) -> Comparison:
    """Both roles in full (Http404 for one that is not active), in 10 queries."""
    a, b = role_detail(a_slug), role_detail(b_slug)
    requirements = {
        requirement.competency: requirement
        for role in (a, b)
        for requirement in role.requirements.all()
    }
    order = sorted(
        requirements,
        key=lambda competency: (
            competency.discipline.layer.order,
            competency.discipline.order,
            competency.order,
            competency.name,
        ),
    )
    by_slug = {competency.slug: competency for competency in order}
    pairs = pair_needs(_needs(a), _needs(b), [competency.slug for competency in order])
    moves, names = _moves()
    return Comparison(
        a=a,
        b=b,
        glance=[
            Glance("Layer", a.layer.name, b.layer.name),
            Glance("Home discipline", a.discipline.name, b.discipline.name),
            Glance("Stage", a.get_stage_display(), b.get_stage_display()),
            Glance("Focus", a.get_focus_display(), b.get_focus_display()),
        ],
        needs=[NeedRow(by_slug[pair.competency], pair) for pair in pairs],
        summary=summarise(pairs),
        lists=[
            ("Typical goals", *mark_shared(a.goal_list, b.goal_list)),
            ("Tools", *mark_shared(a.tool_list, b.tool_list)),
            ("Key metrics", *mark_shared(a.metric_list, b.metric_list)),
        ],
        salaries=_salaries(a, b, requested_country),
        path_there=_path(a, b, moves, names),
        path_back=_path(b, a, moves, names),
    )


def _needs(role: Role) -> dict[str, Need]:
    return {
        requirement.competency.slug: Need(requirement.level, requirement.weight)
        for requirement in role.requirements.all()
    }


def _moves() -> tuple[dict[str, list[str]], dict[tuple[str, str], RoleTransition]]:
    """Every move between active roles (one query): the roles each leads to, steps up
    first, and the transitions by their two ends."""
    moves: dict[str, list[str]] = {}
    ends: dict[tuple[str, str], RoleTransition] = {}
    for transition in (
        RoleTransition.objects.filter(from_role__is_active=True, to_role__is_active=True)
        .select_related("from_role", "to_role")
        .order_by("kind", "to_role__order", "to_role__name")
    ):
        start, end = transition.from_role.slug, transition.to_role.slug
        moves.setdefault(start, []).append(end)
        ends[start, end] = transition
    return moves, ends


def _path(
    start: Role,
    goal: Role,
    moves: dict[str, list[str]],
    ends: dict[tuple[str, str], RoleTransition],
) -> list[Move] | None:
    chain = path_between(start.slug, goal.slug, moves, LONGEST_PATH)
    if chain is None:
        return None
    steps = [ends[here, there] for here, there in pairwise(chain)]
    return [Move(step.to_role, step.get_kind_display()) for step in steps]


def _salaries(a: Role, b: Role, requested_country: str | None) -> Salaries:
    """Both roles' bands in one country, level by level (one query): the country asked
    for, else the United States, else the first either role has figures for."""
    shown = in_one_country(list(SalaryBand.objects.filter(role__in=[a, b])), requested_country)
    found = shown.found
    rows = [
        SalaryRow(label, found.get((a.pk, level)), found.get((b.pk, level)))
        for level, label in ExperienceLevel.choices
        if (a.pk, level) in found or (b.pk, level) in found
    ]
    return Salaries(
        country=shown.country,
        country_name=shown.country_name,
        countries=shown.countries,
        rows=rows,
        unknown_country=shown.unknown_country,
    )


def choices() -> list[Role]:
    """The roles one can compare, by name, for the page's pickers (one query)."""
    return list(Role.objects.active().only("slug", "name").order_by("name"))


def featured() -> list[tuple[Role, Role]]:
    """The sources' comparisons whose roles are both active (one query)."""
    slugs = {slug for pair in FEATURED for slug in pair}
    roles = {
        role.slug: role
        for role in Role.objects.active().filter(slug__in=slugs).only("slug", "name")
    }
    return [(roles[a], roles[b]) for a, b in FEATURED if a in roles and b in roles]
