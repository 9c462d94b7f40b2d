"""The catalogue as the rules read it: a snapshot of the active catalogue in ``scoring``'s
plain data, kept while the catalogue stays as it was."""

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from assessments.domain import catalogue as snapshot
from careers.fragments import cached
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
    usable_q,
)
from careers.versioning import catalogue_version


class _Memo(TypedDict):
    version: str | None
    catalogue: snapshot.Catalogue | None
    built: float


_memo: _Memo = {"version": None, "catalogue": None, "built": 0.0}


def current_catalogue() -> snapshot.Catalogue:
    """The catalogue snapshot, rebuilt only when the catalogue changed (see
    careers.versioning) or after CATALOGUE_CACHE_SECONDS; no query while it holds."""
    seconds = settings.CATALOGUE_CACHE_SECONDS
    if seconds <= 0:
        return catalogue_snapshot()
    version = catalogue_version()
    now = time.monotonic()
    catalogue = _memo["catalogue"]
    if catalogue is None or _memo["version"] != version or now - _memo["built"] > seconds:
        catalogue = catalogue_snapshot()
        _memo["version"], _memo["catalogue"], _memo["built"] = version, catalogue, now
    return catalogue


def catalogue_snapshot() -> snapshot.Catalogue:
    """The active catalogue as scoring's plain data, in seven queries whatever its size.

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
        .prefetch_related(
            Prefetch("anchors", queryset=DisciplineAnchor.objects.order_by("level")),
            Prefetch("competencies", queryset=competencies),
        )
    )
    layers = (
        Layer.objects.active()
        .order_by("order", "name", "slug")
        .prefetch_related(Prefetch("disciplines", queryset=disciplines))
    )
    requirements = (
        RoleRequirement.objects.filter(usable_q("competency__"))
        .select_related("competency")
        .order_by("-weight", "-level", "competency__slug")
    )
    roles = (
        Role.objects.usable()
        .select_related("layer", "discipline")
        .prefetch_related(Prefetch("requirements", queryset=requirements))
        .order_by("layer__order", "layer__name", "order", "name", "slug")
    )
    return snapshot.Catalogue(
        layers=tuple(
            snapshot.Layer(
                layer.slug,
                layer.name,
                tuple(
                    snapshot.Discipline(
                        discipline.slug,
                        discipline.name,
                        layer.slug,
                        tuple(
                            snapshot.Competency(
                                competency.slug,
                                competency.name,
                                discipline.slug,
                                tuple(
                                    snapshot.Resource(r.title, r.url, r.kind)
                                    for r in competency.resources.all()
                                ),
                            )
                            for competency in discipline.competencies.all()
                        ),
                        tuple(anchor.description for anchor in discipline.anchors.all()),
                    )
                    for discipline in layer.disciplines.all()
                ),
            )
            for layer in layers
        ),
        roles=tuple(
            snapshot.Role(
                role.slug,
                role.name,
                role.layer.slug,
                role.discipline.slug,
                role.stage,
                tuple(
                    snapshot.Requirement(req.competency.slug, req.level, req.weight)
                    for req in role.requirements.all()
                ),
            )
            for role in roles
        ),
    )


@dataclass(frozen=True, slots=True)
class StepCompetency:
    """A competency as one step of the assessment form shows it."""

    slug: str
    description: str
    anchors: Mapping[int, str]
    """What each level looks like, by level, where the catalogue says."""


def step_competencies(discipline: str) -> tuple[StepCompetency, ...]:
    """One active discipline's active competencies, in the form's order, with their level
    anchors: what one step of the assessment form shows. Kept in the cache while the
    catalogue holds (careers.fragments); 2 queries to build."""
    return cached("form-step", [discipline], lambda: _step_competencies(discipline))


def _step_competencies(discipline: str) -> tuple[StepCompetency, ...]:
    competencies = (
        Competency.objects.active()
        .filter(discipline__slug=discipline)
        .order_by("order", "name", "slug")
        .only("slug", "description")
        .prefetch_related(Prefetch("anchors", queryset=LevelAnchor.objects.order_by("level")))
    )
    return tuple(
        StepCompetency(
            competency.slug,
            competency.description,
            {anchor.level: anchor.description for anchor in competency.anchors.all()},
        )
        for competency in competencies
    )


def roles_with_bands(
    slugs: set[str], country: str, experience_level: str
) -> tuple[dict[str, Role], dict[str, SalaryBand]]:
    """The active roles with these slugs, and their salary band for one country and
    experience level, each by role slug (two queries)."""
    roles = {
        role.slug: role
        for role in Role.objects.active().filter(slug__in=slugs).only("slug", "name")
    }
    bands = {
        band.role.slug: band
        for band in SalaryBand.objects.filter(
            role__slug__in=slugs, country=country, experience_level=experience_level
        ).select_related("role")
    }
    return roles, bands


def salary_band(role: Role, country: str, experience_level: str) -> SalaryBand | None:
    """The role's band for one country and experience level, if it has one (one query)."""
    return SalaryBand.objects.filter(
        role=role, country=country, experience_level=experience_level
    ).first()


