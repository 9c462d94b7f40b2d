"""Personal API tokens on the account page: create one (its text is shown once, on the
page that answers the form) and revoke one."""

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments import access, tokens
from assessments.models import ApiToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="What it is for, e.g. “Reporting script”.",
    )
    days = forms.IntegerField(
        label="Expires after (days)",
        required=False,
        min_value=1,
        max_value=tokens.MAX_DAYS,
        help_text=f"1 to {tokens.MAX_DAYS} days; leave empty for a token that lasts until "
        "you revoke it.",
    )
    password = forms.CharField(
        label="Your password",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        """A token acts as its owner, so making one asks who is there: the password, unless
        this session logged in a few minutes ago. The check is a log-in attempt: wrong
        passwords count towards the account's pause (assessments.lockout)."""
        password = self.cleaned_data["password"]
        user = self.request.user
        if not password:
            if tokens.logged_in_recently(self.request.session, now=timezone.now()):
                return password
            raise forms.ValidationError(
                f"Enter your password: you logged in more than {tokens.RECENT_LOGIN_MINUTES} "
                "minutes ago."
            )
        found = authenticate(self.request, username=user.get_username(), password=password)
        if found is None or found.pk != user.pk:
            raise forms.ValidationError("That is not your password.")
        return password


@require_POST
@login_required
@never_cache
def create(request):
    """The account page again, with the new token shown once: it is neither stored nor
    put in a message or the session, so a reload cannot show it again."""
    form = ApiTokenForm(request.POST, request=request)
    if not form.is_valid():
        return render(request, "registration/account.html", {"token_form": form}, status=422)
    new = tokens.create_token(
        request.user, form.cleaned_data["name"], now=timezone.now(), days=form.cleaned_data["days"]
    )
    return render(request, "registration/account.html", {"new_token": new})


@require_POST
@login_required
def revoke(request, pk):
    token = access.api_token_for_owner(request.user, pk)
    if tokens.revoke_token(token, now=timezone.now()):
        messages.success(request, f"The token “{token.name}” is revoked; it no longer works.")
    else:
        messages.info(request, f"The token “{token.name}” was already revoked.")
    return redirect(reverse("account") + "#api-tokens")
