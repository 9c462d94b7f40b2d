"""Brute force without collateral: 5 failed logins for an account from one address pause
logging in to it from there; 20 from anywhere pause it everywhere; 100 from one address
for any accounts pause that address. A right password is never counted as a failure, the
page says which pause holds and until when, and it holds on every worker."""

import datetime as dt
import http.client
import re
import secrets
import urllib.parse
from contextlib import closing

import pytest
import redis
from axes.models import AccessAttempt
from django.db.models import Sum
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import UserFactory
from tests.server import create_users, gunicorn, migrated_copy, production_env

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-2026"
LOCKED = "Too many failed log-ins"


@pytest.fixture
def ada(db):
    return UserFactory(username="ada", email="ada@example.com", password=PASSWORD)


@pytest.fixture
def bob(db):
    return UserFactory(username="bob", email="bob@example.com", password=PASSWORD)


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def failures() -> int:
    return AccessAttempt.objects.aggregate(total=Sum("failures_since_start"))["total"] or 0


def age_failures(minutes: int) -> None:
    """As if every failure so far had happened `minutes` earlier."""
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
    )


def test_five_failures_pause_the_account_from_that_address_only(client, ada):
    for _ in range(4):
        assert attempt(client, "ada", "wrong").status_code == 200
    assert attempt(client, "ada", "wrong").status_code == 429
    response = attempt(client, "ada", PASSWORD)
    assertContains(response, LOCKED, status_code=429)
    assert "_auth_user_id" not in client.session
    assert attempt(client, "ada", PASSWORD, address="10.0.0.2").status_code == 302


def test_one_person_failing_does_not_lock_out_an_office_behind_the_same_address(client, ada, bob):
    for _ in range(5):
        attempt(client, "ada", "wrong", address="198.51.100.7")
    assert attempt(client, "bob", PASSWORD, address="198.51.100.7").status_code == 302
    assert client.session["_auth_user_id"] == str(bob.pk)


def test_email_and_username_count_together(client, ada):
    for name in ["ada", "ADA@example.com", "ada", "ada@example.com"]:
        assert attempt(client, name, "wrong").status_code == 200
    assert attempt(client, "Ada@Example.com", "wrong").status_code == 429
    assert attempt(client, "ada", PASSWORD).status_code == 429


def test_a_mixed_case_username_and_its_email_count_together(client):
    UserFactory(username="AdaL", email="adal@example.com", password=PASSWORD)
    for name in ["AdaL", "adal@example.com", "adal", "ADAL@example.com", "AdaL"]:
        attempt(client, name, "wrong")
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        ("adal", 5)
    ]
    assert attempt(client, "adal@example.com", PASSWORD).status_code == 429


def test_twenty_failures_from_anywhere_pause_the_account_everywhere(client, ada):
    for index in range(20):
        attempt(client, "ada", "wrong", address=f"10.1.{index // 5}.1")
    assert failures() == 20
    response = attempt(client, "ada", PASSWORD, address="10.9.9.9")
    assertContains(response, "for everyone, from any address", status_code=429)
    assert "_auth_user_id" not in client.session


def test_nineteen_failures_from_four_addresses_leave_the_account_open_elsewhere(client, ada):
    for index in range(19):
        attempt(client, "ada", "wrong", address=f"10.1.{index // 5}.1")
    assert attempt(client, "ada", PASSWORD, address="10.9.9.9").status_code == 302


def test_a_hundred_failures_from_one_address_pause_that_address(client, ada):
    for index in range(99):
        assert attempt(client, f"nobody{index}", "wrong", address="10.0.0.7").status_code == 200
    assert attempt(client, "nobody99", "wrong", address="10.0.0.7").status_code == 429
    response = attempt(client, "ada", PASSWORD, address="10.0.0.7")
    assertContains(response, "from your network's address, for every account", status_code=429)
    assert attempt(client, "ada", PASSWORD, address="10.0.0.8").status_code == 302


def test_behind_a_proxy_the_address_it_appended_is_counted(client, ada, settings):
    settings.NINJA_NUM_PROXIES = 1
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "ada", "password": "wrong"},
            REMOTE_ADDR="10.0.0.254",
            HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.9",
        )
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        ("198.51.100.9", 5)
    ]
    assert attempt(client, "ada", PASSWORD, address="10.0.0.254").status_code == 302


def test_a_right_password_during_a_pause_is_not_counted_and_does_not_extend_it(client, ada):
    for _ in range(5):
        attempt(client, "ada", "wrong")
    age_failures(10)
    before = list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start"))
    for _ in range(3):
        assert attempt(client, "ada", PASSWORD).status_code == 429
    assert list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start")) == (
        before
    )
    assert failures() == 5