def active_role(slug: str) -> Role:
    """The active role with this slug, or ``Role.DoesNotExist``."""
    return Role.objects.active().get(slug=slug)


# --- the public catalogue, as the API lists it --------------------------------------------

ORDER = ("order", "name", "slug")


def active_layers() -> QuerySet[Layer]:
    return Layer.objects.active()


def active_disciplines() -> QuerySet[Discipline]:
    return Discipline.objects.usable()


def active_competencies() -> QuerySet[Competency]:
    return Competency.objects.usable()


def active_roles() -> QuerySet[Role]:
    return Role.objects.usable()


def layers_with_disciplines() -> QuerySet[Layer]:
    """Active layers in order, each with its active disciplines."""
    return (
        active_layers()
        .order_by(*ORDER)
        .prefetch_related(
            Prefetch("disciplines", queryset=Discipline.objects.active().order_by(*ORDER))
        )
    )


def disciplines_with_competencies(layer: str | None = None) -> QuerySet[Discipline]:
    """Active disciplines in layer order (of one layer, if given), with their active
    competencies."""
    queryset = (
        active_disciplines()
        .select_related("layer")
        .order_by("layer__order", "layer__name", *ORDER)
        .prefetch_related(
            Prefetch("competencies", queryset=Competency.objects.active().order_by(*ORDER))
        )
    )
    if layer is not None:
        queryset = queryset.filter(layer__slug=layer)
    return queryset


def competencies_with_anchors(
    discipline: str | None = None, layer: str | None = None
) -> QuerySet[Competency]:
    """Active competencies in catalogue order (of one discipline or layer, if given), with
    their level anchors and learning resources."""
    queryset = (
        active_competencies()
        .select_related("discipline__layer")
        .order_by(
            "discipline__layer__order",
            "discipline__layer__name",
            "discipline__order",
            "discipline__name",
            *ORDER,
        )
        .prefetch_related(
            Prefetch("anchors", queryset=LevelAnchor.objects.order_by("level")),
            Prefetch("resources", queryset=LearningResource.objects.order_by("order", "title")),
        )
    )
    if discipline is not None:
        queryset = queryset.filter(discipline__slug=discipline)
    if layer is not None:
        queryset = queryset.filter(discipline__layer__slug=layer)
    return queryset


def roles_with_details(layer: str | None = None) -> QuerySet[Role]:
    """Active roles by layer (whose home is one layer, if given), with their requirements,
    salary bands and transitions to other active roles."""
    requirements = (
        RoleRequirement.objects.filter(usable_q("competency__"))
        .select_related("competency__discipline")
        .order_by("-weight", "-level", "competency__discipline__order", "competency__order")
    )
    transitions = (
        RoleTransition.objects.filter(to_role__in=active_roles())
        .select_related("to_role")
        .order_by("kind", "to_role__order", "to_role__name")
    )
    queryset = (
        active_roles()
        .select_related("layer", "discipline")
        .order_by("layer__order", "layer__name", *ORDER)
        .prefetch_related(
            Prefetch("requirements", queryset=requirements),
            "salary_bands",
            Prefetch("transitions_out", queryset=transitions),
        )
    )
    if layer is not None:
        queryset = queryset.filter(layer__slug=layer)
    return queryset
