from django.core.management.base import BaseCommand, CommandError

from careers.catalogue.files import CatalogueError
from careers.catalogue.loader import load_catalogue


class Command(BaseCommand):
    help = (
        "Load the default catalogue: layers, disciplines, competencies, roles and salary bands. "
        "Creates what is missing and leaves entries an admin has edited alone, so running it "
        "again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Put every default entry back to its shipped values. Entries an admin added "
                "are kept."
            ),
        )

    def handle(self, *args, reset: bool, **options):
        try:
            load_catalogue(reset=reset, stdout=self.stdout)
        except CatalogueError as error:
            raise CommandError(f"The catalogue data is invalid. {error}") from error
