"""A manager searches their team for people meeting several levels at once, in a number of
queries that does not grow with the team."""

import pytest
from django.contrib.auth import get_user_model

from assessments.models import Membership
from assessments.services.teams import create_team, join_team
from tests.assessments.conftest import levels_for, page

pytestmark = pytest.mark.django_db

SEO, ANALYTICS = "keyword-research", "tracking-implementation"
URL = f"/teams/team-a/people/?competency={SEO}&level=3&competency_2={ANALYTICS}&level_2=2"


@pytest.fixture
def team(catalogue, submit, user):
    team = create_team("Team A", user)
    for username, seo, analytics in [("ann", 4, 2), ("ben", 3, 4), ("cy", 5, 1), ("dee", 2, 5)]:
        person = get_user_model().objects.create_user(username, first_name=username.title())
        join_team(team, person)
        submit(person, levels_for(catalogue, 0, **{SEO: seo, ANALYTICS: analytics}))
    return team


def results(response) -> tuple[str, list[str]]:
    root = page(response)
    return root.find_all("h2")[-1].text, [
        li.text for li in root.by_id("people-results").find_all("li")
    ]


def test_people_meeting_two_levels_at_once(user_client, team, catalogue):
    seo = catalogue.competency_by_slug[SEO].name
    analytics = catalogue.competency_by_slug[ANALYTICS].name
    heading, found = results(user_client.get(URL))
    assert heading == (
        f"2 members at level 3 or above in {seo} and level 2 or above in {analytics}"
    )
    assert found == [f"Ben — {seo} 3, {analytics} 4", f"Ann — {seo} 4, {analytics} 2"]


def test_the_optional_criteria_left_blank_search_one_competency(user_client, team):
    heading, found = results(
        user_client.get(f"/teams/team-a/people/?competency={SEO}&level=3&competency_2=&level_2=2")
    )
    assert heading.startswith("3 members at level 3 or above in ")
    assert found == ["Cy — level 5", "Ann — level 4", "Ben — level 3"]


def test_an_unknown_second_competency_is_refused(user_client, team):
    response = user_client.get(URL.replace(ANALYTICS, "nope"))
    assert response.status_code == 422
    assert "Choose a competency from the list." in response.content.decode()


def test_the_htmx_partial_is_the_results_alone(user_client, team):
    response = user_client.get(URL, headers={"HX-Request": "true"})
    assert "<h1>" not in response.content.decode()
    assert "2 members at level 3" in response.content.decode()


def test_the_queries_do_not_grow_with_the_team(
    user_client, team, catalogue, submit, django_assert_num_queries
):
    # The user, the team with the membership, the catalogue (7: no cache in the tests) and
    # the ratings.
    with django_assert_num_queries(10) as small:
        user_client.get(URL)
    for n in range(30):
        person = get_user_model().objects.create_user(f"extra{n}")
        Membership.objects.create(team=team, user=person)
        submit(person, levels_for(catalogue, 3))
    with django_assert_num_queries(10) as large:
        response = user_client.get(URL)
    assert len(small.captured_queries) == len(large.captured_queries)
    assert results(response)[0].startswith("32 members")
