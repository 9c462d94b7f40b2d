"""Log in with either the username or the email address."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    """ModelBackend that also accepts the account's email address as the login name.

    Email addresses are unique (case-insensitively) because sign-up enforces it, so an
    address names at most one account; when it names none, the value is tried as a
    username as usual.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            user_model = get_user_model()
            match = (
                user_model._default_manager.filter(email__iexact=username.strip())
                .values_list(user_model.USERNAME_FIELD, flat=True)
                .first()
            )
            if match is not None:
                username = match
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_name(request, credentials=None) -> str:
    """The name failed logins are counted under: an email address that belongs to an
    account counts as that account's username, so switching between the two does not
    buy extra attempts. In lower case, as the account's pause is forgotten by it."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    name = str(raw).strip()[:254]
    if "@" in name:
        user_model = get_user_model()
        match = (
            user_model._default_manager.filter(email__iexact=name)
            .values_list(user_model.USERNAME_FIELD, flat=True)
            .first()
        )
        if match is not None:
            return match.lower()
    return name.lower()
