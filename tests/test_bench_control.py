"""The benchmark's own views exist only when TPROFILE_BENCH_CONTROL asks for them."""

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
@pytest.mark.parametrize("url", ["/bench/control/", "/bench/signed-in/"])
def test_no_bench_view_by_default(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_control_view_answers_when_enabled(client, control_enabled):
    response = client.get("/bench/control/")
    assert response.status_code == 200
    assert response.content == b"ok"
    # Behind the same middleware as every page.
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_the_signed_in_page_is_the_layout_alone(client, control_enabled, django_user_model):
    response = client.get("/bench/signed-in/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/bench/signed-in/"
    client.force_login(django_user_model.objects.create_user("ada", password="x" * 12))
    response = client.get("/bench/signed-in/")
    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["base.html", "includes/messages.html"]
    assert '<a class="nav-link" href="/account/">ada</a>' in response.content.decode()
