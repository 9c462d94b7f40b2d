"""A team's member list comes a page at a time: managers first, then by name, in a
number of queries that does not grow with the team."""

import pytest
from django.contrib.auth import get_user_model

from assessments.models import Membership
from assessments.queries import teams as queries
from assessments.services.teams import create_team
from tests.assessments.conftest import page

pytestmark = pytest.mark.django_db

URL = "/teams/big-team/"


def grow(team, count, *, start=0):
    """`count` more members, named so that name order differs from the order they joined."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"u{n:04d}", first_name=f"N{(n * 37) % 1000:03d}")
        for n in range(start, start + count)
    )
    Membership.objects.bulk_create(Membership(team=team, user=user) for user in users)


@pytest.fixture
def big_team(user):
    team = create_team("Big team", user)
    grow(team, 204)
    return team


def names(root):
    return [
        row.find_all("th")[0].text.split("(you)")[0].split("·")[0].strip()
        for row in root.find_all("tbody")[0].find_all("tr")
    ]


def test_the_first_page_has_the_managers_first_then_names_in_order(user_client, user, big_team):
    root = page(user_client.get(URL))
    assert root.by_id("members-title").text == "Members (205)"
    listed = names(root)
    assert len(listed) == queries.MEMBERS_PER_PAGE
    assert listed[0] == "ada"  # the manager (no first or last name: the username)
    assert listed[1:] == sorted(listed[1:], key=str.casefold)
    nav = root.find_all("nav", **{"aria-label": "Pages of members"})[0]
    assert nav.find_all("span")[0].text == "Page 1 of 3 · members 1–100 of 205"
    assert [(a.text, a.attrs["href"]) for a in nav.find_all("a")] == [
        ("Next", "?page=2#members-title")
    ]


def test_every_member_is_on_exactly_one_page(user_client, big_team):
    pages = [names(page(user_client.get(f"{URL}?page={n}"))) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [100, 100, 5]
    everyone = [name for p in pages for name in p]
    assert len(set(everyone)) == 205
    assert everyone[1:] == sorted(everyone[1:], key=str.casefold)


@pytest.mark.parametrize(("asked", "shown"), [("99", 3), ("0", 1), ("-2", 1), ("abc", 1), ("", 1)])
def test_a_page_out_of_range_or_not_a_number_shows_a_real_page(user_client, big_team, asked, shown):
    root = page(user_client.get(f"{URL}?page={asked}"))
    nav = root.find_all("nav", **{"aria-label": "Pages of members"})[0]
    assert nav.find_all("span")[0].text.startswith(f"Page {shown} of 3")


def test_a_small_team_has_no_page_links(user_client, user):
    team = create_team("Big team", user)
    grow(team, 3)
    root = page(user_client.get(URL))
    assert root.find_all("nav", **{"aria-label": "Pages of members"}) == []
    assert root.by_id("members-title").text == "Members (4)"


def test_the_queries_do_not_grow_with_the_team(user_client, user, django_assert_num_queries):
    team = create_team("Big team", user)
    grow(team, 3)
    # The user, the team with their membership, the member count, the page's rows, the
    # number of managers and those removed lately.
    with django_assert_num_queries(6) as small:
        user_client.get(URL)
    grow(team, 300, start=3)
    with django_assert_num_queries(6) as large:
        user_client.get(URL)
    assert len(small.captured_queries) == len(large.captured_queries)
