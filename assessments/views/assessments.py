"""A marketer's own assessments: start, rate (with autosave and a live preview), submit,
and the scored profile, history and comparison. Every assessment is fetched for its owner
or 404s, drafts included."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from assessments import access, visitors
from assessments.forms import AssessmentSettingsForm, RatingsForm, StepForm
from assessments.pages.assessments import assessment_form, autosave_answer, conflict_answer
from assessments.pages.profiles import (
    NotAPair,
    comparison_page,
    dashboard_page,
    history_page,
    profile_page,
    rescored_page,
)
from assessments.posted import AUTOSAVE, STEP, PostedRatings
from assessments.queries.assessments import profile_heads
from assessments.queries.catalogue import current_catalogue
from assessments.services.assessments import (
    AssessmentLocked,
    EvidenceWithoutLevel,
    IncompleteAssessment,
    Stale,
    StaleRatings,
    save_draft,
    start_assessment,
    submit_assessment,
)


@require_GET
@login_required
def dashboard(request):
    return render(request, "assessments/dashboard.html", dashboard_page(request.user))


@require_POST
@login_required
def start(request):
    draft, created = start_assessment(request.user)
    if created:
        messages.success(
            request,
            "A new assessment is ready"
            + (", filled in from your last one." if draft.ratings.exists() else "."),
        )
    return redirect("assessments:edit", pk=draft.pk)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def edit(request, pk):
    assessment = access.assessment_for_owner(request.user, pk)
    if not assessment.is_draft:
        if request.method == "POST":
            return _locked(request, assessment)
        if request.htmx:
            # A refresh still on its way from the form as it was submitted: there is
            # nothing left to refresh, and a notice here would push the submit's own aside.
            return HttpResponse(status=204)
        messages.info(request, "This assessment is submitted and can no longer change.")
        return redirect(assessment.get_absolute_url())
    catalogue = current_catalogue()
    if request.method == "GET":
        if request.htmx and request.GET.get("part") == "summary":
            # Autosaves run side by side and may answer out of order; this refresh, asked
            # for once they settle, leaves the counts, progress and preview as saved.
            page = assessment_form(assessment, catalogue, step=request.GET.get(STEP), anchors=False)
            return render(request, "assessments/includes/summary.html", page)
        page = _form_page(assessment, catalogue, request.GET.get(STEP))
        return render(request, "assessments/form.html", page)
    return _save(request, assessment, catalogue)


def _save(request, assessment, catalogue):
    form = RatingsForm.for_post(request.POST, catalogue)
    steps = StepForm(request.POST, catalogue=catalogue)
    step = steps.shown()
    settings_posted = any(name in request.POST for name in AssessmentSettingsForm.Meta.fields)
    settings_form = (
        AssessmentSettingsForm(_with_defaults(request.POST, assessment), instance=assessment)
        if settings_posted
        else None
    )
    action = request.POST.get("action")
    submitting = action == "submit"
    errors = []
    stale: list[Stale] = []
    for checked in (form, steps, settings_form):
        if checked is not None and not checked.is_valid():
            errors += [str(text) for texts in checked.errors.values() for text in texts]
    if not errors:
        levels, evidence = form.posted_levels(), form.posted_evidence()
        settings = (
            {name: settings_form.cleaned_data[name] for name in settings_form.Meta.fields}
            if settings_form is not None
            else None
        )
        try:
            rest = steps.rest() if action == "fill" else None
            try:
                assessment = _save_draft(assessment, form, settings, levels, evidence, rest)
            except StaleRatings as refused:
                stale = refused.stale
                # The page's script saved every answer as it changed: a submit from it
                # submits what the server holds, newer values from elsewhere included.
                if not (submitting and request.POST.get(AUTOSAVE) and not request.htmx):
                    raise
                newer = {item.slug for item in stale}
                assessment = _save_draft(
                    assessment,
                    form,
                    settings,
                    {slug: level for slug, level in levels.items() if slug not in newer},
                    {slug: note for slug, note in evidence.items() if slug not in newer},
                )
        except AssessmentLocked:
            return _locked(request, assessment)
        except EvidenceWithoutLevel as error:
            errors = [str(error)]
        except StaleRatings as refused:
            if request.htmx:
                return _conflict_response(request, assessment, catalogue, refused.stale[0])
            page = _form_page(assessment, catalogue, step, posted=request.POST)
            page["stale"] = refused.stale
            return render(request, "assessments/form.html", page, status=409)

    if request.htmx:
        return _autosave_response(request, assessment, catalogue, form, errors)
    if errors:
        page = _form_page(assessment, catalogue, step, posted=request.POST, errors=errors)
        return render(request, "assessments/form.html", page, status=422)
    if submitting:
        return _submit(request, assessment, catalogue, stale)
    if action == "save":
        messages.success(request, "Draft saved.")
    elif action == "fill" and step:
        messages.success(
            request,
            f"Every competency of {catalogue.discipline_by_slug[step].name} not rated yet "
            f"is now at level {steps.cleaned_data['rest_level']}.",
        )
    return HttpResponseRedirect(_edit_url(assessment, steps.going_to() or step))


def _save_draft(assessment, form, settings, levels, evidence, rest=None):
    return save_draft(
        assessment,
        levels=levels,
        evidence=evidence,
        versions=form.posted_versions(),
        interests=form.posted_interests(),
        settings=settings,
        rest=rest,
    )


def _form_page(assessment, catalogue, step, *, posted=None, **options):
    """One step's context: its rows, every step's count, progress and preview
    (pages.assessment_form) and the "About you" form, bound to what was posted when that
    named a setting."""
    page = assessment_form(assessment, catalogue, step=step, posted=posted, **options)
    settings_posted = posted is not None and any(
        name in posted for name in AssessmentSettingsForm.Meta.fields
    )
    page["settings_form"] = AssessmentSettingsForm(
        posted if settings_posted else None, instance=assessment
    )
    return page


def _with_defaults(data, assessment):
    """The posted settings, falling back to the saved ones for fields not posted."""
    merged = data.copy()
    for name in AssessmentSettingsForm.Meta.fields:
        if name not in merged:
            value = getattr(assessment, f"{name}_id" if name == "target_role" else name)
            merged[name] = "" if value is None else value
    return merged


def _submit(request, assessment, catalogue, stale=()):
    try:
        assessment = submit_assessment(assessment, catalogue, timezone.now())
    except AssessmentLocked:
        return _locked(request, assessment)
    except IncompleteAssessment as incomplete:
        page = _form_page(assessment, catalogue, None, missing=incomplete.missing)
        return render(request, "assessments/form.html", page, status=422)
    visitors.remember(request.session, assessment)
    messages.success(request, "Submitted. Here is your T.")
    if stale:
        messages.warning(
            request,
            "The page was out of date; what was saved in another tab or device was "
            "submitted. " + "; ".join(f"{item.name}: {item.change}" for item in stale) + ".",
        )
    return redirect("assessments:profile", pk=assessment.pk)


def _locked(request, assessment):
    # The object in hand may predate the submit that locked it; the profile is where to go.
    profile_url = reverse("assessments:profile", kwargs={"pk": assessment.pk})
    message = "This assessment was already submitted; nothing was changed."
    if request.htmx:
        response = render(
            request, "assessments/includes/locked.html", {"assessment": assessment}, status=409
        )
        response["HX-Redirect"] = profile_url
        return response
    messages.info(request, message)
    return redirect(profile_url)


def _autosave_response(request, assessment, catalogue, form, errors):
    """The row's status and its rating's version, plus the live preview and progress, all
    as out-of-band swaps; an interest's or the settings' status where those were posted."""
    page = autosave_answer(
        assessment,
        catalogue,
        only=PostedRatings(request.POST).first_competency(),
        posted=request.POST if errors else None,
        errors=errors,
    )
    page["saved"] = not errors
    page["interests_posted"] = [
        slug for slug in form.discipline_slugs if form.posted.names_discipline(slug)
    ]
    page["settings_posted"] = any(
        name in request.POST for name in AssessmentSettingsForm.Meta.fields
    )
    response = render(
        request,
        "assessments/includes/autosave.html",
        page,
        status=422 if errors else 200,
    )
    if not errors:
        response["HX-Trigger"] = "autosaved"
    return response


def _conflict_response(request, assessment, catalogue, stale):
    """A 409 for a rating written elsewhere since the page showed it: the row as saved
    now, with its current version, and what this page had, to keep if wanted."""
    page = conflict_answer(assessment, catalogue, stale.slug)
    page["conflict"] = stale
    page["form_url"] = reverse("assessments:edit", kwargs={"pk": assessment.pk})
    return render(request, "assessments/includes/autosave.html", page, status=409)


def _edit_url(assessment, step=None):
    url = reverse("assessments:edit", kwargs={"pk": assessment.pk})
    return f"{url}?{urlencode({STEP: step})}" if step else url


@require_GET
@login_required
def profile(request, pk):
    assessment = access.assessment_for_owner(request.user, pk, among=profile_heads())
    if assessment.is_draft:
        return redirect("assessments:edit", pk=assessment.pk)
    return render(request, "assessments/profile.html", profile_page(assessment))


@require_GET
@login_required
def rescored(request, pk):
    """A submitted assessment scored again with today's model, without saving anything."""
    assessment = access.assessment_for_owner(request.user, pk)
    if assessment.is_draft:
        return redirect("assessments:edit", pk=assessment.pk)
    page = rescored_page(assessment, current_catalogue())
    return render(request, "assessments/profile.html", page)


@require_GET
@login_required
def history(request):
    return render(request, "assessments/history.html", history_page(request.user))


@require_GET
@login_required
@vary_on_headers("HX-Request")
def compare(request):
    try:
        page = comparison_page(
            request.user,
            request.GET.get("a"),
            request.GET.get("b"),
            everything=request.GET.get("rows") == "all",
        )
    except NotAPair as problem:
        if request.htmx:
            # The answer goes where the comparison was, and the address stays that of the
            # last comparison shown.
            response = render(
                request,
                "assessments/compare.html#not-a-pair",
                {"problem": str(problem)},
                status=422,
            )
            return push_url(response, False)
        messages.warning(request, str(problem))
        return redirect("assessments:history")
    template = "assessments/compare.html#comparison" if request.htmx else "assessments/compare.html"
    return render(request, template, page)
