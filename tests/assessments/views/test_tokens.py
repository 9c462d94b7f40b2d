"""Personal API tokens: created (and shown) once, stored as a digest, expired or revoked for
good; on the account page and with `manage.py create_api_token`."""

import datetime as dt
import hashlib
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from assessments import tokens
from assessments.forms import SignupForm
from assessments.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)
TOKEN = re.compile(r"tp_[A-Za-z0-9_-]{43}")


# --- the service ----------------------------------------------------------------------------


def test_a_new_token_is_returned_once_and_stored_as_a_digest(user):
    new = tokens.create_token(user, "  Reporting script  ", now=NOW, days=30)

    assert TOKEN.fullmatch(new.plaintext)
    stored = ApiToken.objects.get()
    assert stored.user == user
    assert stored.name == "Reporting script"
    assert stored.key_hash == hashlib.sha256(new.plaintext.encode()).hexdigest()
    assert stored.prefix == new.plaintext[:11]
    assert stored.created_at == NOW
    assert stored.expires_at == NOW + dt.timedelta(days=30)
    assert (stored.last_used_at, stored.revoked_at) == (None, None)
    secret = new.plaintext[11:]
    for field in ApiToken._meta.concrete_fields:
        assert secret not in str(getattr(stored, field.attname)), field.name


def test_tokens_are_unique_and_may_never_expire(user):
    first = tokens.create_token(user, "One", now=NOW)
    second = tokens.create_token(user, "Two", now=NOW)
    assert first.plaintext != second.plaintext
    assert first.token.expires_at is None


@pytest.mark.parametrize(
    ("name", "days", "message"),
    [
        ("   ", None, "A token needs a name."),
        ("Script", 0, "A token lasts from 1 to 365 days, or until it is revoked."),
        ("Script", 366, "A token lasts from 1 to 365 days, or until it is revoked."),
    ],
)
def test_a_token_needs_a_name_and_a_sensible_expiry(user, name, days, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        tokens.create_token(user, name, now=NOW, days=days)
    assert not ApiToken.objects.exists()


def test_authenticate_finds_the_token_and_records_its_use(user):
    new = tokens.create_token(user, "Script", now=NOW, days=1)
    found = tokens.authenticate(new.plaintext, now=NOW + dt.timedelta(hours=1))
    assert found.pk == new.token.pk
    assert found.user == user
    assert ApiToken.objects.get().last_used_at == NOW + dt.timedelta(hours=1)


def test_last_used_is_written_at_most_once_a_minute(user):
    new = tokens.create_token(user, "Script", now=NOW)
    tokens.authenticate(new.plaintext, now=NOW)
    tokens.authenticate(new.plaintext, now=NOW + dt.timedelta(seconds=59))
    assert ApiToken.objects.get().last_used_at == NOW
    tokens.authenticate(new.plaintext, now=NOW + dt.timedelta(seconds=60))
    assert ApiToken.objects.get().last_used_at == NOW + dt.timedelta(seconds=60)


@pytest.mark.parametrize(
    ("change", "when", "reason"),
    [
        ({}, NOW + dt.timedelta(days=1), "The API token has expired."),
        ({"revoked_at": NOW}, NOW, "The API token has been revoked."),
    ],
)
def test_an_expired_or_revoked_token_is_refused(user, change, when, reason):
    new = tokens.create_token(user, "Script", now=NOW, days=1)
    ApiToken.objects.filter(pk=new.token.pk).update(**change)
    with pytest.raises(tokens.TokenRefused, match=re.escape(reason)):
        tokens.authenticate(new.plaintext, now=when)
    assert ApiToken.objects.get().last_used_at is None


@pytest.mark.parametrize("text", ["tp_unknown", "", "tp_" + "x" * 300])
def test_an_unknown_token_is_refused(user, text):
    tokens.create_token(user, "Script", now=NOW)
    with pytest.raises(tokens.TokenRefused, match=re.escape("The API token is not valid.")):
        tokens.authenticate(text, now=NOW)


def test_revoking_is_for_good_and_idempotent(user):
    new = tokens.create_token(user, "Script", now=NOW)
    assert tokens.revoke_token(new.token, now=NOW) is True
    assert tokens.revoke_token(new.token, now=NOW + dt.timedelta(days=1)) is False
    assert ApiToken.objects.get().revoked_at == NOW


def test_tokens_go_with_the_account(user):
    tokens.create_token(user, "Script", now=NOW)
    user.delete()
    assert not ApiToken.objects.exists()


# --- the account page -----------------------------------------------------------------------


def test_the_account_page_offers_tokens(user_client):
    response = user_client.get("/account/")
    assertContains(response, '<h2 class="h4" id="api-tokens-title">API tokens</h2>', html=True)
    assertContains(response, 'action="/account/tokens/"')
    assertContains(response, "You have no API tokens.")


def test_creating_a_token_shows_it_once(user_client, user):
    response = user_client.post("/account/tokens/", {"name": "Reporting script", "days": "30"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plaintext = TOKEN.search(response.content.decode()).group(0)
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assertContains(
        response,
        f'<code class="user-select-all fs-6 text-reset" data-testid="new-token">{plaintext}</code>',
    )
    assertContains(response, "it is shown this once")
    assertContains(response, f"<code>{token.prefix}…</code>", html=True)

    again = user_client.get("/account/")
    assertNotContains(again, plaintext)
    assertContains(again, f"<code>{token.prefix}…</code>", html=True)
    assertContains(again, "Reporting script")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "", "days": ""}, "This field is required."),
        ({"name": "Script", "days": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"name": "Script", "days": "400"}, "Ensure this value is less than or equal to 365."),
        ({"name": "Script", "days": "soon"}, "Enter a whole number."),
    ],
)
def test_a_bad_token_form_is_422(user_client, data, error):
    response = user_client.post("/account/tokens/", data)
    assert response.status_code == 422
    assertContains(response, error, status_code=422)
    assert not ApiToken.objects.exists()


