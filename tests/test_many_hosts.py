"""Several hosts: two gunicorn instances (host A and host B, each on a port of its own) and
one task worker (`manage.py run_worker`, RQ) share one PostgreSQL database and one Redis,
as README.md's "Running on several hosts" deploys them. A person's requests may reach
either host: an import uploaded on A is checked by the worker, confirmed on B and saved by
the worker; a session begun on one host holds on the other and ends on both; the download
limit and the login pause count the requests of both hosts together.

Like the backup tests, this module makes its own PostgreSQL database at 127.0.0.1:5432 (user
postgres, trust), whichever database the rest of the suite runs on, so that every run of
the suite runs it; without PostgreSQL or Redis it fails and says so. RQ keeps its queue
under fixed key names, so the module claims a Redis database (1 to 13) that no other run of
it is using, and empties it afterwards.
"""

import contextlib
import csv
import http.client
import io
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
import uuid
from contextlib import closing

import psycopg
import pytest
import redis

from tests.server import BASE, gunicorn, production_env

POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS_DATABASES = range(1, 14)
HOST = "t-profile.example.com"
PASSWORD = "the-right-password-2026"
IMPORTED = '<h2 class="h4" id="import-status-title">Imported</h2>'
SLOW_MACHINE = 60  # seconds to wait for an answer or for the worker, on a busy machine

# The schema, a small catalogue, and a team: Mia manages it, Ann and Bob are in it.
SETUP = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", "--noinput", verbosity=0)
from django.contrib.auth.models import User
from assessments.services.teams import create_team, join_team
from tests.conftest import build_small_catalogue

build_small_catalogue()
people = {{
    name: User.objects.create_user(name, f"{{name}}@example.com", {PASSWORD!r})
    for name in ["mia", "ann", "bob", "cat"]
}}
team = create_team("Team A", people["mia"])
join_team(team, people["ann"])
join_team(team, people["bob"])
"""


@contextlib.contextmanager
def postgres_database():
    try:
        server = psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **POSTGRES)
    except psycopg.OperationalError as error:
        pytest.fail(
            f"Cannot connect to PostgreSQL ({error}). The several-hosts test needs it at "
            "127.0.0.1:5432 (user postgres, trust authentication).",
            pytrace=False,
        )
    name = f"tprofile_hosts_{os.getpid()}_{secrets.token_hex(4)}"
    with server:
        # template0: an empty database. Nothing here must survive a crash of the server, so
        # commits need not wait for the disk (the schema's migrations go much faster).
        server.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        server.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        try:
            yield f"postgres://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{name}"
        finally:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def redis_database():
    """A Redis database of this run's own: claimed with a key that expires, then emptied."""
    claim = f"tprofile-hosts-test:{uuid.uuid4()}"
    for number in REDIS_DATABASES:
        store = redis.Redis(host="127.0.0.1", port=6379, db=number)
        try:
            claimed = store.set("tprofile-hosts-test-claim", claim, nx=True, ex=300)
        except redis.ConnectionError as error:
            pytest.fail(
                f"Cannot connect to Redis ({error}). The several-hosts test needs it at "
                "127.0.0.1:6379.",
                pytrace=False,
            )
        if claimed and not any(store.scan_iter("rq:*", count=1000)):
            break
        if claimed:
            store.delete("tprofile-hosts-test-claim")
        store.close()
    else:
        pytest.fail("Every Redis database from 1 to 13 is in use by another run.")
    try:
        yield f"redis://127.0.0.1:6379/{number}"
    finally:
        store.flushdb()
        store.close()


@contextlib.contextmanager
def task_worker(env, log):
    with log.open("wb") as log_file:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=BASE,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        yield worker
    finally:
        # RQ's warm shutdown may wait up to a minute on its pub/sub thread after running
        # jobs; a second signal makes it a cold one (nothing is running by now).
        worker.terminate()
        try:
            worker.wait(timeout=1)
        except subprocess.TimeoutExpired:
            worker.terminate()
            worker.wait(timeout=SLOW_MACHINE)


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    """Hosts A and B (their ports) and the worker, on one database and one Redis."""
    folder = tmp_path_factory.mktemp("hosts")
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(postgres_database())
        redis_url = stack.enter_context(redis_database())
        env = production_env(
            folder / "unused.sqlite3",
            REDIS_URL=redis_url,
            TASKS_BACKEND="rq",
            EXPORT_RATE_LIMIT="3/h",
        )
        env["DATABASE_URL"] = database
        # The processes start while the schema is made: none of them asks the database
        # before its first request or task.
        a = stack.enter_context(gunicorn(env, folder / "a.log"))
        b = stack.enter_context(gunicorn(env, folder / "b.log"))
        stack.enter_context(task_worker(env, folder / "worker.log"))
        subprocess.run(
            [sys.executable, "-c", SETUP],
            cwd=BASE,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
            check=True,
            capture_output=True,
        )
        yield {"a": a, "b": b, "database": database, "logs": folder}
    for log in ["a.log", "b.log"]:
        assert "Internal Server Error" not in (folder / log).read_text()


