"""The browsable API docs: Swagger UI from django-ninja's own static files, never a CDN.

ninja's template would do, except that the page must hold under the app's strict CSP; our
template gives each script the request's nonce and passes the settings as JSON data.
"""

from django.shortcuts import render
from ninja.openapi.docs import Swagger

SWAGGER_SETTINGS = {
    # Without this Swagger UI shows a badge fetched from an online validator.
    "validatorUrl": None,
    "persistAuthorization": False,
    "defaultModelsExpandDepth": 0,
    "displayRequestDuration": True,
    # Deep links put a link inside each operation's toggle button: nested controls that
    # screen readers and keyboards cannot tell apart.
    "deepLinking": False,
    # The default dark theme colours numbers below WCAG AA contrast; "idea" is light and
    # keeps every token at 4.5:1 or more.
    "syntaxHighlight": {"activated": True, "theme": "idea"},
}


class OfflineSwagger(Swagger):
    template = "assessments/api_docs.html"

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"api": api, "swagger_settings": settings})
