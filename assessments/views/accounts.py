"""Sign-up, the account page, downloading all of one's data and deleting the account."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from assessments.forms import DeleteAccountForm, LoginForm, SignupForm
from assessments.lockout import by_client
from assessments.pages.accounts import account_export
from assessments.pages.teams_invites import invite_context, safe_next
from assessments.queries.accounts import landing_after_login
from assessments.services.accounts import delete_account
from assessments.services.teams import TeamRuleError


class LoginView(auth_views.LoginView):
    """Django's log-in, by username or e-mail, naming the invite when the page to go on to
    is a join link; with no page asked for, a manager with no T of their own goes to their
    team."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        # Only when no `next` was asked for: Django goes to a safe `next` first.
        return landing_after_login(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Django's context holds `next` only when it stays on this site.
        return context | invite_context(context.get("next", ""))


@require_http_methods(["GET", "POST"])
@ratelimit(
    key=by_client,
    rate=lambda _group, _request: settings.SIGNUP_RATE_LIMIT,
    method="POST",
    group="signup",
)
def signup(request):
    """A new account, signed in at once; it goes on to `next` (the quick start from the
    home page's "Rate my skills", a join link) when that stays on this site, else to the
    quick start. Someone already signed in goes straight to `next`, else to their T."""
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "assessments:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="assessments.auth.UsernameOrEmailBackend")
        quick_start = reverse("assessments:quick-start")
        welcome = f"Welcome to T-Profile, {user.get_username()}."
        if next_url in ("", quick_start):
            welcome += " Let's draw your first T."
        messages.success(request, welcome)
        return redirect(next_url or quick_start)
    context = {"form": form, "next": next_url} | invite_context(next_url)
    return render(request, "registration/signup.html", context)


@require_GET
@login_required
def account(request):
    return render(request, "registration/account.html")


@require_GET
@login_required
@never_cache  # personal data: kept by no browser or proxy cache
@ratelimit(key="user", rate=lambda _group, _request: settings.EXPORT_RATE_LIMIT, group="export")
def export(request):
    """Everything T-Profile holds about the signed-in person, as one JSON file."""
    data = account_export(request.user, now=timezone.now())
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"t-profile-{request.user.pk}-{timezone.now():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(request.user)
        except TeamRuleError as error:
            messages.error(request, str(error))
            return redirect("account")
        logout(request)
        messages.success(request, "Your account and all its data have been deleted.")
        return redirect("careers:home")
    return render(request, "registration/delete_account.html", {"form": form})
