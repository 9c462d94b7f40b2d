"""Staged imports: a checked sheet waits in the database for its manager's confirm, which
takes it once, for an hour, and only on its own team's pages."""

import datetime as dt
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from assessments.domain.sheets import check_records
from assessments.models import Assessment, Membership, StagedImport
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services import staged_imports
from assessments.services.teams import create_team, join_team, set_member_role
from careers.catalogue.loader import load_catalogue
from tests.assessments.domain.sheet_support import COMPETENCIES, HEADING, csv_bytes
from tests.factories import UserFactory

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
LIFETIME = dt.timedelta(seconds=staged_imports.STAGED_SECONDS)


@pytest.fixture
def staged(db):
    """Bea's checked sheet for Team A, staged at NOW: (token, team, Bea)."""
    boss = UserFactory(username="boss")
    team = create_team("Team A", boss)
    sheet = check_records([HEADING, ["ann@example.com", "1", "2", "3"]], COMPETENCIES)
    token = staged_imports.stage(sheet, team, boss, "ratings.csv", now=NOW)
    return token, team, boss


def test_a_staged_sheet_reads_back_as_it_was_checked(staged):
    token, team, boss = staged
    found = staged_imports.load(token, team, boss, now=NOW)
    assert found is not None
    assert (found.filename, found.token) == ("ratings.csv", token)
    assert [(row.number, row.email, row.levels) for row in found.sheet.rows] == [
        (2, "ann@example.com", (1, 2, 3))
    ]
    assert found.sheet.ok


def test_a_staged_sheet_is_claimed_once(staged):
    token, team, boss = staged
    assert staged_imports.claim(token, team, boss, now=NOW) is not None
    assert staged_imports.claim(token, team, boss, now=NOW) is None
    # Claimed, it is no longer shown either.
    assert staged_imports.load(token, team, boss, now=NOW) is None


def test_another_teams_manager_can_neither_see_nor_claim_it(staged):
    token, team, boss = staged
    other_boss = UserFactory(username="otherboss")
    other_team = create_team("Team B", other_boss)
    co_manager = UserFactory(username="ann")
    join_team(team, co_manager)
    set_member_role(team, co_manager.pk, Membership.Role.MANAGER)
    for who, where in [(other_boss, other_team), (other_boss, team), (boss, other_team)]:
        assert staged_imports.load(token, where, who, now=NOW) is None
        assert staged_imports.claim(token, where, who, now=NOW) is None
    assert staged_imports.claim(token, team, co_manager, now=NOW) is None
    assert StagedImport.objects.get().claimed_at is None
    assert staged_imports.claim(token, team, boss, now=NOW) is not None


@pytest.mark.parametrize(
    ("age", "found"),
    [(dt.timedelta(0), True), (LIFETIME, True), (LIFETIME + dt.timedelta(seconds=1), False)],
)
def test_a_staged_sheet_lasts_an_hour(staged, age, found):
    token, team, boss = staged
    assert (staged_imports.load(token, team, boss, now=NOW + age) is not None) is found
    assert (staged_imports.claim(token, team, boss, now=NOW + age) is not None) is found


def test_unknown_tokens_find_nothing(staged):
    _token, team, boss = staged
    for token in ("unknown-token-0123456789", "short", ""):
        assert staged_imports.load(token, team, boss, now=NOW) is None
        assert staged_imports.claim(token, team, boss, now=NOW) is None


def test_each_upload_deletes_staged_sheets_past_their_hour(staged):
    old, team, boss = staged
    sheet = check_records([HEADING, ["bob@example.com", "0", "0", "0"]], COMPETENCIES)
    later = NOW + LIFETIME
    kept = staged_imports.stage(sheet, team, boss, "b.csv", now=later)
    assert sorted(StagedImport.objects.values_list("token", flat=True)) == sorted([old, kept])
    newest = staged_imports.stage(sheet, team, boss, "c.csv", now=later + dt.timedelta(seconds=1))
    assert sorted(StagedImport.objects.values_list("token", flat=True)) == sorted([kept, newest])


def test_a_row_that_is_not_a_kept_sheet_is_dropped(staged):
    token, team, boss = staged
    StagedImport.objects.update(sheet={"rows": "nonsense"})
    assert staged_imports.load(token, team, boss, now=NOW) is None
    assert not StagedImport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_confirms_at_the_same_moment_import_once():
    """Several confirms of one preview race (a double click, tabs, servers): one imports."""
    load_catalogue()
    catalogue = catalogue_snapshot()
    boss = UserFactory(username="boss")
    team = create_team("Team A", boss)
    join_team(team, UserFactory(username="ann", email="ann@example.com"))
    slugs = [c.slug for c in catalogue.competencies]
    content = csv_bytes([["email", *slugs], ["ann@example.com", *("2" for _ in slugs)]])
    client = Client()
    client.force_login(boss)
    upload = SimpleUploadedFile("ratings.csv", content)
    preview = client.post("/teams/team-a/import/", {"sheet": upload})["Location"]
    confirms = 4
    barrier = threading.Barrier(confirms)
    statuses: list[int] = []
    lock = threading.Lock()

    def confirm():
        own = Client()
        own.force_login(boss)
        barrier.wait()
        try:
            status = own.post(preview).status_code
            with lock:
                statuses.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(confirms)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert sorted(statuses) == [302] + [410] * (confirms - 1)
    assert Assessment.objects.filter(owner__username="ann").count() == 1
    assert list(StagedImport.objects.values_list("state", "rows_done")) == [("imported", 1)]


def test_only_its_manager_cancels_a_staged_sheet(staged):
    token, team, boss = staged
    other_boss = UserFactory(username="otherboss")
    staged_imports.cancel(token, create_team("Team B", other_boss), other_boss, now=NOW)
    staged_imports.cancel(token, team, other_boss, now=NOW)
    assert StagedImport.objects.exists()
    staged_imports.cancel(token, team, boss, now=NOW)
    assert not StagedImport.objects.exists()
