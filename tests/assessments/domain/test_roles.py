"""Role matching over a whole catalogue: best fit first, ties by coverage, then catalogue order."""

import pytest

from assessments.domain.catalogue import (
    Catalogue,
    Competency,
    Discipline,
    Layer,
    Requirement,
    Role,
)
from assessments.domain.roles import Gap, match_roles, specialist_met
from tests.assessments.domain.scoring_support import SHIPPED

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


def test_roles_come_best_fit_first_and_equal_fits_with_no_coverage_keep_catalogue_order():
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
    # Nothing of writer or editor is met: coverage 0 each, so catalogue order decides.
    assert [m.covered for m in matches] == [2, 0, 0, 0]


TIES = {
    # name: (ratings, order, coverage of each)
    # analyst 1 · 2 = 2 and editor 1 · 4 = 4, both 100%: the editor covers more.
    "coverage breaks a tie at 100%": (
        {"keyword-research": 0, "technical-seo": 4},
        [("editor", 100, 4), ("analyst", 100, 2), ("writer", 0, 0), ("intern", 0, 0)],
    ),
    # writer 4 · 3 = 12 met in full; analyst and editor both 1/2 and 1/4 of weight 1:
    # analyst 1 · 1/2 = 50%, editor 1 · 1/4 = 25%; no tie to break below the top.
    "no tie": (
        {"keyword-research": 4, "technical-seo": 1},
        [("writer", 100, 12), ("analyst", 50, 0), ("editor", 25, 0), ("intern", 0, 0)],
    ),
    # Nothing rated: every fit 0 and nothing covered, catalogue order.
    "nothing rated": (
        {},
        [("analyst", 0, 0), ("writer", 0, 0), ("editor", 0, 0), ("intern", 0, 0)],
    ),
}


@pytest.mark.parametrize(("ratings", "order"), TIES.values(), ids=TIES)
def test_equal_fits_rank_by_coverage_then_catalogue_order(ratings, order):
    assert [(m.role, m.fit, m.covered) for m in match_roles(CATALOGUE, ratings)] == order


@pytest.mark.parametrize("role", [r.slug for r in SHIPPED.roles])
def test_each_roles_own_profile_ranks_it_first_in_the_default_catalogue(role):
    own = {q.competency: q.level for q in SHIPPED.role_by_slug[role].requirements}
    matches = match_roles(SHIPPED, own)
    assert (matches[0].role, matches[0].fit) == (role, 100)


def test_a_qualified_specialist_is_found_and_a_manager_role_does_not_count():
    catalogue = Catalogue(
        CATALOGUE.layers,
        (
            Role(
                "lead", "Lead", "distributors", "seo", "manager", (Requirement("technical-seo", 2),)
            ),
            *CATALOGUE.roles,
        ),
    )
    # Lead (a manager role) and analyst are both met in full: analyst is the specialist.
    matches = match_roles(catalogue, {"technical-seo": 2})
    assert specialist_met(catalogue, matches).role == "analyst"
    # A role without requirements is never "met in full".
    assert specialist_met(catalogue, match_roles(catalogue, {})) is None
