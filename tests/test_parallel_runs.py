"""The test suite's own arrangements for running in parallel (tests/conftest.py)."""

from pathlib import Path

from django.conf import settings

from tests.conftest import SLOW_MODULES


def test_the_modules_handed_out_first_exist():
    """A module moved or renamed would silently lose its place at the front of the queue."""
    missing = [path for path in SLOW_MODULES if not (Path(settings.BASE_DIR) / path).is_file()]
    assert missing == [], f"SLOW_MODULES in tests/conftest.py names missing modules: {missing}"
