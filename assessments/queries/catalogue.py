"""The catalogue as the rules read it: a snapshot of the active catalogue in ``scoring``'s
plain data, kept while the catalogue stays as it was."""

import time

from django.conf import settings
from django.db.models import Prefetch

from assessments import scoring
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
