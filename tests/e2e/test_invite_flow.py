"""A logged-out person opens a team's invite link, signs up from the log-in page, and joins
the team after confirming: the invite is named on every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Membership
from assessments.services.teams import create_team
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-2026"


def test_an_invitee_signs_up_and_joins_the_team(page):
    boss = UserFactory(username="boss", first_name="Bea", last_name="Boss")
    team = create_team("Growth Squad", boss)

    page.goto(f"/teams/join/{team.invite_code}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.locator("#invite")).to_contain_text("Bea Boss invites you to join “Growth Squad”.")
    page.get_by_role("link", name="Create an account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    expect(page.locator("#invite")).to_contain_text("Bea Boss invites you to join “Growth Squad”.")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Email").fill("newcomer@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Join “Growth Squad”?")
    expect(page.locator("#inviter")).to_have_text("Bea Boss invites you to join “Growth Squad”.")
    page.get_by_role("button", name="Join the team").click()

    expect(page).to_have_url(re.compile(r"/teams/growth-squad/$"))
    expect(page.get_by_role("status").first).to_contain_text("You joined “Growth Squad”.")
    assert Membership.objects.get(team=team, user__username="newcomer").role == "member"
