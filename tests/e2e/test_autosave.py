"""Never lose an answer: the assessment form's autosave in Chromium when the session ends,
when the connection drops, and with two tabs on one draft; Enter in a field, the evidence
limit, and the status of every kind of answer."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from assessments.services.assessments import save_draft, start_assessment
from careers.catalogue.loader import load_catalogue
from careers.models import Competency
from tests.e2e.helpers import PASSWORD, levels, sign_in
from tests.e2e.test_accessibility import Audit
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIGNED_OUT = "Failed to load resource: the server responded with a status of 401 (Unauthorized)"
CONFLICT = "Failed to load resource: the server responded with a status of 409 (Conflict)"
# A request that cannot be sent: htmx reports it, then Chromium.
OFFLINE = [
    "htmx:afterRequest, [object HTMLFieldSetElement]",
    "htmx:sendError, [object HTMLFieldSetElement]",
    "Failed to load resource: net::ERR_INTERNET_DISCONNECTED",
]


@pytest.fixture
def expected_console_errors(request):
    """Chromium logs each refused or failed request as an error: these tests cause them."""
    return {
        "test_signed_out_answers_are_kept_and_saved_after_signing_in_again": [SIGNED_OUT],
        "test_offline_answers_are_saved_when_the_connection_returns": OFFLINE * 2,
        "test_submit_does_not_leave_while_an_answer_is_unsaved": OFFLINE * 2,
        "test_a_stale_tab_is_shown_the_newer_value_and_may_keep_its_own": [CONFLICT],
    }.get(request.node.name, [])


@pytest.fixture
def draft():
    load_catalogue()
    owner = UserFactory(username="ada")
    draft, _ = start_assessment(owner)
    return draft


def form_url(draft):
    """The step with the ratings the tests change (A/B testing, conversion research)."""
    return f"/me/assessments/{draft.pk}/edit/?step=conversion-optimisation"


def unsaved(page, draft) -> str | None:
    return page.evaluate(f"() => sessionStorage.getItem('tprofile-unsaved-{draft.pk}')")


def test_signed_out_answers_are_kept_and_saved_after_signing_in_again(page, draft):
    sign_in(page, form_url(draft))
    page.context.clear_cookies(name="sessionid")

    page.locator("#level-ab-testing-3").check()

    status = page.locator("#status-ab-testing")
    expect(status).to_have_text("Not saved: you are signed out.")
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text(
        "1 answer is not saved yet: you are signed out. Sign in again and they will be saved."
    )
    assert levels(draft) == {}
    assert '"level-ab-testing":"3"' in unsaved(page, draft)

    banner.get_by_role("link", name="Sign in again").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username or email").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(re.escape(form_url(draft)) + "$"))
    expect(page.locator("#level-ab-testing-3")).to_be_checked()
    expect(status).to_have_text("Saved.")
    expect(page.locator("#autosave-banner")).to_be_hidden()
    assert levels(draft) == {"ab-testing": 3}
    assert unsaved(page, draft) is None


def test_offline_answers_are_saved_when_the_connection_returns(page, draft):
    sign_in(page, form_url(draft))

    page.context.set_offline(True)
    page.locator("#level-ab-testing-2").check()
    expect(page.locator("#status-ab-testing")).to_have_text("Not saved: no connection.")
    page.locator("#level-conversion-research-4").check()
    expect(page.locator("#status-conversion-research")).to_have_text("Not saved: no connection.")
    banner = page.get_by_role("alert")
    expect(banner.locator("p")).to_have_text(
        "2 answers are not saved yet: there is no connection. They will be saved when it returns."
    )
    expect(banner.get_by_role("button", name="Try again")).to_be_visible()
    expect(banner.get_by_role("link", name="Sign in again")).to_be_hidden()
    assert levels(draft) == {}

    page.context.set_offline(False)

    expect(page.locator("#status-ab-testing")).to_have_text("Saved.")
    expect(page.locator("#status-conversion-research")).to_have_text("Saved.")
    expect(page.locator("#autosave-banner")).to_be_hidden()
    expect(page.locator("#progress strong")).to_have_text("Rated 2 of 48")
    assert levels(draft) == {"ab-testing": 2, "conversion-research": 4}
    assert unsaved(page, draft) is None


def test_submit_does_not_leave_while_an_answer_is_unsaved(page, draft):
    sign_in(page, form_url(draft))
    page.context.set_offline(True)
    page.locator("#level-ab-testing-2").check()
    expect(page.locator("#status-ab-testing")).to_have_text("Not saved: no connection.")

    page.get_by_role("button", name="Submit and see my T").click()

    # The banner takes focus and says why; the answer was sent again, in vain.
    banner = page.locator("#autosave-banner")
    expect(banner).to_be_focused()
    expect(banner.locator("p")).to_have_text(
        "1 answer is not saved yet: there is no connection. They will be saved when it returns."
    )
    expect(page.locator("#status-ab-testing")).to_have_text("Not saved: no connection.")
    expect(page).to_have_url(re.compile(re.escape(form_url(draft)) + "$"))
    page.context.set_offline(False)
    expect(page.locator("#status-ab-testing")).to_have_text("Saved.")
    draft.refresh_from_db()
    assert (draft.status, levels(draft)) == (Assessment.Status.DRAFT, {"ab-testing": 2})


def rate_in_two_tabs(page, draft):
    """Tab B (a second page of the same browser) saves ab-testing at 3, then tab A, which
    still shows it unrated, chooses 4."""
    sign_in(page, form_url(draft))
    tab_b = page.context.new_page()
    tab_b.goto(form_url(draft))
    tab_b.locator("#level-ab-testing-3").check()
    expect(tab_b.locator("#status-ab-testing")).to_have_text("Saved.")
    page.locator("#level-ab-testing-4").check()


def test_a_stale_tab_is_shown_the_newer_value_and_may_keep_its_own(page, draft):
    rate_in_two_tabs(page, draft)

    status = page.locator("#status-ab-testing")
    expect(status).to_contain_text(
        "Changed in another tab or device: now level 3 — yours was 4. Keep yours?"
    )
    expect(page.locator("#level-ab-testing-3")).to_be_checked()
    keep = status.get_by_role("button", name="Keep yours (4)")
    expect(keep).to_be_focused()
    assert levels(draft) == {"ab-testing": 3}

    page.keyboard.press("Enter")

    expect(status).to_have_text("Saved.")
    expect(page.locator("#level-ab-testing-4")).to_be_checked()
    assert levels(draft) == {"ab-testing": 4}
    # Tab B's next change is now the stale one; its own saves before were not.
    assert draft.ratings.get(competency__slug="ab-testing").version == 2


def test_submit_from_a_stale_tab_submits_what_is_saved_and_says_so(page, draft):
    save_draft(draft, levels=dict.fromkeys(Competency.objects.values_list("slug", flat=True), 2))
    sign_in(page, form_url(draft))
    save_draft(draft, levels={"ab-testing": 5}, versions={"ab-testing": 1})  # another tab

    page.get_by_role("button", name="Submit and see my T").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Your T on")
    expect(page.locator("#messages")).to_contain_text(
        "The page was out of date; what was saved in another tab or device was submitted. "
        "Experiment design and A/B testing: now level 5 — yours was 2."
    )
    draft.refresh_from_db()
    assert (draft.status, levels(draft)["ab-testing"]) == (Assessment.Status.SUBMITTED, 5)


def test_enter_in_evidence_moves_on_and_saves_without_submitting(page, draft):
    save_draft(draft, levels={"ab-testing": 2})
    sign_in(page, form_url(draft))
    evidence = page.locator("#evidence-ab-testing")
    evidence.fill("Ran 12 tests")
    expect(page.locator("#evidence-count-ab-testing")).to_have_text("12 / 500 characters")

    evidence.press("Enter")

    expect(page.locator("#status-ab-testing")).to_have_text("Saved.")
    expect(page).to_have_url(re.compile(re.escape(form_url(draft)) + "$"))
    expect(evidence).not_to_be_focused()
    assert page.evaluate("() => window.scrollY") > 0
    assert dict(draft.ratings.values_list("competency__slug", "evidence")) == {
        "ab-testing": "Ran 12 tests"
    }
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_the_evidence_limit_shows_before_it_bites(page, draft):
    save_draft(draft, levels={"ab-testing": 2})
    sign_in(page, form_url(draft))
    evidence = page.locator("#evidence-ab-testing")
    expect(evidence).to_have_attribute("maxlength", "500")

    evidence.fill("x" * 500)

    counter = page.locator("#evidence-count-ab-testing")
    expect(counter).to_have_text("500 / 500 characters — the limit")
    evidence.press("Tab")
    expect(page.locator("#status-ab-testing")).to_have_text("Saved.")


def test_interest_and_settings_say_when_they_are_saved(page, draft):
    sign_in(page, form_url(draft))

    page.get_by_label("I want to grow in Conversion optimisation").check()
    expect(page.locator("#status-interest-conversion-optimisation")).to_have_text("Saved.")
    page.get_by_label("Country for salary figures").select_option("GB")
    expect(page.locator("#status-settings")).to_have_text("Saved.")

    draft.refresh_from_db()
    assert draft.country == "GB"
    assert list(draft.interests.values_list("slug", flat=True)) == ["conversion-optimisation"]


def test_the_unsaved_banner_and_a_conflict_pass_axe(browser, live_server, draft):
    audit = Audit()
    page = audit.open(browser, live_server)
    rate_in_two_tabs(page, draft)
    expect(page.locator("#status-ab-testing")).to_contain_text("Keep yours?")

    page.context.set_offline(True)
    page.locator("#level-conversion-research-2").check()
    expect(page.get_by_role("alert")).to_contain_text("1 answer is not saved yet")
    audit.check(page, "assessment form, a conflict and an unsaved answer")
    page.context.set_offline(False)
    expect(page.locator("#status-conversion-research")).to_have_text("Saved.")
    # Chromium's own lines for the refused and failed requests are not the page's errors.
    assert audit.errors == [CONFLICT, *OFFLINE]
    audit.errors = []
    audit.assert_clean()
