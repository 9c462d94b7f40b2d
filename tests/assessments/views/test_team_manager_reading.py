"""What a manager reads of their team: a member's profile in the third person, and only
members (not managers who never took part) waited for."""

import pytest
from pytest_django.asserts import assertNotContains

from assessments.models import Membership
from assessments.services.teams import create_team, join_team, set_member_role
from tests.assessments.conftest import levels_for, page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(catalogue, submit):
    boss = UserFactory(username="boss", first_name="Bea", last_name="Boss")
    max_ = UserFactory(username="max", first_name="Max", last_name="Member")
    ned = UserFactory(username="ned", first_name="Ned", last_name="New")
    team = create_team("Team A", boss)
    join_team(team, max_)
    join_team(team, ned)
    submit(max_, levels_for(catalogue, 1, **{"keyword-research": 4}))
    return team


def main_text(response) -> str:
    return page(response).find_all("main")[0].text


def test_a_manager_reads_a_members_profile_in_the_third_person(client, team):
    boss, max_ = (
        m.user for m in team.memberships.select_related("user").order_by("user__username")[:2]
    )
    client.force_login(boss)
    response = client.get(f"/teams/team-a/members/{max_.pk}/")
    text = main_text(response)
    headings = [h.text for h in page(response).find_all("h2")]
    assert "Their numbers, and why" in headings
    assert "Their next steps" in headings
    assert "Roles that fit them best" in headings
    assert "Their deepest discipline is" in text
    # Link texts are the catalogue's own (a learning resource may say "your reports").
    for link in page(response).find_all("main")[0].find_all("a"):
        text = text.replace(link.text, "")
    words = {word.strip(".,:;()").lower() for word in text.split()}
    assert not {"you", "your", "yours"} & words


def test_the_member_still_reads_their_own_profile_as_you(client, team):
    max_ = team.memberships.get(user__username="max").user
    client.force_login(max_)
    response = client.get(f"/me/assessments/{max_.assessments.get().pk}/")
    headings = [h.text for h in page(response).find_all("h2")]
    assert "Your numbers, and why" in headings
    assert "Your deepest discipline is" in main_text(response)


def test_a_manager_who_never_submitted_is_not_waited_for(client, team, catalogue, submit):
    boss = team.memberships.get(user__username="boss").user
    client.force_login(boss)
    response = client.get("/teams/team-a/coverage/")
    assert "Not submitted yet (1)" in main_text(response)
    assert "Ned New" in main_text(response)
    assertNotContains(response, "Bea Boss")
    rows = [
        row.find_all("th")[0].text for row in page(client.get("/teams/team-a/")).find_all("tr")[1:]
    ]
    assert rows == ["Bea Boss (you)", "Max Member", "Ned New · not submitted yet"]


def test_a_manager_who_took_part_is_in_the_heatmap(client, team, catalogue, submit):
    deputy = UserFactory(username="dee", first_name="Dee", last_name="Puty")
    join_team(team, deputy)
    set_member_role(team, deputy.pk, Membership.Role.MANAGER)
    submit(deputy, levels_for(catalogue, 2))
    client.force_login(deputy)
    heatmap = page(client.get("/teams/team-a/coverage/")).by_id("heatmap")
    assert "Dee Puty" in heatmap.text
