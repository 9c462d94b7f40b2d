"""How people are named to others: their full name, or else their username."""

import pytest

from assessments.domain.names import person_name


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
