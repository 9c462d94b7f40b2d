"""Importing a checked sheet into a team: who each row is, and saving every row or none."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings

from assessments.domain import catalogue as snapshot
from assessments.domain import scoring, sheets
from assessments.domain.sheets import check_records
from assessments.models import Assessment, Membership, Rating
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services import imports as import_services
from assessments.services.assessments import save_draft, start_assessment
from assessments.services.teams import create_team, join_team
from careers.models import Competency, Discipline, Role
from tests.assessments.conftest import levels_for, stored
from tests.assessments.domain.sheet_support import MANY, broken_sheets, lines
from tests.factories import UserFactory

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


# --- saving ------------------------------------------------------------------------------------


@pytest.fixture
def team(db):
    boss = UserFactory(
        username="boss", email="boss@example.com", first_name="Bea", last_name="Boss"
    )
    team = create_team("Team A", boss)
    for name in ("ann", "bob", "cy"):
        join_team(team, UserFactory(username=name, email=f"{name}@example.com"))
    return team


def member(username):
    return Membership.objects.get(user__username=username).user


def sheet_for(catalogue, rows):
    """A checked sheet of (email, {slug: level}) rows against the catalogue."""
    slugs = [c.slug for c in catalogue.competencies]
    records = [["email", *slugs]]
    records += [[email, *(levels[slug] for slug in slugs)] for email, levels in rows]
    return check_records(records, sheets.competency_columns(catalogue))


def test_each_row_becomes_a_submitted_assessment_scored_like_a_submitted_form(
    team, catalogue, submit
):
    levels = levels_for(catalogue, 2, technical_seo=5, keyword_research=4, brand_voice=1)
    boss = member("boss")
    by_form = submit(boss, levels, when=NOW)
    sheet = sheet_for(catalogue, [("ANN@example.com", levels)])
    assert (
        import_services.import_sheet(sheet, team, imported_by=boss, catalogue=catalogue, now=NOW)
        == 1
    )
    imported = Assessment.objects.get(owner__username="ann")
    fields = [
        "status",
        "submitted_at",
        "scoring_version",
        "result",
        "depth",
        "breadth",
        "shape",
        "phase",
        "discipline_scores",
        "layer_scores",
        "country",
        "experience_level",
        "is_latest",
    ]
    assert {f: getattr(imported, f) for f in fields} == {f: getattr(by_form, f) for f in fields}
    assert (imported.source, imported.imported_by, by_form.source) == ("import", boss, "form")
    assert dict(imported.ratings.values_list("competency__slug", "level")) == levels
    assert set(imported.ratings.values_list("evidence", flat=True)) == {""}


def test_the_import_becomes_the_latest_and_leaves_drafts_alone(team, catalogue, submit):
    ann = member("ann")
    role = Role.objects.get(slug="seo-specialist")
    first = submit(
        ann,
        levels_for(catalogue, 1),
        interests={"seo": True, "copywriting": True},
        settings={"country": "GB", "experience_level": "senior", "target_role": role},
    )
    Discipline.objects.filter(slug="copywriting").update(is_active=False)
    catalogue = catalogue_snapshot()
    draft, _created = start_assessment(ann)
    save_draft(draft, levels={"keyword-research": 5})
    before = stored(draft)

    levels = levels_for(catalogue, 3)
    sheet = sheet_for(catalogue, [("ann@example.com", levels)])
    import_services.import_sheet(
        sheet, team, imported_by=member("boss"), catalogue=catalogue, now=NOW
    )

    imported = Assessment.objects.get(owner=ann, source="import")
    first.refresh_from_db()
    assert (first.is_latest, imported.is_latest) == (False, True)
    assert access_latest(ann) == imported
    assert stored(draft) == before
    # Carried over like a new draft's, where the catalogue still has them.
    assert (imported.country, imported.experience_level, imported.target_role) == (
        "GB",
        "senior",
        role,
    )
    assert set(imported.interests.values_list("slug", flat=True)) == {"seo"}
    profile = scoring.score(catalogue, levels, ["seo"], "seo-specialist")
    assert imported.result == profile.to_dict()


def access_latest(user):
    return Assessment.objects.get(owner=user, is_latest=True)


def test_people_must_be_in_the_team_and_accounts_elsewhere_are_not_revealed(
    team, catalogue, django_assert_num_queries
):
    UserFactory(username="outsider", email="Outsider@example.com")
    levels = levels_for(catalogue, 1)
    sheet = sheet_for(
        catalogue,
        [
            ("ann@example.com", levels),
            ("outsider@EXAMPLE.com", levels),
            ("nobody@example.com", levels),
        ],
    )
    with django_assert_num_queries(1):
        people = import_services.check_people(sheet, team)
    assert people == {"ann@example.com": import_services.Person(member("ann").pk, "ann")}
    # An address with an account outside the team reads exactly like one without.
    assert lines(sheet) == [
        "Row 3, column A (email): No member of Team A has the address outsider@EXAMPLE.com: "
        "they join with the team's invite code first.",
        "Row 4, column A (email): No member of Team A has the address nobody@example.com: "
        "they join with the team's invite code first.",
    ]
    assert sheet.problem_summary() == [("people not in the team", 2)]
    with pytest.raises(import_services.ImportRefused):
        import_services.import_sheet(sheet, team, imported_by=None, catalogue=catalogue, now=NOW)
    assert not Assessment.objects.exists()


def test_two_members_with_one_address_are_a_problem(team, catalogue):
    twin = UserFactory(username="twin", email="ANN@example.com")
    join_team(team, twin)
    sheet = sheet_for(catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    import_services.check_people(sheet, team)
    assert lines(sheet) == ["Row 2, column A (email): Several members of Team A have this address."]


def test_a_failure_part_way_saves_nothing(team, catalogue, monkeypatch):
    monkeypatch.setattr(import_services, "CHUNK_ROWS", 1)
    real_score = scoring.score
    calls = []

    def failing_score(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("scoring failed")
        return real_score(*args, **kwargs)

    monkeypatch.setattr(scoring, "score", failing_score)
    levels = levels_for(catalogue, 2)
    sheet = sheet_for(catalogue, [(f"{n}@example.com", levels) for n in ("ann", "bob", "cy")])
    with pytest.raises(RuntimeError, match="scoring failed"):
        import_services.import_sheet(sheet, team, imported_by=None, catalogue=catalogue, now=NOW)
    assert len(calls) == 3
    assert not Assessment.objects.exists()
    assert not Rating.objects.exists()


def test_a_changed_catalogue_refuses_a_checked_sheet(team, catalogue):
    sheet = sheet_for(catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    Competency.objects.filter(slug="keyword-research").update(is_active=False)
    with pytest.raises(import_services.ImportRefused) as refused:
        import_services.import_sheet(
            sheet, team, imported_by=None, catalogue=catalogue_snapshot(), now=NOW
        )
    assert lines(refused.value.sheet) == [
        "Row 1: The catalogue's competencies changed since the sheet was checked: download "
        "the template again and fill it in."
    ]
    assert not Assessment.objects.exists()


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=broken_sheets())
def test_any_sheet_with_a_problem_saves_nothing(team, records):
    sheet = check_records(records, MANY)
    with pytest.raises(import_services.ImportRefused):
        import_services.import_sheet(sheet, team, imported_by=None, catalogue=SKILLS, now=NOW)
    assert not Assessment.objects.exists()


SKILLS = snapshot.Catalogue(
    layers=(
        snapshot.Layer(
            "producers",
            "Producers",
            (
                snapshot.Discipline(
                    "skills",
                    "Skills",
                    "producers",
                    tuple(snapshot.Competency(slug, name, "skills") for slug, name in MANY.items()),
                ),
            ),
        ),
    )
)


@pytest.mark.parametrize("chunk", [2, 1000])
def test_saving_runs_a_bounded_number_of_queries(team, catalogue, monkeypatch, chunk):
    """Queries grow with the number of chunks, never with the number of rows in one."""
    monkeypatch.setattr(import_services, "CHUNK_ROWS", chunk)
    for n in range(3, 7):
        join_team(team, UserFactory(username=f"p{n}", email=f"p{n}@example.com"))
    levels = levels_for(catalogue, 2)

    def queries_for(emails):
        sheet = sheet_for(catalogue, [(email, levels) for email in emails])
        with CaptureQueriesContext(connection) as captured:
            import_services.import_sheet(
                sheet, team, imported_by=None, catalogue=catalogue, now=NOW
            )
        return len(captured)

    two = queries_for(["ann@example.com", "bob@example.com"])
    four = queries_for([f"p{n}@example.com" for n in range(3, 7)])
    # One chunk: the same queries for two rows as for four. Chunks of two: one chunk's
    # queries more (latest assessments, assessments, ratings; none had one before), but
    # for the ratings' COPY on PostgreSQL, which Django's query log does not see.
    per_chunk = 2 if connection.vendor == "postgresql" else 3
    assert four == (two if chunk == 1000 else two + per_chunk)
    assert Assessment.objects.count() == 6
