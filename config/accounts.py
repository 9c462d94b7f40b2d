"""Account views of Django's that T-Profile configures."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the e-mailed link on SITE_URL where it is set: never on whatever host
    and port the request named (ALLOWED_HOSTS checks the host, not the port)."""

    @property
    def extra_email_context(self) -> dict[str, str] | None:  # type: ignore[override]
        if not settings.SITE_URL:
            return None
        site = urlsplit(settings.SITE_URL)
        return {"protocol": site.scheme, "domain": site.netloc}
