"""Sign-ups and password-reset requests are limited per client address, and reset e-mails
per address asked for, without the answer telling whether an account exists."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory
from tests.server import DB_TASKS

pytestmark = pytest.mark.django_db


def reset(client, email, address="203.0.113.5"):
    with override_settings(TASKS=DB_TASKS):
        return client.post("/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_a_client_asking_for_resets_too_often_is_told_to_wait(client, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = "3/h"
    settings.PASSWORD_RESET_EMAIL_RATE_LIMIT = "10/h"
    statuses = [reset(client, f"person{n}@example.com").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    # Another client is not held up.
    assert reset(client, "person9@example.com", address="198.51.100.7").status_code == 302


def test_an_address_asked_for_too_often_gets_the_same_answer_and_no_more_e_mails(client, settings):
    settings.PASSWORD_RESET_EMAIL_RATE_LIMIT = "2/h"
    UserFactory(username="ada", email="ada@example.com")
    answers = [
        reset(client, email, address=f"198.51.100.{n}")
        for n, email in enumerate(["ada@example.com", "ADA@example.com ", "ada@example.com"])
    ]
    assert [(a.status_code, a["Location"]) for a in answers] == [
        (302, "/accounts/password_reset/done/")
    ] * 3
    assert DBTaskResult.objects.count() == 2
    # An address without an account is answered the same way.
    unknown = reset(client, "nobody@example.com")
    assert (unknown.status_code, unknown["Location"]) == (302, "/accounts/password_reset/done/")


def test_a_client_signing_up_too_often_is_told_to_wait(settings):
    settings.SIGNUP_RATE_LIMIT = "2/h"
    statuses = [
        Client()
        .post(
            "/accounts/signup/",
            {
                "username": f"person{n}",
                "email": f"person{n}@example.com",
                "password1": "a long and unusual passphrase",
                "password2": "a long and unusual passphrase",
            },
            REMOTE_ADDR="203.0.113.5",
        )
        .status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert sorted(get_user_model().objects.values_list("username", flat=True)) == [
        "person0",
        "person1",
    ]
    # The page itself still opens.
    assert Client().get("/accounts/signup/", REMOTE_ADDR="203.0.113.5").status_code == 200
