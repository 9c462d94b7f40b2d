"""POST /api/v1/me/assessments/{id}/share makes a share link, DELETE revokes it; only the
caller's own submitted assessments can be shared."""

import datetime as dt

import pytest
from django.utils import timezone

from assessments.models import ShareLink
from assessments.services.assessments import start_assessment
from assessments.tokens import hash_token
from tests.assessments.api.api_support import API, bearer, iso
from tests.assessments.conftest import page
from tests.factories import SubmittedAssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

LEVELS = {"headlines": 4, "landing-copy": 2, "keyword-research": 1}


@pytest.fixture
def owner(db):
    return UserFactory(username="ada", first_name="Ada", last_name="Lovelace")


@pytest.fixture
def profile(small_catalogue, owner):
    return SubmittedAssessmentFactory(
        owner=owner, levels=LEVELS, evidence={"headlines": "https://example.com/spring"}
    )


def url(assessment) -> str:
    return f"{API}/me/assessments/{assessment.pk}/share"


def share(client, assessment, user):
    """POST with no body, as `curl -X POST` sends it."""
    return client.post(url(assessment), content_type="application/json", headers=bearer(user))


def test_a_link_without_a_body_shows_nothing_personal_for_30_days(client, owner, profile):
    before = timezone.now()
    response = share(client, profile, owner)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"url", "expires"}
    link = ShareLink.objects.get()
    assert body["expires"] == iso(link.expires_at)
    assert before + dt.timedelta(days=30) <= link.expires_at
    assert link.expires_at - link.created_at == dt.timedelta(days=30)
    assert body["url"].startswith("http://testserver/shared/")
    token = body["url"].removeprefix("http://testserver/shared/").removesuffix("/")
    assert link.key_hash == hash_token(token)
    assert (link.show_name, link.show_evidence, link.show_roles) == (False, False, False)
    shared = client.get(body["url"])
    assert shared.status_code == 200
    assert page(shared).by_id("sheet-title").text == "A marketer’s T"


def test_what_is_ticked_is_shown_for_the_days_asked(client, owner, profile, settings):
    settings.SITE_URL = "https://t-profile.example.com"
    response = client.post(
        url(profile),
        {"name": True, "evidence": True, "roles": True, "days": 7},
        content_type="application/json",
        headers=bearer(owner),
    )
    assert response.status_code == 201
    address = response.json()["url"]
    assert address.startswith("https://t-profile.example.com/shared/")
    link = ShareLink.objects.get()
    assert link.expires_at - link.created_at == dt.timedelta(days=7)
    root = page(client.get(address.removeprefix("https://t-profile.example.com")))
    assert root.by_id("sheet-title").text == "Ada Lovelace’s T"
    assert len(root.by_id("sheet-evidence").find_all("tbody")[0].find_all("tr")) == 1
    assert len(root.by_id("sheet-roles").find_all("li")) == 3


@pytest.mark.parametrize(
    "body",
    [{"days": 5}, {"days": "30"}, {"name": "yes"}, {"country": True}],
)
def test_a_body_out_of_bounds_is_refused(client, owner, profile, body):
    response = client.post(
        url(profile), body, content_type="application/json", headers=bearer(owner)
    )
    assert response.status_code == 422
    assert not ShareLink.objects.exists()


def test_delete_revokes_the_link_which_then_answers_404(client, owner, profile):
    address = share(client, profile, owner).json()["url"]
    response = client.delete(url(profile), headers=bearer(owner))
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(address).status_code == 404
    assert ShareLink.objects.get().revoked_at is not None
    # Again: nothing left to revoke, the same answer.
    assert client.delete(url(profile), headers=bearer(owner)).status_code == 204


def test_a_new_link_replaces_the_one_before(client, owner, profile):
    first = share(client, profile, owner).json()["url"]
    second = share(client, profile, owner).json()["url"]
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_a_draft_or_someone_elses_assessment_is_a_404(client, owner, profile):
    draft, _ = start_assessment(owner)
    assert share(client, draft, owner).status_code == 404
    assert client.delete(url(draft), headers=bearer(owner)).status_code == 404
    mallory = UserFactory(username="mallory")
    assert share(client, profile, mallory).status_code == 404
    assert client.delete(url(profile), headers=bearer(mallory)).status_code == 404
    assert not ShareLink.objects.exists()


def test_anonymous_callers_are_refused(client, profile):
    assert client.post(url(profile)).status_code == 401
    assert client.delete(url(profile)).status_code == 401
