"""Every error the API returns is JSON ``{"detail": "...", ...}`` with its proper status.

400 a body that is not JSON, or a NUL character in the address; 401 no, or a refused, API
token or session; 403 not allowed (or a session request without its CSRF token); 404
nothing of that name for you; 405 a method the endpoint does not take; 409 the assessment
is submitted and can no longer change; 413 a body over DATA_UPLOAD_MAX_MEMORY_SIZE; 422
the request is understood but wrong, with every problem listed; 500 something failed on
our side (logged as Django logs a failed request, and answered in JSON like the rest).
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.signals import got_request_exception
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.parser import Parser

from assessments.api import schemas
from assessments.domain.inputs import decode_json

SERVER_ERROR = (
    "Something went wrong on our side and the request was not completed. It has been "
    "logged; try again in a moment."
)

AUTHENTICATION_REQUIRED = (
    "Authentication required: send a personal API token as “Authorization: Bearer <token>”, "
    "or sign in to use the session."
)


class Unprocessable(Exception):
    """A request that is well formed but asks for something impossible (422)."""

    def __init__(self, detail: str, problems: list[str], **extra) -> None:
        super().__init__(detail)
        self.detail = detail
        self.problems = problems
        self.extra = extra


def problems_detail(problems: list[str]) -> str:
    count = len(problems)
    return f"The request has {count} problem{'s' if count != 1 else ''}."


def responses(*codes: int) -> dict[int, type]:
    """The documented error responses of an operation (added to its success response)."""
    shapes = {
        400: schemas.Error,
        401: schemas.Error,
        403: schemas.Error,
        404: schemas.Error,
        409: schemas.Error,
        422: schemas.Problems,
    }
    return {code: shapes[code] for code in codes}


class JsonParser(Parser):
    """ninja's JSON body parser, reading bodies as ``manage.py score`` reads its input."""

    def parse_body(self, request):
        return decode_json(request.body)


def _where(loc) -> str:
    # ninja prefixes the source ("body", "query", "path") and, for a body, the parameter name.
    parts = [str(part) for part in loc]
    if parts and parts[0] == "body":
        parts = parts[2:]
    elif parts and parts[0] in {"query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts)


def readable(error: dict) -> str:
    """One of pydantic's errors as a sentence: ``levels.seo-audits: must be at most 5``."""
    where = _where(error.get("loc", ()))
    kind = error.get("type", "")
    if kind == "missing":
        return f"“{where}” is required." if where else "A JSON body is required."
    if kind == "extra_forbidden":
        return f"“{where}” is not a field of this request."
    message = str(error.get("msg", "is not valid")).rstrip(".")
    message = message[:1].lower() + message[1:]
    return f"{where}: {message}." if where else f"The request body: {message}."


def install(api) -> None:
    def reply(request, status: int, body: dict, **headers):
        response = api.create_response(request, body, status=status)
        for name, value in headers.items():
            response[name] = value
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        problems = [readable(error) for error in exc.errors]
        return reply(request, 422, {"detail": problems_detail(problems), "problems": problems})

    @api.exception_handler(Unprocessable)
    def unprocessable(request, exc):
        return reply(request, 422, {"detail": exc.detail, "problems": exc.problems, **exc.extra})

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        detail = AUTHENTICATION_REQUIRED if exc.message == "Unauthorized" else exc.message
        return reply(request, 401, {"detail": detail}, **{"WWW-Authenticate": "Bearer"})

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        detail = exc.message
        if exc.status_code == 400 and exc.__cause__ is not None:
            detail = f"The request body is not valid JSON: {exc.__cause__}."
        return reply(request, exc.status_code, {"detail": detail})

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        wait = max(1, round(exc.wait)) if exc.wait else 60
        return reply(
            request,
            429,
            {"detail": f"Too many requests: wait {wait} seconds and try again."},
            **{"Retry-After": str(wait)},
        )

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        detail = f"The request body is larger than the {limit:,} bytes allowed."
        return reply(request, 413, {"detail": detail})

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return reply(request, 404, {"detail": str(exc) or "Not found."})

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return reply(request, 403, {"detail": str(exc) or "You are not allowed to do this."})

    @api.exception_handler(Exception)
    def server_error(request, exc):
        # What Django does for a page's unhandled error: the signal (for error trackers)
        # and the log record (for ADMINS' mail and the console), then an answer in JSON.
        got_request_exception.send(sender=None, request=request)
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exc,
            extra={"status_code": 500, "request": request},
        )
        response = reply(request, 500, {"detail": SERVER_ERROR})
        # Logged once, here with the traceback: Django's own log of a 5xx answer skips a
        # response marked so (django.utils.log.log_response).
        response._has_been_logged = True
        return response
