"""Pages whose costly parts are kept in the cache: the same page as without the cache,
fewer queries, and a change to what they depend on shows at once."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from careers.models import Role
from tests.assessments.conftest import levels_for

OWN = re.compile(r'nonce="[^"]+"|"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def caching(settings):
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def same_page(first, second) -> bool:
    """The same HTML but for what each response has of its own: CSP nonce and CSRF token."""
    return OWN.sub("", first.content.decode()) == OWN.sub("", second.content.decode())


@pytest.fixture
def profile(user, catalogue, submit):
    submit(user, levels_for(catalogue, 2, ab_testing=5))
    latest = submit(
        user,
        levels_for(catalogue, 3),
        settings={"target_role": Role.objects.get(slug="marketing-director")},
    )
    return reverse("assessments:profile", kwargs={"pk": latest.pk})


def test_profile_body_is_rendered_once(user_client, profile, settings, django_assert_num_queries):
    uncached = user_client.get(profile)
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    user_client.get(profile)
    # Session, user, the assessment and the one before it: nothing else while kept.
    with django_assert_num_queries(4):
        cached = user_client.get(profile)
    assert same_page(uncached, cached)
    cache.clear()


def test_profile_follows_a_catalogue_change_at_once(user_client, profile, caching):
    link = 'href="/roles/marketing-director/"'
    assert link in user_client.get(profile).content.decode()
    role = Role.objects.get(slug="marketing-director")
    role.is_active = False
    role.save()
    # A retired role is still named (the profile is frozen) but no longer linked.
    assert link not in user_client.get(profile).content.decode()
