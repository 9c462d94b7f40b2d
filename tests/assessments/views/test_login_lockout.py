"""Brute force: after 5 failed logins for a username or from an address, logins are
refused for 15 minutes, even with the right password, and on every worker."""

import datetime as dt
import http.client
import re
import secrets
import urllib.parse
from contextlib import closing

import pytest
import redis
from axes.models import AccessAttempt
from pytest_django.asserts import assertContains

from tests.factories import UserFactory
from tests.server import create_user, gunicorn, manage, production_env

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-2026"
LOCKED = "Too many failed log-ins"


@pytest.fixture
def ada(db):
    return UserFactory(username="ada", email="ada@example.com", password=PASSWORD)


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_failures_lock_the_username_even_for_the_right_password(client, ada):
    for _ in range(4):
        assert attempt(client, "ada", "wrong").status_code == 200
    response = attempt(client, "ada", "wrong")
    assert response.status_code == 429
    response = attempt(client, "ada", PASSWORD, address="10.0.0.2")
    assert response.status_code == 429
    assertContains(response, LOCKED, status_code=429)
    assert "_auth_user_id" not in client.session


def test_email_and_username_count_together(client, ada):
    for name in ["ada", "ADA@example.com", "ada", "ada@example.com"]:
        assert attempt(client, name, "wrong").status_code == 200
    assert attempt(client, "Ada@Example.com", "wrong").status_code == 429
    assert attempt(client, "ada", PASSWORD, address="10.9.9.9").status_code == 429


def test_five_failures_from_one_address_lock_that_address(client, ada):
    for index in range(5):
        attempt(client, f"nobody{index}", "wrong", address="10.0.0.7")
    assert attempt(client, "ada", PASSWORD, address="10.0.0.7").status_code == 429
    assert attempt(client, "ada", PASSWORD, address="10.0.0.8").status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, ada):
    for _ in range(4):
        attempt(client, "ada", "wrong")
    assert attempt(client, "ada", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert attempt(client, "ada", "wrong").status_code == 200


def test_the_lock_lifts_after_15_minutes(client, ada):
    for _ in range(5):
        attempt(client, "ada", "wrong")
    assert attempt(client, "ada", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert attempt(client, "ada", PASSWORD).status_code == 302


def test_locked_out_page_offers_a_password_reset(client, ada):
    for _ in range(5):
        attempt(client, "ada", "wrong")
    response = attempt(client, "ada", PASSWORD)
    assertContains(response, 'href="/accounts/password_reset/"', status_code=429)


REDIS_URL = "redis://127.0.0.1:6379/14"
# Seconds to wait for an answer: a busy shared machine can take many times the usual.
SLOW_MACHINE = 60


@pytest.mark.parametrize(
    "redis_url", [REDIS_URL, "redis://127.0.0.1:1/0"], ids=["redis", "redis-down"]
)
def test_the_lock_holds_across_gunicorn_workers_with_redis_up_or_down(tmp_path, redis_url):
    """Two workers share the count (kept in the database): each attempt may land on either
    one. With Redis down, logging in works all the same, and so does the lock."""
    store = redis.Redis.from_url(REDIS_URL)
    # Keys of this run's own, and only those cleared: other test runs may share the database.
    prefix = f"lockout-test-{secrets.token_hex(8)}"
    env = production_env(tmp_path / "db.sqlite3", REDIS_URL=redis_url, CACHE_KEY_PREFIX=prefix)
    manage(env, "migrate", "--noinput")
    create_user(env, "ada", "ada@example.com", PASSWORD)
    create_user(env, "bob", "bob@example.com", PASSWORD)
    try:
        with gunicorn(env, tmp_path / "gunicorn.log", workers=2) as port:
            assert _login(port, "bob", PASSWORD) == 302
            statuses = [_login(port, "ada", "wrong") for _ in range(5)]
            assert statuses == [200, 200, 200, 200, 429]
            # The right password, over fresh connections: every worker refuses it.
            assert [_login(port, "ada", PASSWORD) for _ in range(6)] == [429] * 6
        log = (tmp_path / "gunicorn.log").read_text()
        # The session is kept in Redis while it answers.
        sessions = list(store.scan_iter(f"{prefix}:*sessions*"))
        if redis_url == REDIS_URL:
            assert sessions
            assert "Redis cannot be reached" not in log
        else:
            assert not sessions
            assert "Redis cannot be reached (Error 111 connecting to 127.0.0.1:1." in log
        assert "Internal Server Error" not in log
    finally:
        for key in store.scan_iter(f"{prefix}:*"):
            store.delete(key)
        store.close()


def _login(port, username, password):
    """One login over a new connection, the way a browser would: page, then form post."""
    headers = {"Host": "t-profile.example.com", "X-Forwarded-Proto": "https"}
    # Closed however the exchange ends: a socket left open would warn in a later test.
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=SLOW_MACHINE)) as connection:
        connection.request("GET", "/accounts/login/", headers=headers)
        page = connection.getresponse()
        html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = next(
        value.split(";")[0]
        for name, value in page.getheaders()
        if name.lower() == "set-cookie" and value.startswith("csrftoken=")
    )
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    )
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=SLOW_MACHINE)) as connection:
        connection.request(
            "POST",
            "/accounts/login/",
            body=body,
            headers={
                **headers,
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": "https://t-profile.example.com/accounts/login/",
                "X-Forwarded-For": "203.0.113.5",
            },
        )
        response = connection.getresponse()
        response.read()
    return response.status
