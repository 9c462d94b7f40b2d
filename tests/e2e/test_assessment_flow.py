"""A marketer signs up, rates with the keyboard, submits, sees the T and the roles, takes a
second assessment and compares the two."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from careers.catalogue.loader import load_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEO = ["keyword-research", "technical-seo", "link-building"]
REFUSED = (
    "Failed to load resource: the server responded with a status of 422 (Unprocessable Content)"
)


@pytest.fixture
def expected_console_errors():
    """Chromium logs a 422 as an error: the test asks for one refused submit and one
    comparison of an assessment with itself."""
    return [REFUSED, REFUSED]


def sign_up(page, username):
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.locator("#id_password1").fill("a-long-and-unusual-passphrase-2026")
    page.locator("#id_password2").fill("a-long-and-unusual-passphrase-2026")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/me/quick-start/$"))


def rate_with_arrows(page, slug, level):
    """Move through the focused, unrated group with the arrow keys: each step checks the
    next level (and autosaves); Space checks level 0 where focus starts."""
    expect(page.locator(f"#level-{slug}-0")).to_be_focused()
    if level == 0:
        page.keyboard.press("Space")
    for _ in range(level):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#level-{slug}-{level}")).to_be_checked()
    expect(page.locator(f"#status-{slug}")).to_have_text("Saved.")


def preview(page):
    return page.locator("#preview p.mb-1")


def test_marketer_rates_submits_reassesses_and_compares(page):
    load_catalogue()
    sign_up(page, "grace")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My T").click()
    page.get_by_role("button", name="Rate every competency").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rate your skills")
    expect(page.locator("#progress strong")).to_have_text("Rated 0 of 48")
    expect(preview(page)).to_have_text(re.compile(r"^Depth 0 · Breadth 0 · Emerging$"))

    # Keyboard only: skip to the content, past the link to the T, "About you" (its summary
    # and three settings), the step's interest box and "set the rest", into the first
    # competency.
    expect(page.locator("#step-title")).to_have_text("Content strategy · Producers")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Your T so far")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#about-you summary")).to_be_focused()
    for field in ["#id_target_role", "#id_country", "#id_experience_level"]:
        page.keyboard.press("Tab")
        expect(page.locator(field)).to_be_focused()
    for field in ["#interest-content-strategy", "#rest-level", "button[value=fill]"]:
        page.keyboard.press("Tab")
        expect(page.locator(field)).to_be_focused()
    page.keyboard.press("Tab")

    rate_with_arrows(page, "audience-research", 3)
    expect(page.locator("#progress strong")).to_have_text("Rated 1 of 48")
    expect(preview(page)).to_contain_text("Depth 20 (Content strategy)")

    page.keyboard.press("Tab")  # the evidence box
    expect(page.locator("#evidence-audience-research")).to_be_focused()
    page.keyboard.type("Ran twelve customer interviews")
    page.keyboard.press("Tab")  # leaving the box saves it, focus moves to the next row
    rate_with_arrows(page, "editorial-planning", 4)
    expect(preview(page)).to_contain_text("Depth 47 (Content strategy)")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    rate_with_arrows(page, "content-performance", 5)
    expect(preview(page)).to_contain_text("Depth 80 (Content strategy)")
    expect(page.locator("#count-content-strategy")).to_have_text("3 of 3 rated ✓")
    expect(page.locator("#progress strong")).to_have_text("Rated 3 of 48")

    # Submitting now lists what is still missing, by step, each a link to its step.
    page.get_by_role("button", name="Submit and see my T").click()
    missing = page.locator("#missing")
    expect(missing).to_contain_text(
        "Not submitted yet: 15 disciplines have competencies with no level"
    )
    expect(missing.get_by_role("link")).to_have_count(15)
    expect(missing.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"/edit/\?step=copywriting$")
    )
    expect(page.locator("#step-title")).to_have_text("Copywriting · Producers")
    assert Assessment.objects.get().status == "draft"

    # Step by step: SEO at expert one by one, every other discipline set to working level
    # at once, each step saved and left with "Save and continue".
    for number in range(2, 17):
        expect(page.locator(".form-progress p").first).to_contain_text(f"Step {number} of 16")
        if page.locator("#row-technical-seo").count():
            for slug in SEO:
                page.locator(f"#level-{slug}-5").check()
                expect(page.locator(f"#status-{slug}")).to_have_text("Saved.")
        else:
            page.locator("#rest-level").select_option("2")
            page.get_by_role("button", name="Set the rest").click()
            expect(page.locator("#messages")).to_contain_text("is now at level 2.")
        if number < 16:
            page.get_by_role("button", name=re.compile("^Save and continue: ")).click()
    expect(page.locator("#progress strong")).to_have_text("Rated 48 of 48")
    expect(preview(page)).to_contain_text("Depth 100 (Search engine optimisation)")

    page.get_by_role("button", name="Submit and see my T").click()
    expect(page).to_have_url(re.compile(r"/me/assessments/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("Submitted. Here is your T.")
    first = Assessment.objects.get()
    assert (first.status, first.depth, first.breadth, first.shape) == (
        "submitted",
        100,
        100,
        "pi-shaped",
    )
    expect(page.locator(".lead")).to_have_text(
        "Π-shaped · depth 100 · breadth 100 · phase 3: " + first.result["phase_name"]
    )
    chart = page.get_by_role("img", name="Your T")
    expect(chart).to_be_visible()
    expect(chart.locator("desc")).to_contain_text(
        re.compile(r"Deep \(80 or more\): .*Search engine optimisation 100")
    )
    roles = page.get_by_role("region", name="Roles that fit you best").locator("article")
    expect(roles).to_have_count(5)
    best = first.result["matches"][0]
    expect(roles.first.get_by_role("heading")).to_have_text(best["name"])
    expect(roles.first).to_contain_text(f"{best['fit']}% fit")

    # A second assessment starts from the first; raise two strategy skills.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My T").click()
    page.get_by_role("button", name="Reassess my skills").click()
    expect(page.locator("#messages")).to_contain_text(
        "A new assessment is ready, filled in from your last one."
    )
    expect(page.locator("#progress strong")).to_have_text("Rated 48 of 48")
    expect(page.locator("#level-audience-research-3")).to_be_checked()
    expect(page.locator("#evidence-audience-research")).to_have_value(
        "Ran twelve customer interviews"
    )
    page.locator("ol.steps button[value=marketing-strategy]").click()
    expect(page.locator("#step-title")).to_have_text("Marketing strategy · Architects")
    for slug in ["market-positioning", "strategic-planning"]:
        page.locator(f"#level-{slug}-4").check()
        expect(page.locator(f"#status-{slug}")).to_have_text("Saved.")
    page.get_by_role("button", name="Submit and see my T").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted. Here is your T.")

    # History: two points on each line (depth and breadth), two rows in the table.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your history")
    history = page.get_by_role("img", name="Depth and breadth over time")
    expect(history.locator("path")).to_have_count(2)
    for path in history.locator("path").all():
        assert re.fullmatch(r"M[\d.]+,[\d.]+ L[\d.]+,[\d.]+", path.get_attribute("d"))
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    second = Assessment.objects.filter(status="submitted").order_by("submitted_at").last()
    expect(rows.nth(1).locator("td").nth(2)).to_have_text(str(second.depth))

    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed")
    comparison = page.locator("#comparison")
    expect(comparison).to_contain_text("2 competencies rose, 0 fell and 46 stayed the same.")
    raised = comparison.get_by_role("row", name=re.compile("Strategic marketing planning"))
    expect(raised.get_by_role("cell")).to_have_text(["Marketing strategy", "2", "4", "▲ rose by 2"])

    # The same assessment on both sides: the answer comes inside the comparison, and the
    # address stays that of the comparison shown.
    shown = page.url
    page.get_by_label("Earlier").select_option(index=1)
    expect(comparison.get_by_role("alert")).to_have_text(
        "Choose two different assessments to compare."
    )
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator("header")).to_have_count(1)
    assert page.url == shown
    page.get_by_label("Earlier").select_option(index=0)
    expect(comparison).to_contain_text("2 competencies rose, 0 fell and 46 stayed the same.")
