"""Invitations that survive logging in and signing up: the log-in and sign-up pages name the
invite and carry it through, and codes that expired or were replaced say so."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from assessments.models import Membership, Team
from assessments.services.teams import create_team, join_team, rotate_invite_code, set_member_role
from tests.assessments.conftest import page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase-2026"


@pytest.fixture
def team(db):
    boss = UserFactory(username="boss", first_name="Bea", last_name="Boss", password=PASSWORD)
    return create_team("Growth Squad", boss)


def link(team: Team) -> str:
    return f"/teams/join/{team.invite_code}/"


def signup_data(username="newcomer", **extra):
    return {
        "username": username,
        "email": f"{username}@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    } | extra


def invite_note(response) -> str:
    return page(response).by_id("invite").text


def links_named(response, name: str) -> list[str]:
    return [a.attrs["href"] for a in page(response).find_all("a") if a.text == name]


def link_named(response, name: str) -> str:
    (found,) = links_named(response, name)
    return found


def test_a_logged_out_invitee_is_sent_to_log_in_with_the_invite_named(client, team):
    response = client.get(link(team))
    login = f"/accounts/login/?next={quote(link(team))}"
    assertRedirects(response, login)
    response = client.get(login)
    assert invite_note(response) == (
        "Bea Boss invites you to join “Growth Squad”. Log in, or create an account, and then "
        "confirm that you join."
    )
    assert link_named(response, "Create an account") == f"/accounts/signup/?next={link(team)}"
    assertContains(response, "Create an account</a> and join “Growth Squad”.")
    assertContains(response, f'<input type="hidden" name="next" value="{link(team)}">', html=True)


def test_signing_up_from_an_invite_leads_to_the_join_confirmation(client, team):
    signup = f"/accounts/signup/?next={quote(link(team), safe='')}"
    response = client.get(signup)
    assert invite_note(response) == (
        "Bea Boss invites you to join “Growth Squad”. Create your account, and then confirm "
        "that you join."
    )
    assert f"/accounts/login/?next={link(team)}" in links_named(response, "Log in")

    response = client.post(signup, signup_data(), follow=True)
    assertRedirects(response, link(team))
    assertContains(response, "Welcome to T-Profile, newcomer.")
    assert page(response).by_id("inviter").text == "Bea Boss invites you to join “Growth Squad”."
    newcomer = get_user_model().objects.get(username="newcomer")
    assert not Membership.objects.filter(user=newcomer).exists()

    response = client.post(link(team), follow=True)
    assertRedirects(response, "/teams/growth-squad/")
    assertContains(response, "You joined “Growth Squad”.")
    assert Membership.objects.get(team=team, user=newcomer).role == "member"


def test_the_next_address_is_carried_in_the_posted_form_too(client, team):
    response = client.post("/accounts/signup/", signup_data(next=link(team)))
    assertRedirects(response, link(team))


def test_logging_in_from_an_invite_leads_to_the_join_confirmation(client, team):
    UserFactory(username="kim", password=PASSWORD)
    response = client.post(
        f"/accounts/login/?next={quote(link(team))}",
        {"username": "kim", "password": PASSWORD},
    )
    assertRedirects(response, link(team))


@pytest.mark.parametrize(
    "unsafe",
    ["https://evil.example/teams/join/x/", "//evil.example/", "javascript:alert(1)"],
)
def test_a_next_address_off_the_site_is_ignored(client, team, unsafe):
    response = client.get(f"/accounts/signup/?next={quote(unsafe, safe='')}")
    assertNotContains(response, "evil.example")
    assertNotContains(response, 'name="next"')
    assert page(response).find_all(id="invite") == []
    response = client.post(f"/accounts/signup/?next={quote(unsafe, safe='')}", signup_data())
    assertRedirects(response, "/me/quick-start/", fetch_redirect_response=False)


def test_a_next_address_that_is_not_an_invite_is_followed_without_a_note(client, team):
    response = client.get("/accounts/signup/?next=/teams/")
    assert page(response).find_all(id="invite") == []
    response = client.post("/accounts/signup/?next=/teams/", signup_data())
    assertRedirects(response, "/teams/")


def test_an_expired_invite_says_so_on_the_log_in_page_and_the_link(client, team):
    issued = timezone.now() - timedelta(days=31)
    Team.objects.filter(pk=team.pk).update(invite_issued_at=issued)
    expired_on = (issued + timedelta(days=30)).strftime("%-d %B %Y")
    problem = (
        f"This invite to “Growth Squad” expired on {expired_on}. "
        "Ask Bea Boss for a new link or code."
    )
    response = client.get(f"/accounts/login/?next={quote(link(team))}")
    assert invite_note(response) == problem
    assertNotContains(response, "and join “Growth Squad”")

    client.force_login(UserFactory(username="kim"))
    response = client.get(link(team))
    assert response.status_code == 410
    assert page(response).by_id("invite-problem").text == problem
    response = client.post(link(team))
    assert response.status_code == 410
    response = client.post("/teams/", {"form": "join", "code": team.invite_code})
    assertContains(response, problem, status_code=422)
    assert not Membership.objects.filter(user__username="kim").exists()


def test_a_replaced_invite_names_who_replaced_it_and_when(client, team):
    old = link(team)
    deputy = UserFactory(username="deputy", first_name="Dee", last_name="Puty")
    join_team(team, deputy)
    set_member_role(team, deputy.pk, "manager")
    rotate_invite_code(team, deputy)
    today = timezone.localdate().strftime("%-d %B %Y")
    response = client.get(f"/accounts/signup/?next={quote(old, safe='')}")
    assert invite_note(response) == (
        f"This invite to “Growth Squad” was replaced by a newer one on {today}. "
        "Ask Dee Puty for the current link or code."
    )
    response = client.get(f"/accounts/signup/?next={quote(link(team), safe='')}")
    assert invite_note(response).startswith("Dee Puty invites you to join “Growth Squad”.")


def test_without_the_manager_who_issued_it_the_invite_names_the_managers(client, team):
    deputy = UserFactory(username="deputy", first_name="Dee", last_name="Puty")
    join_team(team, deputy)
    set_member_role(team, deputy.pk, "manager")
    get_user_model().objects.filter(username="boss").delete()
    team.refresh_from_db()
    assert team.invite_issued_by is None
    other = UserFactory(username="cy")
    join_team(team, other)
    set_member_role(team, other.pk, "manager")
    response = client.get(f"/accounts/login/?next={quote(link(team))}")
    assert invite_note(response).startswith("cy and Dee Puty invite")


def test_the_manager_sees_until_when_the_code_works(client, team):
    client.force_login(team.memberships.get().user)
    response = client.get("/teams/growth-squad/")
    until = timezone.localtime(team.invite_issued_at + timedelta(days=30))
    assert page(response).by_id("invite-expiry").text == until.strftime("%-d %B %Y, %H:%M")
    Team.objects.filter(pk=team.pk).update(invite_issued_at=timezone.now() - timedelta(days=40))
    response = client.get("/teams/growth-squad/")
    assertContains(response, "nobody can join with it: issue a new one")
    assertContains(response, "Expired on")
