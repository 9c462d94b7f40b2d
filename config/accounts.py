"""Account views of Django's that T-Profile configures."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.utils.decorators import method_decorator
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from assessments.lockout import by_client


def by_email(group: str, request) -> str:
    return request.POST.get("email", "").strip().casefold()


@method_decorator(
    ratelimit(
        key=by_client,
        rate=lambda _group, _request: settings.PASSWORD_RESET_RATE_LIMIT,
        method="POST",
        group="password-reset",
    ),
    name="dispatch",
)
class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the e-mailed link on SITE_URL where it is set: never on whatever host
    and port the request named (ALLOWED_HOSTS checks the host, not the port). A client
    asking too often gets a 429; an address asked for too often gets the same answer as
    any other, and no e-mail."""

    def form_valid(self, form):
        if is_ratelimited(
            self.request,
            group="password-reset-email",
            key=by_email,
            rate=settings.PASSWORD_RESET_EMAIL_RATE_LIMIT,
            method="POST",
            increment=True,
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)

    @property
    def extra_email_context(self) -> dict[str, str] | None:  # type: ignore[override]
        if not settings.SITE_URL:
            return None
        site = urlsplit(settings.SITE_URL)
        return {"protocol": site.scheme, "domain": site.netloc}
