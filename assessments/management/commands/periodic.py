"""The periodic work: run it every few minutes from cron or a systemd timer
(docs/operations.md, "Tasks"). Each run is quick and safe to repeat or to overlap.

- Checks and imports whose worker went quiet (stopped, or the task lost) are handed to a
  task again.
- Uploads and previews nobody confirmed within the hour, and the status of imports finished a day
  ago, are deleted.
- Finished task results of the database backend older than --task-days are deleted
  (tasks that failed are kept as long, for their errors).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from assessments import tasks
from assessments.services import staged_imports


class Command(BaseCommand):
    help = "Periodic work: hand on stalled imports, delete expired imports and old task results."

    def add_arguments(self, parser):
        parser.add_argument(
            "--task-days",
            type=int,
            default=7,
            help="Keep finished task results this many days (default 7).",
        )

    def handle(self, *, task_days: int, **options):
        now = timezone.now()
        resumed = tasks.resume_stalled()
        swept = staged_imports.sweep(now=now)
        pruned, _ = (
            DBTaskResult.objects.finished()
            .filter(finished_at__lt=now - timedelta(days=task_days))
            .delete()
        )
        self.stdout.write(
            f"Checks and imports handed on: {resumed}; imports deleted: {swept}; "
            f"task results deleted: {pruned}."
        )
