"""The catalogue's version stamp and the cached snapshot built on it."""

import pytest
from django.core.cache import cache

from assessments.queries import catalogue as catalogue_queries
from assessments.queries.catalogue import current_catalogue
from careers.versioning import bump_catalogue_version, catalogue_version
from tests.factories import CompetencyFactory, RoleFactory, RoleRequirementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    catalogue_queries._memo.update(version=None, catalogue=None, built=0.0)
    yield
    catalogue_queries._memo.update(version=None, catalogue=None, built=0.0)


def test_the_version_is_stable_until_the_catalogue_changes(cached):
    first = catalogue_version()
    assert catalogue_version() == first
    bump_catalogue_version()
    assert catalogue_version() != first


def test_saving_or_deleting_any_catalogue_row_changes_the_version(cached):
    before = catalogue_version()
    competency = CompetencyFactory()
    after_save = catalogue_version()
    assert after_save != before
    competency.delete()
    assert catalogue_version() != after_save


def test_the_snapshot_is_reused_while_the_version_holds(cached, django_assert_num_queries):
    competency = CompetencyFactory(slug="keyword-research")
    RoleRequirementFactory(competency=competency, role__discipline=competency.discipline)
    with django_assert_num_queries(7):
        first = current_catalogue()
    with django_assert_num_queries(0):
        assert current_catalogue() is first


def test_a_catalogue_change_rebuilds_the_snapshot(cached):
    CompetencyFactory(slug="keyword-research")
    first = current_catalogue()
    RoleFactory(slug="seo-specialist")
    second = current_catalogue()
    assert second is not first
    assert "seo-specialist" in second.role_by_slug
    assert "seo-specialist" not in first.role_by_slug


def test_without_caching_every_call_reads_the_database(settings, django_assert_num_queries):
    settings.CATALOGUE_CACHE_SECONDS = 0
    competency = CompetencyFactory(slug="keyword-research")
    RoleRequirementFactory(competency=competency, role__discipline=competency.discipline)
    with django_assert_num_queries(7):
        current_catalogue()
    with django_assert_num_queries(7):
        current_catalogue()
