"""A manager creates a team, a colleague joins with the code and submits, and the manager
sees them in the heatmap and exports it."""

import re

import pytest
from playwright.sync_api import expect

from careers.catalogue.loader import load_catalogue
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-2026"


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/me/$"))


def test_manager_sees_a_new_member_in_the_heatmap_and_exports_it(browser, live_server, tmp_path):
    load_catalogue()
    UserFactory(username="boss", first_name="Bea", last_name="Boss", password=PASSWORD)
    UserFactory(username="kim", first_name="Kim", last_name="Lee", password=PASSWORD)
    manager = browser.new_context(base_url=live_server.url).new_page()
    member = browser.new_context(base_url=live_server.url).new_page()

    log_in(manager, "boss")
    manager.get_by_role("link", name="Teams").click()
    manager.get_by_label("Team name").fill("Growth Squad")
    manager.get_by_role("button", name="Create team").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Growth Squad")
    code = manager.locator("#invite-code").inner_text()

    log_in(member, "kim")
    member.get_by_role("link", name="Teams").click()
    member.get_by_label("Invite code").fill(code)
    member.get_by_role("button", name="Join").click()
    expect(member.get_by_role("status").first).to_contain_text("You joined “Growth Squad”.")

    member.get_by_role("link", name="My T").click()
    member.get_by_role("button", name="Rate every competency").click()
    # Every discipline at level 3, one step at a time.
    for number in range(1, 17):
        expect(member.locator(".form-progress p").first).to_contain_text(f"Step {number} of 16")
        member.locator("#rest-level").select_option("3")
        member.get_by_role("button", name="Set the rest").click()
        expect(member.locator("#messages")).to_contain_text("is now at level 3.")
        if number < 16:
            member.get_by_role("button", name=re.compile("^Save and continue: ")).click()
    expect(member.locator("#progress")).to_contain_text("Rated 48 of 48")
    member.get_by_role("button", name="Submit and see my T").click()
    expect(member.get_by_role("heading", level=1)).to_contain_text("Your T on")

    manager.reload()
    manager.get_by_role("link", name="Coverage dashboard").click()
    heatmap = manager.locator("#heatmap")
    expect(heatmap.get_by_role("link", name="Kim Lee")).to_be_visible()
    expect(heatmap.locator("tbody tr").first.locator("td").first).to_have_text("60")
    # The manager has not taken part, and is not waited for.
    expect(manager.get_by_text("1 member: 1 with a submitted profile.")).to_be_visible()
    expect(manager.get_by_text("Not submitted yet")).to_have_count(0)

    # Sorting swaps the heatmap alone and keeps the sort in the address for a reload.
    heatmap.locator("thead").get_by_role("link", name="Search engine optimisation").click()
    expect(heatmap.locator("th[aria-sort]")).to_have_text("Search engine optimisation")
    expect(manager).to_have_url(re.compile(r"/teams/growth-squad/coverage/\?sort=seo$"))
    expect(heatmap.locator("caption")).to_contain_text("sorted by Search engine optimisation")
    manager.reload()
    expect(manager.locator("#heatmap th[aria-sort]")).to_have_text("Search engine optimisation")
    expect(manager.locator("main")).to_have_count(1)

    with manager.expect_download() as download_info:
        manager.get_by_role("link", name="Heatmap as CSV").click()
    path = tmp_path / "heatmap.csv"
    download_info.value.save_as(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Member,Content strategy,Copywriting,")
    assert lines[1].startswith("Kim Lee,60,60,60,")
