"""The work that runs in a task worker, not in a request (Django's Tasks framework).

Which backend keeps the tasks and which worker runs them is the settings' choice
(TASKS_BACKEND; docs/operations.md, "Tasks"). Each task is thin: the work is a service's,
written to be run again safely, since a worker may stop mid-task and the task be handed
on (``staged_imports.stalled``).
"""

import logging

from django.tasks import task
from django.utils import timezone

from assessments.services import staged_imports

logger = logging.getLogger(__name__)


@task
def import_sheet(staged_import_id: int) -> None:
    """Save a confirmed team import's rows (``staged_imports.run_import``)."""
    staged_imports.run_import(staged_import_id, clock=timezone.now)


def enqueue_import(staged_import_id: int) -> None:
    """Hand a confirmed import to a worker. With the task backend out of reach, the import
    waits: the status page and the periodic command hand it on again later."""
    try:
        result = import_sheet.enqueue(staged_import_id)
    except Exception:
        logger.warning(
            "The import %s could not be queued; it waits.", staged_import_id, exc_info=True
        )
        return
    staged_imports.record_task(staged_import_id, str(result.id))


def resume_stalled_imports(*, pk: int | None = None) -> int:
    """Hand on the imports whose worker went quiet (of one import, with `pk`); how many."""
    stalled = staged_imports.stalled(now=timezone.now(), pk=pk)
    for staged_import_id in stalled:
        enqueue_import(staged_import_id)
    return len(stalled)
