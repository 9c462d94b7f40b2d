"""One slug rule for the catalogue: the shipped files, the admin and the CSV sheets."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from careers.models import Layer
from careers.validators import is_slug, validate_slug
from tests.careers.test_import_export import row_errors, upload


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seo", True),
        ("paid-search", True),
        ("web3-growth-2", True),
        ("a", True),
        ("", False),
        ("Paid-search", False),
        ("paid_search", False),
        ("paid--search", False),
        ("-paid", False),
        ("paid-", False),
        ("paid search", False),
        ("paid-search\n", False),
        ("café", False),
        (None, False),
        (3, False),
    ],
)
def test_a_slug_is_lowercase_words_joined_by_single_hyphens(text, expected):
    assert is_slug(text) is expected


def test_the_validator_names_the_rule():
    validate_slug("paid-search")
    with pytest.raises(ValidationError) as error:
        validate_slug("Paid_Search")
    assert error.value.messages == [
        "Enter a slug of lowercase words joined by hyphens, such as “paid-search”."
    ]


def test_the_admin_refuses_a_slug_that_breaks_the_rule(staff_client):
    response = staff_client.post(
        reverse("admin:careers_layer_add"),
        {
            "name": "Growers",
            "slug": "Growers_2",
            "order": "5",
            "is_active": "on",
            "purpose": "Grow.",
            "metaphor": "Seeds.",
            "description": "Grows things.",
            "depends_on": "",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "Enter a slug of lowercase words joined by hyphens, such as “paid-search”."
    ]
    assert not Layer.objects.filter(name="Growers").exists()


def test_a_sheet_refuses_a_slug_that_breaks_the_rule(staff_client, small_catalogue):
    sheet = (
        "slug,name,discipline,order,description,is_active\n"
        "Short_Copy,Short copy,copywriting,4,Writes short.,0\n"
    )
    response = upload(staff_client, "competency", sheet)

    assert row_errors(response) == {
        1: ["Enter a slug of lowercase words joined by hyphens, such as “paid-search”."]
    }


WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1), min_size=1)


@given(WORDS)
def test_lowercase_words_joined_by_hyphens_always_make_a_slug(words):
    assert is_slug("-".join(words))


@given(WORDS, st.characters().filter(lambda c: c not in "abcdefghijklmnopqrstuvwxyz0123456789-"))
def test_any_other_character_breaks_a_slug(words, character):
    for at in range(len(words) + 1):
        assert not is_slug("-".join([*words[:at], character, *words[at:]]))
