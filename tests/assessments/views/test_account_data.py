"""Downloading all of one's data, and deleting the account with everything in it."""

import json

import pytest
from django.contrib.auth import get_user_model
from pytest_django.asserts import assertContains, assertRedirects

from assessments.models import Assessment, Notice, Rating
from tests.factories import (
    AssessmentFactory,
    CompetencyFactory,
    DisciplineFactory,
    RatingFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(user):
    competency = CompetencyFactory(slug="keyword-research", name="Keyword research")
    discipline = DisciplineFactory(slug="seo", name="SEO")
    draft = AssessmentFactory(
        owner=user, target_role=RoleFactory(slug="seo-specialist"), country="GB"
    )
    draft.interests.add(discipline)
    RatingFactory(
        assessment=draft, competency=competency, level=3, evidence="https://example.com/audit"
    )
    return draft


def test_export_downloads_everything_as_json(user_client, user, owned):
    other = UserFactory()
    AssessmentFactory(owner=other)
    response = user_client.get("/account/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith(f'attachment; filename="t-profile-{user.pk}-')
    data = json.loads(response.content)
    assert data["account"]["username"] == "ada"
    assert data["account"]["email"] == "ada@example.com"
    assert len(data["assessments"]) == 1
    exported = data["assessments"][0]
    assert exported["status"] == "draft"
    assert exported["target_role"] == "seo-specialist"
    assert exported["country"] == "GB"
    assert exported["interests"] == ["seo"]
    assert exported["ratings"] == [
        {
            "competency": "keyword-research",
            "name": "Keyword research",
            "level": 3,
            "evidence": "https://example.com/audit",
        }
    ]
    assert exported["result"] is None
    assert data["teams"] == []
    assert data["notices"] == []
    assert data["api_tokens"] == []
    assert data["share_links"] == []


def test_export_lists_teams_and_tokens_without_secrets(user_client, user, owned):
    from django.utils import timezone

    from assessments import tokens
    from assessments.services.teams import create_team

    create_team("Studio", user)
    new = tokens.create_token(user, "laptop", now=timezone.now())
    told = Notice.objects.create(user=user, text="Bea Boss removed you from “Team A”.")
    data = json.loads(user_client.get("/account/export/").content)
    assert data["notices"] == [
        {"text": "Bea Boss removed you from “Team A”.", "created_at": told.created_at.isoformat()}
    ]
    assert [(t["team"], t["slug"], t["role"]) for t in data["teams"]] == [
        ("Studio", "studio", "manager")
    ]
    assert [(t["name"], t["prefix"], t["revoked_at"]) for t in data["api_tokens"]] == [
        ("laptop", new.token.prefix, None)
    ]
    assert new.plaintext not in json.dumps(data)


def test_export_runs_a_fixed_number_of_queries(user_client, user, owned, django_assert_num_queries):
    with django_assert_num_queries(8):
        user_client.get("/account/export/")
    for _ in range(5):
        Assessment.objects.create(
            owner=user,
            status="submitted",
            submitted_at=owned.created_at,
            result={},
            depth=0,
            breadth=0,
        )
    with django_assert_num_queries(8):
        user_client.get("/account/export/")


def test_export_needs_login(client):
    assertRedirects(client.get("/account/export/"), "/accounts/login/?next=/account/export/")


def test_delete_asks_for_the_password_and_keeps_everything_on_a_wrong_one(user_client, owned):
    response = user_client.get("/account/delete/")
    assertContains(response, "It cannot be undone.")
    response = user_client.post("/account/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assertContains(response, "That is not your password; nothing was deleted.")
    assert get_user_model().objects.filter(username="ada").exists()
    assert Rating.objects.count() == 1


def test_delete_removes_the_account_and_its_data(client, owned):
    user = owned.owner
    user.set_password("the-right-password-here")
    user.save()
    client.force_login(user)
    keep = AssessmentFactory(owner=UserFactory())
    response = client.post("/account/delete/", {"password": "the-right-password-here"}, follow=True)
    assertRedirects(response, "/")
    assertContains(response, "Your account and all its data have been deleted.")
    assert not get_user_model().objects.filter(username="ada").exists()
    assert list(Assessment.objects.all()) == [keep]
    assert Rating.objects.count() == 0
    assert "_auth_user_id" not in client.session


def test_export_lists_share_links_without_their_tokens(user_client, user, small_catalogue):
    from django.utils import timezone

    from assessments.domain.sharing import Include
    from assessments.services.shares import create_share, revoke_shares
    from tests.factories import SubmittedAssessmentFactory

    profile = SubmittedAssessmentFactory(owner=user)
    first = create_share(profile, Include(), days=7, now=timezone.now())
    second = create_share(profile, Include(name=True, roles=True), days=90, now=timezone.now())
    revoke_shares(profile, now=timezone.now())
    data = json.loads(user_client.get("/account/export/").content)
    first.link.refresh_from_db()
    second.link.refresh_from_db()
    assert data["share_links"] == [
        {
            "assessment": profile.pk,
            "shows": shows,
            "created_at": new.link.created_at.isoformat(),
            "expires_at": new.link.expires_at.isoformat(),
            "revoked_at": new.link.revoked_at.isoformat(),
        }
        for new, shows in [
            (first, ["T and scores"]),
            (second, ["T and scores", "name", "top roles"]),
        ]
    ]
    for new in (first, second):
        assert new.token not in json.dumps(data)