def test_the_list_shows_each_tokens_state(user_client, user):
    now = timezone.now()
    active = tokens.create_token(user, "Active", now=now, days=10).token
    tokens.create_token(user, "Stale", now=now - dt.timedelta(days=3), days=1)
    revoked = tokens.create_token(user, "Gone", now=now).token
    tokens.revoke_token(revoked, now=now)
    ApiToken.objects.filter(pk=active.pk).update(last_used_at=now)

    response = user_client.get("/account/")

    html = response.content.decode()
    assert html.count('aria-label="Revoke the token') == 1
    assertContains(response, f'action="/account/tokens/{active.pk}/revoke/"')
    assertContains(response, "Expired ")
    assertContains(response, "Revoked ")
    assertContains(response, "Never", count=2)  # never used: the stale and the revoked one


def test_revoking_from_the_account_page(user_client, user):
    token = tokens.create_token(user, "Script", now=timezone.now()).token

    response = user_client.post(f"/account/tokens/{token.pk}/revoke/", follow=True)

    assertRedirects(response, "/account/#api-tokens")
    assertContains(response, "The token “Script” is revoked; it no longer works.")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_someone_elses_token_cannot_be_revoked(user_client):
    theirs = tokens.create_token(UserFactory(username="grace"), "Theirs", now=NOW).token
    response = user_client.post(f"/account/tokens/{theirs.pk}/revoke/")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_token_pages_need_a_post_a_login_and_the_csrf_token(client, user):
    token = tokens.create_token(user, "Script", now=NOW).token
    assert client.post("/account/tokens/", {"name": "x"}).status_code == 302
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    client.force_login(user)
    assert client.get("/account/tokens/").status_code == 405
    assert client.get(f"/account/tokens/{token.pk}/revoke/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post("/account/tokens/", {"name": "x"}).status_code == 403
    assert ApiToken.objects.count() == 1


# --- the command ----------------------------------------------------------------------------


def test_the_command_prints_the_token_once(client, user):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_token", "ada", "--name", "Nightly export", "--days", "7", stdout=out, stderr=err
    )

    plaintext = out.getvalue().strip()
    assert TOKEN.fullmatch(plaintext)
    token = ApiToken.objects.get(user=user)
    assert token.name == "Nightly export"
    assert token.expires_at - token.created_at == dt.timedelta(days=7)
    assert "it will not be shown again" in err.getvalue()
    assert plaintext not in err.getvalue()
    response = client.get(
        "/api/v1/me/assessments/", headers={"Authorization": f"Bearer {plaintext}"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody"], "There is no account with the username “nobody”."),
        (["ada", "--days", "0"], "A token lasts from 1 to 365 days, or until it is revoked."),
    ],
)
def test_the_command_refuses(user, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("create_api_token", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert not ApiToken.objects.exists()


# --- a new password ends the tokens ----------------------------------------------------------

NEW_PASSWORD = "a-fresh-and-unusual-passphrase-2026"


def active(user):
    return [t.name for t in ApiToken.objects.filter(user=user, revoked_at__isnull=True)]


def test_changing_the_password_revokes_every_token(client, user):
    user.set_password("the-old-and-unusual-passphrase-2025")
    user.save()
    tokens.create_token(user, "one", now=timezone.now())
    tokens.create_token(user, "two", now=timezone.now())
    other = UserFactory(username="other")
    tokens.create_token(other, "theirs", now=timezone.now())
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "the-old-and-unusual-passphrase-2025",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert active(user) == []
    assert active(other) == ["theirs"]


def test_a_password_set_anywhere_revokes_them_and_other_saves_do_not(user):
    new = tokens.create_token(user, "script", now=timezone.now())
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])  # a login
    user.first_name = "Ada"
    user.save()
    assert active(user) == ["script"]
    user.set_password(NEW_PASSWORD)  # as the reset page, the admin and changepassword do
    user.save()
    assert active(user) == []
    with pytest.raises(tokens.TokenRefused, match=r"^The API token has been revoked\.$"):
        tokens.authenticate(new.plaintext, now=timezone.now())


