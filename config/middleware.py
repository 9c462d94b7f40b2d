"""Answers given before (or after) any view: requests that carry a NUL character, the
API's "method not allowed", which the API framework writes as plain text, and htmx requests
from someone whose session has ended."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import Resolver404, resolve

from assessments.domain import sheet_files

API_PATH = "/api/"
NUL_REFUSED = "The address or a cookie holds a NUL character, which no T-Profile name contains."


class NullCharacterInRequest(SuspiciousOperation):
    """A NUL character in the path, the query string or a cookie."""


def _has_null(request) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return (
        "\x00" in request.path_info
        or "%00" in query
        or "\x00" in query
        or any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items())
    )


def refuse_null_characters(get_response):
    """A 400 for a NUL character anywhere a view or a query could take it from.

    PostgreSQL cannot store or compare a NUL in text and raises an error (SQLite simply
    finds nothing), so a slug, an invite code or a session key holding one would otherwise
    reach the database and fail there. No name, code or key of T-Profile contains one.
    """

    def middleware(request):
        if _has_null(request):
            if request.path_info.startswith(API_PATH):
                return JsonResponse({"detail": NUL_REFUSED}, status=400)
            # Answered with the site's 400 page, and logged under django.security.
            raise NullCharacterInRequest(NUL_REFUSED)
        return get_response(request)

    return middleware


def json_method_not_allowed(get_response):
    """The API's 405 as JSON like its other errors, with the methods it takes in Allow."""

    def middleware(request):
        response = get_response(request)
        if (
            response.status_code == 405
            and request.path_info.startswith(API_PATH)
            and response.has_header("Allow")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            allowed = response["Allow"]
            response = JsonResponse(
                {"detail": f"{request.method} is not allowed here; this endpoint takes {allowed}."},
                status=405,
            )
            response["Allow"] = allowed
        return response

    return middleware


SIGNED_OUT = "You are signed out. Sign in again to save your changes."
SIGNED_OUT_HEADER = "X-Login-URL"


def signed_out_htmx(get_response):
    """An htmx request that a view sends to the login page gets a 401 instead.

    A redirect would be followed by the browser and its login page taken for the answer,
    so an autosave would fail without a word. The 401 says why in its body, and names the
    login page (with ``next`` back to where the person was) in ``X-Login-URL`` for the
    page's script. Requests without htmx are redirected as before.
    """

    def middleware(request):
        response = get_response(request)
        if (
            response.status_code == 302
            and getattr(request, "htmx", False)
            and not request.user.is_authenticated
            and urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)
        ):
            signed_out = HttpResponse(SIGNED_OUT, status=401, content_type="text/plain")
            signed_out[SIGNED_OUT_HEADER] = response["Location"]
            signed_out["Vary"] = "HX-Request"
            return signed_out
        return response

    return middleware


# The endpoints that take a larger body than DATA_UPLOAD_MAX_MEMORY_SIZE, by URL name: a
# team's sheet upload takes its sheet (sheet_files.MAX_BYTES) and the form around it.
LARGER_BODIES = {"team-import": sheet_files.MAX_BYTES + 64 * 1024}


def body_limit(path: str) -> int:
    """The most bytes a request to ``path`` may carry."""
    try:
        name = resolve(path).url_name
    except Resolver404:
        name = None
    return LARGER_BODIES.get(name or "", settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def refuse_large_bodies(get_response):
    """A 413 for a body larger than its endpoint takes, before any of it is read.

    Django keeps a form's fields to DATA_UPLOAD_MAX_MEMORY_SIZE, but writes the files of a
    multipart body to temporary files of any size before a view can refuse them: 400 MB
    posted to the login page would take 400 MB of disk. The declared length is checked
    here; Django reads no further than a body's declared length, so a body cannot carry
    more than it declares. The proxy in front should refuse such bodies first (README.md).
    """

    def middleware(request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            limit = body_limit(request.path_info)
            if declared > limit:
                if request.path_info.startswith(API_PATH):
                    detail = f"The request body is larger than the {limit:,} bytes allowed."
                    return JsonResponse({"detail": detail}, status=413)
                return render(request, "413.html", {"limit_mb": limit / 1024 / 1024}, status=413)
        return get_response(request)

    return middleware
