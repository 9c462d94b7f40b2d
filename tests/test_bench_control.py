"""The benchmark's control view exists only when TPROFILE_BENCH_CONTROL asks for it."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

import config.urls


def reload_urls():
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def control_enabled():
    """The URL configuration rebuilt with the control view, and rebuilt again without it
    once the setting is back to normal (so later tests see the usual routes)."""
    with override_settings(BENCH_CONTROL=True):
        reload_urls()
        yield
    reload_urls()


@pytest.mark.django_db
def test_no_control_view_by_default(client):
    assert client.get("/bench/control/").status_code == 404


@pytest.mark.django_db
def test_the_control_view_answers_when_enabled(client, control_enabled):
    response = client.get("/bench/control/")
    assert response.status_code == 200
    assert response.content == b"ok"
    # Behind the same middleware as every page.
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response
