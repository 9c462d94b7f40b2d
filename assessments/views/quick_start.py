"""The quick start: a provisional T from one answer per discipline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from assessments.forms import QuickStartForm
from assessments.pages.quick_start import initial_levels, quick_start_page
from assessments.queries.assessments import draft_of
from assessments.queries.catalogue import current_catalogue
from assessments.services.assessments import AssessmentLocked, save_draft, start_assessment

TEMPLATE = "assessments/quick_start.html"


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def quick_start(request):
    """GET: the questions, with the draft's answers and its provisional T. POST: save every
    answer to the draft (started here if there is none); htmx gets the new T in place,
    a plain form goes back to the page, at the T."""
    catalogue = current_catalogue()
    draft = draft_of(request.user)
    if request.method == "GET":
        form = QuickStartForm(catalogue=catalogue, initial=initial_levels(draft))
        return render(request, TEMPLATE, quick_start_page(catalogue, form, draft))
    form = QuickStartForm(request.POST, catalogue=catalogue)
    if form.is_valid():
        try:
            draft, _created = start_assessment(request.user)
            draft = save_draft(
                draft,
                quick=form.levels(),
                settings={"target_role": form.cleaned_data["target_role"]},
            )
        except AssessmentLocked:
            # Submitted from another tab a moment ago: this answer goes to no draft.
            form.add_error(None, "Your draft was just submitted elsewhere; nothing was changed.")
    if not form.is_valid():
        page = quick_start_page(catalogue, form, draft)
        template = f"{TEMPLATE}#answer" if request.htmx else TEMPLATE
        return render(request, template, page, status=422)
    page = quick_start_page(catalogue, form, draft)
    if request.htmx:
        return render(request, f"{TEMPLATE}#answer", page)
    messages.success(request, "Saved. Here is your provisional T.")
    return redirect(reverse("assessments:quick-start") + "#your-t")