def test_a_success_forgets_only_that_accounts_failures(client, ada):
    for _ in range(3):
        attempt(client, "mallory", "wrong")
    for _ in range(4):
        attempt(client, "ada", "wrong")
    assert attempt(client, "ada", PASSWORD).status_code == 302
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        ("mallory", 3)
    ]
    client.post("/accounts/logout/")
    for _ in range(4):
        assert attempt(client, "ada", "wrong").status_code == 200


def test_the_pause_lifts_after_15_minutes(client, ada):
    for _ in range(5):
        attempt(client, "ada", "wrong")
    assert attempt(client, "ada", PASSWORD).status_code == 429
    age_failures(16)
    assert attempt(client, "ada", PASSWORD).status_code == 302


def test_the_page_says_which_pause_holds_how_long_and_what_to_do(client, ada):
    for _ in range(5):
        attempt(client, "ada", "wrong")
    age_failures(5)
    response = attempt(client, "ada", PASSWORD)
    assert response["Retry-After"] == "600"
    text = " ".join(response.content.decode().split())
    assert (
        "Logging in to this account from your network's address is paused for 10 minutes, "
        "after 5 failed attempts." in text
    )
    assert (
        "Logging in from another network works as usual, and so does everyone else's log-in "
        "from here." in text
    )
    assertContains(response, 'href="/accounts/password_reset/"', status_code=429)
    assert "Setting a new password lifts the pause at once." in text
    assertNotContains(response, "for everyone", status_code=429)


def test_a_new_password_lifts_the_accounts_pause(client, ada):
    for index in range(20):
        attempt(client, "ada", "wrong", address=f"10.1.{index // 5}.1")
    ada.set_password("a brand new passphrase 2026")
    ada.save()
    assert failures() == 0
    assert attempt(client, "ada", "a brand new passphrase 2026").status_code == 302


def test_a_curator_unlocks_an_account_in_the_admin(client, staff_client, ada):
    visitor = Client()
    for _ in range(5):
        attempt(visitor, "ada", "wrong")
    attempt(visitor, "mallory", "wrong")
    page = staff_client.get("/admin/axes/accessattempt/")
    assertContains(page, "<h1>Select failed log-ins to forget</h1>", html=True)
    assertContains(page, '<td class="field-pauses">the account from this address</td>', html=True)
    assertContains(page, '<td class="field-pauses">none</td>', html=True)
    ada_row = AccessAttempt.objects.get(username="ada")
    response = staff_client.post(
        "/admin/axes/accessattempt/",
        {"action": "unlock", "_selected_action": [ada_row.pk]},
        follow=True,
    )
    assertContains(response, "Forgot 5 failed log-ins: those accounts and addresses are open.")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["mallory"]
    assert attempt(visitor, "ada", PASSWORD).status_code == 302


REDIS_URL = "redis://127.0.0.1:6379/14"
# Seconds to wait for an answer: a busy shared machine can take many times the usual.
SLOW_MACHINE = 60


@pytest.mark.parametrize(
    "redis_url", [REDIS_URL, "redis://127.0.0.1:1/0"], ids=["redis", "redis-down"]
)
def test_the_pause_holds_across_gunicorn_workers_with_redis_up_or_down(
    tmp_path, migrated_sqlite, redis_url
):
    """Two workers share the count (kept in the database): each attempt may land on either
    one. With Redis down, logging in works all the same, and so does the pause."""
    store = redis.Redis.from_url(REDIS_URL)
    # Keys of this run's own, and only those cleared: other test runs may share the database.
    prefix = f"lockout-test-{secrets.token_hex(8)}"
    database = migrated_copy(migrated_sqlite, tmp_path)
    env = production_env(database, REDIS_URL=redis_url, CACHE_KEY_PREFIX=prefix)
    create_users(env, PASSWORD, "ada", "bob")
    try:
        with gunicorn(env, tmp_path / "gunicorn.log", workers=2) as port:
            assert _login(port, "bob", PASSWORD) == 302
            statuses = [_login(port, "ada", "wrong") for _ in range(5)]
            assert statuses == [200, 200, 200, 200, 429]
            # The right password, over fresh connections: every worker refuses it from there,
            # lets a colleague in from the same address, and lets ada in from elsewhere.
            assert [_login(port, "ada", PASSWORD) for _ in range(6)] == [429] * 6
            assert [_login(port, "bob", PASSWORD) for _ in range(4)] == [302] * 4
            assert _login(port, "ada", PASSWORD, address="198.51.100.1") == 302
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


def _login(port, username, password, address="203.0.113.5"):
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
                "X-Forwarded-For": address,
            },
        )
        response = connection.getresponse()
        response.read()
    return response.status
