"""Backups: dump, restore into an empty database, and find the same profiles and history.

The round trips run the commands docs/backups.md gives, in subprocesses, against
throwaway databases filled by `migrate`, `load_catalogue` and `load_demo`:

- SQLite's online backup (the Python backup API and the sqlite3 shell's `.backup`);
- the portable dump (`dumpdata` as XML, then `migrate` + `loaddata` into an empty
  database), SQLite to SQLite and SQLite to PostgreSQL;
- PostgreSQL's `pg_dump -Fc` and `pg_restore` into an empty database.

A restore passes when `migrate --check` finds the schema current, `backup_fingerprint`
prints the same digest as the source, and the demo pages render the same.

PostgreSQL must run at 127.0.0.1:5432 (user postgres, trust authentication) with
pg_dump and pg_restore on the PATH; without it the PostgreSQL tests fail, unless
TPROFILE_SKIP_POSTGRES_TESTS=1 skips them.
"""

import datetime as dt
import difflib
import hashlib
import io
import itertools
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

BASE = Path(settings.BASE_DIR)
PYTHON = sys.executable

POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER = "127.0.0.1", "5432", "postgres"
SKIP_POSTGRES = "TPROFILE_SKIP_POSTGRES_TESTS"

# The portable dump, exactly as docs/backups.md gives it.
DUMPDATA = [
    "dumpdata",
    "--format",
    "xml",
    "--natural-foreign",
    "--natural-primary",
    "--exclude",
    "contenttypes",
    "--exclude",
    "auth.permission",
    "--exclude",
    "sessions",
]
# SQLite's online backup through Python's sqlite3 module, as docs/backups.md gives it.
SQLITE_BACKUP = (
    "import sqlite3, sys; source = sqlite3.connect(sys.argv[1]); "
    "target = sqlite3.connect(sys.argv[2]); source.backup(target); "
    "target.close(); source.close()"
)

SETUP = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_catalogue", verbosity=0)
call_command("load_demo", verbosity=0)
"""

# Checks a database the way docs/backups.md says to, and renders the demo pages:
# prints {"fingerprint": ..., "pages": {...}} as JSON.
VERIFY = """
import io, json
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from assessments.models import Assessment

call_command("migrate", check=True, verbosity=0)
out = io.StringIO()
call_command("backup_fingerprint", stdout=out)
pages = {}
if RENDER:
    # Signing in and viewing pages writes (a session, last_login, the access log):
    # all of it is rolled back, so the database stays as it was compared.
    with transaction.atomic():
        users = get_user_model().objects
        alex = Client()
        alex.force_login(users.get(username="alex"))
        latest = Assessment.objects.get(owner__username="alex", is_latest=True)
        morgan = Client()
        morgan.force_login(users.get(username="morgan"))
        for name, client, path in [
            ("profile", alex, latest.get_absolute_url()),
            ("history", alex, "/me/history/"),
            ("team", morgan, "/teams/northwind-content-studio/coverage/"),
        ]:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            pages[name] = response.content.decode()
        pages["alex"] = {"depth": latest.depth, "breadth": latest.breadth, "shape": latest.shape}
        transaction.set_rollback(True)
