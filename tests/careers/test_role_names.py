"""The other names people use for a role: on its page, found by the roles list's search,
and filled in from the source for databases loaded before roles had them."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import Role

pytestmark = pytest.mark.django_db


def test_a_role_page_gives_the_other_names_people_use(client, catalogue):
    assertContains(
        client.get("/roles/ppc-specialist/"),
        '<p class="mb-1">Also called <span class="fw-semibold">Pay-Per-Click Specialist</span>'
        ' or <span class="fw-semibold">Digital Advertising Specialist</span>.</p>',
        html=True,
    )
    assertNotContains(client.get("/roles/copywriter/"), "Also called")


@pytest.mark.parametrize(
    ("search", "status", "roles"),
    [
        ("content  MARKETER", "1 role matches “content MARKETER”.", ["Content Strategist"]),
        (
            "growth",
            "1 role matches “growth”.",
            ["Demand Generation / Growth Marketer"],
        ),
        (
            "director",
            "1 role matches “director”.",
            ["Head of Digital / Marketing Director"],
        ),
        (
            "specialist",
            "6 roles match “specialist”.",
            [
                "SEO Specialist",
                "Social Media Manager",
                "Email Marketing Manager",
                "PPC / SEM Specialist",
                "CRO Specialist",
                "Marketing Analytics Specialist",
            ],
        ),
        ("astronaut", "No role matches “astronaut”. Try part of a name, such as “marketer”.", []),
    ],
)
def test_the_roles_list_finds_a_role_by_any_of_its_names(client, catalogue, search, status, roles):
    response = client.get("/roles/", {"q": search})
    assertContains(response, f'<p role="status">{status}</p>', html=True)
    found = re.findall(
        r'<th scope="row"><a href="/roles/[a-z-]+/">([^<]+)</a>', response.content.decode()
    )
    assert found == roles


def test_a_database_loaded_before_other_names_gets_the_source_s(catalogue):
    fill = import_module("careers.migrations.0009_role_aliases_from_the_source").fill
    Role.objects.filter(slug__in=["cmo", "copywriter"]).update(aliases="")
    Role.objects.filter(slug="cro-specialist").update(aliases="Optimiser")
    fill(apps, None)
    assert Role.objects.get(slug="cmo").alias_list == ["Chief Marketing Officer", "VP of Marketing"]
    assert Role.objects.get(slug="copywriter").aliases == ""
    assert Role.objects.get(slug="cro-specialist").aliases == "Optimiser"
