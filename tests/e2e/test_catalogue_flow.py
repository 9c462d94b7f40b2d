"""A visitor reads the explainer, finds a role, switches the salary country and signs up."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_browses_to_a_role_switches_country_and_signs_up(page, small_catalogue):
    page.goto("/")
    page.get_by_role("link", name="How the ecosystem works").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The marketing ecosystem")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roles & skills").click()
    page.get_by_role("link", name="Copywriter", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Copywriter")
    salaries = page.locator("#salaries")
    expect(salaries.get_by_role("heading")).to_have_text("Salary bands in United States")
    expect(salaries.get_by_role("cell", name="$50,000 – $70,000")).to_be_visible()

    # The country switch swaps the section in place (htmx) and updates the address.
    with page.expect_response(re.compile(r"country=GB")):
        salaries.get_by_role("link", name="United Kingdom").click()
    expect(page.locator("#salaries").get_by_role("heading")).to_have_text(
        "Salary bands in United Kingdom"
    )
    expect(page.locator("#salaries").get_by_role("cell", name="£28,000 – £35,000")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/roles/copywriter/\?country=GB$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Copywriter")
    # Keyboard and screen-reader users land on the swapped section.
    expect(page.locator("#salaries h2")).to_be_focused()

    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Email").fill("grace@example.com")
    page.locator("#id_password1").fill("a-long-and-unusual-passphrase-2026")
    page.locator("#id_password2").fill("a-long-and-unusual-passphrase-2026")
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(re.compile(r"/me/quick-start/$"))
    expect(page.get_by_role("status")).to_contain_text("Welcome to T-Profile, grace.")
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name="grace")).to_be_visible()
    assert get_user_model().objects.filter(username="grace").exists()
