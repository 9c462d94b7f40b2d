"""The API docs render in Chromium from the app's own files, under the strict CSP, and a
signed-in person can create a token on the account page and try an endpoint with it."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_offline_under_the_csp(page, live_server, small_catalogue):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))

    page.goto("/api/v1/docs")

    expect(page.get_by_role("heading", name="T-Profile API")).to_be_visible()
    expect(page.locator(".opblock")).to_have_count(19)
    page.locator("#operations-catalogue-roles .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status")).to_have_text("200")
    # Every request went to the app itself; the page fixture fails on any console error,
    # CSP violations included.
    assert hosts == {live_server.url.split("/")[2]}


def test_a_token_made_on_the_account_page_opens_the_api(page, live_server, user):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill("ada")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.goto("/account/")
    page.get_by_label("Token name").fill("Browser test")
    page.get_by_label("Expires after (days)").fill("7")
    page.get_by_role("button", name="Create token").click()

    token = page.get_by_test_id("new-token").inner_text()
    assert token.startswith("tp_")
    response = page.request.get(
        f"{live_server.url}/api/v1/me/assessments/", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status == 200
    assert response.json()["count"] == 0

    page.get_by_role("button", name="Revoke the token Browser test").click()
    expect(page.get_by_text("The token “Browser test” is revoked")).to_be_visible()
    response = page.request.get(
        f"{live_server.url}/api/v1/me/assessments/", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status == 401
