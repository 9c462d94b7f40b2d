"""The pictures at a phone's width and a laptop's: every chart fits its page, and every label
in it is drawn at 12 px or more and inside the chart."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments import demo
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import start_assessment
from careers.catalogue.loader import load_catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 1280]

# For each chart of the page: its width, the smallest label on screen, and every label or
# chart that reaches past the chart's or the window's edge.
MEASURE = """() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = svg.getScreenCTM().a;
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const outside = texts.filter(t => {
    const r = t.getBoundingClientRect();
    return r.left < box.left - 0.5 || r.right > box.right + 0.5;
  }).map(t => t.textContent);
  if (box.right > window.innerWidth) outside.push('the chart itself');
  return {id: svg.getAttribute('aria-labelledby'), width: Math.round(box.width),
          smallest: Math.min(...sizes), outside};
})"""


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def measured(page, url, width, wanted):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    charts = [c for c in page.evaluate(MEASURE) if c["id"].split()[0][:-6] in wanted]
    assert sorted(chart["id"].split()[0][:-6] for chart in charts) == sorted(wanted), url
    for chart in charts:
        assert chart["smallest"] >= 12, (url, width, chart)
        assert chart["outside"] == [], (url, width, chart)
    # The page itself never scrolls sideways because of a chart.
    assert page.evaluate("document.documentElement.scrollWidth") <= width or all(
        chart["width"] <= width for chart in charts
    )
    return {chart["id"].split()[0][:-6]: chart for chart in charts}


@pytest.fixture
def people():
    load_catalogue()
    now = datetime.now(UTC)
    catalogue = catalogue_snapshot()
    for persona in demo.PERSONAS:
        demo.create_demo_marketer(persona, now, catalogue)
    return demo.create_demo_team(now, catalogue)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_marketers_t_is_readable_at_both_widths(page, people, width):
    log_in(page, "alex")
    page.goto("/me/")
    page.get_by_role("link", name="Open the full profile").click()
    profile = page.url
    found = measured(page, profile, width, ["profile-chart"])
    # The T takes the width a phone gives it, and no more than 28rem on a wide screen.
    assert found["profile-chart"]["width"] == (366 if width == 390 else 448)
    chart = page.get_by_role("img", name="Your T")
    expect(chart.locator("desc")).to_contain_text("Dashed outline, what Head of Digital")
    measured(page, "/me/", width, ["latest-chart"])

    draft = start_assessment(get_user_model().objects.get(username="alex"))[0]
    measured(page, f"/me/assessments/{draft.pk}/edit/", width, ["preview-chart"])


@pytest.mark.parametrize("width", WIDTHS)
def test_a_members_t_is_readable_for_their_manager(page, people, width):
    priya = people.memberships.get(user__username="priya").user
    log_in(page, "morgan")
    measured(page, f"/teams/{people.slug}/members/{priya.pk}/", width, ["profile-chart"])


@pytest.mark.parametrize("width", WIDTHS)
def test_the_history_and_the_comparison_are_readable_at_both_widths(page, people, width):
    log_in(page, "sam")
    found = measured(page, "/me/history/", width, ["history-chart"])
    assert found["history-chart"]["width"] == (366 if width == 390 else 640)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed")
    measured(page, page.url, width, ["overlay-chart"])
    # Changes only, then every competency, with and without a page load.
    changed = page.locator("#comparison tbody tr").count()
    page.get_by_role("link", name=re.compile(r"^Show all 48 competencies")).click()
    expect(page.locator("#comparison tbody tr")).to_have_count(48)
    assert changed < 48
    page.get_by_role("link", name="Show only the competencies that changed").click()
    expect(page.locator("#comparison tbody tr")).to_have_count(changed)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_teams_t_is_readable_at_both_widths(page, people, width):
    log_in(page, "morgan")
    measured(page, f"/teams/{people.slug}/coverage/", width, ["team-chart"])
    expect(page.get_by_role("img", name="The team's combined T")).to_be_visible()
