"""Screenshots of the pages people look at most, at 390 px and 1280 px, with the demo data,
and the layout facts each must show: the page fits the window, its heading and tables are
in sight, any table too wide for its box scrolls inside a labelled region the keyboard can
reach, and no text is smaller than 12 px. Plus axe at phone width, where tables are laid out
differently from the desktop width the accessibility tests audit.

The PNGs are for people to look at, not compared pixel by pixel (Chromium draws a little
differently from one version to the next). They go to $TPROFILE_SCREENSHOTS, by default
build/screenshots/ in the repository (ignored by git); the test prints where.
"""

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessments import demo
from assessments.models import Assessment
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import start_assessment
from careers.catalogue.loader import load_catalogue
from tests.e2e.layout import HEIGHT, WIDTHS, open_as, overflow
from tests.e2e.test_accessibility import Audit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(
    os.environ.get("TPROFILE_SCREENSHOTS")
    or Path(__file__).resolve().parents[2] / "build" / "screenshots"
)
SMALLEST_TEXT_PX = 12

# Visible text, outside the charts' SVG, set smaller than the smallest size allowed.
SMALL_TEXT = """(smallest) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    if (!text || !element.getClientRects().length) continue;
    if (element.closest("svg, .visually-hidden, .visually-hidden-focusable")) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < smallest) found.push(`${size} px: "${text.slice(0, 50)}"`);
  }
  return found;
}"""

# Tables wider than their box whose box is not a labelled scroll region the keyboard reaches.
UNREACHABLE_TABLES = """() => {
  const found = [];
  for (const table of document.querySelectorAll("main table")) {
    if (!table.getClientRects().length) continue;
    const box = table.parentElement;
    if (table.getBoundingClientRect().width <= box.clientWidth + 0.5) continue;
    const named = box.getAttribute("aria-label")
      || document.getElementById(box.getAttribute("aria-labelledby") || "")?.textContent;
    const region = box.classList.contains("table-scroll") && box.getAttribute("role") === "region";
    if (!(region && box.tabIndex === 0 && named && named.trim())) {
      found.push((table.caption?.textContent || table.rows[0].textContent).trim().slice(0, 60));
    }
  }
  return found;
}"""


@pytest.fixture
def demo_world():
    load_catalogue()
    now = datetime.now(UTC)
    catalogue = catalogue_snapshot()
    alex = demo.create_demo_marketer(demo.PERSONAS[0], now, catalogue)
    team = demo.create_demo_team(now, catalogue)
    submitted = list(Assessment.objects.filter(owner=alex, status="submitted").order_by("pk"))
    draft, _created = start_assessment(alex)
    return {
        "alex": alex,
        "morgan": team.memberships.get(role="manager").user,
        "team": team,
        "first": submitted[0],
        "last": submitted[-1],
        "draft": draft,
    }


def pages(world):
    """(name, who, URL, the page's heading, what must be in sight) of each page shot."""
    team, last = world["team"], world["last"]
    return [
        ("profile", "alex", f"/me/assessments/{last.pk}/",
         re.compile(r"^Your T on "), ["#table-title", ".score-table"]),
        ("history", "alex", "/me/history/",
         "Your history", ["main figure svg", "main table"]),
        ("comparison", "alex", f"/me/compare/?a={world['first'].pk}&b={last.pk}",
         "What changed", ["#comparison h2", "#comparison table"]),
        ("role", "alex", "/roles/marketing-director/?country=US",
         "Head of Digital / Marketing Director", ["#requirements-title", "#salaries table"]),
        ("coverage", "morgan", f"/teams/{team.slug}/coverage/",
         f"{team.name}: skill coverage", ["#heatmap-title", "#heatmap table"]),
        ("form", "alex", f"/me/assessments/{world['draft'].pk}/edit/",
         "Rate your skills", ["#step-title", "fieldset.rating-row"]),
    ]  # fmt: skip


def test_key_pages_fit_and_read_well_on_a_phone_and_a_laptop(browser, live_server, demo_world):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    audit = Audit()
    problems: list[str] = []
    contexts = {}
    for name, who, url, heading, in_sight in pages(demo_world):
        if who not in contexts:
            contexts[who] = open_as(browser, live_server, demo_world[who]).new_page()
        page = contexts[who]
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            page.goto(url)
            label = f"{name} at {width} px"
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            for selector in in_sight:
                expect(page.locator(selector).first).to_be_visible()
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            problems += filter(None, [overflow(page, label)])
            problems += [
                f"{label}: a table wider than its box is not in a labelled scroll region: {t}"
                for t in page.evaluate(UNREACHABLE_TABLES)
            ]
            problems += [
                f"{label}: text under {SMALLEST_TEXT_PX} px: {text}"
                for text in page.evaluate(SMALL_TEXT, SMALLEST_TEXT_PX)
            ]
            if width == WIDTHS[0]:
                audit.check(page, label)
    print(f"Screenshots of {len(pages(demo_world)) * len(WIDTHS)} page views in {SCREENSHOTS}")
    assert not problems, "\n".join(problems)
    audit.assert_clean()


def test_the_heatmap_scrolls_by_keyboard_and_keeps_the_names_in_sight(
    browser, live_server, demo_world
):
    page = open_as(browser, live_server, demo_world["morgan"], WIDTHS[0]).new_page()
    page.goto(f"/teams/{demo_world['team'].slug}/coverage/")
    region = page.get_by_role("region", name="Table of members × disciplines")
    region.focus()
    expect(region).to_be_focused()
    name = region.locator("tbody th").first
    left = name.bounding_box()["x"]
    for _press in range(5):
        page.keyboard.press("ArrowRight")
    assert region.evaluate("box => box.scrollLeft") > 0
    # The member's name has not moved; the scores went by under it.
    assert name.bounding_box()["x"] == left
    expect(name).to_be_visible()
