import os
import subprocess
import sys

import pytest
from django.conf import settings

from config.settings import DEV_SECRET_KEY


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DEBUG, s.SECRET_KEY[:8])"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_dev_key_is_refused_without_debug():
    result = _import_settings({})
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_dev_key_is_accepted_with_debug():
    result = _import_settings({"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"True {DEV_SECRET_KEY[:8]}"


def test_real_key_is_accepted_without_debug():
    result = _import_settings({"DJANGO_SECRET_KEY": "x" * 60})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False xxxxxxxx"


@pytest.mark.parametrize("value", ["", "   "])
def test_blank_key_counts_as_unset(value):
    result = _import_settings({"DJANGO_SECRET_KEY": value})
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_argon2_is_the_first_hasher():
    # Read the settings module itself: the test suite swaps in a fast hasher.
    from config import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
