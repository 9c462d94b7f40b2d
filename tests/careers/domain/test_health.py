"""The catalogue's health: what a curator should look at, entry by entry."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.domain.health import (
    BasisCount,
    CompetencySummary,
    Finding,
    RoleSummary,
    basis_counts,
    competency_findings,
    role_findings,
)

ALL_LEVELS = frozenset(range(1, 6))


def competency(**changes):
    values = {
        "key": 1,
        "name": "SEO",
        "active": True,
        "anchor_levels": ALL_LEVELS,
        "resources": 2,
        "required_by": 3,
    }
    return CompetencySummary(**{**values, **changes})


def role(**changes):
    values = {
        "key": 7,
        "name": "Copywriter",
        "active": True,
        "requirements": 6,
        "bands": 8,
        "moves_out": 2,
        "moves_in": 1,
    }
    return RoleSummary(**{**values, **changes})


@pytest.mark.parametrize(
    ("summary", "problems"),
    [
        (competency(), []),
        (competency(anchor_levels=frozenset({1, 2, 5})), ["no level description for level 3, 4"]),
        (competency(resources=0), ["no learning resource, so next actions suggest nothing"]),
        (competency(required_by=0), ["no role requires it, so it moves no role's fit"]),
        # Retired: only what stops it coming back counts.
        (competency(active=False, resources=0, required_by=0), []),
        (
            competency(active=False, anchor_levels=frozenset()),
            ["no level description for level 1, 2, 3, 4, 5"],
        ),
    ],
)
def test_competency_findings(summary, problems):
    assert competency_findings([summary]) == [
        Finding("competency", 1, "SEO", problem) for problem in problems
    ]


@pytest.mark.parametrize(
    ("summary", "problems"),
    [
        (role(), []),
        (role(requirements=3), []),
        (role(requirements=2), ["2 requirements: fewer than 3 match almost anyone"]),
        (role(requirements=1), ["1 requirement: fewer than 3 match almost anyone"]),
        (role(bands=0), ["no salary band: its page says the source gives no figures"]),
        (role(moves_out=0), []),
        (
            role(moves_out=0, moves_in=0),
            ["no move to or from another role: no path leads through it"],
        ),
        (role(active=False, requirements=0, bands=0, moves_out=0, moves_in=0), []),
    ],
)
def test_role_findings(summary, problems):
    assert role_findings([summary]) == [
        Finding("role", 7, "Copywriter", problem) for problem in problems
    ]


def test_basis_counts_follow_the_kinds_order_and_count_missing_as_zero():
    rows = [("Roles", "source", 18), ("Layers", "source", 4), ("Roles", "editorial", 2)]
    assert basis_counts(rows, ["Layers", "Roles", "Requirements"]) == [
        BasisCount("Layers", 4, 0),
        BasisCount("Roles", 18, 2),
        BasisCount("Requirements", 0, 0),
    ]
    assert [count.total for count in basis_counts(rows, ["Roles"])] == [20]


@given(
    st.lists(
        st.builds(
            CompetencySummary,
            key=st.integers(),
            name=st.text(max_size=5),
            active=st.booleans(),
            anchor_levels=st.frozensets(st.integers(1, 5)),
            resources=st.integers(0, 3),
            required_by=st.integers(0, 3),
        ),
        max_size=5,
        unique_by=lambda summary: summary.key,
    )
)
def test_a_competency_is_listed_exactly_when_it_lacks_something(summaries):
    listed = {finding.key for finding in competency_findings(summaries)}
    lacking = {
        s.key
        for s in summaries
        if s.anchor_levels != ALL_LEVELS or (s.active and not (s.resources and s.required_by))
    }
    assert listed == lacking
