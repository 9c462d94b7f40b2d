"""Exports are rate-limited per person: past the limit, a clear 429, nothing built."""

import pytest
from pytest_django.asserts import assertContains

from assessments.services.teams import create_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.EXPORT_RATE_LIMIT = "2/m"


def test_account_export_is_limited(user_client, limited):
    assert [user_client.get("/account/export/").status_code for _ in range(2)] == [200, 200]
    response = user_client.get("/account/export/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assertContains(response, "Too many requests", status_code=429)


def test_team_exports_share_the_limit(user_client, user, limited, catalogue):
    create_team("Studio", user)
    assert user_client.get("/teams/studio/export/heatmap.csv").status_code == 200
    assert user_client.get("/teams/studio/export/coverage.csv").status_code == 200
    assert user_client.get("/teams/studio/export/heatmap.csv").status_code == 429


def test_the_limit_is_per_person(client, user, limited, django_user_model):
    other = django_user_model.objects.create_user("bob", "bob@example.com", "x" * 20)
    client.force_login(user)
    for _ in range(3):
        client.get("/account/export/")
    client.force_login(other)
    assert client.get("/account/export/").status_code == 200
