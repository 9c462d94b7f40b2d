"""A manager imports a sheet in Chromium while a real task worker does the work: the
preview page waits for the check and turns into the preview by itself (htmx), and the
status page's progress bar follows the import to its end."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.teams import create_team, join_team
from careers.catalogue.loader import load_catalogue
from tests.factories import UserFactory
from tests.server import DB_TASKS, run_worker_batch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-2026"


def test_the_pages_follow_the_check_and_the_import_as_a_worker_runs_them(
    page, live_server, settings
):
    settings.TASKS = DB_TASKS  # queued for the worker below, not run in the request
    load_catalogue()
    boss = UserFactory(username="boss", password=PASSWORD)
    team = create_team("Growth", boss)
    join_team(team, UserFactory(username="kim", email="kim@example.com"))
    slugs = [competency.slug for competency in catalogue_snapshot().competencies]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["email", *slugs], ["kim@example.com", *["3"] * len(slugs)]])

    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill("boss")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/teams/growth/import/")
    page.locator("#id_sheet").set_input_files(
        files=[{"name": "r.csv", "mimeType": "text/csv", "buffer": buffer.getvalue().encode()}]
    )
    page.get_by_role("button", name="Check the sheet").click()
    expect(page.locator("#sheet-state")).to_contain_text("The sheet is being read and checked")
    preview = page.url

    run_worker_batch()
    # htmx asks again within two seconds, and the page reloads into the preview.
    expect(page.locator("#import-summary")).to_contain_text("1 row ready")
    assert page.url == preview

    page.get_by_role("button", name="Import 1 assessment").click()
    expect(page).to_have_url(re.compile(r"/status/$"))
    expect(page.locator("#import-state")).to_contain_text("Waiting for a worker")
    expect(page.locator("#import-progress")).to_have_attribute("value", "0")

    run_worker_batch()
    expect(page.locator("#import-state")).to_have_text(
        "Imported 1 assessment from r.csv. Each is now its person's latest profile."
    )
    expect(page.locator("#import-progress")).to_have_attribute("value", "1")
    assert Assessment.objects.get().owner.username == "kim"
