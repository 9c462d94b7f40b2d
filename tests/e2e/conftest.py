"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Playwright's own browser download does not work everywhere, so the tests launch the
system's `chromium`. Without it they are skipped with a notice, unless
TPROFILE_REQUIRE_BROWSER is set (as in CI), where each of them fails for the missing browser.
Each pytest-xdist worker launches a browser of its own, against its own live server.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the tests still call the ORM
# (to set up data and check results), which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


MISSING = "Chromium is not installed (Debian: apt-get install chromium)"


def pytest_collection_modifyitems(config, items):
    # With the browser required, each browser test fails in the `browser` fixture instead: an
    # error raised here would crash a pytest-xdist worker and lose the message.
    if chromium_path() or os.environ.get("TPROFILE_REQUIRE_BROWSER"):
        return
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.skip(reason=MISSING))


@pytest.fixture(scope="session")
def browser():
    if not chromium_path():
        pytest.fail(f"{MISSING}, and TPROFILE_REQUIRE_BROWSER is set.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def expected_console_errors() -> list[str]:
    """What Chromium may log as errors during a test, in order; a module that provokes an
    error on purpose overrides this."""
    return []


@pytest.fixture
def page(browser, live_server, expected_console_errors):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    yield page
    context.close()
    # A CSP violation or a script error shows up here: the pages must run clean.
    assert errors == expected_console_errors
