"""The API is rate-limited per token, per signed-in person, or per address, exactly: calls
in parallel never get more through than the limit."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from assessments import tokens
from assessments.api.throttle import admit, parse_rate
from assessments.models import ApiAllowance
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.API_RATE_LIMIT = "3/m"


def test_anonymous_calls_are_limited_per_address(client, limited):
    statuses = [client.get("/api/v1/layers/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/layers/")
    assert response.json() == {"detail": response.json()["detail"]}
    assert response.json()["detail"].startswith("Too many requests: wait ")
    assert int(response["Retry-After"]) >= 1


def test_a_forwarded_for_written_by_the_caller_gives_no_new_allowance(client, limited):
    statuses = [
        client.get("/api/v1/layers/", headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_each_token_has_its_own_allowance(client, limited):
    first = tokens.create_token(UserFactory(), "one", now=timezone.now()).plaintext
    second = tokens.create_token(UserFactory(), "two", now=timezone.now()).plaintext
    for _ in range(3):
        client.get("/api/v1/me/assessments/", headers={"Authorization": f"Bearer {first}"})
    limited_response = client.get(
        "/api/v1/me/assessments/", headers={"Authorization": f"Bearer {first}"}
    )
    assert limited_response.status_code == 429
    other = client.get("/api/v1/me/assessments/", headers={"Authorization": f"Bearer {second}"})
    assert other.status_code == 200


def test_the_default_rate_comes_from_the_settings(settings):
    assert settings.API_RATE_LIMIT == "300/m"
    assert parse_rate(settings.API_RATE_LIMIT) == (300, 60)


def test_two_tokens_of_one_person_each_have_their_own_allowance(client, limited):
    owner = UserFactory()
    first = tokens.create_token(owner, "one", now=timezone.now()).plaintext
    second = tokens.create_token(owner, "two", now=timezone.now()).plaintext

    def call(token):
        return client.get(
            "/api/v1/me/assessments/", headers={"Authorization": f"Bearer {token}"}
        ).status_code

    assert [call(first) for _ in range(4)] == [200, 200, 200, 429]
    assert [call(second) for _ in range(4)] == [200, 200, 200, 429]


def test_a_session_is_counted_apart_from_the_persons_tokens(client, limited):
    owner = UserFactory()
    token = tokens.create_token(owner, "one", now=timezone.now()).plaintext
    for _ in range(3):
        client.get("/api/v1/me/assessments/", headers={"Authorization": f"Bearer {token}"})
    client.force_login(owner)
    assert client.get("/api/v1/me/assessments/").status_code == 200


@pytest.mark.parametrize(
    ("calls", "now", "limit", "expected"),
    [
        ([], 100.0, 3, ([100.0], None)),
        ([50.0, 60.0], 100.0, 3, ([50.0, 60.0, 100.0], None)),
        ([50.0, 60.0, 70.0], 100.0, 3, ([50.0, 60.0, 70.0], 10.0)),
        # Calls a full period old no longer count.
        ([40.0, 60.0, 70.0], 100.0, 3, ([60.0, 70.0, 100.0], None)),
        ([41.0, 60.0, 70.0, 80.0], 100.0, 3, ([41.0, 60.0, 70.0, 80.0], 20.0)),
    ],
)
def test_admit_counts_the_calls_of_the_last_period(calls, now, limit, expected):
    assert admit(calls, now, limit, 60) == expected


@pytest.mark.django_db(transaction=True)
def test_parallel_calls_with_one_token_get_exactly_the_limit_through(settings):
    """Twelve threads, each with its own database connection, call at once: on PostgreSQL
    the caller's row is locked while each call is counted, on SQLite the write waits."""
    settings.API_RATE_LIMIT = "25/m"
    token = tokens.create_token(UserFactory(), "busy", now=timezone.now()).plaintext
    threads, each = 12, 5
    barrier = threading.Barrier(threads)
    statuses: list[int] = []
    lock = threading.Lock()

    def run():
        client = Client()
        barrier.wait()
        try:
            for _ in range(each):
                response = client.get(
                    "/api/v1/me/assessments/", headers={"Authorization": f"Bearer {token}"}
                )
                with lock:
                    statuses.append(response.status_code)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(statuses) == [200] * 25 + [429] * (threads * each - 25)
    [allowance] = ApiAllowance.objects.all()
    assert len(allowance.calls) == 25
