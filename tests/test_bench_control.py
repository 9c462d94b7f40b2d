"""The benchmark's control view exists only when TPROFILE_BENCH_CONTROL asks for it."""

import importlib

import pytest
from django.urls import clear_url_caches

import config.urls


@pytest.fixture
def reload_urls():
    yield lambda: (importlib.reload(config.urls), clear_url_caches())
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_no_control_view_by_default(client):
    assert client.get("/bench/control/").status_code == 404


@pytest.mark.django_db
def test_the_control_view_answers_when_enabled(client, settings, reload_urls):
    settings.BENCH_CONTROL = True
    reload_urls()
    response = client.get("/bench/control/")
    assert response.status_code == 200
    assert response.content == b"ok"
    # Behind the same middleware as every page.
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response
