"""The import_ratings command: a sheet into a team, as the import page does."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assessments.models import Assessment
from assessments.services.teams import create_team, join_team
from tests.assessments.conftest import levels_for
from tests.assessments.domain.sheet_support import csv_bytes, xlsx_bytes
from tests.factories import UserFactory


@pytest.fixture
def team(db):
    boss = UserFactory(
        username="boss", email="boss@example.com", first_name="Bea", last_name="Boss"
    )
    team = create_team("Team A", boss)
    for name in ("ann", "bob", "cy"):
        join_team(team, UserFactory(username=name, email=f"{name}@example.com"))
    return team


def run(*args):
    out = io.StringIO()
    call_command("import_ratings", *args, stdout=out, no_color=True)
    return out.getvalue()


def write_sheet(tmp_path, catalogue, rows, name="ratings.csv"):
    slugs = [c.slug for c in catalogue.competencies]
    records = [["email", *slugs]] + [[email, *(levels[s] for s in slugs)] for email, levels in rows]
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(records) if name.endswith(".xlsx") else csv_bytes(records))
    return path


@pytest.mark.parametrize("name", ["ratings.csv", "ratings.xlsx"])
def test_the_command_imports_a_sheet(team, catalogue, tmp_path, name):
    levels = levels_for(catalogue, 2)
    path = write_sheet(
        tmp_path, catalogue, [("ann@example.com", levels), ("bob@example.com", levels)], name
    )
    output = run(str(path), "--team", "team-a", "--as", "boss")
    assert output == f"Imported 2 assessments into Team A from {path}.\n"
    assert sorted(
        Assessment.objects.values_list("owner__username", "source", "imported_by__username")
    ) == [("ann", "import", "boss"), ("bob", "import", "boss")]


def test_the_command_without_a_manager_records_nobody(team, catalogue, tmp_path):
    path = write_sheet(tmp_path, catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    assert run(str(path), "--team", "team-a") == f"Imported 1 assessment into Team A from {path}.\n"
    assert Assessment.objects.get().imported_by is None


def test_a_dry_run_saves_nothing(team, catalogue, tmp_path):
    path = write_sheet(tmp_path, catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    output = run(str(path), "--team", "team-a", "--as", "boss", "--dry-run")
    assert output == f"{path}: 1 row ready to import into Team A. Dry run: nothing was saved.\n"
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_the_command_lists_problems_and_exits_with_2(team, catalogue, tmp_path, dry_run):
    levels = levels_for(catalogue, 1)
    path = write_sheet(
        tmp_path,
        catalogue,
        [("ann@example.com", levels), ("nobody@example.com", levels), ("ann@example.com", levels)],
    )
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_ratings", str(path), "--team", "team-a", *dry_run, stdout=out)
    assert error.value.returncode == 2
    assert str(error.value) == f"{path} has 2 problems; nothing was saved."
    assert out.getvalue() == (
        "  Row 3, column A (email): No member of Team A has the address nobody@example.com: "
        "they join with the team's invite code first.\n"
        "  Row 4, column A (email): ann@example.com is also on row 2: each person appears "
        "once.\n"
    )
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--team", "nope"], "No team has the slug “nope”."),
        (["--team", "team-a", "--as", "ghost"], "No account has the username “ghost”."),
        (["--team", "team-a", "--as", "ann"], "ann does not manage Team A."),
        (["--team", "team-a", "--as", "mallory"], "mallory does not manage Team A."),
    ],
)
def test_the_command_refuses_unknown_teams_and_non_managers(
    team, catalogue, tmp_path, args, message
):
    UserFactory(username="mallory")
    path = write_sheet(tmp_path, catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    with pytest.raises(CommandError, match=message) as error:
        run(str(path), *args)
    assert error.value.returncode == 1
    assert not Assessment.objects.exists()


def test_the_command_reports_a_missing_file(team, catalogue, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*: No such file or directory\."):
        run(str(tmp_path / "missing.csv"), "--team", "team-a")


def test_the_command_refuses_files_that_are_not_sheets(team, catalogue, tmp_path):
    path = tmp_path / "ratings.pdf"
    path.write_bytes(b"%PDF")
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_ratings", str(path), "--team", "team-a", stdout=out)
    assert error.value.returncode == 2
    assert out.getvalue() == (
        "  “ratings.pdf” is neither a CSV file (.csv) nor an Excel workbook (.xlsx).\n"
    )
