"""Who is asking: a personal API token (``Authorization: Bearer <token>``) or the browser's
session, which must then carry its CSRF token on unsafe methods.

A token that is sent but refused ends the request with a 401 whatever else it carries,
so a script never falls back to a session by accident.
"""

from django.conf import settings
from django.utils import timezone
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from assessments import tokens

CSRF_FAILED = (
    "The CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header, "
    "or authenticate with an API token instead of the session."
)


class TokenAuth(HttpBearer):
    """A personal API token, created on the account page or with ``create_api_token``."""

    def __call__(self, request):
        value = request.headers.get(self.header)
        if value is None:
            return None
        scheme, _, token = value.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise AuthenticationError(
                message="Send the API token as “Authorization: Bearer <token>”."
            )
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token):
        try:
            found = tokens.authenticate(token, now=timezone.now())
        except tokens.TokenRefused as refused:
            raise AuthenticationError(message=str(refused)) from refused
        request.user = found.user
        request.api_token = found
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods also need the CSRF token.

    Unlike ninja's ``django_auth``, a request without a session is left for the 401 (it
    has nothing to forge), so the CSRF check only applies to a request that would act as
    someone.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        if check_csrf(request):
            raise HttpError(403, CSRF_FAILED)
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        return request.user if request.user.is_authenticated else None


AUTHENTICATED = [TokenAuth(), SessionAuth()]
