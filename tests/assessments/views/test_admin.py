"""Support admin: teams with their members, and API tokens that can only be revoked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from assessments import tokens
from assessments.models import ApiToken
from assessments.services.teams import create_team, join_team
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_token_list_never_shows_secrets_and_queries_do_not_grow(staff_client):
    first = tokens.create_token(UserFactory(), "laptop", now=timezone.now())
    url = reverse("admin:assessments_apitoken_changelist")
    response = staff_client.get(url)
    assertContains(response, first.token.prefix)
    assertNotContains(response, first.plaintext)
    assertNotContains(response, first.token.key_hash)
    few = queries_for(staff_client, url)
    for index in range(10):
        tokens.create_token(UserFactory(), f"token {index}", now=timezone.now())
    assert queries_for(staff_client, url) == few


def test_tokens_cannot_be_added_in_the_admin(staff_client):
    assert staff_client.get(reverse("admin:assessments_apitoken_add")).status_code == 403


def test_revoke_action(staff_client):
    new = tokens.create_token(UserFactory(), "laptop", now=timezone.now())
    response = staff_client.post(
        reverse("admin:assessments_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [new.token.pk]},
        follow=True,
    )
    assertContains(response, "Revoked 1 token.")
    assert ApiToken.objects.get().revoked_at is not None


def test_team_admin_lists_member_counts_in_fixed_queries(staff_client):
    boss = UserFactory()
    team = create_team("Studio", boss)
    join_team(team, UserFactory())
    url = reverse("admin:assessments_team_changelist")
    response = staff_client.get(url)
    assertContains(response, '<td class="field-member_count">2</td>', html=True)
    few = queries_for(staff_client, url)
    for index in range(10):
        create_team(f"Team {index}", UserFactory())
    assert queries_for(staff_client, url) == few
    change = staff_client.get(reverse("admin:assessments_team_change", args=[team.pk]))
    assert change.status_code == 200
