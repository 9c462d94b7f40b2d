"""The OpenAPI schema and the browsable docs, served from the app with no CDN."""

import re

import pytest

from tests.assessments.api.api_support import API

pytestmark = pytest.mark.django_db

# Every operation also documents 400 (a NUL character in the address is refused before any
# view, config/middleware.py), and those that take a body 413 (over the upload limit).
OPERATIONS = {
    ("get", "/api/v1/layers/"): {200, 400, 422},
    ("get", "/api/v1/disciplines/"): {200, 400, 422},
    ("get", "/api/v1/competencies/"): {200, 400, 422},
    ("get", "/api/v1/roles/"): {200, 400, 422},
    ("get", "/api/v1/roles/{slug}"): {200, 400, 404},
    ("get", "/api/v1/me/assessments/"): {200, 400, 401, 422},
    ("post", "/api/v1/me/assessments/"): {200, 201, 400, 401, 403},
    ("get", "/api/v1/me/assessments/{assessment_id}"): {200, 400, 401, 404, 422},
    ("patch", "/api/v1/me/assessments/{assessment_id}"): {200, 400, 401, 403, 404, 409, 413, 422},
    ("put", "/api/v1/me/assessments/{assessment_id}"): {200, 400, 401, 403, 404, 409, 413, 422},
    ("post", "/api/v1/me/assessments/{assessment_id}/submit"): {200, 400, 401, 403, 404, 409, 422},
    ("post", "/api/v1/me/assessments/{assessment_id}/share"): {201, 400, 401, 403, 404, 413, 422},
    ("delete", "/api/v1/me/assessments/{assessment_id}/share"): {204, 400, 401, 403, 404, 422},
    ("get", "/api/v1/me/profile"): {200, 400, 401, 404},
    ("get", "/api/v1/me/history/"): {200, 400, 401, 422},
    ("post", "/api/v1/score"): {200, 400, 401, 403, 413, 422},
    ("get", "/api/v1/teams/"): {200, 400, 401, 422},
    ("get", "/api/v1/teams/{slug}/coverage"): {200, 400, 401, 403, 404, 422},
    ("get", "/api/v1/teams/{slug}/members/{user_id}/profile"): {200, 400, 401, 403, 404, 422},
}
PUBLIC = {"/api/v1/layers/", "/api/v1/disciplines/", "/api/v1/competencies/", "/api/v1/roles/"}


@pytest.fixture
def schema(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_schema_lists_every_operation_with_its_statuses(schema):
    assert schema["info"]["title"] == "T-Profile API"
    assert schema["info"]["version"] == "1.0"
    found = {
        (method, path): {int(code) for code in operation["responses"]}
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }
    assert found == OPERATIONS


def test_operation_ids_are_the_view_names(schema):
    ids = [op["operationId"] for methods in schema["paths"].values() for op in methods.values()]
    assert len(ids) == len(set(ids))
    assert schema["paths"]["/api/v1/roles/"]["get"]["operationId"] == "roles"
    assert schema["paths"]["/api/v1/score"]["post"]["operationId"] == "score"


def test_public_operations_need_no_authentication_and_the_others_do(schema):
    for (method, path), _statuses in OPERATIONS.items():
        security = schema["paths"][path][method].get("security")
        if path in PUBLIC or path == "/api/v1/roles/{slug}":
            assert security is None, path
        else:
            assert security == [{"TokenAuth": []}, {"SessionAuth": []}], path
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"},
        "SessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }


def test_the_score_body_is_documented(schema):
    body = schema["paths"]["/api/v1/score"]["post"]["requestBody"]
    assert body["required"] is True
    shape = body["content"]["application/json"]["schema"]
    assert shape["required"] == ["ratings"]
    assert shape["additionalProperties"] is False
    assert shape["properties"]["ratings"]["additionalProperties"] == {
        "maximum": 5,
        "minimum": 0,
        "type": "integer",
    }


def test_lists_document_their_page_bounds(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/roles/"]["get"]["parameters"]}
    assert parameters["page_size"]["schema"]["maximum"] == 100
    assert parameters["page"]["schema"]["minimum"] == 1


def test_the_docs_page_uses_the_apps_own_static_files(client):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    for asset in ("swagger-ui-bundle.js", "swagger-ui-init.js"):
        assert f'<script src="/static/ninja/{asset}" nonce="{nonce}"></script>' in html
    assert '<link rel="stylesheet" href="/static/ninja/swagger-ui.css">' in html
    # Our own colours and names on top of Swagger UI's, for WCAG AA (test_accessibility).
    assert '<link rel="stylesheet" href="/static/css/api-docs.css">' in html
    assert f'<script src="/static/js/api-docs.js" nonce="{nonce}"></script>' in html
    assert '"deepLinking": false' in html
    assert '"url": "/api/v1/openapi.json"' in html
    assert '"validatorUrl": null' in html
    # Nothing comes from another host: every URL in the page is the app's own.
    assert re.findall(r"""(?:src|href)=["'](?!/)""", html) == []
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs", "http://", "https://"):
        assert cdn not in html


def test_the_docs_assets_are_served(client):
    for asset in ("swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css"):
        response = client.get(f"/static/ninja/{asset}")
        content = b"".join(response.streaming_content)
        response.close()
        assert response.status_code == 200, asset
        assert len(content) > 1000, asset


def test_the_docs_page_holds_under_the_strict_csp(client):
    policy = client.get(f"{API}/docs")["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize(
    ("method", "path", "detail"),
    [
        ("get", "/api/v1/", "There is no such endpoint in the API; /api/v1/docs lists them."),
        ("get", "/api/v1/nope", "There is no such endpoint in the API; /api/v1/docs lists them."),
        ("post", "/api/v1/nope/", "There is no such endpoint in the API; /api/v1/docs lists them."),
        (
            "get",
            "/api/v1/layers",
            "There is no such endpoint in the API; did you mean /api/v1/layers/?",
        ),
    ],
)
def test_any_other_path_under_the_api_is_a_json_404(client, method, path, detail):
    response = getattr(client, method)(path)
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_an_unsupported_method_is_405_with_the_allowed_ones(client):
    response = client.delete(f"{API}/roles/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_a_profile_documents_its_warnings(schema):
    profile = schema["components"]["schemas"]["Profile"]
    assert "warnings" in profile["required"]
    warning = schema["components"]["schemas"]["ProfileWarning"]
    assert set(warning["properties"]) == {"code", "message"}


def test_the_share_body_is_optional_and_documented(schema):
    operation = schema["paths"]["/api/v1/me/assessments/{assessment_id}/share"]["post"]
    assert operation["operationId"] == "share_assessment"
    body = operation["requestBody"]
    assert body.get("required", False) is False
    shape = schema["components"]["schemas"]["ShareIn"]
    assert shape["additionalProperties"] is False
    assert {name: spec.get("default") for name, spec in shape["properties"].items()} == {
        "name": False,
        "evidence": False,
        "roles": False,
        "days": 30,
    }
    assert shape["properties"]["days"]["enum"] == [7, 30, 90]
    answer = operation["responses"]["201"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/ShareOut"}
    assert set(schema["components"]["schemas"]["ShareOut"]["required"]) == {"url", "expires"}
