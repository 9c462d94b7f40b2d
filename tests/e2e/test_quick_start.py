"""A newcomer from the sign-up page to a provisional T, counting every interaction, on a
desktop and on a phone; then the T kept as a first profile."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from assessments.models import Assessment
from careers.catalogue.loader import load_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-2026"
# What Chromium logs for the answers that do not arrive, in order: htmx's report of the
# request that could not be sent (naming its target, the T), then Chromium's; then a 401.
NOT_ARRIVED = [
    "htmx:afterRequest, [object HTMLDivElement]",
    "htmx:sendError, [object HTMLDivElement]",
    "Failed to load resource: net::ERR_INTERNET_DISCONNECTED",
    "Failed to load resource: the server responded with a status of 401 (Unauthorized)",
]


@pytest.fixture
def expected_console_errors(request):
    if request.node.name == "test_an_answer_that_does_not_arrive_is_said_kept_and_saved_later":
        return NOT_ARRIVED
    return []


BUDGET = 20
"""Interactions from the sign-up page to a T on screen, at most (each click, each field
filled, each key pressed counts one)."""


class Counted:
    """The page's interactions, each counted: what a person does with the pointer or keys."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def fill(self, locator, text):
        self.count += 1
        locator.fill(text)

    def click(self, locator):
        self.count += 1
        locator.click()

    def press(self, key):
        self.count += 1
        self.page.keyboard.press(key)


def sign_up(person: Counted, username: str) -> None:
    page = person.page
    page.goto("/accounts/signup/")
    person.fill(page.get_by_label("Username"), username)
    person.fill(page.get_by_label("Email"), f"{username}@example.com")
    person.fill(page.locator("#id_password1"), PASSWORD)
    person.fill(page.locator("#id_password2"), PASSWORD)
    person.click(page.get_by_role("button", name="Create account"))
    expect(page).to_have_url(re.compile(r"/me/quick-start/$"))


def level(page, discipline: str, value: int):
    """The label of a discipline's level button (the radio itself is visually hidden)."""
    return page.locator(f"label[for='id_quick-{discipline}-{value}']")


def t_line(page):
    return page.locator("#your-t p").first


def test_sign_up_to_a_provisional_t_within_the_budget(page):
    load_catalogue()
    person = Counted(page)
    sign_up(person, "nadia")
    # A content writer who also posts on social media and reads the analytics.
    person.click(level(page, "copywriting", 3))
    expect(t_line(page)).to_have_text(re.compile(r"^Depth 60 \(Copywriting\) · Breadth \d+ · "))
    person.click(level(page, "content-strategy", 2))
    person.click(level(page, "social-media", 2))
    person.click(level(page, "marketing-analytics", 1))
    person.click(level(page, "email-marketing", 1))
    person.page.get_by_label("Target role (optional)").select_option(label="Copywriter")
    person.count += 1
    expect(page.locator("#your-t")).to_contain_text("Your target, Copywriter: ")
    assert person.count <= BUDGET, person.count
    assert person.count == 11
    expect(page.locator("#your-t .badge")).to_have_text("Provisional")
    expect(page.locator("#your-t ol li")).to_have_count(3)

    # Only the chosen level's meaning shows, under its discipline.
    meanings = page.locator("#question-copywriting .quick-anchor")
    expect(meanings.locator("visible=true")).to_have_count(1)
    expect(meanings.locator("visible=true")).to_contain_text("3 Proficient")

    # Reloading keeps every answer.
    page.reload()
    expect(page.locator("#id_quick-copywriting-3")).to_be_checked()
    expect(page.locator("#id_quick-seo-0")).to_be_checked()

    page.get_by_role("button", name="Keep this as my profile").click()
    expect(page).to_have_url(re.compile(r"/me/assessments/\d+/$"))
    expect(page.locator("#main")).to_contain_text("This profile is provisional")
    assert Assessment.objects.get(owner__username="nadia").status == "submitted"


def test_the_quick_start_on_a_phone_without_sideways_scrolling(browser, live_server):
    load_catalogue()
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_up(Counted(page), "omar")
    level(page, "seo", 4).click()
    expect(page.locator(".quick-bar")).to_have_text(
        re.compile(r"^Depth 80 · Breadth \d+ · .+: see your T$")
    )
    expect(page.locator(".quick-bar")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".quick-bar").click()
    expect(page.locator("#your-t")).to_be_in_viewport()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == []
    context.close()


def test_the_quick_start_by_keyboard_alone(page):
    load_catalogue()
    sign_up(Counted(page), "li")
    # Skip link, the breadcrumb, then the target role, then the first discipline's levels.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="My T").last).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Target role (optional)")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_quick-content-strategy-0")).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#id_quick-content-strategy-2")).to_be_checked()
    expect(t_line(page)).to_have_text(re.compile(r"^Depth 40 \(Content strategy\)"))
    # Tab moves to the next discipline, not through the six levels.
    page.keyboard.press("Tab")
    expect(page.locator("#id_quick-copywriting-0")).to_be_focused()


def test_an_answer_that_does_not_arrive_is_said_kept_and_saved_later(page):
    load_catalogue()
    sign_up(Counted(page), "kai")
    status = page.locator("#quick-status")
    # Offline: said beside the T, kept in the page, saved when the connection returns.
    page.context.set_offline(True)
    level(page, "seo", 3).click()
    expect(status).to_contain_text("Not saved: no connection.")
    expect(page.locator("#id_quick-seo-3")).to_be_checked()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_be_hidden()
    expect(t_line(page)).to_have_text(re.compile(r"^Depth 60 \(Search engine optimisation\)"))

    # Signed out: said, with a way back in; after signing in the answer is put back and saved.
    # The session ends, as when it expires; the CSRF cookie stays (without it the answer
    # would be refused as a forgery, 403, before the sign-in check).
    page.context.clear_cookies(name="sessionid")
    level(page, "copywriting", 4).click()
    expect(status).to_contain_text("Not saved: you are signed out.")
    page.get_by_role("link", name="Sign in again").click()
    page.get_by_label("Username or email").fill("kai")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/me/quick-start/$"))
    expect(page.locator("#id_quick-copywriting-4")).to_be_checked()
    expect(t_line(page)).to_have_text(re.compile(r"^Depth 80 \(Copywriting\)"))
    draft = Assessment.objects.get(owner__username="kai")
    assert dict(draft.quick_ratings.values_list("discipline__slug", "level"))["copywriting"] == 4
