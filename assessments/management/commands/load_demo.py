from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments import demo
from assessments.queries.catalogue import catalogue_snapshot
from careers.models import Competency


class Command(BaseCommand):
    help = "Create demo marketers with several months of history (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DJANGO_DEBUG=1: it creates accounts with a "
                "published password."
            )
        if not Competency.objects.active().exists():
            raise CommandError("The catalogue is empty; run `manage.py load_catalogue` first.")
        now = timezone.now()
        catalogue = catalogue_snapshot()
        for persona in demo.PERSONAS:
            demo.create_demo_marketer(persona, now, catalogue)
        team = demo.create_demo_team(now, catalogue)
        names = ", ".join(persona.username for persona in demo.PERSONAS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo marketers ready: {names}; demo manager: {demo.TEAM_MANAGER.username}, "
                f"of “{team.name}” ({team.memberships.count()} people). "
                f"Password for all: “{demo.DEMO_PASSWORD}”."
            )
        )
