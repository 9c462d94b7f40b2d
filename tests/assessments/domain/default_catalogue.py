"""The shipped catalogue as the frozen tree the rules read, built from its files without a
database, so that rule tests can use the real layers, disciplines and roles."""

from functools import cache

from assessments.domain.catalogue import (
    Catalogue,
    Competency,
    Discipline,
    Layer,
    Requirement,
    Resource,
    Role,
)
from careers.catalogue.entries import read_catalogue


@cache
def default_catalogue() -> Catalogue:
    entries = read_catalogue()
    resources: dict[str, list[Resource]] = {}
    for r in sorted(entries.resources, key=lambda r: r.order):
        resources.setdefault(r.competency, []).append(Resource(r.title, r.url, r.kind))
    layers = tuple(
        Layer(
            layer.slug,
            layer.name,
            tuple(
                Discipline(
                    d.slug,
                    d.name,
                    layer.slug,
                    tuple(
                        Competency(c.slug, c.name, d.slug, tuple(resources.get(c.slug, ())))
                        for c in entries.competencies
                        if c.discipline == d.slug
                    ),
                )
                for d in entries.disciplines
                if d.layer == layer.slug
            ),
        )
        for layer in entries.layers
    )
    roles = tuple(
        Role(
            role.slug,
            role.name,
            role.layer,
            role.discipline,
            role.stage,
            tuple(
                Requirement(q.competency, q.level, q.weight)
                for q in entries.requirements
                if q.role == role.slug
            ),
        )
        for role in entries.roles
    )
    return Catalogue(layers, roles)


def levels(level=0, disciplines=(), **ratings) -> dict[str, int]:
    """Ratings on the shipped catalogue: every competency at ``level``, the named disciplines'
    competencies at theirs, then the named competencies (underscores for dashes)."""
    catalogue = default_catalogue()
    result = dict.fromkeys((c.slug for c in catalogue.competencies), level)
    for slug, value in disciplines:
        for competency in catalogue.discipline_by_slug[slug].competencies:
            result[competency.slug] = value
    result.update({slug.replace("_", "-"): value for slug, value in ratings.items()})
    return result
