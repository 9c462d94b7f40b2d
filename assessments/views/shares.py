"""Sharing a submitted profile and printing it: the owner makes a read-only link (its
address shown once) or revokes it; anyone with a live link reads the one-page profile; the
owner prints the same page with everything on it.

A link that is unknown, revoked or expired answers the site's plain 404, the same for all
three, so a visitor learns nothing about links that once worked.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import access
from assessments.domain import sharing
from assessments.pages.shares import include_of, share_page, share_url, sheet
from assessments.queries.shares import opened_by
from assessments.services.shares import create_share, revoke_shares

EVERYTHING = sharing.Include(name=True, evidence=True, roles=True)


class ShareForm(forms.Form):
    name = forms.BooleanField(label="My name", required=False)
    evidence = forms.BooleanField(label="My evidence notes, with their links", required=False)
    roles = forms.BooleanField(
        label=f"The {sharing.SHARED_ROLES} roles that fit me best, with my fit", required=False
    )
    days = forms.TypedChoiceField(
        label="The link stops working after",
        choices=[(days, f"{days} days") for days in sharing.EXPIRY_DAYS],
        coerce=int,
        initial=sharing.DEFAULT_DAYS,
        widget=forms.RadioSelect,
    )

    def include(self) -> sharing.Include:
        data = self.cleaned_data
        return sharing.Include(name=data["name"], evidence=data["evidence"], roles=data["roles"])


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def share(request, pk):
    """The share page; its form makes a new link, shown once on the page that answers (it
    is neither stored nor put in a message, so a reload cannot show it again)."""
    assessment = access.submitted_for_owner(request.user, pk)
    now = timezone.now()
    if request.method == "GET":
        return render(
            request, "assessments/share.html", share_page(assessment, now, form=ShareForm())
        )
    form = ShareForm(request.POST)
    if not form.is_valid():
        return render(
            request, "assessments/share.html", share_page(assessment, now, form=form), status=422
        )
    new = create_share(assessment, form.include(), days=form.cleaned_data["days"], now=now)
    page = share_page(assessment, now, form=ShareForm(), new_url=share_url(request, new.token))
    return render(request, "assessments/share.html", page)


@require_POST
@login_required
def revoke(request, pk):
    assessment = access.submitted_for_owner(request.user, pk)
    if revoke_shares(assessment, now=timezone.now()):
        messages.success(request, "The share link is revoked: it no longer opens your profile.")
    else:
        messages.info(request, "This profile had no working share link.")
    return redirect("assessments:share", pk=assessment.pk)


@require_GET
def shared(request, token):
    """The one-page profile a live link opens, for anyone, signed in or not; kept out of
    search engines, caches and other sites' referrer logs."""
    link = opened_by(token, timezone.now())
    if link is None:
        raise Http404("No such page.")
    page = sheet(link.assessment, include_of(link)) | {"link": link}
    response = render(request, "assessments/shared.html", page)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@login_required
def print_view(request, pk):
    """The owner's one-page profile, laid out for paper (its print stylesheet drops the
    navigation), with their name, evidence and best roles."""
    assessment = access.submitted_for_owner(request.user, pk)
    return render(request, "assessments/print.html", sheet(assessment, EVERYTHING))
