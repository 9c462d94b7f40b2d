"""The curator's home in the admin: the catalogue's health on one page.

Where the catalogue's facts come from (source or editorial, kind by kind), then everything
that needs a curator's attention, each linked to the page that fixes it: competencies
without level descriptions, resources or a role that asks for them; roles with too few
requirements, no salary band or no path; salary bands that look wrong. The page reads the
catalogue in a fixed number of queries, whatever its size (careers.domain.health judges).
"""

from collections import defaultdict

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, Q
from django.template.response import TemplateResponse

from careers.admin import band_problems
from careers.domain.health import (
    CompetencySummary,
    RoleSummary,
    basis_counts,
    competency_findings,
    role_findings,
)
from careers.models import (
    Competency,
    Discipline,
    Layer,
    LevelAnchor,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
)

BASIS_KINDS: list[tuple[str, type[Model]]] = [
    ("Layers", Layer),
    ("Disciplines", Discipline),
    ("Competencies", Competency),
    ("Roles", Role),
    ("Requirements", RoleRequirement),
    ("Moves between roles", RoleTransition),
    ("Salary bands", SalaryBand),
]


def competency_summaries() -> list[CompetencySummary]:
    levels: dict[int, set[int]] = defaultdict(set)
    for competency_id, level in LevelAnchor.objects.values_list("competency_id", "level"):
        levels[competency_id].add(level)
    competencies = Competency.objects.annotate(
        resource_total=Count("resources", distinct=True),
        required_total=Count(
            "requirements", filter=Q(requirements__role__is_active=True), distinct=True
        ),
    ).order_by("name")
    return [
        CompetencySummary(
            key=competency.pk,
            name=competency.name,
            active=competency.is_active,
            anchor_levels=frozenset(levels[competency.pk]),
            resources=competency.resource_total,
            required_by=competency.required_total,
        )
        for competency in competencies
    ]


def role_summaries() -> list[RoleSummary]:
    roles = Role.objects.annotate(
        requirement_total=Count("requirements", distinct=True),
        band_total=Count("salary_bands", distinct=True),
        out_total=Count("transitions_out", distinct=True),
        in_total=Count("transitions_in", distinct=True),
    ).order_by("name")
    return [
        RoleSummary(
            key=role.pk,
            name=role.name,
            active=role.is_active,
            requirements=role.requirement_total,
            bands=role.band_total,
            moves_out=role.out_total,
            moves_in=role.in_total,
        )
        for role in roles
    ]


def where_facts_come_from():
    rows = []
    for label, model in BASIS_KINDS:
        rows += [
            (label, basis, count)
            for basis, count in model._default_manager.values_list("basis").annotate(Count("pk"))
        ]
    return basis_counts(rows, [label for label, _ in BASIS_KINDS])


def catalogue_health(request):
    """The page; any curator who may read the catalogue's roles may read it."""
    if not request.user.has_perm("careers.view_role"):
        raise PermissionDenied
    findings = competency_findings(competency_summaries()) + role_findings(role_summaries())
    bands = SalaryBand.objects.filter(role__is_active=True).select_related("role")
    context = {
        **admin.site.each_context(request),
        "title": "Catalogue health",
        "bases": where_facts_come_from(),
        "findings": findings,
        "band_problems": band_problems(bands),
    }
    return TemplateResponse(request, "admin/careers/catalogue_health.html", context)
