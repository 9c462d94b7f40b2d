"""Security headers and cookies on real responses: gunicorn with production settings.

The app runs behind a TLS-terminating proxy in production; the tests play that proxy by
sending `X-Forwarded-Proto: https` (DJANGO_BEHIND_PROXY=1).
"""

import http.client
import http.cookies
import re
import urllib.parse
from contextlib import closing

import pytest

from tests.server import create_users, gunicorn, manage, migrated_copy, production_env

PASSWORD = "a-long-and-unusual-passphrase-2026"


@pytest.fixture(scope="module")
def server(tmp_path_factory, migrated_sqlite):
    folder = tmp_path_factory.mktemp("headers")
    env = production_env(migrated_copy(migrated_sqlite, folder))
    manage(env, "load_catalogue")
    create_users(env, PASSWORD, "ada")
    with gunicorn(env, folder / "gunicorn.log") as port:
        yield port


def request(port, method, path, *, https=True, headers=None, body=None):
    all_headers = {"Host": "t-profile.example.com", **(headers or {})}
    if https:
        all_headers["X-Forwarded-Proto"] = "https"
    # Closed however the exchange ends, and patient with a busy machine: a socket left open
    # would warn in a later test.
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=60)) as connection:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        response.body = response.read()
    return response


def test_the_server_header_names_no_software(server):
    response = request(server, "GET", "/roles/")
    assert response.getheader("Server") == "T-Profile"


def test_a_huge_body_is_refused_before_it_is_read(server):
    """400 MB declared, a few bytes sent: the answer comes at once, nothing waits for the rest."""
    with closing(http.client.HTTPConnection("127.0.0.1", server, timeout=60)) as connection:
        connection.putrequest("POST", "/accounts/login/", skip_host=True)
        for name, value in {
            "Host": "t-profile.example.com",
            "X-Forwarded-Proto": "https",
            "Content-Type": "multipart/form-data; boundary=x",
            "Content-Length": str(400 * 1024 * 1024),
        }.items():
            connection.putheader(name, value)
        connection.endheaders(b"--x\r\n")
        response = connection.getresponse()
        body = response.read().decode()
    assert response.status == 413
    assert "That was too large to send" in body


def test_plain_http_is_redirected_to_https(server):
    response = request(server, "GET", "/roles/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == "https://t-profile.example.com/roles/"


def test_pages_carry_the_security_headers(server):
    response = request(server, "GET", "/roles/copywriter/")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"


def test_the_content_security_policy_is_enforced_with_a_nonce(server):
    response = request(server, "GET", "/")
    policy = response.getheader("Content-Security-Policy")
    assert response.getheader("Content-Security-Policy-Report-Only") is None
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
    )
    script = directives["script-src"].split()
    assert script[0] == "'self'"
    nonce = re.fullmatch(r"'nonce-([A-Za-z0-9+/_=-]+)'", script[1]).group(1)
    assert len(script) == 2
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["default-src"] == "'self'"
    # Every script on the page carries this response's nonce; there is no inline script.
    html = response.body.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts
    assert all(f'nonce="{nonce}"' in tag and "src=" in tag for tag in scripts)
    assert "style=" not in html


def test_each_response_gets_a_fresh_nonce(server):
    nonces = {
        re.search(
            r"'nonce-([^']+)'", request(server, "GET", "/").getheader("Content-Security-Policy")
        ).group(1)
        for _ in range(3)
    }
    assert len(nonces) == 3


def _cookies(response):
    jar = http.cookies.SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar, response.headers.get_all("Set-Cookie") or []


def test_cookies_are_secure_httponly_and_samesite(server):
    page = request(server, "GET", "/accounts/login/")
    jar, raw = _cookies(page)
    csrf_header = next(header for header in raw if header.startswith("csrftoken="))
    assert "Secure" in csrf_header
    assert "SameSite=Lax" in csrf_header
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body.decode()).group(1)
    body = urllib.parse.urlencode(
        {"username": "ada", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    response = request(
        server,
        "POST",
        "/accounts/login/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken'].value}",
            "Referer": "https://t-profile.example.com/accounts/login/",
        },
        body=body,
    )
    assert response.status == 302
    _jar, raw = _cookies(response)
    session = next(header for header in raw if header.startswith("sessionid="))
    assert "Secure" in session
    assert "HttpOnly" in session
    assert "SameSite=Lax" in session


def test_pages_are_compressed_for_browsers_that_accept_it(server):
    plain = request(server, "GET", "/ecosystem/")
    packed = request(server, "GET", "/ecosystem/", headers={"Accept-Encoding": "gzip"})
    assert plain.getheader("Content-Encoding") is None
    assert packed.getheader("Content-Encoding") == "gzip"
    assert len(packed.body) * 3 < len(plain.body)
    assert "Accept-Encoding" in packed.getheader("Vary")
