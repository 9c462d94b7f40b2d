from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from assessments.api import api
from assessments.forms import LoginForm
from assessments.views import accounts, tokens

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/signup/", accounts.signup, name="signup"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/", accounts.account, name="account"),
    path("account/export/", accounts.export, name="account-export"),
    path("account/delete/", accounts.delete, name="account-delete"),
    path("account/tokens/", tokens.create, name="api-token-create"),
    path("account/tokens/<int:pk>/revoke/", tokens.revoke, name="api-token-revoke"),
    path("api/v1/", api.urls),
    path("", include("assessments.urls")),
    path("", include("careers.urls")),
]
