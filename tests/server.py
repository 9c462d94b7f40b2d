"""Run the app under gunicorn with production settings, for tests of real responses."""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

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


def create_user(env: dict[str, str], username: str, email: str, password: str) -> None:
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.contrib.auth.models import User; "
            f"User.objects.create_user({username!r}, {email!r}, {password!r})",
        ],
        cwd=BASE,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
        capture_output=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict[str, str], log: Path, workers: int = 1):
    """gunicorn serving the app on a free local port; yields the port."""
    port = free_port()
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
            ],
            cwd=BASE,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
        try:
            _wait_for(port, process, log)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("gunicorn did not start: " + log.read_text())
