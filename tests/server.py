"""Run the app under gunicorn with production settings, for tests of real responses."""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

BASE = Path(settings.BASE_DIR)


def production_env(database: Path, **extra: str) -> dict[str, str]:
    """The environment of a production deployment on a throwaway SQLite file."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CATALOGUE_", "REDIS_"))
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="t-profile.example.com",
        DJANGO_BEHIND_PROXY="1",
        DJANGO_STATIC_MANIFEST="0",
        DATABASE_URL=f"sqlite:///{database}",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE, env=env, check=True, capture_output=True
    )


def create_users(env: dict[str, str], password: str, *usernames: str) -> None:
    """Accounts `<username>@example.com` with one password, made in one process."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.contrib.auth.models import User\n"
            f"for name in {list(usernames)!r}: "
            f"User.objects.create_user(name, name + '@example.com', {password!r})",
        ],
        cwd=BASE,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
        capture_output=True,
    )


def migrated_copy(template: Path, folder: Path) -> Path:
    """A copy in `folder` of the migrated SQLite file `template` (the `migrated_sqlite`
    fixture): cheaper than migrating again for each server a test starts."""
    return Path(shutil.copy(template, folder / "db.sqlite3"))


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path, workers: int = 1):
    """gunicorn serving the app on a free local port; yields the port.

    The port is bound here and the listening socket handed to gunicorn (`fd://`): tests
    running side by side (pytest-xdist) cannot both pick it between choosing and binding.
    """
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        port = listener.getsockname()[1]
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--bind",
                    f"fd://{listener.fileno()}",
                    "--workers",
                    str(workers),
                ],
                cwd=BASE,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log_file,
                pass_fds=[listener.fileno()],
            )
    try:
        _wait_for(workers, process, log)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(workers: int, process: subprocess.Popen, log: Path) -> None:
    """Until each worker has booted: the socket accepts connections from the start."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if log.read_text(errors="replace").count("Booting worker with pid") >= workers:
            return
        time.sleep(0.1)
    process.kill()
    process.wait(timeout=10)
    pytest.fail("gunicorn did not start: " + log.read_text(errors="replace"))


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
"""The database task backend, for tests that queue tasks for a real worker."""


def database_url() -> str:
    """The URL of the database the tests run on, for another process to use."""
    found = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{found['NAME']}"
    user = quote(found["USER"] or "")
    if found["PASSWORD"]:
        user += ":" + quote(found["PASSWORD"])
    return f"postgres://{user}@{found['HOST']}:{found['PORT']}/{found['NAME']}"


def run_worker_batch() -> None:
    """Run the project's task worker (`manage.py run_worker --batch`, database backend) on
    the tests' database until no task waits; the tests' data must be committed."""
    worker = subprocess.run(
        [sys.executable, "manage.py", "run_worker", "--batch"],
        cwd=BASE,
        env={**os.environ, "DATABASE_URL": database_url(), "TASKS_BACKEND": "db"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr
