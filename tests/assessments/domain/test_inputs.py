"""Checks of the scoring input and of the catalogue the rules are given."""

import pytest

from assessments.domain.inputs import ScoringInput, ScoringInputError, parse_input, still_offered
from assessments.domain.scoring import score
from tests.assessments.domain.scoring_support import CATALOGUE, ROLES, build, role

# --- Input checks ---------------------------------------------------------------------------


def test_score_lists_every_problem():
    with pytest.raises(ScoringInputError) as caught:
        score(
            CATALOGUE,
            {
                "headlines": 6,
                "nope": 3,
                "long-form": True,
                "planning": 2.5,
                "positioning": "3",
                "budgeting": -1,
            },
            interests=["seo", "knitting"],
            target_role="astronaut",
        )
    assert caught.value.problems == (
        "the level for 'headlines' must be a whole number from 0 to 5, not 6",
        "unknown competency 'nope'",
        "the level for 'long-form' must be a whole number from 0 to 5, not True",
        "the level for 'planning' must be a whole number from 0 to 5, not 2.5",
        "the level for 'positioning' must be a whole number from 0 to 5, not '3'",
        "the level for 'budgeting' must be a whole number from 0 to 5, not -1",
        "unknown discipline 'knitting'",
        "unknown role 'astronaut'",
    )
    assert str(caught.value).startswith("the level for 'headlines' must be")


def test_interests_must_not_be_a_bare_string():
    with pytest.raises(ScoringInputError, match="interests must be a list of discipline slugs"):
        score(CATALOGUE, {}, interests="seo")


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        ([1, 2], ("the input must be a JSON object, not a list",)),
        ("ratings", ("the input must be a JSON object, not a string",)),
        ({}, ('"ratings" is required: an object of competency slug to level',)),
        ({"ratings": [3]}, ('"ratings" must be an object, not a list',)),
        (
            {"ratings": {}, "interests": "seo", "target_role": 3, "country": "GB"},
            (
                "unknown key 'country'",
                '"interests" must be a list of discipline slugs, not a string',
                '"target_role" must be a role slug, not a number',
            ),
        ),
        (
            {"ratings": {"headlines": 9}, "interests": [1]},
            (
                "the level for 'headlines' must be a whole number from 0 to 5, not 9",
                "unknown discipline 1",
            ),
        ),
    ],
)
def test_parse_input_lists_every_problem(data, problems):
    with pytest.raises(ScoringInputError) as caught:
        parse_input(data, CATALOGUE)
    assert caught.value.problems == problems


def test_parse_input_accepts_the_documented_form():
    given = parse_input(
        {"ratings": {"headlines": 3}, "interests": ["seo"], "target_role": None}, CATALOGUE
    )
    assert (dict(given.ratings), given.interests, given.target_role) == (
        {"headlines": 3},
        ("seo",),
        None,
    )


@pytest.mark.parametrize(
    ("layers", "roles", "message"),
    [
        ({"producers": {"copywriting": ["a", "a"]}}, (), "competency 'a' appears twice"),
        (
            {"producers": {"copywriting": ["a"]}},
            (role("r", "producers", "copywriting", "specialist", ("b", 2, 1)),),
            "role 'r' requires unknown 'b'",
        ),
        (
            {"producers": {"copywriting": ["a"]}},
            (role("r", "producers", "copywriting", "intern"),),
            "role 'r' has an unknown stage 'intern'",
        ),
        (
            {"producers": {"copywriting": ["a"]}},
            (role("r", "producers", "copywriting", "specialist", ("a", 6, 1)),),
            "role 'r' requires 'a' at level 6 with weight 1",
        ),
        (
            {"producers": {"copywriting": ["a"]}},
            (role("r", "architects", "seo", "specialist"),),
            "role 'r' has an unknown layer 'architects'; role 'r' has an unknown discipline 'seo'",
        ),
    ],
)
def test_an_inconsistent_catalogue_is_refused(layers, roles, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        build(layers, roles)


def test_role_leadership_follows_its_stage():
    assert [r.is_leadership for r in ROLES] == [False, False, True, True, True]


def test_still_offered_leaves_out_what_the_catalogue_retired():
    given = still_offered(
        CATALOGUE,
        {"headlines": 3, "retired-competency": 5},
        ["seo", "retired-discipline"],
        "retired-role",
    )
    assert given == ScoringInput({"headlines": 3}, ("seo",), None)
    kept = still_offered(CATALOGUE, {"headlines": 3}, [], "copywriter")
    assert kept.target_role == "copywriter"
