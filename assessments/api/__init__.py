"""T-Profile's JSON API, version 1, under /api/v1/ (docs/api.md describes it).

The public catalogue needs no authentication; everything else takes a personal API token
(``Authorization: Bearer <token>``) or the signed-in session with its CSRF token.
"""

from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from assessments.api import catalogue, me, shares, teams
from assessments.api.docs import SWAGGER_SETTINGS, OfflineSwagger
from assessments.api.errors import JsonParser, install
from assessments.api.throttle import CallThrottle

DESCRIPTION = """\
Read the catalogue, rate and submit your own assessments, score ratings without storing
them, and — for the teams you manage — read their coverage and members' submitted profiles.

Authenticate with a personal API token from your account page
(`Authorization: Bearer <token>`), or with the signed-in session, which must send its CSRF
token (`X-CSRFToken`) on POST, PUT and PATCH. Errors are JSON `{"detail": "..."}`; a 422
also lists every problem in `problems`. Lists are paginated with `page` and `page_size`.
"""


class Api(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """ninja's schema, with the answers any operation may give before its view runs:
        400 for a NUL character in the address (config.middleware), and 413 for a body
        over DATA_UPLOAD_MAX_MEMORY_SIZE where the operation takes a body."""
        schema = super().get_openapi_schema(**kwargs)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                responses.setdefault(400, {"description": "Bad Request", "content": error})
                if "requestBody" in operation:
                    responses[413] = {"description": "Content Too Large", "content": error}
        return schema

    def get_openapi_operation_id(self, operation) -> str:
        # The view's own name (``list_roles``-style ids read better in generated clients
        # than ninja's module-qualified default); the names are unique across the routers.
        return operation.view_func.__name__


api = Api(
    title="T-Profile API",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=OfflineSwagger(settings=SWAGGER_SETTINGS),
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=JsonParser(),
    # API_RATE_LIMIT per token, signed-in person or anonymous address (429 past it).
    throttle=[CallThrottle()],
)
install(api)
api.add_router("", catalogue.router)
api.add_router("", me.router)
api.add_router("", shares.router)
api.add_router("", teams.router)


@csrf_exempt  # it changes nothing, whatever the method
def not_found(request, rest: str = ""):
    """A JSON 404 for any other path under /api/v1/, rather than the site's HTML page."""
    detail = "There is no such endpoint in the API; /api/v1/docs lists them."
    if not request.path.endswith("/"):
        try:
            if resolve(request.path + "/").func is not not_found:
                detail = f"There is no such endpoint in the API; did you mean {request.path}/?"
        except Resolver404:
            pass
    return JsonResponse({"detail": detail}, status=404)
