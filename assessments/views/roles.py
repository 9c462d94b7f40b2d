"""A catalogue role from the signed-in person's side: their fit, and aiming at it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from assessments.pages.roles import role_fit_page
from assessments.services.assessments import aim_at
from careers.models import Role
from careers.queries import renamed_role


def _usable_role(slug):
    return get_object_or_404(Role.objects.usable(), slug=slug)


SIDES = ("a", "b")
"""The two roles of the public compare page, each with a fit part of its own."""


@require_GET
@login_required
@vary_on_headers("HX-Request")
def role_fit(request, slug):
    """The page, or for htmx the part a public role page (or one side of the compare page,
    `?side=a|b`) fetches for a signed-in visitor."""
    try:
        role = _usable_role(slug)
    except Http404:
        renamed = renamed_role(slug)
        if renamed is None:
            raise
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(
            reverse("assessments:role-fit", args=[renamed.slug]) + query, permanent=True
        )
    side = request.GET.get("side") if request.GET.get("side") in SIDES else ""
    page = {**role_fit_page(request.user, role), "side": side}
    page["fit_id"] = f"your-fit-{side}" if side else "your-fit"
    template = "assessments/role_fit.html" + ("#fit" if request.htmx else "")
    return render(request, template, page)


@require_POST
@login_required
def role_target(request, slug):
    role = _usable_role(slug)
    draft = aim_at(request.user, role)
    messages.success(
        request, f"{role.name} is the target role of your assessment: start with what it asks."
    )
    # The form puts the target's disciplines first and opens at the first not rated yet.
    return redirect("assessments:edit", pk=draft.pk)
