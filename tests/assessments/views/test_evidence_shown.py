"""Evidence shown back: each rating of a submitted profile with the evidence given, to its
owner and to the managers of their teams, its links made safe."""

import pytest
from django.urls import reverse

from assessments.domain.evidence import LINK_REL
from assessments.services.teams import create_team, join_team
from tests.assessments.conftest import page
from tests.factories import SubmittedAssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

EVIDENCE = {
    "headlines": "Wrote the spring campaign: https://example.com/spring.",
    "landing-copy": 'javascript:alert(1) <img src=x onerror="alert(1)"> data:text/html,<b>x</b>',
}
LEVELS = {"headlines": 4, "landing-copy": 2, "keyword-research": 1}


@pytest.fixture
def profile(small_catalogue, user):
    return SubmittedAssessmentFactory(owner=user, levels=LEVELS, evidence=EVIDENCE)


def rows(root):
    """The ratings table as (competency, level, evidence text, links) per row."""
    table = root.by_id("evidence")
    found = []
    for row in table.find_all("tr"):
        cells = row.find_all("td")
        if len(cells) == 2:
            links = [(a.attrs["href"], a.attrs["rel"]) for a in cells[1].find_all("a")]
            found.append((row.find_all("th")[0].text, cells[0].text, cells[1].text, links))
    return found


def test_the_owner_sees_each_rating_beside_its_evidence(client, user, profile):
    client.force_login(user)
    root = page(client.get(reverse("assessments:profile", kwargs={"pk": profile.pk})))
    assert rows(root) == [
        (
            "Headlines",
            "4 · Advanced",
            EVIDENCE["headlines"],
            [("https://example.com/spring", LINK_REL)],
        ),
        ("Landing page copy", "2 · Working", EVIDENCE["landing-copy"], []),
        ("Keyword research", "1 · Aware", "None given", []),
    ]
    groups = root.by_id("evidence").find_all("th", scope="colgroup")
    assert [th.text for th in groups] == ["Copywriting", "SEO"]
    assert root.by_id("evidence-title").text == "Your ratings and evidence"
    assert root.find_all("img") == []
    assert "2 of 3 ratings come with evidence." in root.by_id("main").text


def test_a_manager_sees_the_evidence_of_a_members_submitted_profile(client, user, profile):
    boss = UserFactory(username="boss")
    team = create_team("Studio", boss)
    join_team(team, user)
    client.force_login(boss)
    url = reverse("assessments:team-member", kwargs={"slug": team.slug, "member_id": user.pk})
    root = page(client.get(url))
    assert root.by_id("evidence-title").text == "Their ratings and evidence"
    links = root.by_id("evidence").find_all("a")
    assert [(a.attrs["href"], a.attrs["rel"], a.text) for a in links] == [
        ("https://example.com/spring", LINK_REL, "https://example.com/spring")
    ]


def test_a_manager_of_another_team_sees_nothing(client, user, profile):
    create_team("Studio", UserFactory(username="boss"))
    other = UserFactory(username="other")
    elsewhere = create_team("Elsewhere", other)
    client.force_login(other)
    url = reverse("assessments:team-member", kwargs={"slug": elsewhere.slug, "member_id": user.pk})
    response = client.get(url)
    assert response.status_code == 404
    assert b"example.com/spring" not in response.content
