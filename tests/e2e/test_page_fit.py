"""Every page fits a 390 px phone and a 1280 px laptop: the page never scrolls sideways.

The pages are those of the route × role matrix (tests/test_authorization_matrix.py), in its
world: each route that answers a role with a page is opened as that role, at both widths.
One browser context per role, signed in once, opens all of that role's pages; each page is
loaded once and measured at one width, then at the other.
"""

import time

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import build_small_catalogue
from tests.e2e.layout import HEIGHT, WIDTHS, open_as, overflow
from tests.test_authorization_matrix import ROLES, build_world, reachable_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_every_page_of_the_matrix_fits_a_phone_and_a_laptop(browser, live_server):
    build_small_catalogue()
    ids, _bearer, values = build_world()
    users = get_user_model().objects.in_bulk(ids.values())
    started = time.monotonic()
    problems: list[str] = []
    errors: list[str] = []
    measured: list[str] = []
    content_types: dict[str, str] = {}
    widths = list(WIDTHS)
    for role in ROLES:
        context = open_as(browser, live_server, users.get(ids.get(role, 0)))
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error, role=role: errors.append(f"{role}: {error}"))
        for name, pattern in reachable_pages(role):
            url = pattern.format(**values)
            # Downloads and health checks answer 200 too, but are not pages to lay out. What a
            # route answers with does not depend on who asks: asked once per route.
            if name not in content_types:
                content_types[name] = page.request.get(url).headers["content-type"]
            if not content_types[name].startswith("text/html"):
                continue
            response = page.goto(url)
            assert response.status == 200, f"{url} as {role}: {response.status}"
            for width in widths:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                problem = overflow(page, f"{name} ({url}) as {role} at {width} px")
                if problem:
                    problems.append(problem)
                measured.append(f"{name}/{role}/{width}")
            widths.reverse()  # the next page starts at the width this one ended on
        context.close()
    not_pages = {name for name, kind in content_types.items() if not kind.startswith("text/html")}
    print(
        f"Measured {len(measured)} page views ({len(measured) // len(WIDTHS)} pages × roles,"
        f" at {' and '.join(map(str, WIDTHS))} px) in {time.monotonic() - started:.1f} s;"
        f" not pages: {', '.join(sorted(not_pages))}"
    )
    assert not problems, "Pages wider than the window:\n" + "\n".join(problems)
    assert errors == []
    # What the matrix opens besides pages: the downloads and the health checks.
    assert not_pages == {
        "account-export",
        "assessments:team-export",
        "assessments:team-import-template",
        "health-live",
        "health-ready",
    }
