"""An error on our side answers in JSON too, and is logged as Django logs a failed page."""

import logging

import pytest

from assessments.api import me
from assessments.api.errors import SERVER_ERROR
from tests.assessments.api.api_support import API, bearer

pytestmark = pytest.mark.django_db


def test_an_unexpected_error_is_a_json_500_and_is_logged(client, user, monkeypatch, caplog):
    def broken(_user):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(me, "submitted_history", broken)
    # As a server does: the error is answered, not raised to the caller (the test client
    # re-raises what the got_request_exception signal reports unless told otherwise).
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(f"{API}/me/history/", headers=bearer(user))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": SERVER_ERROR}
    records = [r for r in caplog.records if r.name == "django.request"]
    (record,) = records
    assert record.getMessage() == f"Internal Server Error: {API}/me/history/"
    assert str(record.exc_info[1]) == "the database went away"
    assert record.status_code == 500
