"""Teams: membership rules and who may see what, for pages, partials and exports."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from assessments.models import Membership, Team
from assessments.services.team_changes import remove_member
from assessments.services.teams import (
    TeamRuleError,
    create_team,
    join_team,
    set_member_role,
)
from tests.assessments.conftest import levels_for, page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    """A team A with a manager and a member, a team B with its manager, and a stranger."""
    boss = UserFactory(username="boss", first_name="Bea", last_name="Boss")
    member = UserFactory(username="member", first_name="Max", last_name="Member")
    other_boss = UserFactory(username="otherboss")
    stranger = UserFactory(username="stranger")
    team_a = create_team("Team A", boss)
    join_team(team_a, member)
    team_b = create_team("Team B", other_boss)
    return {
        "boss": boss,
        "member": member,
        "other_boss": other_boss,
        "stranger": stranger,
        "a": team_a,
        "b": team_b,
    }


def as_user(client, user):
    client.force_login(user)
    return client


# --- creating, joining, leaving --------------------------------------------------------


def test_creating_a_team_makes_its_creator_the_manager(user_client, user):
    response = user_client.post("/teams/", {"form": "create", "name": " Growth "}, follow=True)
    team = Team.objects.get()
    assert (team.name, team.slug) == ("Growth", "growth")
    assertRedirects(response, "/teams/growth/")
    assertContains(response, "“Growth” is ready. Share its invite code to bring people in.")
    assert Membership.objects.get(team=team).role == "manager"
    assert len(team.invite_code) == 14


def test_team_slugs_stay_unique(user):
    first = create_team("Growth", user)
    second = create_team("Growth", user)
    assert (first.slug, second.slug) == ("growth", "growth-2")


def test_blank_team_name_is_refused(user_client):
    response = user_client.post("/teams/", {"form": "create", "name": "   "})
    assert response.status_code == 422
    assertContains(response, "This field is required.", status_code=422)
    assert not Team.objects.exists()


def test_join_with_a_code(client, people):
    newcomer = as_user(client, UserFactory(username="newcomer"))
    response = newcomer.post(
        "/teams/", {"form": "join", "code": people["a"].invite_code}, follow=True
    )
    assertRedirects(response, "/teams/team-a/")
    assertContains(response, "You joined “Team A”.")
    assert Membership.objects.get(team=people["a"], user__username="newcomer").role == "member"


def test_join_with_a_wrong_code_says_so_and_changes_nothing(client, people):
    as_user(client, people["stranger"])
    response = client.post("/teams/", {"form": "join", "code": "not-a-code"})
    assert response.status_code == 422
    assertContains(response, "No team has this invite code.", status_code=422)
    assertContains(response, 'value="not-a-code"', status_code=422)
    assert not Membership.objects.filter(user=people["stranger"]).exists()


def test_joining_twice_changes_nothing(client, people):
    as_user(client, people["member"])
    response = client.post(
        "/teams/", {"form": "join", "code": people["a"].invite_code}, follow=True
    )
    assertContains(response, "You are already in “Team A”; nothing changed.")
    assert Membership.objects.filter(team=people["a"], user=people["member"]).count() == 1


def test_join_link_asks_then_joins(client, people):
    as_user(client, people["stranger"])
    url = f"/teams/join/{people['a'].invite_code}/"
    response = client.get(url)
    assertContains(response, "<h1>Join “Team A”?</h1>", html=True)
    assert not Membership.objects.filter(user=people["stranger"]).exists()
    client.post(url)
    assert Membership.objects.filter(team=people["a"], user=people["stranger"]).exists()


def test_rotated_code_and_link_stop_working(client, people):
    old = people["a"].invite_code
    as_user(client, people["boss"])
    response = client.post("/teams/team-a/invite/rotate/", follow=True)
    assertContains(response, "New invite code and link issued; the old ones no longer work.")
    people["a"].refresh_from_db()
    assert people["a"].invite_code != old
    as_user(client, people["stranger"])
    response = client.get(f"/teams/join/{old}/")
    assertContains(response, "This invite link does not work", status_code=410)
    assertContains(response, "was replaced by a newer one on", status_code=410)
    response = client.post("/teams/", {"form": "join", "code": old})
    assertContains(response, "This invite to “Team A” was replaced", status_code=422)
    assert not Membership.objects.filter(user=people["stranger"]).exists()


def test_a_member_leaves(client, people):
    as_user(client, people["member"])
    response = client.post("/teams/team-a/leave/", follow=True)
    assertRedirects(response, "/teams/")
    assertContains(response, "You left “Team A”.")
    assert not Membership.objects.filter(user=people["member"]).exists()


def test_the_last_manager_cannot_leave(client, people):
    as_user(client, people["boss"])
    response = client.post("/teams/team-a/leave/", follow=True)
    assertRedirects(response, "/teams/team-a/")
    assertContains(response, "You are this team&#x27;s only manager.")
    assert Membership.objects.get(user=people["boss"], team=people["a"]).role == "manager"


def test_a_manager_can_leave_once_another_manager_exists(client, people):
    as_user(client, people["boss"])
    client.post(f"/teams/team-a/members/{people['member'].pk}/role/", {"role": "manager"})
    client.post("/teams/team-a/leave/")
    assert list(
        Membership.objects.filter(team=people["a"]).values_list("user__username", "role")
    ) == [("member", "manager")]


def test_manager_promotes_and_demotes(client, people):
    as_user(client, people["boss"])
    url = f"/teams/team-a/members/{people['member'].pk}/role/"
    response = client.post(url, {"role": "manager"}, follow=True)
    assertContains(response, "Max Member is now a manager.")
    response = client.post(url, {"role": "member"}, follow=True)
    assertContains(response, "Max Member is now a member.")
    response = client.post(url, {"role": "owner"}, follow=True)
    assertContains(response, "Choose member or manager.")
    assert Membership.objects.get(user=people["member"]).role == "member"


def test_the_last_manager_cannot_be_demoted_or_removed(client, people):
    as_user(client, people["boss"])
    response = client.post(
        f"/teams/team-a/members/{people['boss'].pk}/role/", {"role": "member"}, follow=True
    )
    assertContains(response, "The team&#x27;s only manager cannot stop being a manager.")
    assert Membership.objects.get(user=people["boss"]).role == "manager"
    with pytest.raises(TeamRuleError, match="only manager cannot be removed"):
        remove_member(people["a"], people["boss"].pk, people["boss"])


def test_manager_removes_a_member(client, people):
    as_user(client, people["boss"])
    response = client.post(f"/teams/team-a/members/{people['member'].pk}/remove/", follow=True)
    assertContains(response, "Max Member was removed from the team and told.")
    assertNotContains(response, "left the team")
    assert not Membership.objects.filter(user=people["member"]).exists()


def test_removing_someone_no_longer_there_is_a_404(client, people):
    as_user(client, people["boss"])
    response = client.post(f"/teams/team-a/members/{people['stranger'].pk}/remove/")
    assert response.status_code == 404


@pytest.fixture
def crew(people, catalogue, submit):
    """Team A grown: Zoe Zed manages beside Bea; Aisha Khan (username aisha) and carl (no
    name given) join. Only Aisha and Max have submitted an assessment."""
    zoe = UserFactory(username="zoe", first_name="Zoe", last_name="Zed")
    aisha = UserFactory(username="aisha", first_name="Aisha", last_name="Khan")
    carl = UserFactory(username="carl")
    for person in (zoe, aisha, carl):
        join_team(people["a"], person)
    set_member_role(people["a"], zoe.pk, Membership.Role.MANAGER)
    for person in (aisha, people["member"]):
        submit(person, levels_for(catalogue, 2))
    return {**people, "zoe": zoe, "aisha": aisha, "carl": carl}


def member_rows(response):
    section = page(response).find_all("section", aria_labelledby="members-title")[0]
    rows = section.find_all("tbody")[0].find_all("tr")
    return [
        (
            " ".join(row.find_all("th")[0].text.split()),
            [a.attrs["href"] for a in row.find_all("th")[0].find_all("a")],
            row.find_all("td")[0].text,
            # Buttons, and links that look like them (removing asks first, on its own page).
            [
                node.text
                for node in row.walk()
                if node.name == "button" or "btn" in node.attrs.get("class", "").split()
            ],
        )
        for row in rows
    ]


def test_the_member_list_puts_managers_first_then_members_each_by_name(client, crew):
    as_user(client, crew["zoe"])
    aisha, max_ = crew["aisha"].pk, crew["member"].pk
    assert member_rows(client.get("/teams/team-a/")) == [
        (
            "Bea Boss",
            [],
            "Manager",
            ["Make member (Bea Boss)", "Remove Bea Boss"],
        ),
        ("Zoe Zed (you)", [], "Manager", ["Make member (Zoe Zed)"]),
        (
            "Aisha Khan",
            [f"/teams/team-a/members/{aisha}/"],
            "Member",
            ["Make manager (Aisha Khan)", "Remove Aisha Khan"],
        ),
        ("carl · not submitted yet", [], "Member", ["Make manager (carl)", "Remove carl"]),
        (
            "Max Member",
            [f"/teams/team-a/members/{max_}/"],
            "Member",
            ["Make manager (Max Member)", "Remove Max Member"],
        ),
    ]
    # Each link leads to a profile.
    assert client.get(f"/teams/team-a/members/{aisha}/").status_code == 200


def test_the_only_manager_is_not_offered_to_stop_being_one(client, people):
    as_user(client, people["boss"])
    assert member_rows(client.get("/teams/team-a/")) == [
        ("Bea Boss (you)", [], "Manager", []),
        (
            "Max Member · not submitted yet",
            [],
            "Member",
            ["Make manager (Max Member)", "Remove Max Member"],
        ),
    ]
    assertContains(client.get("/teams/team-a/"), "The only manager")


def test_members_see_the_list_in_the_same_order_without_links_or_actions(client, crew):
    as_user(client, crew["carl"])
    assert member_rows(client.get("/teams/team-a/")) == [
        ("Bea Boss", [], "Manager", []),
        ("Zoe Zed", [], "Manager", []),
        ("Aisha Khan", [], "Member", []),
        ("carl (you)", [], "Member", []),
        ("Max Member", [], "Member", []),
    ]


def test_member_sees_names_not_scores(client, people):
    as_user(client, people["member"])
    response = client.get("/teams/team-a/")
    assertContains(response, "Bea Boss")
    assertContains(response, "Max Member")
    assertNotContains(response, people["a"].invite_code)
    assertNotContains(response, "/coverage/")
    assertNotContains(response, f"/teams/team-a/members/{people['boss'].pk}/")


def test_manager_sees_invite_code_and_link(client, people):
    as_user(client, people["boss"])
    response = client.get("/teams/team-a/")
    assertContains(response, f'<code id="invite-code">{people["a"].invite_code}</code>', html=True)
    assertContains(response, f"http://testserver/teams/join/{people['a'].invite_code}/")
    # Copy buttons for the page's script to show; without it the text is there to select.
    for target, label in [("invite-code", "Copy the code"), ("invite-link", "Copy the link")]:
        assertContains(
            response,
            f'<button type="button" class="btn btn-outline-secondary btn-sm ms-2" '
            f'data-copy="{target}" data-copy-status="copy-status" hidden>{label}</button>',
            html=True,
        )
    assertContains(response, '<p class="small mb-1" id="copy-status" role="status"></p>', html=True)


def test_deleting_the_only_manager_of_a_team_with_members_is_refused(client, people):
    people["boss"].set_password("boss-password-1234")
    people["boss"].save()
    as_user(client, people["boss"])
    response = client.post("/account/delete/", {"password": "boss-password-1234"}, follow=True)
    assertContains(response, "You are the only manager of Team A.")
    assert Team.objects.filter(slug="team-a").exists()


def test_deleting_an_account_removes_teams_it_was_alone_in(client, people):
    people["other_boss"].set_password("other-password-123")
    people["other_boss"].save()
    as_user(client, people["other_boss"])
    client.post("/account/delete/", {"password": "other-password-123"})
    assert list(Team.objects.values_list("slug", flat=True)) == ["team-a"]


# --- who may see what --------------------------------------------------------------------

MANAGER_GETS = [
    "/teams/team-a/coverage/",
    "/teams/team-a/coverage/?part=heatmap",
    "/teams/team-a/people/?competency=keyword-research&level=3",
    "/teams/team-a/export/heatmap.csv",
    "/teams/team-a/export/coverage.csv",
    "/teams/team-a/members/{member}/",
    "/teams/team-a/members/{member}/history/",
]
MANAGER_POSTS = [
    "/teams/team-a/invite/rotate/",
    "/teams/team-a/members/{member}/remove/",
    "/teams/team-a/members/{member}/role/",
]


def _url(template, people):
    return template.format(member=people["member"].pk)


@pytest.mark.parametrize("template", MANAGER_GETS)
@pytest.mark.parametrize(
    ("who", "status"), [("stranger", 404), ("other_boss", 404), ("member", 403)]
)
def test_manager_pages_are_refused_to_others(client, people, template, who, status):
    as_user(client, people[who])
    for headers in ({}, {"HX-Request": "true"}):
        assert client.get(_url(template, people), headers=headers).status_code == status


@pytest.mark.parametrize("template", MANAGER_POSTS)
@pytest.mark.parametrize(
    ("who", "status"), [("stranger", 404), ("other_boss", 404), ("member", 403)]
)
def test_manager_actions_are_refused_to_others(client, people, template, who, status):
    as_user(client, people[who])
    code = people["a"].invite_code
    assert client.post(_url(template, people), {"role": "manager"}).status_code == status
    people["a"].refresh_from_db()
    assert people["a"].invite_code == code
    assert Membership.objects.get(user=people["member"]).role == "member"


def _teams_and_members() -> set[tuple]:
    return set(
        Membership.objects.values_list(
            "team__slug", "team__name", "team__invite_code", "user__username", "role"
        )
    )


@pytest.mark.parametrize(
    ("method", "template"), [("get", "/teams/team-a/"), ("post", "/teams/team-a/leave/")]
)
@pytest.mark.parametrize("who", ["stranger", "other_boss"])
def test_strangers_cannot_see_or_leave_a_team(client, people, method, template, who):
    """Each route with the method it takes, so that the access check is what answers."""
    as_user(client, people[who])
    before = _teams_and_members()
    assert getattr(client, method)(template).status_code == 404
    assert _teams_and_members() == before
    assert client.get("/teams/team-a/").status_code == 404


@pytest.mark.parametrize("template", [*MANAGER_GETS, "/teams/", "/teams/team-a/"])
def test_anonymous_visitors_are_sent_to_log_in(client, people, template):
    url = _url(template, people)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("template", MANAGER_GETS)
def test_the_manager_may_see_them(client, people, catalogue, template):
    as_user(client, people["boss"])
    response = client.get(_url(template, people))
    # The member has not submitted: their profile says so (404), everything else loads.
    expected = 404 if template.endswith("members/{member}/") else 200
    assert response.status_code == expected, template