class Browser:
    """One person's browser: their cookies, sent to whichever host answers."""

    def __init__(self, address: str = "203.0.113.5") -> None:
        self.cookies: dict[str, str] = {}
        self.address = address

    def request(self, port, method, path, body=b"", headers=None):
        sent = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Referer": f"https://{HOST}/",
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=SLOW_MACHINE)) as conn:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            content = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _, rest = value.partition(";")
                key, _, kept = cookie.partition("=")
                if "max-age=0" in rest.lower():
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = kept
        return response.status, response.getheader("Location"), content

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, fields=None, files=None):
        """A form post with the CSRF token, urlencoded or (with files) multipart."""
        if "csrftoken" not in self.cookies:
            self.get(port, "/accounts/login/")
        fields = {**(fields or {}), "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        if not files:
            body = urllib.parse.urlencode(fields).encode()
            kind = "application/x-www-form-urlencoded"
        else:
            body, kind = multipart(fields, files)
        return self.request(port, "POST", path, body, {"Content-Type": kind})

    def log_in(self, port, username, password=PASSWORD):
        return self.post(port, "/accounts/login/", {"username": username, "password": password})[0]


def multipart(fields, files):
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def until(condition, what):
    """Polls (as the pages do) until the worker has done its part."""
    deadline = time.monotonic() + SLOW_MACHINE
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"The worker did not {what} within {SLOW_MACHINE} s.")


def test_both_hosts_are_ready_with_the_shared_services(hosts):
    for port in (hosts["a"], hosts["b"]):
        status, _, content = Browser().get(port, "/health/ready/")
        assert (status, json.loads(content)) == (
            200,
            {"status": "ok", "database": "ok", "migrations": "ok", "cache": "ok", "tasks": "ok"},
        )


def test_an_import_uploaded_on_one_host_is_confirmed_on_the_other(hosts):
    mia = Browser()
    assert mia.log_in(hosts["a"], "mia") == 302
    status, _, template = mia.get(hosts["b"], "/teams/team-a/import/template.csv")
    assert status == 200
    # One row per member, by name, with the address and the levels to fill in.
    headings, *rows = csv.reader(io.StringIO(template.removeprefix("\ufeff")))
    assert [row[:2] for row in rows] == [["", "ann"], ["", "bob"], ["", "mia"]]
    sheet = io.StringIO()
    csv.writer(sheet).writerows(
        [headings, *([f"{row[1]}@example.com", row[1], *["3"] * (len(row) - 2)] for row in rows)]
    )

    status, preview, _ = mia.post(
        hosts["a"],
        "/teams/team-a/import/",
        files={"sheet": ("ratings.csv", sheet.getvalue().encode())},
    )
    assert status == 302
    assert re.fullmatch(r"/teams/team-a/import/[\w-]+/", preview)
    # The upload waits in the database; the worker checks it; host B shows it checked.
    checked = until(
        lambda: (page := mia.get(hosts["b"], preview))[2].count("Checking the sheet") == 0 and page,
        "check the upload",
    )
    assert checked[0] == 200
    assert "Import 3 assessments" in checked[2]

    status, progress, _ = mia.post(hosts["b"], preview)
    assert (status, progress) == (302, f"{preview}status/")
    done = until(
        lambda: IMPORTED in (page := mia.get(hosts["a"], progress))[2] and page,
        "save the import",
    )
    assert done[0] == 200
    with psycopg.connect(hosts["database"]) as database:
        saved = database.execute(
            "SELECT u.username, a.is_latest FROM assessments_assessment a "
            "JOIN auth_user u ON u.id = a.owner_id ORDER BY u.username"
        ).fetchall()
    assert saved == [("ann", True), ("bob", True), ("mia", True)]
    assert "Internal Server Error" not in (hosts["logs"] / "worker.log").read_text()


def test_a_session_holds_on_both_hosts_and_ends_on_both(hosts):
    ann = Browser()
    assert ann.get(hosts["b"], "/me/")[0] == 302
    assert ann.log_in(hosts["a"], "ann") == 302
    assert [ann.get(port, "/me/")[0] for port in (hosts["b"], hosts["a"], hosts["b"])] == [200] * 3
    stolen = dict(ann.cookies)
    assert ann.post(hosts["b"], "/accounts/logout/")[0] == 302
    replay = Browser()
    replay.cookies = stolen
    status, location, _ = replay.get(hosts["a"], "/me/")
    assert (status, location) == (302, "/accounts/login/?next=/me/")


def test_the_download_limit_counts_the_requests_of_both_hosts(hosts):
    bob = Browser()
    assert bob.log_in(hosts["b"], "bob") == 302
    ports = [hosts["a"], hosts["b"], hosts["a"], hosts["b"], hosts["a"]]
    assert [bob.get(port, "/account/export/")[0] for port in ports] == [200, 200, 200, 429, 429]


def test_the_login_pause_counts_the_failures_on_both_hosts(hosts):
    ports = [hosts["a"], hosts["b"]] * 3
    statuses = [Browser().log_in(port, "cat", "wrong") for port in ports[:5]]
    assert statuses == [200, 200, 200, 200, 429]
    assert Browser().log_in(hosts["b"], "cat") == 429
    assert Browser().log_in(hosts["a"], "cat") == 429
    assert Browser(address="198.51.100.1").log_in(hosts["b"], "cat") == 302
