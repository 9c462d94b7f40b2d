"""POST /api/v1/score: the `score` command's contract over HTTP, on the default catalogue."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Assessment
from assessments.queries.catalogue import catalogue_snapshot
from careers.catalogue.loader import load_catalogue
from tests.assessments.api.api_support import API, bearer

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def default_catalogue(module_db):
    """Loaded once for the module: no test here changes the catalogue."""
    load_catalogue()


@pytest.fixture
def auth(user, default_catalogue):
    return bearer(user)


def command(body: str) -> tuple[int, object]:
    """What `manage.py score -` does with ``body``: (0, result) or (2, problem lines)."""
    out = io.StringIO()
    try:
        call_command("score", "-", stdin=io.StringIO(body), stdout=out)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, json.loads(out.getvalue())


def post(client, body: str, headers):
    return client.post(f"{API}/score", body, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    "data",
    [
        {"ratings": {}},
        {"ratings": {"link-building": 5, "technical-seo": 4, "keyword-research": 4}},
        {
            "ratings": {
                "persuasive-copywriting": 5,
                "ad-copywriting": 4,
                "brand-voice": 4,
                "technical-seo": 2,
            },
            "interests": ["copywriting", "seo"],
            "target_role": "marketing-director",
        },
        {
            "ratings": {"technical-seo": 5},
            "quick_ratings": {"seo": 3, "copywriting": 4, "social-media": 1},
        },
    ],
)
def test_the_same_result_as_the_command(client, auth, data):
    body = json.dumps(data)
    code, expected = command(body)
    assert code == 0

    response = post(client, body, auth)

    assert response.status_code == 200
    assert response.json() == expected


def test_a_whole_profile_scores_as_the_command_does(client, auth):
    catalogue = catalogue_snapshot()
    ratings = {c.slug: (i * 7) % 6 for i, c in enumerate(catalogue.competencies)}
    body = json.dumps({"ratings": ratings, "target_role": catalogue.roles[-1].slug})
    response = post(client, body, auth)
    assert response.status_code == 200
    assert response.json() == command(body)[1]
    assert response.json()["matches"]


def test_nothing_is_stored(client, user, auth):
    assert post(client, json.dumps({"ratings": {"technical-seo": 3}}), auth).status_code == 200
    assert not Assessment.objects.filter(owner=user).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"ratings": {"knitting": 3, "technical-seo": 9}},
        {"ratings": {"technical-seo": True}, "interests": "seo", "target_role": 7},
        {"ratings": [1, 2]},
        {"interests": ["seo"]},
        {"ratings": {}, "extra": 1},
        [1, 2, 3],
        "ratings",
    ],
)
def test_bad_input_is_422_with_the_commands_problems(client, auth, data):
    body = json.dumps(data)
    code, message = command(body)
    assert code == 2
    expected = [line.removeprefix("  - ") for line in message.splitlines()[1:]]

    response = post(client, body, auth)

    assert response.status_code == 422
    count = len(expected)
    assert response.json() == {
        "detail": f"The input has {count} problem{'s' if count > 1 else ''}.",
        "problems": expected,
    }


def test_unknown_names_are_listed(client, auth):
    response = post(client, json.dumps({"ratings": {"knitting": 3}, "target_role": "wizard"}), auth)
    assert response.json() == {
        "detail": "The input has 2 problems.",
        "problems": ["unknown competency 'knitting'", "unknown role 'wizard'"],
    }


@pytest.mark.parametrize("body", ["", "{", '{"ratings": {"technical-seo": NaN}}', b"\xff\xfe{"])
def test_malformed_json_is_400(client, auth, body):
    response = post(client, body, auth)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON: ")


DEEP = '{"ratings": ' + "[" * 100_000 + "]" * 100_000 + "}"


def test_json_nested_too_deeply_is_400_as_the_command_refuses_it(client, auth):
    response = post(client, DEEP, auth)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request body is not valid JSON: it is nested too deeply."
    }
    assert command(DEEP) == (2, "standard input is not valid JSON: it is nested too deeply.")


@pytest.mark.parametrize("body", [b"\xef\xbb\xbf{}", '{"ratings": {}}'.encode("utf-16")])
def test_json_in_another_encoding_is_refused_by_both(client, auth, body):
    response = post(client, body, auth)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON: ")
    returncode, message = command(body.decode("utf-8", "surrogateescape"))
    assert (returncode, message.startswith("standard input is not valid JSON: ")) == (2, True)


def test_a_body_over_the_upload_limit_is_413(client, auth, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = post(client, json.dumps({"ratings": {}, "interests": ["x" * 1_000]}), auth)
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than the 1,000 bytes allowed."}


def test_scoring_needs_authentication(client, auth):
    response = post(client, json.dumps({"ratings": {}}), {})
    assert response.status_code == 401
