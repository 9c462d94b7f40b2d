"""The layout's navigation: the right addresses for who is signed in, the current page
marked, and the script prefix a deployment under a sub-path adds."""

import re

import pytest
from django.test import RequestFactory
from django.urls import clear_script_prefix, reverse, set_script_prefix

from config.context_processors import NAVIGATION, navigation
from tests.factories import UserFactory


def _nav_links(html: str) -> list[tuple[str, str]]:
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a class="[^"]*" href="([^"]+)"[^>]*>([^<]*)</a>', nav)


def test_every_name_reverses_to_its_view():
    assert navigation(RequestFactory().get("/"))["nav"] == {
        name: reverse(view) for name, view in NAVIGATION.items()
    }


def test_a_prefix_is_part_of_every_address():
    set_script_prefix("/tprofile/")
    try:
        nav = navigation(RequestFactory().get("/"))["nav"]
    finally:
        clear_script_prefix()
    assert nav["ecosystem"] == "/tprofile/ecosystem/"
    assert all(url.startswith("/tprofile/") for url in nav.values())
    assert navigation(RequestFactory().get("/"))["nav"]["ecosystem"] == "/ecosystem/"


@pytest.mark.django_db
def test_an_anonymous_visitor_is_offered_log_in_and_sign_up(client):
    html = client.get(reverse("careers:ecosystem")).content.decode()
    assert _nav_links(html) == [
        (reverse("careers:ecosystem"), "Ecosystem"),
        (reverse("careers:catalogue"), "Roles &amp; skills"),
        (reverse("login"), "Log in"),
        (reverse("signup"), "Sign up"),
    ]
    ecosystem = reverse("careers:ecosystem")
    assert f'<a class="nav-link" href="{ecosystem}" aria-current="page">Ecosystem</a>' in html
    assert html.count('aria-current="page"') == 1


@pytest.mark.django_db
def test_a_signed_in_person_gets_their_pages_and_log_out(client):
    user = UserFactory(username="ada")
    client.force_login(user)
    html = client.get(reverse("assessments:history")).content.decode()
    assert _nav_links(html) == [
        (reverse("careers:ecosystem"), "Ecosystem"),
        (reverse("careers:catalogue"), "Roles &amp; skills"),
        (reverse("assessments:dashboard"), "My T"),
        (reverse("assessments:history"), "History"),
        (reverse("assessments:teams"), "Teams"),
        (reverse("account"), "ada"),
    ]
    assert f'<form method="post" action="{reverse("logout")}" class="d-inline">' in html
    assert f'href="{reverse("admin:index")}"' not in html


@pytest.mark.django_db
def test_staff_also_get_the_admin(client):
    client.force_login(UserFactory(is_staff=True))
    html = client.get(reverse("careers:home")).content.decode()
    assert f'<a class="nav-link" href="{reverse("admin:index")}">Admin</a>' in html
