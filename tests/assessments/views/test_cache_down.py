"""With Redis down, people still log in and use every page: sessions come from the
database, failed logins are still counted (in the database), downloads go uncounted, the
catalogue is read afresh, and the log and the health endpoint say the cache is degraded.

The cache is Redis on a closed port: each call is refused at once. That a Redis which does
not answer costs no more than its timeouts is tested in tests/test_cache.py.
"""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from assessments import tokens
from assessments.services.assessments import start_assessment
from assessments.services.teams import create_team
from careers.models import Role
from careers.versioning import catalogue_version
from tests.assessments.conftest import form_data, levels_for, page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-2026"
DEAD_REDIS = {
    "default": {
        "BACKEND": "config.cache.DegradingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
    }
}
WARNING = "Redis cannot be reached"


@pytest.fixture(autouse=True)
def redis_down(settings, caplog):
    settings.CACHES = DEAD_REDIS
    # Parts of pages and the catalogue's copy are kept as in production.
    settings.CATALOGUE_CACHE_SECONDS = 300
    caplog.set_level(logging.WARNING, logger="config.cache")


@pytest.fixture
def ada(db):
    return UserFactory(username="ada", email="ada@example.com", password=PASSWORD)


def log_in(client, username="ada", password=PASSWORD, address="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def warnings_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "config.cache"]


def test_logging_in_works_and_the_session_holds_across_requests(client, ada, caplog):
    assertRedirects(log_in(client), "/me/", fetch_redirect_response=False)
    assert client.get("/me/").status_code == 200
    assert client.get("/account/").status_code == 200
    assert client.session["_auth_user_id"] == str(ada.pk)
    # Once for the outage, however many calls the requests made to the cache.
    [message] = warnings_logged(caplog)
    assert message.startswith(f"{WARNING} (Error 111 connecting to 127.0.0.1:1.")


def test_logging_out_ends_the_session(client, ada):
    log_in(client)
    client.post("/accounts/logout/")
    assertRedirects(client.get("/me/"), "/accounts/login/?next=/me/")


def test_failed_logins_still_pause_the_account_from_that_address(client, ada):
    for _ in range(4):
        assert log_in(client, password="wrong").status_code == 200
    assert log_in(client, password="wrong").status_code == 429
    response = log_in(client)
    assertContains(response, "Too many failed log-ins", status_code=429)
    assert "_auth_user_id" not in client.session


def test_a_lock_does_not_reach_anyone_else(client, ada):
    UserFactory(username="bob", password=PASSWORD)
    for _ in range(5):
        log_in(client, password="wrong")
    assert log_in(client, "bob", address="10.0.0.9").status_code == 302


def test_catalogue_and_role_pages_show_a_change_at_once(client, small_catalogue):
    assertContains(client.get("/roles/copywriter/"), "<h1>Copywriter</h1>", html=True)
    role = Role.objects.get(slug="copywriter")
    role.name = "Senior copywriter"
    role.save()
    assertContains(client.get("/roles/copywriter/"), "<h1>Senior copywriter</h1>", html=True)
    assert client.get("/catalogue/").status_code == 200
    # No stamp is kept: each read is a new version, so every copy is built afresh.
    assert catalogue_version() != catalogue_version()


def test_rating_and_submitting_an_assessment(client, ada, catalogue):
    client.force_login(ada)
    draft = start_assessment(ada)[0]
    edit = f"/me/assessments/{draft.pk}/edit/"
    data = form_data(page(client.get(edit)), "assessment-form")
    for slug, level in levels_for(catalogue, 3).items():
        data[f"level-{slug}"] = str(level)
    assertRedirects(
        client.post(edit, {**data, "action": "submit"}),
        f"/me/assessments/{draft.pk}/",
        fetch_redirect_response=False,
    )
    assert client.get(f"/me/assessments/{draft.pk}/").status_code == 200
    draft.refresh_from_db()
    assert draft.status == draft.Status.SUBMITTED


def test_team_pages_exports_and_uploads(client, ada, catalogue, settings):
    settings.EXPORT_RATE_LIMIT = "2/m"
    settings.IMPORT_RATE_LIMIT = "1/h"
    create_team("Studio", ada)
    client.force_login(ada)
    assert client.get("/teams/studio/").status_code == 200
    assert client.get("/teams/studio/coverage/").status_code == 200
    # Nothing counts downloads or uploads while the cache is down: past the limit, served.
    exports = ["/teams/studio/export/heatmap.csv", "/account/export/", "/account/export/"]
    assert [client.get(url).status_code for url in exports] == [200, 200, 200]
    uploads = [
        client.post("/teams/studio/import/", {"sheet": SimpleUploadedFile("r.csv", b"")})
        for _ in range(2)
    ]
    # An empty file: refused for what it holds, not for the count.
    assert [response.status_code for response in uploads] == [422, 422]


def test_the_api_with_a_token(client, ada, catalogue):
    token = tokens.create_token(ada, "Script", now=timezone.now()).plaintext
    headers = {"Authorization": f"Bearer {token}"}
    response = client.get("/api/v1/me/assessments/", headers=headers)
    assert response.status_code == 200
    assert client.get("/api/v1/roles/", headers=headers).status_code == 200


def test_the_api_limit_still_counts_each_token(client, ada, settings):
    settings.API_RATE_LIMIT = "2/m"
    token = tokens.create_token(ada, "Script", now=timezone.now()).plaintext
    headers = {"Authorization": f"Bearer {token}"}
    statuses = [client.get("/api/v1/me/assessments/", headers=headers).status_code for _ in "abc"]
    assert statuses == [200, 200, 429]


def test_the_health_endpoint_says_the_cache_is_degraded(client, caplog):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "migrations": "ok",
        "cache": "degraded",
        "tasks": "ok",
    }
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert warnings_logged(caplog)[0].startswith(WARNING)
