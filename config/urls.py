from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path, re_path

from assessments.api import api
from assessments.api import not_found as api_not_found
from assessments.forms import PasswordResetForm
from assessments.views import accounts, tokens
from careers.admin_health import catalogue_health
from config import health, metrics
from config.accounts import PasswordResetView

admin.site.site_header = admin.site.site_title = "T-Profile administration"
admin.site.index_title = "The catalogue, people and teams"

urlpatterns = [
    path(
        "admin/catalogue/health/",
        admin.site.admin_view(catalogue_health),
        name="catalogue-health",
    ),
    path("admin/", admin.site.urls),
    path("health/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    path("metrics", metrics.metrics, name="metrics"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    # The e-mail is sent by a task worker (assessments.forms.PasswordResetForm).
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", accounts.account, name="account"),
    path("account/export/", accounts.export, name="account-export"),
    path("account/delete/", accounts.delete, name="account-delete"),
    path("account/tokens/", tokens.create, name="api-token-create"),
    path("account/tokens/<id:pk>/revoke/", tokens.revoke, name="api-token-revoke"),
    # The API's root and any path it does not have answer with a JSON 404 too.
    path("api/v1/", api_not_found),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_not_found),
    path("", include("assessments.urls")),
    path("", include("careers.urls")),
]

if settings.BENCH_CONTROL:

    def bench_control(request):
        """The benchmark's control: what Django and the middleware cost on their own."""
        return HttpResponse("ok", content_type="text/plain")

    @login_required
    def bench_signed_in(request):
        """What every signed-in page costs before its own work: the person read from the
        session and the site's layout around an empty page."""
        return render(request, "base.html")

    urlpatterns[:0] = [
        path("bench/control/", bench_control),
        path("bench/signed-in/", bench_signed_in),
    ]
