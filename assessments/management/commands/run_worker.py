"""Run the task worker of the configured backend (TASKS_BACKEND; docs/operations.md).

"db" runs django-tasks-db's ``db_worker``, "rq" runs django-rq's ``rqworker`` with the job
class django-tasks-rq needs. Run one or more beside the web processes; ``make run`` starts
one. With ``--batch`` the worker runs the tasks waiting now and stops.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the task worker of the configured task backend (TASKS_BACKEND)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run the tasks waiting now, then stop."
        )

    def handle(self, *, batch: bool, verbosity: int, **options):
        if settings.TASKS_BACKEND == "db":
            # Reloading on code changes would stop a task midway; it is run again, but slowly.
            args = ["--no-reload", "--batch", "--no-startup-delay"] if batch else ["--no-reload"]
            call_command("db_worker", *args, verbosity=verbosity)
        elif settings.TASKS_BACKEND == "rq":
            args = ["--burst"] if batch else []
            call_command(
                "rqworker",
                "default",
                "--job-class",
                "django_tasks_rq.Job",
                *args,
                verbosity=verbosity,
            )
        else:
            raise CommandError(
                f"TASKS_BACKEND={settings.TASKS_BACKEND} runs each task in the request that "
                "queues it: there is no worker to run."
            )
