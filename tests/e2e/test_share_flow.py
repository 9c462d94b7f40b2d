"""Sharing and printing a profile in a real browser: a link made from the profile opens to a
visitor who is not logged in, and answers 404 once revoked; the print view drops the
site's navigation and prints on one A4 page."""

import re

import pytest
from playwright.sync_api import expect

from assessments.queries.catalogue import catalogue_snapshot
from careers.catalogue.loader import load_catalogue
from tests.e2e.helpers import sign_in
from tests.factories import SubmittedAssessmentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def profile(db):
    """A normal profile of the default catalogue: every competency rated, a few with
    evidence."""
    load_catalogue()
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    competencies = catalogue_snapshot().competencies
    levels = {c.slug: (i % 5) + 1 for i, c in enumerate(competencies)}
    evidence = {
        c.slug: f"Led the {c.name.lower()} work on our spring launch: https://example.com/work/{i}"
        for i, c in enumerate(competencies[::9])
    }
    return SubmittedAssessmentFactory(owner=ada, levels=levels, evidence=evidence)


def test_a_share_link_opens_to_a_visitor_until_it_is_revoked(page, browser, live_server, profile):
    sign_in(page, profile.get_absolute_url())
    page.get_by_role("link", name="Share this profile with a link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Share your T of")
    expect(page.locator("#live-link")).to_have_text("This profile has no working share link.")
    page.get_by_label("My name").check()
    page.get_by_label("7 days").check()
    page.get_by_role("button", name="Make the link").click()
    address = page.get_by_label("Share link").input_value()
    assert re.fullmatch(re.escape(live_server.url) + r"/shared/[A-Za-z0-9_-]{43}/", address)
    expect(page.locator("#live-link")).to_contain_text("It shows your T and scores, and your name.")

    visitor = browser.new_context().new_page()
    answer = visitor.goto(address)
    assert answer is not None
    assert answer.status == 200
    assert answer.headers["x-robots-tag"] == "noindex, nofollow"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["referrer-policy"] == "no-referrer"
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Ada Lovelace’s T")
    expect(visitor.get_by_role("link", name="Log in")).to_be_visible()
    expect(visitor.locator("#sheet-evidence")).to_have_count(0)

    page.get_by_role("button", name="Revoke the link").click()
    expect(page.get_by_role("status").first).to_contain_text("The share link is revoked")
    expect(page.locator("#live-link")).to_have_text("This profile has no working share link.")
    answer = visitor.reload()
    assert answer is not None
    assert answer.status == 404
    expect(visitor.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    visitor.context.close()


def test_the_print_view_fits_one_a4_page_without_the_navigation(page, profile):
    sign_in(page, profile.get_absolute_url())
    page.get_by_role("link", name="Print it on one page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace’s T")
    expect(page.locator("#print-help")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator("#print-help")).to_be_hidden()
    expect(page.locator("footer.site-footer")).to_be_hidden()
    expect(page.locator("#sheet-chart-title")).to_have_text("Ada Lovelace’s T")
    expect(page.locator("#sheet-scores")).to_be_visible()
    expect(page.locator("#sheet-evidence tbody tr")).to_have_count(len(profile_evidence(profile)))
    expect(page.locator("#sheet-roles li")).to_have_count(3)
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1


def profile_evidence(profile) -> list[str]:
    return [note for note in profile.ratings.values_list("evidence", flat=True) if note]
