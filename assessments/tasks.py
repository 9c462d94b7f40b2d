"""The work that runs in a task worker, not in a request (Django's Tasks framework).

Which backend keeps the tasks and which worker runs them is the settings' choice
(TASKS_BACKEND; docs/operations.md, "Tasks"). Each task is thin: the work is a service's,
written to be run again safely, since a worker may stop mid-task and the task be handed
on (``staged_imports.stalled``).
"""

import logging

from django.tasks import Task, task
from django.utils import timezone

from assessments.models import StagedImport
from assessments.services import accounts as account_services
from assessments.services import staged_imports

logger = logging.getLogger(__name__)


@task
def send_password_reset(user_id: int, **site: str | None) -> None:
    """E-mail a password-reset link (``accounts.send_password_reset``)."""
    account_services.send_password_reset(user_id, **site)  # type: ignore[arg-type]


def enqueue_password_reset(user_id: int, **site: str | None) -> None:
    """Queue the e-mail; with the task backend out of reach it is sent now, in the request,
    as before there were tasks: a person asking for a link must not wait for a backend."""
    try:
        send_password_reset.enqueue(user_id, **site)
    except Exception:
        logger.warning(
            "A password-reset e-mail could not be queued; it is sent now.", exc_info=True
        )
        account_services.send_password_reset(user_id, **site)  # type: ignore[arg-type]


@task
def check_sheet(staged_import_id: int) -> None:
    """Read and check an uploaded sheet (``staged_imports.check_upload``)."""
    staged_imports.check_upload(staged_import_id, clock=timezone.now)


@task
def import_sheet(staged_import_id: int) -> None:
    """Save a confirmed team import's rows (``staged_imports.run_import``)."""
    staged_imports.run_import(staged_import_id, clock=timezone.now)


def enqueue_check(staged_import_id: int) -> None:
    """Hand an uploaded sheet to a worker to check."""
    _enqueue(check_sheet, staged_import_id)


def enqueue_import(staged_import_id: int) -> None:
    """Hand a confirmed import to a worker."""
    _enqueue(import_sheet, staged_import_id)


def _enqueue(work: Task, staged_import_id: int) -> None:
    # With the task backend out of reach the work waits: the pages and the periodic
    # command hand it on again later (resume_stalled).
    try:
        result = work.enqueue(staged_import_id)
    except Exception:
        logger.warning(
            "%s of %s could not be queued; it waits.",
            work.name,
            staged_import_id,
            exc_info=True,
        )
        return
    staged_imports.record_task(staged_import_id, str(result.id))


def resume_stalled(*, pk: int | None = None) -> int:
    """Hand on the checks and imports whose worker went quiet (of one, with `pk`); how many."""
    stalled = staged_imports.stalled(now=timezone.now(), pk=pk)
    for staged_import_id, state in stalled:
        if state == StagedImport.State.CHECKING:
            enqueue_check(staged_import_id)
        else:
            enqueue_import(staged_import_id)
    return len(stalled)
