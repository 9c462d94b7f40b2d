"""Sign-up and the account page."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from assessments.forms import SignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("assessments:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="assessments.auth.UsernameOrEmailBackend")
        messages.success(
            request, f"Welcome to T-Profile, {user.get_username()}. Let's rate your skills."
        )
        return redirect("assessments:dashboard")
    return render(request, "registration/signup.html", {"form": form})


@require_GET
@login_required
def account(request):
    return render(request, "registration/account.html")
