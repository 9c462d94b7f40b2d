"""Import a team's ratings from a sheet, as the team's import page does."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import timezone

from assessments import access
from assessments.domain import sheet_files, sheets
from assessments.models import Team
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services import imports as import_services

# Exit status for a sheet with problems (argparse uses 2 for bad arguments too).
PROBLEMS = 2


class Command(BaseCommand):
    help = (
        "Import ratings from a .csv or .xlsx sheet (a column “email”, one column per "
        "competency, levels 0-5) into a team: each row becomes a submitted assessment of "
        "that member. All or nothing: with any problem, the problems are listed, nothing is "
        "saved and the command exits with status 2. See docs/import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The sheet: a .csv (UTF-8) or .xlsx file.")
        parser.add_argument("--team", required=True, help="The team's slug.")
        parser.add_argument(
            "--as",
            dest="manager",
            metavar="USERNAME",
            help="The manager recorded as having imported the ratings; must manage the team.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the sheet and the people in it, and save nothing.",
        )

    def handle(self, *args, file: str, team: str, manager: str | None, dry_run: bool, **options):
        team_ = self._team(team)
        importer = self._manager(team_, manager) if manager else None
        path = Path(file)
        catalogue = catalogue_snapshot()
        columns = sheets.competency_columns(catalogue)
        try:
            with path.open("rb") as stream:
                sheet = sheet_files.read_sheet(
                    path.name,
                    stream,
                    path.stat().st_size,
                    columns,
                    import_services.retired_competencies(catalogue),
                )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        import_services.check_people(sheet, team_)
        if not sheet.ok:
            self._refuse(sheet, file)
        if dry_run:
            self.stdout.write(
                f"{file}: {_rows(len(sheet.rows))} ready to import into {team_.name}. "
                "Dry run: nothing was saved."
            )
            return
        try:
            count = import_services.import_sheet(
                sheet, team_, imported_by=importer, catalogue=catalogue, now=timezone.now()
            )
        except import_services.ImportRefused as refused:
            self._refuse(refused.sheet, file)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {_rows(count, 'assessment')} into {team_.name} from {file}."
            )
        )

    def _team(self, slug: str) -> Team:
        team = Team.objects.filter(slug=slug).first()
        if team is None:
            raise CommandError(f"No team has the slug “{slug}”.")
        return team

    def _manager(self, team: Team, username: str):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account has the username “{username}”.")
        try:
            access.team_for_manager(user, team.slug)
        except (Http404, PermissionDenied) as error:
            raise CommandError(f"{username} does not manage {team.name}.") from error
        return user

    def _refuse(self, sheet: sheets.Sheet, file: str):
        for problem in sheet.problems:
            self.stdout.write(f"  {problem}")
        if sheet.unlisted_problems:
            self.stdout.write(f"  … and {sheet.unlisted_problems:,} more.")
        count = sheet.problem_count
        raise CommandError(
            f"{file} has {count:,} problem{'s' if count != 1 else ''}; nothing was saved.",
            returncode=PROBLEMS,
        )


def _rows(count: int, noun: str = "row") -> str:
    return f"{count:,} {noun}{'s' if count != 1 else ''}"
