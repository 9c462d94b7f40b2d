"""Who may call the API: personal tokens (and every way one is refused), the session with
its CSRF token, and the JSON shape of every refusal."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from assessments import tokens
from assessments.models import ApiToken, Assessment
from tests.assessments.api.api_support import API, bearer
from tests.factories import AssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

REQUIRED = (
    "Authentication required: send a personal API token as “Authorization: Bearer <token>”, "
    "or sign in to use the session."
)

PROTECTED = [
    ("get", "/me/assessments/"),
    ("post", "/me/assessments/"),
    ("get", "/me/assessments/1"),
    ("patch", "/me/assessments/1"),
    ("put", "/me/assessments/1"),
    ("post", "/me/assessments/1/submit"),
    ("get", "/me/profile"),
    ("get", "/me/history/"),
    ("post", "/score"),
    ("get", "/teams/"),
    ("get", "/teams/growth/coverage"),
    ("get", "/teams/growth/members/1/profile"),
]


def call(client, method, path, **kwargs):
    return getattr(client, method)(f"{API}{path}", content_type="application/json", **kwargs)


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_every_personal_endpoint_needs_authentication(client, small_catalogue, method, path):
    response = call(client, method, path)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {"detail": REQUIRED}


@pytest.fixture
def issued(user):
    return tokens.create_token(user, "Script", now=timezone.now())


def with_token(text: str) -> dict:
    return {"Authorization": f"Bearer {text}"}


def test_a_token_authenticates_as_its_owner(client, user, issued, small_catalogue):
    AssessmentFactory(owner=user)
    response = client.get(f"{API}/me/assessments/", headers=with_token(issued.plaintext))
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Bearer tp_not-a-token", "The API token is not valid."),
        ("Bearer not-even-the-format", "The API token is not valid."),
        ("Bearer ", "The API token is not valid."),
        ("Token tp_abc", "Send the API token as “Authorization: Bearer <token>”."),
        ("Basic YWRhOnNlY3JldA==", "Send the API token as “Authorization: Bearer <token>”."),
    ],
)
def test_a_refused_token_is_401(client, small_catalogue, header, detail):
    response = client.get(f"{API}/me/profile", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json() == {"detail": detail}


def test_an_expired_token_is_401(client, user, small_catalogue):
    issued = tokens.create_token(user, "Short", now=timezone.now() - dt.timedelta(days=2), days=1)
    response = client.get(f"{API}/me/profile", headers=with_token(issued.plaintext))
    assert response.status_code == 401
    assert response.json() == {"detail": "The API token has expired."}


def test_a_revoked_token_is_401(client, issued, small_catalogue):
    tokens.revoke_token(issued.token, now=timezone.now())
    response = client.get(f"{API}/me/profile", headers=with_token(issued.plaintext))
    assert response.status_code == 401
    assert response.json() == {"detail": "The API token has been revoked."}


def test_a_disabled_accounts_token_is_401(client, user, issued, small_catalogue):
    user.is_active = False
    user.save()
    response = client.get(f"{API}/me/profile", headers=with_token(issued.plaintext))
    assert response.status_code == 401
    assert response.json() == {"detail": "The API token's account is disabled."}


def test_a_refused_token_does_not_fall_back_to_the_session(user_client, issued, small_catalogue):
    tokens.revoke_token(issued.token, now=timezone.now())
    response = user_client.get(f"{API}/me/assessments/", headers=with_token(issued.plaintext))
    assert response.status_code == 401


def test_last_used_is_recorded_at_most_once_a_minute(client, issued, small_catalogue):
    assert issued.token.last_used_at is None
    client.get(f"{API}/me/assessments/", headers=with_token(issued.plaintext))
    first = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert first is not None
    assert timezone.now() - first < dt.timedelta(seconds=30)

    client.get(f"{API}/me/assessments/", headers=with_token(issued.plaintext))
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at == first

    earlier = first - dt.timedelta(minutes=2)
    ApiToken.objects.filter(pk=issued.token.pk).update(last_used_at=earlier)
    client.get(f"{API}/me/assessments/", headers=with_token(issued.plaintext))
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at > first


def test_a_recent_use_costs_no_write(client, issued, small_catalogue, django_assert_num_queries):
    client.get(f"{API}/me/profile", headers=with_token(issued.plaintext))
    # the token with its user, the call counted (savepoint, lock, write, release), then the
    # latest profile: the token itself is not written
    with django_assert_num_queries(1 + 4 + 1) as context:
        client.get(f"{API}/me/profile", headers=with_token(issued.plaintext))
    assert not [q for q in context.captured_queries if 'UPDATE "assessments_apitoken"' in q["sql"]]


# --- the session ----------------------------------------------------------------------------


@pytest.fixture
def csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_token(client) -> str:
    # Any page with a form sets the cookie; the account page is one.
    client.get("/account/")
    return client.cookies["csrftoken"].value


def test_the_session_reads_without_a_csrf_token(csrf_client, small_catalogue):
    assert csrf_client.get(f"{API}/me/assessments/").status_code == 200


def test_a_session_write_without_the_csrf_token_is_403(csrf_client, user, small_catalogue):
    response = csrf_client.post(f"{API}/me/assessments/")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "The CSRF check failed: send the csrftoken cookie's value in the "
        "X-CSRFToken header, or authenticate with an API token instead of the session."
    }
    assert not Assessment.objects.filter(owner=user).exists()


def test_a_session_write_with_the_csrf_token_works(csrf_client, user, small_catalogue):
    response = csrf_client.post(
        f"{API}/me/assessments/", headers={"X-CSRFToken": csrf_token(csrf_client)}
    )
    assert response.status_code == 201
    assert Assessment.objects.filter(owner=user).count() == 1


@pytest.mark.parametrize("method", ["patch", "put"])
def test_session_patch_and_put_need_the_csrf_token(csrf_client, user, small_catalogue, method):
    draft = AssessmentFactory(owner=user)
    response = getattr(csrf_client, method)(
        f"{API}/me/assessments/{draft.pk}",
        {"levels": {"headlines": 2}, "country": "US", "experience_level": "mid"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not draft.ratings.exists()


def test_a_token_needs_no_csrf_token(user, issued, small_catalogue):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"{API}/me/assessments/", headers=with_token(issued.plaintext))
    assert response.status_code == 201


def test_an_anonymous_write_is_401_not_a_csrf_failure(small_catalogue):
    response = Client(enforce_csrf_checks=True).post(f"{API}/me/assessments/")
    assert response.status_code == 401


def test_one_persons_token_never_reaches_anothers_data(client, user, small_catalogue):
    theirs = AssessmentFactory(owner=UserFactory(username="grace"))
    headers = bearer(user)
    for method, path in [
        ("get", f"/me/assessments/{theirs.pk}"),
        ("patch", f"/me/assessments/{theirs.pk}"),
        ("post", f"/me/assessments/{theirs.pk}/submit"),
    ]:
        response = call(client, method, path, data={}, headers=headers)
        assert response.status_code == 404, path
