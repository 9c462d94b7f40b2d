"""Answers given around every view: a NUL character in a request is a 400 before anything
is looked up (PostgreSQL would otherwise fail on it), the API's 405 is JSON, and an htmx
request from someone signed out is a 401 its page can tell apart."""

import pytest
from django.urls import reverse

from config.middleware import NUL_REFUSED, SIGNED_OUT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_400 = "<h1>That request could not be understood</h1>"


@pytest.mark.parametrize(
    "path",
    [
        "/teams/join/abc%00def/",  # an invite code, looked up in the database
        "/roles/copywriter%00/",
        "/roles/copywriter/?country=G%00B",
        "/me/compare/?a=1&b=%00",
        "/ecosystem/?x=%00",
    ],
)
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_nul_in_a_page_address_is_the_site_400(client, path, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert SITE_400 in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/roles/a%00b",
        "/api/v1/disciplines/?layer=a%00b",
        "/api/v1/teams/a%00b/coverage",
        "/api/v1/me/assessments/?page=%00",
    ],
)
def test_a_nul_in_an_api_address_is_a_json_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.json() == {"detail": NUL_REFUSED}


def test_a_nul_in_a_cookie_is_refused_before_the_session_is_read(client):
    # Django reads the octal escape of a quoted cookie value as the character itself.
    client.cookies.load('sessionid="abcdefgh\\000ijklmnop"')
    response = client.get(reverse("careers:home"))
    assert response.status_code == 400
    assert SITE_400 in response.content.decode()


def test_an_address_without_nul_is_untouched(client, small_catalogue):
    assert client.get("/roles/copywriter/?country=00").status_code == 200
    assert client.get(reverse("careers:ecosystem") + "?q=%2500").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("delete", "/api/v1/layers/", "GET"),
        ("post", "/api/v1/layers/", "GET"),
        ("put", "/api/v1/score", "POST"),
    ],
)
def test_the_api_answers_a_method_it_does_not_take_in_json(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Allow"] == allowed
    assert response.json() == {
        "detail": f"{method.upper()} is not allowed here; this endpoint takes {allowed}."
    }


def test_a_page_answers_a_method_it_does_not_take_as_before(client):
    client.force_login(UserFactory())
    response = client.get(reverse("assessments:start"))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Content-Type"] == "text/html; charset=utf-8"


HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize("path", ["/me/", "/me/history/", "/teams/"])
def test_a_signed_out_htmx_request_is_a_401_naming_the_login_page(client, path):
    response = client.get(path, headers=HTMX)
    assert response.status_code == 401
    assert response.content.decode() == SIGNED_OUT
    assert response["Content-Type"] == "text/plain"
    assert response["X-Login-URL"] == f"/accounts/login/?next={path}"
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("path", ["/me/", "/me/history/", "/teams/"])
def test_a_signed_out_plain_request_is_still_redirected_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"
    assert "X-Login-URL" not in response


def test_other_redirects_of_htmx_requests_are_untouched(client):
    # Signed in, starting an assessment sends the person on to its form.
    client.force_login(UserFactory())
    response = client.post(reverse("assessments:start"), headers=HTMX)
    assert response.status_code == 302
    assert response["Location"].startswith("/me/assessments/")
    assert "X-Login-URL" not in response


# --- request bodies ------------------------------------------------------------------------

BOUNDARY = "tprofile-boundary"


def multipart(size: int) -> bytes:
    """A form post carrying one file of `size` bytes."""
    return (
        (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="username"\r\n\r\nada\r\n'
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="sheet"; filename="big.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + b"x" * size
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def test_a_body_over_the_limit_to_a_page_is_413_before_it_is_read(client, settings):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert limit == 2_621_440
    response = client.generic(
        "POST",
        "/accounts/login/",
        multipart(limit),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 413
    assert "<h1>That was too large to send</h1>" in response.content.decode()
    assert "This page takes at most 2.5 MB" in response.content.decode()


def test_a_body_within_the_limit_reaches_the_page(client):
    response = client.generic(
        "POST",
        "/accounts/login/",
        multipart(1_000),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 200


def test_the_sheet_upload_takes_a_sheet_and_no_more(client):
    # A sheet just over its own limit reaches the page, which explains (import tests);
    # well past it, the body is refused unread, signed in or not.
    from assessments.domain.sheet_files import MAX_BYTES

    kind = f"multipart/form-data; boundary={BOUNDARY}"
    near = client.generic("POST", "/teams/any/import/", multipart(MAX_BYTES + 1), content_type=kind)
    assert near.status_code == 302  # to log in: the body was accepted
    far = client.generic(
        "POST", "/teams/any/import/", multipart(MAX_BYTES + 70_000), content_type=kind
    )
    assert far.status_code == 413
    assert "This page takes at most 5.1 MB" in far.content.decode()


def test_the_api_answers_a_large_body_in_json(client, settings):
    response = client.generic(
        "POST",
        "/api/v1/score",
        b"{" + b" " * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + b"}",
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request body is larger than the 2,621,440 bytes allowed."
    }
