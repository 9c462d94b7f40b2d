"""A manager imports the team's ratings from a sheet: upload, preview, confirm, progress.

Nothing is saved until the manager confirms a preview without problems. The checked rows
wait between the two requests as a staged import in the database
(``assessments.services.staged_imports``), so the sheet is not uploaded twice: the
preview's URL carries its random token, only its manager on its team's pages finds it,
it lasts an hour, and a confirm claims it so that it is imported once. A task saves the
rows (``assessments.tasks``); the status page shows how far it has got.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh
from django_ratelimit.decorators import ratelimit

from assessments import access, tasks
from assessments.domain import sheet_files, sheet_templates, sheets
from assessments.domain.names import person_name
from assessments.models import Membership, StagedImport
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services import imports as import_services
from assessments.services import staged_imports

POLL_SECONDS = 2
"""How often a page asks for news while a sheet is checked or imported (htmx, or a refresh)."""
SHOWN_ROWS = 100
"""Rows ready to import listed on the preview; the rest are counted."""
MAX_MB = sheet_files.MAX_BYTES // 1024 // 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
State = StagedImport.State


class SheetForm(forms.Form):
    sheet = forms.FileField(
        label="Sheet",
        allow_empty_file=True,  # the sheet's checks say what an empty file lacks
        help_text=f"A .csv (UTF-8) or .xlsx file, up to {MAX_MB} MB.",
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class _SizeLimit(FileUploadHandler):
    """Stops reading an upload past sheet_files.MAX_BYTES, before it reaches memory or disk."""

    def __init__(self, request=None):
        super().__init__(request)
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > sheet_files.MAX_BYTES:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


# --- pages --------------------------------------------------------------------------------


def _team(_group, request) -> str:
    return request.resolver_match.kwargs["slug"]


@csrf_exempt  # checked below, once the upload handler is in place
@require_http_methods(["GET", "POST"])
@login_required
@never_cache
# Each upload is read and checked here and now: counted per manager and per team, past
# either limit a 429 asks to wait. Counted before the team is looked up, so a stranger's
# uploads to a team they do not manage count against them too (and get their 404 below).
@ratelimit(
    key="user",
    rate=lambda _group, _request: settings.IMPORT_RATE_LIMIT,
    method="POST",
    group="import",
)
@ratelimit(
    key=_team,
    rate=lambda _group, _request: settings.IMPORT_TEAM_RATE_LIMIT,
    method="POST",
    group="import-team",
)
def upload(request, slug):
    team = access.team_for_manager(request.user, slug)
    # Upload handlers can only change before the body is read, which the CSRF check does.
    limit = _SizeLimit(request)
    request.upload_handlers.insert(0, limit)
    return _upload(request, team, limit)


@csrf_protect
def _upload(request, team, limit):
    if request.method == "GET":
        return _upload_page(request, team, SheetForm())
    form = SheetForm(request.POST, request.FILES)
    if limit.exceeded:
        return _refused(request, team, "", sheet_files.too_large())
    if not form.is_valid():
        return _upload_page(request, team, form, status=422)
    upload_ = form.cleaned_data["sheet"]
    problem = sheet_files.file_problem(upload_.name, upload_.size)
    if problem is not None:
        return _refused(request, team, upload_.name, problem)
    # Read and checked by a task: the file waits in the database, never on this host's disk.
    staged = staged_imports.stage_upload(
        team, request.user, upload_.name, upload_.read(), now=timezone.now()
    )
    tasks.enqueue_check(staged.pk)
    return redirect("assessments:team-import-preview", slug=team.slug, token=staged.token)


def _refused(request, team, filename, problem):
    """The preview of a file refused before it is read (its name or size)."""
    sheet = sheets.Sheet(competencies=tuple(sheets.competency_columns(catalogue_snapshot())))
    sheet.add_problem(problem)
    return _preview_page(request, team, sheet, filename, form=SheetForm(), status=422)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@vary_on_headers("HX-Request")
def preview(request, slug, token):
    """GET shows an uploaded sheet: being checked (the page polls), its problems, or ready
    to confirm; POST confirms it."""
    team = access.team_for_manager(request.user, slug)
    if request.method == "POST":
        return _confirm(request, team, token)
    staged = staged_imports.load(token, team, request.user, now=timezone.now())
    if staged is not None and staged.state == State.CHECKING and tasks.resume_stalled(pk=staged.pk):
        staged = staged_imports.load(token, team, request.user, now=timezone.now())
    if staged is None:
        return _gone(request, team)
    if staged.state == State.CHECKING:
        context = {
            "team": team,
            "filename": staged.filename,
            "token": token,
            "checking": True,
            "poll_seconds": POLL_SECONDS,
        }
        template = "assessments/team_import_preview.html"
        return render(request, template + "#sheet-checking" if request.htmx else template, context)
    if request.htmx:
        return HttpResponseClientRefresh()  # checked: the whole page changes
    sheet = staged.sheet
    assert sheet is not None  # checked
    if staged.state == State.REFUSED:
        return _preview_page(request, team, sheet, staged.filename, form=SheetForm(), status=422)
    people = import_services.check_people(sheet, team)
    if not sheet.ok:
        # Someone left the team (or lost their account) since the upload.
        staged_imports.discard(token)
        return _preview_page(
            request,
            team,
            sheet,
            staged.filename,
            people=people,
            form=SheetForm(),
            status=422,
        )
    return _preview_page(request, team, sheet, staged.filename, people=people, token=token)


def _confirm(request, team, token):
    claimed = staged_imports.claim(token, team, request.user, now=timezone.now())
    if claimed is None:
        return _gone(request, team)
    try:
        staged_imports.start(claimed, team, catalogue=catalogue_snapshot(), now=timezone.now())
    except import_services.ImportRefused as refused:
        staged_imports.discard(token)
        return _preview_page(
            request, team, refused.sheet, claimed.filename, form=SheetForm(), status=422
        )
    tasks.enqueue_import(claimed.pk)
    return redirect("assessments:team-import-status", slug=team.slug, token=token)


@require_GET
@login_required
@never_cache
@vary_on_headers("HX-Request")
def status(request, slug, token):
    """How far a confirmed import has got: a progress bar that htmx keeps up to date (the
    page refreshes itself without JavaScript), then the result."""
    team = access.team_for_manager(request.user, slug)
    found = staged_imports.status(token, team, request.user)
    if found is None:
        return _gone(request, team)
    if found.state == State.IMPORTING and tasks.resume_stalled(pk=found.pk):
        found.refresh_from_db()
    running = found.state == State.IMPORTING
    context = {
        "team": team,
        "staged": found,
        "running": running,
        "percent": found.rows_done * 100 // found.rows_total if found.rows_total else 0,
        "poll_seconds": POLL_SECONDS,
    }
    template = "assessments/team_import_status.html"
    return render(request, template + "#import-status" if request.htmx else template, context)


@require_POST
@login_required
def discard(request, slug, token):
    team = access.team_for_manager(request.user, slug)
    staged_imports.cancel(token, team, request.user, now=timezone.now())
    messages.info(request, "The import was cancelled; nothing was saved.")
    return redirect(team)


@require_GET
@login_required
@never_cache  # members' names: kept by no browser or proxy cache
def template(request, slug, kind):
    """A sheet to fill in, as CSV or Excel: the columns, and a row per team member by name,
    the address left for the manager to type (addresses are shown to nobody)."""
    team = access.team_for_manager(request.user, slug)
    columns = sheets.competency_columns(catalogue_snapshot())
    members = (
        Membership.objects.filter(team=team)
        .order_by("user__first_name", "user__last_name", "user__username")
        .values_list("user__first_name", "user__last_name", "user__username")
    )
    names = (person_name(first, last, username) for first, last, username in members.iterator())
    response: HttpResponseBase
    if kind == "csv":
        response = StreamingHttpResponse(
            sheet_files.template_csv(columns, names), content_type="text/csv; charset=utf-8"
        )
    elif kind == "xlsx":
        response = HttpResponse(
            sheet_templates.template_xlsx(columns, names), content_type=XLSX_TYPE
        )
    else:
        raise Http404("No such template.")
    response["Content-Disposition"] = f'attachment; filename="{team.slug}-ratings.{kind}"'
    return response


def _upload_page(request, team, form, status=200, gone=False):
    return render(
        request,
        "assessments/team_import.html",
        {
            "team": team,
            "form": form,
            "gone": gone,
            "max_rows": sheets.MAX_ROWS,
            "level_key": sheet_templates.LEVEL_KEY,
            "max_mb": MAX_MB,
        },
        status=status,
    )


def _gone(request, team):
    return _upload_page(request, team, SheetForm(), status=410, gone=True)


def _preview_page(request, team, sheet, filename, *, people=None, form=None, token="", status=200):
    people = people or {}
    email_of = {row.number: row.email for row in sheet.rows}
    ready = sheet.ready_rows if sheet.ok else []
    return render(
        request,
        "assessments/team_import_preview.html",
        {
            "team": team,
            "sheet": sheet,
            "filename": filename,
            "problems": [(problem, email_of.get(problem.row, "")) for problem in sheet.problems],
            "shown_rows": [(row, people.get(row.key)) for row in ready[:SHOWN_ROWS]],
            "hidden_rows": max(len(ready) - SHOWN_ROWS, 0),
            "form": form,
            "token": token,
            "max_rows": sheets.MAX_ROWS,
            "max_mb": MAX_MB,
        },
        status=status,
    )
