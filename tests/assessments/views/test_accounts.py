"""Sign-up, log-in (by username or email), log-out, password change and reset."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from pytest_django.asserts import assertContains, assertRedirects

from tests.assessments.conftest import page
from tests.factories import AssessmentFactory, MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_PASSWORD = "a-very-long-passphrase-" * 4  # 92 characters
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_signup_creates_the_account_and_logs_in(client, settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    response = client.post(
        "/accounts/signup/",
        {
            "username": "grace",
            "email": "grace@example.com",
            "password1": LONG_PASSWORD,
            "password2": LONG_PASSWORD,
        },
        follow=True,
    )
    assertRedirects(response, "/me/quick-start/")
    user = get_user_model().objects.get(username="grace")
    assert user.email == "grace@example.com"
    assert user.password.startswith("argon2$")
    assert response.context["user"] == user
    assertContains(response, "Welcome to T-Profile, grace. Let&#x27;s draw your first T.")


def test_signup_errors_keep_what_was_typed(client):
    UserFactory(username="taken", email="taken@example.com")
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newcomer",
            "email": "TAKEN@example.com",
            "password1": LONG_PASSWORD,
            "password2": LONG_PASSWORD + "x",
        },
    )
    assert response.status_code == 200
    assertContains(response, "An account with this email address already exists.")
    assertContains(response, "The two password fields didn’t match.")
    assertContains(response, 'value="newcomer"')
    assertContains(response, 'value="TAKEN@example.com"')
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_signup_rejects_a_weak_password(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "weak", "email": "weak@example.com", "password1": "123", "password2": "123"},
    )
    assertContains(response, "This password is too short.")
    assert not get_user_model().objects.filter(username="weak").exists()
    errors = response.context["form"].errors
    assert errors["password1"][0].startswith("This password is too short.")
    assert "password2" not in errors
    inputs = {i.attrs["id"]: i.attrs for i in page(response).find_all("input") if "id" in i.attrs}
    assert "is-invalid" in inputs["id_password1"]["class"]
    assert "is-invalid" not in inputs["id_password2"]["class"]


def test_signup_puts_a_weak_password_and_a_mismatch_each_under_its_own_field(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "weak", "email": "weak@example.com", "password1": "123", "password2": "124"},
    )
    errors = response.context["form"].errors
    assert errors["password1"][0].startswith("This password is too short.")
    assert errors["password2"] == ["The two password fields didn’t match."]


def test_signed_in_user_visiting_signup_goes_to_their_dashboard(user_client):
    assertRedirects(user_client.get("/accounts/signup/"), "/me/")


def test_rate_my_skills_signs_up_into_the_quick_start(client):
    home = client.get("/")
    (href,) = re.findall(r'href="([^"]*)">Rate my skills<', home.content.decode())
    assert href == "/accounts/signup/?next=/me/quick-start/"
    signup = client.get(href)
    assertContains(signup, '<a href="/accounts/login/?next=/me/quick-start/">Log in</a>', html=True)
    response = client.post(
        href,
        {
            "username": "grace",
            "email": "grace@example.com",
            "password1": LONG_PASSWORD,
            "password2": LONG_PASSWORD,
            "next": "/me/quick-start/",
        },
        follow=True,
    )
    assertRedirects(response, "/me/quick-start/")
    assertContains(response, "Welcome to T-Profile, grace. Let&#x27;s draw your first T.")


def test_rate_my_skills_logs_an_existing_account_into_the_quick_start(client):
    UserFactory(username="ada", password=LONG_PASSWORD)
    response = client.post(
        "/accounts/login/?next=/me/quick-start/",
        {"username": "ada", "password": LONG_PASSWORD, "next": "/me/quick-start/"},
    )
    assertRedirects(response, "/me/quick-start/", fetch_redirect_response=False)


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("/me/quick-start/", "/me/quick-start/"), ("https://evil.example/", "/me/")],
)
def test_signed_in_user_visiting_signup_goes_on_to_a_safe_next(user_client, next_url, expected):
    response = user_client.get("/accounts/signup/", {"next": next_url})
    assertRedirects(response, expected, fetch_redirect_response=False)


@pytest.mark.parametrize("login_name", ["ada", "ada@example.com", "ADA@Example.com"])
def test_login_by_username_or_email(client, login_name):
    UserFactory(username="ada", email="ada@example.com", password=LONG_PASSWORD)
    response = client.post("/accounts/login/", {"username": login_name, "password": LONG_PASSWORD})
    assertRedirects(response, "/me/", fetch_redirect_response=False)
    assert client.session["_auth_user_id"]


def test_login_failure_says_so_and_keeps_the_username(client):
    UserFactory(username="ada")
    response = client.post("/accounts/login/", {"username": "ada", "password": "wrong"})
    assert response.status_code == 200
    assertContains(response, "Please enter a correct username and password.")
    assertContains(response, 'value="ada"')
    assert "_auth_user_id" not in client.session


def test_login_page_labels_the_field(client):
    response = client.get("/accounts/login/")
    assertContains(response, "Username or email")
    assertContains(response, 'href="/accounts/password_reset/"')


def test_logout_is_a_post(user_client):
    assert user_client.get("/accounts/logout/").status_code == 405
    response = user_client.post("/accounts/logout/")
    assertRedirects(response, "/", fetch_redirect_response=False)
    assert "_auth_user_id" not in user_client.session


def test_password_change(client):
    user = UserFactory(username="ada", password="old-password-that-is-fine")
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "old-password-that-is-fine",
            "new_password1": LONG_PASSWORD,
            "new_password2": LONG_PASSWORD,
        },
        follow=True,
    )
    assertContains(response, "Your new password is in place.")
    user.refresh_from_db()
    assert user.check_password(LONG_PASSWORD)


def test_password_reset_by_email(client):
    user = UserFactory(username="ada", email="ada@example.com")
    response = client.post("/accounts/password_reset/", {"email": "ada@example.com"}, follow=True)
    assertContains(response, "Check your email")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your T-Profile password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assertContains(response, "Choose a new password")
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": LONG_PASSWORD, "new_password2": LONG_PASSWORD},
        follow=True,
    )
    assertContains(response, "Your password is set")
    user.refresh_from_db()
    assert user.check_password(LONG_PASSWORD)


def test_the_reset_link_points_at_the_configured_site_whatever_the_request_named(client, settings):
    UserFactory(username="ada", email="ada@example.com")
    settings.ALLOWED_HOSTS = ["t-profile.example.com"]
    settings.SITE_URL = "https://t-profile.example.com"
    client.post(
        "/accounts/password_reset/",
        {"email": "ada@example.com"},
        headers={"host": "t-profile.example.com:6666"},
    )
    (link,) = re.findall(r"\S+/accounts/reset/\S+/", mail.outbox[0].body)
    assert link.startswith("https://t-profile.example.com/accounts/reset/")


def test_without_a_configured_site_the_link_is_the_requests(client, settings):
    UserFactory(username="ada", email="ada@example.com")
    settings.SITE_URL = ""
    client.post("/accounts/password_reset/", {"email": "ada@example.com"})
    (link,) = re.findall(r"\S+/accounts/reset/\S+/", mail.outbox[0].body)
    assert link.startswith("http://testserver/accounts/reset/")


def test_account_page_needs_login(client):
    assertRedirects(client.get("/account/"), "/accounts/login/?next=/account/")


def test_account_page_shows_the_account(user_client):
    response = user_client.get("/account/")
    assertContains(response, '<dd class="col-sm-9">ada@example.com</dd>', html=True)


LOOKALIKE = "This name mixes letters that look alike from different alphabets"


@pytest.mark.parametrize(
    "username",
    [
        "p\u0430ypal",  # a Cyrillic "a" among Latin letters
        "\u0430\u0441\u0430",  # Cyrillic letters that read as "aca"
        "\u0410da",
    ],
)
def test_signup_refuses_a_name_that_passes_for_another(client, username):
    response = client.post(
        "/accounts/signup/",
        {
            "username": username,
            "email": "someone@example.com",
            "password1": LONG_PASSWORD,
            "password2": LONG_PASSWORD,
        },
    )
    assertContains(response, LOOKALIKE)
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("username", ["José", "Сеть", "小明", "grace.h"])
def test_signup_takes_names_in_one_alphabet(client, username):
    client.post(
        "/accounts/signup/",
        {
            "username": username,
            "email": "someone@example.com",
            "password1": LONG_PASSWORD,
            "password2": LONG_PASSWORD,
        },
    )
    assert list(get_user_model().objects.values_list("username", flat=True)) == [username]


def test_signup_refuses_a_name_that_differs_only_in_case_or_width(client):
    UserFactory(username="grace")
    for username in ["GRACE", "\uff47race"]:  # a full-width "g"
        response = client.post(
            "/accounts/signup/",
            {
                "username": username,
                "email": f"{len(username)}@example.com",
                "password1": LONG_PASSWORD,
                "password2": LONG_PASSWORD,
            },
        )
        assertContains(response, "A user with that username already exists.")
    assert get_user_model().objects.count() == 1


def _log_in(client, next_url=""):
    data = {"username": "ada", "password": LONG_PASSWORD}
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data | ({"next": next_url} if next_url else {}))


@pytest.fixture
def ada():
    return UserFactory(username="ada", password=LONG_PASSWORD)


def test_a_manager_without_a_t_of_their_own_logs_in_to_their_team(client, ada):
    MembershipFactory(user=ada, team=TeamFactory(name="Growth Squad"), manager=True)
    assertRedirects(_log_in(client), "/teams/growth-squad/", fetch_redirect_response=False)


def test_a_manager_of_several_teams_without_a_t_logs_in_to_the_team_list(client, ada):
    for name in ("Growth Squad", "Brand Studio"):
        MembershipFactory(user=ada, team=TeamFactory(name=name), manager=True)
    assertRedirects(_log_in(client), "/teams/", fetch_redirect_response=False)


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param(lambda ada: MembershipFactory(user=ada), id="member-not-manager"),
        pytest.param(
            lambda ada: (
                MembershipFactory(user=ada, manager=True),
                AssessmentFactory(owner=ada),
            ),
            id="manager-with-an-assessment",
        ),
        pytest.param(lambda ada: None, id="no-team"),
    ],
)
def test_everyone_else_logs_in_to_their_t(client, ada, setup):
    setup(ada)
    assertRedirects(_log_in(client), "/me/", fetch_redirect_response=False)


def test_a_page_asked_for_wins_over_the_managers_team(client, ada):
    MembershipFactory(user=ada, manager=True)
    response = _log_in(client, "/me/quick-start/")
    assertRedirects(response, "/me/quick-start/", fetch_redirect_response=False)
