import os

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments import loadgen
from assessments.queries.catalogue import catalogue_snapshot
from careers.models import Competency


class Command(BaseCommand):
    help = (
        "Make a large, deterministic data set for load tests: people with months of "
        "submitted assessments, some drafts, and teams of 5 to 5,000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--teams", type=int, default=100)
        parser.add_argument(
            "--history", type=int, default=4, help="Submitted assessments per person."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--password",
            default="",
            help="One password for every person made (default: none, they cannot log in).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes that score people while this one writes (default: one per core).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run on a database that already has accounts; replaces earlier load data.",
        )

    def handle(self, *args, people, teams, history, seed, password, jobs, force, **options):
        if people < 1 or teams < 0 or history < 0:
            raise CommandError("--people must be at least 1; --teams and --history at least 0.")
        if not Competency.objects.active().exists():
            raise CommandError("The catalogue is empty; run `manage.py load_catalogue` first.")
        if get_user_model().objects.exists():
            if not force:
                raise CommandError(
                    "This database already has accounts. Load data belongs in a database of "
                    "its own; pass --force to add it anyway (earlier load data is replaced)."
                )
            if loadgen.existing_load_data():
                self.stdout.write("Removing the earlier load data…")
                loadgen.delete_load_data()
        # One hash for everyone: hashing each password would take most of the run.
        password_hash = make_password(password or None)
        options_ = loadgen.Options(people=people, teams=teams, history=history, seed=seed)
        summary = loadgen.generate(
            options_,
            catalogue_snapshot(),
            timezone.now(),
            password_hash,
            report=self.stdout.write,
            jobs=jobs,
        )
        sizes = summary.team_sizes
        teams_text = (
            f"{summary.teams} teams of {min(sizes):,} to {max(sizes):,} people "
            f"({summary.memberships:,} memberships; {loadgen.team_slug(1)} has {sizes[0]:,}"
            + (f", {loadgen.team_slug(2)} has {sizes[1]:,}" if len(sizes) > 1 else "")
            + f", each managed by its first member, {loadgen.username(1)} for the first)"
            if sizes
            else "no teams"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {summary.people:,} people, {summary.submitted:,} submitted assessments "
                f"({summary.ratings:,} ratings with the drafts), {summary.drafts:,} drafts and "
                f"{teams_text} in {summary.seconds:.1f} s."
            )
        )
