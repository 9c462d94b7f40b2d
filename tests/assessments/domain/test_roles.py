"""Role matching over a whole catalogue: best fit first, ties in catalogue order."""

from assessments.domain.catalogue import (
    Catalogue,
    Competency,
    Discipline,
    Layer,
    Requirement,
    Role,
)
from assessments.domain.roles import Gap, match_roles

CATALOGUE = Catalogue(
    layers=(
        Layer(
            "distributors",
            "Distributors",
            (
                Discipline(
                    "seo",
                    "SEO",
                    "distributors",
                    (
                        Competency("keyword-research", "Keyword research", "seo"),
                        Competency("technical-seo", "Technical SEO", "seo"),
                    ),
                ),
            ),
        ),
    ),
    roles=tuple(
        Role(slug, slug.title(), "distributors", "seo", "specialist", requirements)
        for slug, requirements in (
            ("analyst", (Requirement("technical-seo", 2, 1),)),
            ("writer", (Requirement("keyword-research", 4, 3),)),
            ("editor", (Requirement("technical-seo", 4, 1),)),
            ("intern", ()),
        )
    ),
)


def test_roles_come_best_fit_first_and_equal_fits_keep_catalogue_order():
    matches = match_roles(CATALOGUE, {"keyword-research": 2, "technical-seo": 2})
    # analyst 2/2 = 100; writer 2/4 = 50; editor 2/4 = 50; intern has no requirements: 0.
    assert [(m.role, m.fit) for m in matches] == [
        ("analyst", 100),
        ("writer", 50),
        ("editor", 50),
        ("intern", 0),
    ]
    assert matches[1].gaps == (Gap("keyword-research", "Keyword research", 2, 4, 3),)
    assert (matches[1].met, matches[1].points, matches[1].out_of) == (0, 1.5, 3)
