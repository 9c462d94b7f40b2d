"""How people are named to others: their full name, or else their username."""

import pytest

from assessments.domain.names import name_of, names_together, person_name


@pytest.mark.parametrize(
    ("first", "last", "username", "shown"),
    [
        ("Ada", "Lovelace", "ada", "Ada Lovelace"),
        ("Ada", "", "ada", "Ada"),
        ("", "Lovelace", "ada", "Lovelace"),
        ("", "", "ada", "ada"),
        ("  ", " ", "ada", "ada"),
        (" Ada", "Lovelace ", "ada", "Ada Lovelace"),
    ],
)
def test_a_person_is_named_by_their_full_name_or_else_their_username(first, last, username, shown):
    assert person_name(first, last, username) == shown


class Account:
    def __init__(self, first_name: str, last_name: str, username: str):
        self.first_name, self.last_name, self.username = first_name, last_name, username

    def get_username(self) -> str:
        return self.username


@pytest.mark.parametrize(
    ("account", "shown"),
    [(Account("Ada", "Lovelace", "ada"), "Ada Lovelace"), (Account(" ", "", "ada"), "ada")],
)
def test_an_account_in_hand_is_named_by_the_same_rule(account, shown):
    assert name_of(account) == shown


@pytest.mark.parametrize(
    ("names", "said"),
    [
        ([], ""),
        (["Ada"], "Ada"),
        (["Ada", "Bo"], "Ada and Bo"),
        (["Ada", "Bo", "Cy"], "Ada, Bo and Cy"),
    ],
)
def test_names_are_said_together_as_a_sentence_says_them(names, said):
    assert names_together(names) == said
