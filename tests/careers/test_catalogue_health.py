"""The curator's home: the catalogue's health on one admin page (careers.admin_health)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.careers.test_admin import count_queries, grow
from tests.factories import SalaryBandFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/catalogue/health/"
ALL_LEVELS = "no level description for level 1, 2, 3, 4, 5"
NO_RESOURCE = "no learning resource, so next actions suggest nothing"


def test_the_page_lists_what_needs_attention_entry_by_entry(staff_client, small_catalogue):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert [(finding.name, finding.problem) for finding in response.context["findings"]] == [
        ("Keyword research", ALL_LEVELS),
        ("Keyword research", NO_RESOURCE),
        ("Landing page copy", ALL_LEVELS),
        ("Landing page copy", NO_RESOURCE),
        ("Retired skill", ALL_LEVELS),
        ("Content Strategist", "0 requirements: fewer than 3 match almost anyone"),
        ("Content Strategist", "no salary band: its page says the source gives no figures"),
        ("SEO Specialist", "0 requirements: fewer than 3 match almost anyone"),
        ("SEO Specialist", "no salary band: its page says the source gives no figures"),
    ]
    strategist = small_catalogue["copywriter"].transitions_out.get().to_role
    change = reverse("admin:careers_role_change", args=[strategist.pk])
    assertContains(
        response,
        f'<tr><th scope="row"><a href="{change}">Content Strategist</a> (role)</th>'
        "<td>No salary band: its page says the source gives no figures.</td></tr>",
        html=True,
    )
    assertContains(response, "<caption>Competencies and roles to look at (9)</caption>", html=True)
    assertContains(response, "No band pays less than the level below it")


def test_the_page_counts_the_source_s_facts_and_the_editorial_ones(staff_client, small_catalogue):
    small_catalogue["copywriter"].salary_bands.filter(country="US").update(basis="source")
    bases = staff_client.get(URL).context["bases"]
    assert [(c.kind, c.source, c.editorial) for c in bases] == [
        ("Layers", 0, 2),
        ("Disciplines", 0, 3),
        ("Competencies", 0, 4),
        ("Roles", 0, 4),
        ("Requirements", 0, 3),
        ("Moves between roles", 0, 2),
        ("Salary bands", 2, 2),
    ]


def test_bands_that_look_wrong_are_listed_with_their_role(staff_client, small_catalogue):
    SalaryBandFactory(
        role=small_catalogue["copywriter"],
        country="US",
        experience_level="mid",
        low=40_000,
        high=60_000,
    )
    response = staff_client.get(URL)
    copywriter = reverse("admin:careers_role_change", args=[small_catalogue["copywriter"].pk])
    assertContains(
        response,
        f'<tr><th scope="row"><a href="{copywriter}">Copywriter</a></th><td>United States</td>'
        "<td>Mid level (40,000–60,000) pays less than Entry level (50,000–70,000): are the "
        "levels swapped?</td></tr>",
        html=True,
    )


def test_the_admin_index_leads_to_it(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assertContains(response, f'<a href="{URL}">Catalogue health</a>', html=True)


def test_only_curators_who_may_read_roles_see_it(client, user):
    assert client.get(URL).status_code == 302
    client.force_login(user)
    assert client.get(URL).status_code == 302
    staff = UserFactory(username="helpdesk", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    assertNotContains(client.get(reverse("admin:index")), "Catalogue health")
    staff.user_permissions.add(
        Permission.objects.get(codename="view_role", content_type__app_label="careers")
    )
    assert client.get(URL).status_code == 200


def test_the_page_costs_the_same_queries_however_big_the_catalogue(staff_client):
    grow(2)
    few = count_queries(staff_client, URL)
    grow(12)
    assert count_queries(staff_client, URL) == few
