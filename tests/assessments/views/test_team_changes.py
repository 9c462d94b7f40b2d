"""A manager removes a member (asked first, undone for 24 hours), renames and deletes the
team; the members are told on their page, and dismiss what they were told."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from assessments.models import Membership, Notice, Removal, Team
from assessments.services import team_changes
from assessments.services.teams import create_team, join_team, set_member_role
from tests.assessments.conftest import page
from tests.factories import SubmittedAssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    boss = UserFactory(username="boss", first_name="Bea", last_name="Boss")
    member = UserFactory(username="member", first_name="Max", last_name="Member")
    team = create_team("Team A", boss)
    join_team(team, member)
    other_boss = UserFactory(username="otherboss")
    create_team("Team B", other_boss)
    return {"boss": boss, "member": member, "other_boss": other_boss, "a": team}


def notices_of(user) -> list[str]:
    return list(Notice.objects.filter(user=user).values_list("text", flat=True))


def remove_url(people) -> str:
    return f"/teams/team-a/members/{people['member'].pk}/remove/"


# --- removing, asked first ---------------------------------------------------------------


def test_removing_asks_first_and_changes_nothing_until_confirmed(client, people):
    client.force_login(people["boss"])
    response = client.get("/teams/team-a/")
    removes = [a.attrs["href"] for a in page(response).find_all("a") if a.text.startswith("Remove")]
    assert removes == [remove_url(people)]
    response = client.get(remove_url(people))
    assert page(response).find_all("h1")[0].text == "Remove Max Member from “Team A”?"
    assertContains(response, "For 24 hours the team's page offers to restore them")
    assert Membership.objects.filter(user=people["member"]).exists()


def test_a_removed_member_is_told_and_can_be_restored_with_their_role(client, people):
    joined = Membership.objects.get(user=people["member"]).joined_at
    client.force_login(people["boss"])
    response = client.post(remove_url(people), follow=True)
    assertRedirects(response, "/teams/team-a/")
    assertContains(response, "Max Member was removed from the team and told.")
    assert not Membership.objects.filter(user=people["member"]).exists()
    assert notices_of(people["member"]) == ["Bea Boss removed you from “Team A”."]
    restore = page(response).by_id("removed")
    assert "Max Member" in restore.text
    response = client.post(f"/teams/team-a/members/{people['member'].pk}/restore/", follow=True)
    assertContains(response, "Max Member is back in the team, and told.")
    membership = Membership.objects.get(user=people["member"])
    assert (membership.role, membership.joined_at) == ("member", joined)
    assert notices_of(people["member"])[0] == (
        "Bea Boss undid your removal: you are in “Team A” again."
    )
    assert not Removal.objects.exists()
    assert page(response).find_all(id="removed") == []


def test_a_removal_cannot_be_undone_after_24_hours(client, people):
    client.force_login(people["boss"])
    client.post(remove_url(people))
    Removal.objects.update(removed_at=timezone.now() - timedelta(hours=25))
    response = client.get("/teams/team-a/")
    assert page(response).find_all(id="removed") == []
    response = client.post(f"/teams/team-a/members/{people['member'].pk}/restore/", follow=True)
    assertContains(response, "It is too late to undo this removal: invite them again instead.")
    assert not Membership.objects.filter(user=people["member"]).exists()


def test_restoring_someone_never_removed_is_a_404(client, people):
    client.force_login(people["boss"])
    response = client.post(f"/teams/team-a/members/{people['other_boss'].pk}/restore/")
    assert response.status_code == 404


def test_only_the_teams_managers_restore(client, people):
    client.force_login(people["boss"])
    client.post(remove_url(people))
    restore = f"/teams/team-a/members/{people['member'].pk}/restore/"
    client.force_login(people["other_boss"])
    assert client.post(restore).status_code == 404
    join_team(people["a"], people["other_boss"])
    assert client.post(restore).status_code == 403
    assert not Membership.objects.filter(user=people["member"]).exists()


# --- notices on the member's page ------------------------------------------------------


def test_notices_show_on_the_dashboard_and_are_dismissed(client, people):
    client.force_login(people["boss"])
    client.post(remove_url(people))
    client.force_login(people["member"])
    response = client.get("/me/")
    notices = page(response).by_id("notices")
    assert "Bea Boss removed you from “Team A”." in notices.text
    notice = Notice.objects.get(user=people["member"])
    assertRedirects(client.post(f"/me/notices/{notice.pk}/dismiss/"), "/me/")
    assert page(client.get("/me/")).find_all(id="notices") == []


def test_nobody_dismisses_another_persons_notice(client, people):
    notice = Notice.objects.create(user=people["member"], text="For Max only.")
    client.force_login(people["boss"])
    assert client.post(f"/me/notices/{notice.pk}/dismiss/").status_code == 404
    assert client.post("/me/notices/nope/dismiss/").status_code == 404
    assert Notice.objects.filter(pk=notice.pk).exists()


@pytest.mark.parametrize("count", [1, 12])
def test_the_dashboards_notices_cost_one_query_however_many(
    client, people, django_assert_num_queries, count
):
    Notice.objects.bulk_create(
        Notice(user=people["member"], text=f"Notice {n}") for n in range(count)
    )
    client.force_login(people["member"])
    client.get("/me/")
    with django_assert_num_queries(4) as captured:
        response = client.get("/me/")
    assert len(page(response).by_id("notices").find_all("li")) == min(count, 10)
    assert sum("assessments_notice" in q["sql"] for q in captured.captured_queries) == 1


# --- rename and delete -----------------------------------------------------------------


def test_a_manager_renames_the_team_and_the_members_are_told(client, people):
    client.force_login(people["boss"])
    response = client.get("/teams/team-a/rename/")
    assertContains(response, 'value="Team A"')
    response = client.post("/teams/team-a/rename/", {"name": " Growth Squad "}, follow=True)
    assertRedirects(response, "/teams/team-a/")
    assertContains(response, "“Team A” is now “Growth Squad”; its members are told.")
    assert Team.objects.get(slug="team-a").name == "Growth Squad"
    assert notices_of(people["member"]) == ["Bea Boss renamed the team “Team A” to “Growth Squad”."]
    assert notices_of(people["boss"]) == []


def test_a_blank_name_is_refused(client, people):
    client.force_login(people["boss"])
    response = client.post("/teams/team-a/rename/", {"name": "  "})
    assert response.status_code == 422
    assert page(response).find_all("h1")[0].text == "Rename “Team A”"
    assert Team.objects.get(slug="team-a").name == "Team A"


def test_deleting_the_team_needs_its_name_typed(client, people):
    SubmittedAssessmentFactory(owner=people["member"])
    client.force_login(people["boss"])
    response = client.get("/teams/team-a/delete/")
    assertContains(response, "its 2 memberships")
    response = client.post("/teams/team-a/delete/", {"name": "team a"})
    assertContains(response, "exactly as it is shown, capitals included", status_code=422)
    assert Team.objects.filter(slug="team-a").exists()
    response = client.post("/teams/team-a/delete/", {"name": "Team A"}, follow=True)
    assertRedirects(response, "/teams/")
    assertContains(response, "“Team A” was deleted; its members are told.")
    assert not Team.objects.filter(slug="team-a").exists()
    assert people["member"].assessments.count() == 1
    assert notices_of(people["member"]) == [
        "Bea Boss deleted the team “Team A”. Your own profile and assessments are unchanged."
    ]


@pytest.mark.parametrize("path", ["rename/", "delete/"])
def test_members_and_strangers_cannot_rename_or_delete(client, people, path):
    client.force_login(people["member"])
    assert client.get(f"/teams/team-a/{path}").status_code == 403
    assert client.post(f"/teams/team-a/{path}", {"name": "Team A"}).status_code == 403
    client.force_login(people["other_boss"])
    assert client.post(f"/teams/team-a/{path}", {"name": "Team A"}).status_code == 404
    assert Team.objects.get(slug="team-a").name == "Team A"


def test_a_second_manager_is_not_asked_to_type_anything_else(client, people):
    set_member_role(people["a"], people["member"].pk, "manager")
    client.force_login(people["member"])
    response = client.post("/teams/team-a/delete/", {"name": "Team A"})
    assertRedirects(response, "/teams/")
    assert notices_of(people["boss"]) == [
        "Max Member deleted the team “Team A”. Your own profile and assessments are unchanged."
    ]
    assertNotContains(client.get("/me/"), "removed you")


@pytest.mark.parametrize("count", [1, 15])
def test_the_list_of_removed_people_costs_one_query_however_long(
    client, people, django_assert_num_queries, count
):
    for n in range(count):
        person = UserFactory(username=f"gone{n:02d}")
        join_team(people["a"], person)
        team_changes.remove_member(people["a"], person.pk, people["boss"])
    client.force_login(people["boss"])
    client.get("/teams/team-a/")
    # The user, the team with the membership, the member count and rows, the managers,
    # and those removed lately.
    with django_assert_num_queries(6):
        response = client.get("/teams/team-a/")
    assert len(page(response).by_id("removed").find_all("li")) == count
