"""The small catalogue and rating helpers the scoring, roadmap and profile tests share."""

from assessments.domain.catalogue import (
    Catalogue,
    Competency,
    Discipline,
    Layer,
    Requirement,
    Resource,
    Role,
)
from tests.assessments.domain.default_catalogue import default_catalogue

# A small catalogue: 4 layers, 8 disciplines, 17 competencies (SEO has 3, the rest 2).
SPEC = {
    "producers": {
        "content-strategy": ["content-planning", "editorial-calendar"],
        "copywriting": ["headlines", "long-form"],
    },
    "distributors": {
        "seo": ["keyword-research", "technical-seo", "link-building"],
        "social-media": ["community-posting", "social-ads"],
    },
    "converters": {
        "conversion-optimisation": ["ab-testing", "landing-pages"],
        "marketing-analytics": ["attribution", "dashboards"],
    },
    "architects": {
        "marketing-management": ["team-leadership", "budgeting"],
        "marketing-strategy": ["positioning", "planning"],
    },
}
NAMES = {"seo": "SEO", "ux-ui-design": "UX/UI design"}


def name(slug: str) -> str:
    return NAMES.get(slug, slug.replace("-", " ").capitalize())


def build(spec=SPEC, roles=()) -> Catalogue:
    """A catalogue from {layer: {discipline: [competency, ...]}} and Role rows."""
    return Catalogue(
        tuple(
            Layer(
                layer,
                name(layer),
                tuple(
                    Discipline(
                        discipline,
                        name(discipline),
                        layer,
                        tuple(
                            Competency(
                                c,
                                name(c),
                                discipline,
                                (Resource(f"Learn {c}", f"https://example.com/{c}", "guide"),),
                            )
                            for c in competencies
                        ),
                    )
                    for discipline, competencies in disciplines.items()
                ),
            )
            for layer, disciplines in spec.items()
        ),
        tuple(roles),
    )


def role(slug, layer, discipline, stage, *requirements) -> Role:
    return Role(
        slug,
        name(slug).replace("Seo", "SEO").replace("Cmo", "CMO"),
        layer,
        discipline,
        stage,
        tuple(Requirement(*r) for r in requirements),
    )


ROLES = (
    role(
        "seo-specialist",
        "distributors",
        "seo",
        "specialist",
        ("keyword-research", 4, 3),
        ("technical-seo", 3, 2),
        ("dashboards", 2, 1),
    ),
    role(
        "copywriter",
        "producers",
        "copywriting",
        "specialist",
        ("headlines", 4, 3),
        ("long-form", 3, 2),
    ),
    role(
        "seo-manager",
        "distributors",
        "seo",
        "manager",
        ("keyword-research", 4, 3),
        ("technical-seo", 4, 2),
        ("team-leadership", 3, 2),
        ("budgeting", 2, 1),
    ),
    role(
        "marketing-director",
        "architects",
        "marketing-strategy",
        "director",
        ("positioning", 4, 3),
        ("planning", 4, 3),
        ("budgeting", 3, 2),
        ("attribution", 2, 1),
    ),
    role(
        "cmo",
        "architects",
        "marketing-strategy",
        "executive",
        ("positioning", 5, 3),
        ("budgeting", 4, 3),
        ("team-leadership", 4, 2),
    ),
)
CATALOGUE = build(roles=ROLES)
ALL = [c.slug for c in CATALOGUE.competencies]


def rated(level=0, **levels) -> dict[str, int]:
    """Every competency at ``level``, then the named ones (underscores for dashes)."""
    ratings = dict.fromkeys(ALL, level)
    ratings.update({slug.replace("_", "-"): value for slug, value in levels.items()})
    return ratings


SEO_80 = {"keyword_research": 5, "technical_seo": 4, "link_building": 3}

# SEO at 80 (5, 4, 3) and level 2 everywhere else: deep and broad, a T.
T_SHAPED = rated(2, **SEO_80)

# Layers 40, 20, 10, 0: breadth pro rata.
PRO_RATA = rated(
    0,
    content_planning=2,
    editorial_calendar=2,
    headlines=2,
    long_form=2,
    keyword_research=1,
    technical_seo=1,
    link_building=1,
    community_posting=1,
    social_ads=1,
    ab_testing=1,
    attribution=1,
)


SHIPPED = default_catalogue()
"""The default catalogue, as the rules read it."""
