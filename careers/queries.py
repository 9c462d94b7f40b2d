"""Reads for the public catalogue pages: each returns what one page needs, in few queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from careers.choices import Country, ExperienceLevel, position
from careers.models import (
    Competency,
    Discipline,
    DisciplineAnchor,
    Layer,
    LearningResource,
    LevelAnchor,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
)


def layers_with_disciplines_and_roles():
    """Active layers, each with its active disciplines and roles (3 queries)."""
    return Layer.objects.active().prefetch_related(
        Prefetch(
            "disciplines",
            queryset=Discipline.objects.active()
            .annotate(
                competency_count=Count("competencies", filter=Q(competencies__is_active=True))
            )
            .order_by("order", "name"),
        ),
        Prefetch(
            "roles",
            queryset=Role.objects.active().select_related("discipline").order_by("order", "name"),
        ),
    )


def layer_detail(slug: str) -> Layer:
    return get_object_or_404(layers_with_disciplines_and_roles(), slug=slug)


def discipline_detail(slug: str) -> Discipline:
    """An active discipline with its anchors, its competencies with their anchors and
    resources, and its roles."""
    return get_object_or_404(
        Discipline.objects.active()
        .select_related("layer")
        .prefetch_related(
            Prefetch("anchors", queryset=DisciplineAnchor.objects.order_by("level")),
            Prefetch(
                "competencies",
                queryset=Competency.objects.active()
                .order_by("order", "name")
                .prefetch_related(
                    Prefetch("anchors", queryset=LevelAnchor.objects.order_by("level")),
                    Prefetch(
                        "resources", queryset=LearningResource.objects.order_by("order", "title")
                    ),
                ),
            ),
            Prefetch("roles", queryset=Role.objects.active().order_by("order", "name")),
        ),
        slug=slug,
    )


def roles_by_layer():
    """Active roles grouped by layer, with the countries they have salary bands for."""
    return Layer.objects.active().prefetch_related(
        Prefetch(
            "roles",
            queryset=Role.objects.active()
            .select_related("discipline")
            .annotate(band_count=Count("salary_bands"))
            .order_by("order", "name"),
        )
    )


@dataclass(frozen=True)
class SalaryView:
    """The salary section of a role page for one country."""

    country: str
    country_name: str
    bands: list[SalaryBand]
    countries: list[tuple[str, str]]
    unknown_country: str = ""
    """The country asked for when the role has no figures for it, as the page names it:
    "Australia" for a country the catalogue knows, the text asked for in quotes otherwise."""


def role_detail(slug: str) -> Role:
    """An active role with its requirements, transitions both ways and layer (5 queries)."""
    return get_object_or_404(
        Role.objects.active()
        .select_related("layer", "discipline")
        .prefetch_related(
            Prefetch(
                "requirements",
                queryset=RoleRequirement.objects.select_related(
                    "competency__discipline__layer"
                ).order_by(
                    "-weight", "-level", "competency__discipline__order", "competency__order"
                ),
            ),
            Prefetch(
                "transitions_out",
                queryset=RoleTransition.objects.filter(to_role__is_active=True)
                .select_related("to_role__layer")
                .order_by("kind", "to_role__order"),
            ),
            Prefetch(
                "transitions_in",
                queryset=RoleTransition.objects.filter(from_role__is_active=True)
                .select_related("from_role__layer")
                .order_by("kind", "from_role__order"),
            ),
        ),
        slug=slug,
    )


def salary_view(role: Role, requested_country: str | None) -> SalaryView:
    """The role's bands for the requested country (or the first it has), one query."""
    bands = list(SalaryBand.objects.filter(role=role))
    available = sorted({band.country for band in bands}, key=lambda code: position(Country, code))
    countries = [(code, Country(code).label) for code in available]
    country, unknown = choose_country(available, requested_country)
    chosen = sorted(
        (band for band in bands if band.country == country),
        key=lambda band: position(ExperienceLevel, band.experience_level),
    )
    return SalaryView(
        country=country,
        country_name=Country(country).label if country else "",
        bands=chosen,
        countries=countries,
        unknown_country=unknown,
    )


def choose_country(available: list[str], requested_country: str | None) -> tuple[str, str]:
    """The country whose figures a page shows, of the `available` ones (in catalogue order):
    the one asked for, else the United States, else the first; and when the one asked for
    has no figures, its name as the page says it (a label, or the text asked for in quotes)."""
    requested = (requested_country or "").strip().upper()
    unknown = ""
    if requested and requested not in available:
        if requested in Country.values:
            unknown = Country(requested).label
        else:
            unknown = f"“{(requested_country or '')[:40]}”"
        requested = ""
    country = requested or (Country.US.value if Country.US.value in available else "")
    if not country and available:
        country = available[0]
    return country, unknown


def renamed_role(slug: str) -> Role | None:
    """The usable role whose address this slug was, before its slug changed."""
    return Role.objects.usable().filter(former_slugs__slug=slug).only("slug").first()
