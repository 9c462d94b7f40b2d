"""The stepped assessment form in Chromium: on a phone after a quick start, and an answer
kept from another step delivered when the form opens again."""

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from assessments.models import Assessment
from assessments.services.assessments import save_draft, start_assessment
from careers.catalogue.loader import load_catalogue
from careers.models import Discipline
from tests.e2e.helpers import PASSWORD, levels, sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft():
    load_catalogue()
    owner = UserFactory(username="ada", password=PASSWORD)
    draft, _ = start_assessment(owner)
    return draft


def test_a_step_on_a_phone_keeps_progress_and_the_t_in_sight(browser, live_server, draft):
    quick = dict.fromkeys(Discipline.objects.values_list("slug", flat=True), 1)
    save_draft(draft, quick=quick | {"seo": 4})
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, f"/me/assessments/{draft.pk}/edit/")

    # The strongest discipline first, with the reason.
    expect(page.locator("#step-title")).to_have_text("Search engine optimisation · Distributors")
    bar = page.locator(".form-progress")
    expect(bar).to_contain_text("Step 1 of 16 · Search engine optimisation")
    expect(bar).to_contain_text("Rated 0 of 48 · 48 more counted by your quick ratings")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Rating the last row of the step, scrolled down: the bar is still in sight and
    # follows the answer.
    page.locator("#level-link-building-5").scroll_into_view_if_needed()
    page.locator("#level-link-building-5").check()
    expect(page.locator("#status-link-building")).to_have_text("Saved.")
    expect(bar).to_be_in_viewport()
    expect(bar).to_contain_text("Rated 1 of 48 · 47 more counted by your quick ratings")
    expect(bar.get_by_role("link", name="Your T so far")).to_be_visible()
    expect(bar).to_contain_text("depth 87")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    serious = [
        v for v in Axe().run(page).response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []

    # The rest of the step at once, then on to the next.
    page.locator("#rest-level").select_option("4")
    page.get_by_role("button", name="Set the rest").click()
    expect(page.locator("#messages")).to_contain_text(
        "Every competency of Search engine optimisation not rated yet is now at level 4."
    )
    assert levels(draft) == {"link-building": 5, "keyword-research": 4, "technical-seo": 4}
    page.get_by_role("button", name=re.compile("^Save and continue: ")).click()
    expect(bar).to_contain_text("Step 2 of 16")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_an_answer_kept_from_another_step_is_saved_when_the_form_opens(page, draft):
    """An answer that did not arrive on one step (signed out, say) and the form opened
    again at another step: the kept answer is sent as its row would send it."""
    sign_in(page, f"/me/assessments/{draft.pk}/edit/?step=copywriting")
    kept = {"row-ab-testing": {"values": {"level-ab-testing": "4"}, "reason": "signed-out"}}
    page.evaluate(
        "([key, value]) => sessionStorage.setItem(key, value)",
        [f"tprofile-unsaved-{draft.pk}", json.dumps(kept)],
    )
    page.reload()

    expect(page.locator("#step-title")).to_have_text("Copywriting · Producers")
    page.wait_for_function(f"() => sessionStorage.getItem('tprofile-unsaved-{draft.pk}') === null")
    assert levels(draft) == {"ab-testing": 4}
    assert Assessment.objects.get().status == "draft"
