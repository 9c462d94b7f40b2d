"""The password-reset e-mail is sent by a task worker: the request queues the account's id
and the site's address only, and the worker makes the link and sends it."""

import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from assessments import tasks
from tests.factories import UserFactory
from tests.server import DB_TASKS

pytestmark = pytest.mark.django_db

LONG_PASSWORD = "a-very-long-passphrase-" * 4


def queued_reset(client, settings):
    settings.SITE_URL = "https://t-profile.example.com"
    with override_settings(TASKS=DB_TASKS):
        response = client.post("/accounts/password_reset/", {"email": "ada@example.com"})
    assert response.status_code == 302
    return DBTaskResult.objects.get()


def test_the_request_queues_the_account_and_the_site_never_a_link(client, settings):
    ada = UserFactory(username="ada", email="ada@example.com")
    queued = queued_reset(client, settings)
    assert mail.outbox == []
    assert queued.task_path == "assessments.tasks.send_password_reset"
    assert queued.args_kwargs == {
        "args": [ada.pk],
        "kwargs": {
            "domain": "t-profile.example.com",
            "site_name": "testserver",
            "protocol": "https",
            "subject_template_name": "registration/password_reset_subject.txt",
            "email_template_name": "registration/password_reset_email.html",
            "html_email_template_name": None,
            "from_email": None,
        },
    }


def test_the_worker_makes_a_link_that_resets_the_password(client, settings):
    ada = UserFactory(username="ada", email="ada@example.com")
    queued = queued_reset(client, settings)
    tasks.send_password_reset.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    [message] = mail.outbox
    assert (message.subject, message.to) == ("Reset your T-Profile password", ["ada@example.com"])
    link = re.search(r"https://t-profile\.example\.com(/accounts/reset/\S+/)", message.body)
    response = client.get(link.group(1), follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": LONG_PASSWORD, "new_password2": LONG_PASSWORD},
        follow=True,
    )
    ada.refresh_from_db()
    assert ada.check_password(LONG_PASSWORD)


def test_an_account_closed_before_the_worker_runs_gets_nothing(client, settings):
    ada = UserFactory(username="ada", email="ada@example.com")
    queued = queued_reset(client, settings)
    ada.is_active = False
    ada.save()
    tasks.send_password_reset.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert mail.outbox == []


def test_with_the_task_backend_out_of_reach_the_mail_is_sent_at_once(client, monkeypatch, caplog):
    UserFactory(username="ada", email="ada@example.com")

    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks, "send_password_reset", SimpleNamespace(enqueue=unreachable))
    response = client.post("/accounts/password_reset/", {"email": "ada@example.com"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["ada@example.com"]]
    assert [
        record.getMessage() for record in caplog.records if record.name == "assessments.tasks"
    ] == ["A password-reset e-mail could not be queued; it is sent now."]
