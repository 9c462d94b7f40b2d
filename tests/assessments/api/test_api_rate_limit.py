"""The API is rate-limited per token, per signed-in person, or per address."""

import pytest
from django.utils import timezone

from assessments import tokens
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited():
    # The throttle reads its rate when the API is built; patch the instance instead.
    from assessments.api import api

    throttle = api.throttle[0]
    saved = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate = "3/m"
    throttle.num_requests, throttle.duration = throttle.parse_rate("3/m")
    yield
    throttle.rate, throttle.num_requests, throttle.duration = saved


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
    from assessments.api import api

    assert api.throttle[0].rate == settings.API_RATE_LIMIT == "300/m"
