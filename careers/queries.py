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


def roles_by_layer(search: str = ""):
    """Active roles grouped by layer, with how many salary bands each has; with `search`,
    only the roles whose name or other names hold it, whatever its case."""
    roles = Role.objects.active()
    if search:
        roles = roles.filter(Q(name__icontains=search) | Q(aliases__icontains=search))
    return Layer.objects.active().prefetch_related(
        Prefetch(
            "roles",
            queryset=roles.select_related("discipline")
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
    shown = in_one_country(list(SalaryBand.objects.filter(role=role)), requested_country)
    return SalaryView(
        country=shown.country,
        country_name=shown.country_name,
        bands=[
            band
            for level in ExperienceLevel.values
            if (band := shown.found.get((role.pk, level))) is not None
        ],
        countries=shown.countries,
        unknown_country=shown.unknown_country,
    )


@dataclass(frozen=True)
class SalaryTableRow:
    role: Role
    bands: list[SalaryBand | None]
    """One per experience level, in ExperienceLevel's order; None where there is no figure."""
    elsewhere: bool
    """The role has figures, in other countries only."""

    @property
    def has_figures(self) -> bool:
        return any(self.bands)


@dataclass(frozen=True)
class SalaryTable:
    """Every active role's bands in one country, by layer: the salary page."""

    country: str
    country_name: str
    countries: list[tuple[str, str]]
    levels: list[str]
    layers: list[tuple[Layer, list[SalaryTableRow]]]
    unknown_country: str
    example: SalaryBand | None
    """A band of this country, for the currency, year and source the page states."""


def salary_table(requested_country: str | None) -> SalaryTable:
    """The salary page: every active role under its layer, with its bands in the country
    asked for (or the United States), level by level (3 queries)."""
    layers = list(
        Layer.objects.active().prefetch_related(
            Prefetch("roles", queryset=Role.objects.active().order_by("order", "name"))
        )
    )
    bands = list(SalaryBand.objects.filter(role__is_active=True))
    shown = in_one_country(bands, requested_country)
    with_figures = {band.role_id for band in bands}
    levels = list(ExperienceLevel.values)
    table = [
        (
            layer,
            [
                SalaryTableRow(
                    role,
                    [shown.found.get((role.pk, level)) for level in levels],
                    elsewhere=role.pk in with_figures
                    and not any((role.pk, level) in shown.found for level in levels),
                )
                for role in layer.roles.all()
            ],
        )
        for layer in layers
    ]
    return SalaryTable(
        country=shown.country,
        country_name=shown.country_name,
        countries=shown.countries,
        levels=list(ExperienceLevel.labels),
        layers=table,
        unknown_country=shown.unknown_country,
        example=next(iter(shown.found.values()), None),
    )


@dataclass(frozen=True)
class CountryBands:
    """Bands read for a page, narrowed to the country it shows (see choose_country)."""

    country: str
    unknown_country: str
    countries: list[tuple[str, str]]
    """Every country the bands have figures for, in catalogue order, with its name."""
    found: dict[tuple[int, str], SalaryBand]
    """The shown country's bands by role id and experience level."""

    @property
    def country_name(self) -> str:
        return Country(self.country).label if self.country else ""


def in_one_country(bands: list[SalaryBand], requested_country: str | None) -> CountryBands:
    available = sorted({band.country for band in bands}, key=lambda code: position(Country, code))
    country, unknown = choose_country(available, requested_country)
    return CountryBands(
        country=country,
        unknown_country=unknown,
        countries=[(code, Country(code).label) for code in available],
        found={
            (band.role_id, band.experience_level): band for band in bands if band.country == country
        },
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
