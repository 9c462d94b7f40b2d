"""Catalogue page parts kept in the cache: reused while the catalogue holds, rebuilt at
once when it changes, never kept for text a visitor made up."""

import re

import pytest
from django.core.cache import cache
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import Role, SalaryBand

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching(settings):
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_role_page_is_built_once_while_the_catalogue_holds(
    client, small_catalogue, caching, django_assert_num_queries
):
    with django_assert_num_queries(5):
        first = client.get("/roles/copywriter/")
    with django_assert_num_queries(0):
        second = client.get("/roles/copywriter/")
    # The same page but for what each response has of its own: CSP nonce and CSRF token.
    own = re.compile(r'nonce="[^"]+"|"X-CSRFToken": "[^"]+"')
    assert own.sub("", second.content.decode()) == own.sub("", first.content.decode())
    assertContains(second, "<title>Copywriter · T-Profile</title>", html=True)


def test_a_catalogue_change_shows_at_once(client, small_catalogue, caching):
    client.get("/roles/copywriter/")
    role = Role.objects.get(slug="copywriter")
    role.name = "Senior copywriter"
    role.save()
    response = client.get("/roles/copywriter/")
    assertContains(response, "<title>Senior copywriter · T-Profile</title>", html=True)


def test_a_salary_change_shows_in_the_htmx_part_at_once(client, small_catalogue, caching):
    htmx = {"HX-Request": "true"}
    client.get("/roles/copywriter/?country=GB", headers=htmx)
    band = SalaryBand.objects.filter(role__slug="copywriter", country="GB").first()
    band.low, band.high = 12_345, 23_456
    band.save()
    response = client.get("/roles/copywriter/?country=GB", headers=htmx)
    assertContains(response, "12,345")


def test_page_and_htmx_part_are_kept_apart(client, small_catalogue, caching):
    client.get("/roles/copywriter/?country=GB")
    part = client.get("/roles/copywriter/?country=GB", headers={"HX-Request": "true"})
    assertNotContains(part, "<html")
    page = client.get("/roles/copywriter/?country=GB")
    assertContains(page, "<html")


def test_an_unknown_country_is_answered_but_not_kept(
    client, small_catalogue, caching, django_assert_num_queries
):
    for _ in range(2):
        with django_assert_num_queries(5):
            response = client.get("/roles/copywriter/?country=Atlantis")
        assertContains(response, "Atlantis")


def test_an_unknown_role_is_still_404(client, small_catalogue, caching):
    assert client.get("/roles/no-such-role/").status_code == 404
    assert client.get("/roles/no-such-role/").status_code == 404