print(json.dumps({"fingerprint": out.getvalue(), "pages": pages}))
"""

# Per-request values a page carries: the CSP nonce and the masked CSRF token.
VOLATILE = [
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
    (re.compile(r'"X-CSRFToken": "[^"]*"'), '"X-CSRFToken": ""'),
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), 'name="csrfmiddlewaretoken"'),
]


def environment(database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CATALOGUE_", "REDIS_", "CACHE_"))
    }
    env.update(
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def run(command: list[str], *, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, cwd=BASE, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited with {result.returncode}:\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )
    return result.stdout


def manage(database_url: str, *args: str) -> str:
    return run([PYTHON, "manage.py", *args], env=environment(database_url))


def script(database_url: str, code: str) -> str:
    return run(
        [PYTHON, "-c", "import django; django.setup()\n" + code], env=environment(database_url)
    )


class Populating:
    """migrate, load_catalogue and load_demo, in one background process."""

    def __init__(self, database_url: str) -> None:
        self.command = [PYTHON, "-c", "import django; django.setup()\n" + SETUP]
        self.process = subprocess.Popen(
            self.command,
            cwd=BASE,
            env=environment(database_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait(self) -> None:
        stdout, stderr = self.process.communicate()
        if self.process.returncode != 0:
            pytest.fail(
                f"Filling the database failed ({self.process.returncode}):\n"
                f"{stdout[-2000:]}\n{stderr[-4000:]}"
            )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


@dataclass(frozen=True)
class Checked:
    fingerprint: str
    pages: dict


def verify(database_url: str, *, render: bool = True) -> Checked:
    output = json.loads(script(database_url, f"RENDER = {render}\n" + VERIFY))
    pages = {
        name: normalised(page) if isinstance(page, str) else page
        for name, page in output["pages"].items()
    }
    return Checked(output["fingerprint"], pages)


def normalised(html: str) -> str:
    for pattern, replacement in VOLATILE:
        html = pattern.sub(replacement, html)
    return html


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def assert_same(restored: Checked, source: Checked) -> None:
    # Compared line by line, so a failure shows the first rows that differ.
    assert restored.fingerprint.splitlines() == source.fingerprint.splitlines()
    if restored.pages:
        assert restored.pages.keys() == source.pages.keys()
        for name, page in restored.pages.items():
            assert page == source.pages[name], f"The {name} page differs:\n" + first_changes(
                source.pages[name], page
            )


def first_changes(before, after, lines: int = 40) -> str:
    diff = difflib.unified_diff(str(before).splitlines(), str(after).splitlines(), lineterm="")
    return "\n".join(itertools.islice(diff, lines))


class Postgres:
    """The local server: creates uniquely named databases and drops them again."""

    def __init__(self) -> None:
        self.prefix = f"tprofile_backup_{os.getpid()}_{secrets.token_hex(3)}"
        self.created: list[str] = []
        self.dropping: list[threading.Thread] = []
        self.problem = self._problem()

    def _problem(self) -> str | None:
        if os.environ.get(SKIP_POSTGRES) == "1":
            return None
        missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
        if missing:
            return f"{' and '.join(missing)} not found on the PATH."
        import psycopg

        try:
            self.connect().close()
        except psycopg.OperationalError as error:
            return f"Cannot connect to PostgreSQL: {error}".strip()
        return None

    @property
    def usable(self) -> bool:
        return self.problem is None and os.environ.get(SKIP_POSTGRES) != "1"

    def connect(self):
        import psycopg

        return psycopg.connect(
            host=POSTGRES_HOST,
            port=POSTGRES_PORT,
            user=POSTGRES_USER,
            dbname="postgres",
            connect_timeout=5,
            autocommit=True,
        )

    def create(self, name: str) -> str:
        database = f"{self.prefix}_{name}"
        with self.connect() as connection:
            # template0: an empty database, whatever was added to template1.
            connection.execute(f'CREATE DATABASE "{database}" TEMPLATE template0')
        self.created.append(database)
        return database

    def drop(self, database: str) -> None:
        with self.connect() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def drop_soon(self, database: str) -> None:
        """Drop in the background: dropping waits for a checkpoint, which takes seconds."""
        thread = threading.Thread(target=self.drop, args=[database])
        thread.start()
        self.dropping.append(thread)

    def drop_all(self) -> None:
        for thread in self.dropping:
            thread.join()
        for database in self.created:
            self.drop(database)

    @staticmethod
    def url(database: str) -> str:
        return f"postgres://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/{database}"

    @staticmethod
    def client_options(database: str) -> list[str]:
        return [
            f"--host={POSTGRES_HOST}",
            f"--port={POSTGRES_PORT}",
            f"--username={POSTGRES_USER}",
            "--no-password",
            f"--dbname={database}",
        ]


@pytest.fixture(scope="module")
def postgres_server():
    server = Postgres()
    try:
        yield server
    finally:
        if server.usable:
            server.drop_all()


@pytest.fixture(scope="module")
def postgres(postgres_server) -> Postgres:
    """The server, for the tests that need it: a clear failure when it is missing."""
    if os.environ.get(SKIP_POSTGRES) == "1":
        pytest.skip(f"{SKIP_POSTGRES}=1: the PostgreSQL backup tests are skipped")
    if postgres_server.problem:
        pytest.fail(
            f"{postgres_server.problem} The backup tests need PostgreSQL at "
            f"{POSTGRES_HOST}:{POSTGRES_PORT} (user {POSTGRES_USER}, trust authentication) "
            f"with pg_dump and pg_restore on the PATH. Set {SKIP_POSTGRES}=1 to skip them "
            "on a machine without PostgreSQL.",
            pytrace=False,
        )
    return postgres_server


@dataclass(frozen=True)
class Source:
    url: str
    checked: Checked
    path: Path | None = None
    database: str | None = None


@pytest.fixture(scope="module")
def filling(tmp_path_factory, postgres_server):
    """Starts filling the live databases, SQLite and PostgreSQL, side by side."""
    path = tmp_path_factory.mktemp("backups") / "live.sqlite3"
    started = {"sqlite": (path, Populating(sqlite_url(path)))}
    if postgres_server.usable:
        database = postgres_server.create("live")
        started["postgres"] = (database, Populating(postgres_server.url(database)))
    try:
        yield started
    finally:
        for _where, process in started.values():
            process.stop()


@pytest.fixture(scope="module")
def demo_sqlite(filling) -> Source:
    """A SQLite database with the catalogue and the demo people, and its digest."""
    path, process = filling["sqlite"]
    process.wait()
    url = sqlite_url(path)
    checked = verify(url)
    digest = json.loads(checked.fingerprint)
    # The digest covers what the demo created: people, their history and the team.
    assert len(digest["users"]) == 17
    assert sum(len(user["assessments"]) for user in digest["users"]) >= 30
    assert digest["teams"][0]["slug"] == "northwind-content-studio"
    alex = checked.pages["alex"]
    assert f"depth {alex['depth']} · breadth {alex['breadth']}" in checked.pages["profile"]
    return Source(url, checked, path=path)


@pytest.fixture(scope="module")
def demo_postgres(postgres, filling) -> Source:
    """The same on PostgreSQL."""
    database, process = filling["postgres"]
    process.wait()
    url = postgres.url(database)
    # The pages are compared on SQLite; here the digest says it all.
    return Source(url, verify(url, render=False), database=database)


@pytest.fixture(scope="module")
def portable_dump(demo_sqlite, tmp_path_factory) -> Path:
    dump = tmp_path_factory.mktemp("dump") / "t-profile.xml.gz"
    manage(demo_sqlite.url, *DUMPDATA, "--output", str(dump))
    return dump


# SQLite ---------------------------------------------------------------------------------


def test_sqlite_online_backup_with_the_python_api(demo_sqlite, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    run([PYTHON, "-c", SQLITE_BACKUP, str(demo_sqlite.path), str(backup)])
    assert_same(verify(sqlite_url(backup)), demo_sqlite.checked)


def test_sqlite_online_backup_with_the_sqlite3_shell(demo_sqlite, tmp_path):
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 shell is not installed (Debian: apt-get install sqlite3)")
    backup = tmp_path / "backup.sqlite3"
    run(["sqlite3", str(demo_sqlite.path), f".backup '{backup}'"])
    assert_same(verify(sqlite_url(backup), render=False), demo_sqlite.checked)


def test_sqlite_online_backup_sees_commits_still_in_the_wal(demo_sqlite, tmp_path):
    """A write that only the -wal file holds yet is in the backup; a plain copy of the
    database file alone misses it."""
    live = tmp_path / "live.sqlite3"
    run([PYTHON, "-c", SQLITE_BACKUP, str(demo_sqlite.path), str(live)])
    writer = sqlite3.connect(live)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("UPDATE auth_user SET first_name = 'Alexandra' WHERE username = 'alex'")
        writer.commit()
        assert Path(f"{live}-wal").stat().st_size > 0
        backup = tmp_path / "backup.sqlite3"
        run([PYTHON, "-c", SQLITE_BACKUP, str(live), str(backup)])
        copy = tmp_path / "copy.sqlite3"
        shutil.copyfile(live, copy)
    finally:
        writer.close()
    assert first_name(backup, "alex") == "Alexandra"
    assert first_name(copy, "alex") == "Alex"


def first_name(path: Path, username: str) -> str:
    connection = sqlite3.connect(path)
    try:
        query = "SELECT first_name FROM auth_user WHERE username = ?"
        return connection.execute(query, [username]).fetchone()[0]
    finally:
        connection.close()


def test_portable_dump_loads_into_an_empty_sqlite_database(demo_sqlite, portable_dump, tmp_path):
    url = sqlite_url(tmp_path / "restored.sqlite3")
    manage(url, "migrate", "--noinput")
    manage(url, "loaddata", str(portable_dump))
    assert_same(verify(url), demo_sqlite.checked)


# PostgreSQL -----------------------------------------------------------------------------


def assert_takes_new_rows(database_url: str) -> None:
    """After a restore the id sequences are past the restored rows: new rows go in."""
    script(
        database_url,
        "from django.contrib.auth import get_user_model\n"
        "from assessments.models import Team\n"
        "get_user_model().objects.create_user('after-restore')\n"
        "Team.objects.create(name='After restore', slug='after-restore')\n",
    )


def test_postgres_dump_restores_into_an_empty_database(postgres, demo_postgres, tmp_path):
    dump = tmp_path / "t-profile.dump"
    live = demo_postgres.database
    run(["pg_dump", "--format=custom", f"--file={dump}", *postgres.client_options(live)])
    postgres.drop_soon(live)

    restored = postgres.create("restored")
    run(
        [
            "pg_restore",
            "--exit-on-error",
            "--single-transaction",
            "--no-owner",
            *postgres.client_options(restored),
            str(dump),
        ]
    )
    assert_same(verify(postgres.url(restored), render=False), demo_postgres.checked)
    assert_takes_new_rows(postgres.url(restored))
    postgres.drop_soon(restored)


def test_portable_dump_moves_sqlite_to_postgres(postgres, demo_sqlite, portable_dump):
    target = postgres.create("from_sqlite")
    url = postgres.url(target)
    manage(url, "migrate", "--noinput")
    manage(url, "loaddata", str(portable_dump))
    assert_same(verify(url, render=False), demo_sqlite.checked)
    assert_takes_new_rows(url)
    postgres.drop_soon(target)


# The documentation ----------------------------------------------------------------------


def test_the_documentation_gives_the_commands_tested_here():
    text = (BASE / "docs" / "backups.md").read_text()
    commands = " ".join(text.replace("\\\n", " ").split())
    assert SQLITE_BACKUP in commands
    assert "manage.py " + " ".join(DUMPDATA) in commands
    assert "pg_dump --format=custom" in commands
    assert "pg_restore --exit-on-error --single-transaction --no-owner" in commands
    assert "manage.py migrate --check" in commands
    assert "manage.py backup_fingerprint" in commands


# The digest itself ----------------------------------------------------------------------

WHEN = dt.datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)


def build_people(catalogue) -> dict:
    """Two people, one submitted assessment with ratings, a draft, a team and a token,
    with fixed timestamps, so building them twice gives the same content."""
    from assessments.models import ApiToken, Assessment, Membership, Rating, RetiredInvite, Team
    from careers.models import Competency, Discipline

    users = get_user_model().objects
    ada = users.create_user("ada", "ada@example.com", "pw", first_name="Ada")
    bo = users.create_user("bo", "bo@example.com", "pw")
    submitted = Assessment.objects.create(
        owner=ada,
        status="submitted",
        target_role=catalogue["copywriter"],
        country="GB",
        submitted_at=WHEN,
        scoring_version="1",
        result={"depth": 40, "shape": "generalist", "scores": {"b": 0.5, "a": 1}},
        depth=40,
        breadth=60,
        shape="generalist",
        phase=1,
        discipline_scores={"copywriting": 70, "seo": 20},
        layer_scores={"producers": 70},
        is_latest=True,
        imported_by=bo,
        source="import",
    )
    submitted.interests.set([Discipline.objects.get(slug="copywriting")])
    for slug, level in [("headlines", 4), ("landing-copy", 3), ("keyword-research", 1)]:
        Rating.objects.create(
            assessment=submitted,
            competency=Competency.objects.get(slug=slug),
            level=level,
            evidence=f"{slug} evidence",
        )
    draft = Assessment.objects.create(owner=bo)
    team = Team.objects.create(name="Studio", slug="studio", invite_code="invite-code")
    Membership.objects.create(team=team, user=ada, role="manager")
    Membership.objects.create(team=team, user=bo)
    ApiToken.objects.create(user=ada, name="CI", prefix="tp_abc", key_hash="f" * 64)
    # A fixed stored password, since every hashing draws a new salt.
    users.filter(pk__in=[ada.pk, bo.pk]).update(date_joined=WHEN, password="md5$salt$fixed")
    Assessment.objects.filter(pk__in=[submitted.pk, draft.pk]).update(
        created_at=WHEN, updated_at=WHEN
    )
    Team.objects.update(created_at=WHEN, invite_issued_at=WHEN)
    RetiredInvite.objects.create(team=team, code="old-invite-code", retired_at=WHEN)
    Membership.objects.update(joined_at=WHEN)
    ApiToken.objects.update(created_at=WHEN)
    return {"ada": ada, "submitted": submitted}


def fingerprint(*args: str) -> str:
    out = io.StringIO()
    call_command("backup_fingerprint", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_digest_names_rows_by_content_not_by_id(small_catalogue):
    from assessments.models import Team

    first = build_people(small_catalogue)
    before = fingerprint()
    get_user_model().objects.all().delete()
    Team.objects.all().delete()
    # Rows created and deleted in between move every id on.
    get_user_model().objects.create_user("passer-by").delete()
    second = build_people(small_catalogue)
    assert second["ada"].pk != first["ada"].pk
    assert second["submitted"].pk != first["submitted"].pk
    assert fingerprint() == before

    digest = json.loads(before)
    ada = next(user for user in digest["users"] if user["username"] == "ada")
    assert "password" not in ada
    assessment = ada["assessments"][0]
    assert assessment["imported_by"] == "bo"
    assert assessment["target_role"] == "copywriter"
    assert assessment["interests"] == ["copywriting"]
    assert assessment["result"] == {
        "depth": 40,
        "shape": "generalist",
        "scores": {"a": 1, "b": 0.5},
    }
    assert [r["competency"] for r in assessment["ratings"]] == [
        "headlines",
        "keyword-research",
        "landing-copy",
    ]
    assert ada["api_tokens"][0]["key_hash"] == "f" * 64
    assert digest["teams"][0]["retired_invites"] == [
        {"code": "old-invite-code", "retired_at": WHEN.isoformat()}
    ]
    assert digest["teams"][0]["memberships"] == [
        {"user": "ada", "role": "manager", "joined_at": WHEN.isoformat()},
        {"user": "bo", "role": "member", "joined_at": WHEN.isoformat()},
    ]
    assert {band["role"] for band in digest["catalogue"]["salary_bands"]} == {"copywriter"}
    assert digest["catalogue"]["discipline_anchors"] == [
        {
            "discipline": "copywriting",
            "level": level,
            "description": f"Copywriting at level {level}.",
        }
        for level in range(1, 6)
    ]
    assert len(digest["catalogue_history"]["discipline_anchors"]) == 5
    assert digest["catalogue_history"]["roles"]
    # No ids anywhere: no "id" or "pk" key at any depth.
    assert not re.search(r'"(id|pk|history_id)":', before)


@pytest.mark.django_db
def test_the_digest_changes_with_any_stored_detail(small_catalogue):
    from assessments.models import Assessment, Rating
    from careers.models import SalaryBand

    build_people(small_catalogue)
    before = fingerprint()
    assert fingerprint() == before
    changes = [
        lambda: Rating.objects.filter(competency__slug="headlines").update(evidence="changed"),
        lambda: Assessment.objects.filter(is_latest=True).update(
            result={"depth": 41, "shape": "generalist", "scores": {"b": 0.5, "a": 1}}
        ),
        lambda: get_user_model().objects.filter(username="bo").update(is_active=False),
        lambda: SalaryBand.objects.filter(country="GB").update(high=99_999),
    ]
    seen = {before}
    for change in changes:
        change()
        now = fingerprint()
        assert now not in seen
        seen.add(now)


@pytest.mark.django_db
def test_sha256_is_the_digest_of_the_printed_text(small_catalogue):
    build_people(small_catalogue)
    text = fingerprint()
    assert fingerprint("--sha256").strip() == hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.django_db
def test_the_digest_lists_accounts_by_username_whatever_order_the_database_keeps(
    small_catalogue,
):
    for username in ["zed", "amy", "kim"]:
        get_user_model().objects.create_user(username)
    # A row updated in place may come back from the database in another order; a restore
    # writes them afresh.
    get_user_model().objects.filter(username="zed").update(first_name="Zed")
    digest = json.loads(fingerprint())
    assert [user["username"] for user in digest["users"]] == ["amy", "kim", "zed"]