def test_the_sign_up_form_says_so():
    assert "Setting a new password ends any API tokens made before it." in str(
        SignupForm().fields["password1"].help_text
    )


# --- a token needs its owner's password ---------------------------------------------------

PASSWORD = "correct horse battery staple"  # the factory's


def long_ago(client, minutes=11):
    """As if the client's session had logged in `minutes` ago."""
    session = client.session
    session[tokens.LOGGED_IN_AT] = (timezone.now() - dt.timedelta(minutes=minutes)).timestamp()
    session.save()


def test_a_session_that_logged_in_long_ago_needs_the_password(user_client, user):
    long_ago(user_client)
    response = user_client.post("/account/tokens/", {"name": "Script"})
    assertContains(
        response,
        '<div id="token-password-error" class="invalid-feedback">Enter your password: you '
        "logged in more than 10 minutes ago.</div>",
        status_code=422,
        html=True,
    )
    assert not ApiToken.objects.exists()


def test_a_wrong_password_makes_no_token(user_client, user):
    long_ago(user_client)
    response = user_client.post("/account/tokens/", {"name": "Script", "password": "guess"})
    assertContains(response, "That is not your password.", status_code=422)
    assert not ApiToken.objects.exists()


def test_the_right_password_makes_the_token(user_client, user):
    long_ago(user_client)
    response = user_client.post("/account/tokens/", {"name": "Script", "password": PASSWORD})
    assert response.status_code == 200
    assert [t.name for t in ApiToken.objects.filter(user=user)] == ["Script"]


def test_a_login_in_the_last_ten_minutes_is_enough(client, user):
    client.post("/accounts/login/", {"username": "ada", "password": PASSWORD})
    long_ago(client, minutes=9)
    assert client.post("/account/tokens/", {"name": "Script"}).status_code == 200
    long_ago(client, minutes=11)
    assert client.post("/account/tokens/", {"name": "Another"}).status_code == 422
    assert [t.name for t in ApiToken.objects.filter(user=user)] == ["Script"]


def test_guessing_the_password_on_the_token_form_meets_the_login_pause(user_client, user):
    long_ago(user_client)
    statuses = [
        user_client.post("/account/tokens/", {"name": "x", "password": f"guess{n}"}).status_code
        for n in range(5)
    ]
    assert statuses == [422, 422, 422, 422, 429]
    response = user_client.post("/account/tokens/", {"name": "x", "password": PASSWORD})
    assertContains(response, "Too many failed log-ins", status_code=429)
    assert not ApiToken.objects.exists()


def test_the_account_page_asks_for_the_password(user_client):
    response = user_client.get("/account/")
    assertContains(
        response,
        f'<div id="token-password-help" class="form-text">Not needed within '
        f"{tokens.RECENT_LOGIN_MINUTES} minutes of logging in.</div>",
        html=True,
    )
