"""The history's changes of shape and phase: numbered on the chart, listed in words and
marked in the table, for the owner and for their manager alike."""

import pytest
from django.urls import reverse

from assessments.services.teams import create_team, join_team
from tests.assessments.conftest import levels_for, page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def changing(user, catalogue, submit):
    """Emerging in phase 1, then phase 2 with the same shape, then T-shaped in phase 3."""
    return [
        submit(user, levels_for(catalogue, 1, keyword_research=3)),
        submit(user, levels_for(catalogue, 1, keyword_research=5, technical_seo=5)),
        submit(user, levels_for(catalogue, 2, keyword_research=5, technical_seo=5)),
    ]


CHANGES = [
    "13 Jan 2025: phase 1 (Start wide) → phase 2 (Go deep)",
    "20 Jan 2025: Emerging → T-shaped; phase 2 (Go deep) → phase 3 (Broaden again)",
]


def body_rows(root):
    return [
        [cell.text for cell in row.children if not isinstance(cell, str)]
        for row in root.find_all("table")[0].find_all("tbody")[0].find_all("tr")
    ]


def assert_changes_shown(root, changing):
    section = root.find_all("section", aria_labelledby="changes-title")[0]
    assert section.by_id("changes-title").text == "Changes of shape and phase"
    assert [li.text for li in section.by_id("history-changes").find_all("li")] == CHANGES
    svg = root.find_all("svg", class_="chart")[0]
    assert svg.attrs["role"] == "img"
    first, last = changing[0], changing[-1]
    assert svg.by_id("history-chart-desc").text == (
        "Depth and breadth, from 0 to 100, at each of 3 submitted assessments, from 6 Jan 2025"
        f" to 20 Jan 2025. Depth went from {first.depth} to {last.depth}, breadth from"
        f" {first.breadth} to {last.breadth}. Shaded bands show shape and phase: 1 Emerging,"
        " phase 1 (Start wide), from 6 Jan 2025; 2 Emerging, phase 2 (Go deep), from 13 Jan"
        " 2025; 3 T-shaped, phase 3 (Broaden again), from 20 Jan 2025. Lines mark deep (80)"
        " and broad (75). The table below lists every value."
    )
    # A band for each run of one shape and phase, named where it fits, numbered where not.
    bands = svg.find_all("g", class_="history-band")
    assert [
        (b.find_all("rect")[0].attrs["x"], b.find_all("rect")[0].attrs["fill"], b.text.strip())
        for b in bands
    ] == [
        ("32", "#f1f3f5", "1"),
        ("129.0", "#e3eefa", "Emerging, phase 2"),
        ("295.0", "#e6f4ea", "3"),
    ]
    legend = root.find_all("ul", class_="history-legend")[0]
    assert [li.text.strip() for li in legend.find_all("li")][-3:] == [
        "1 · Emerging, phase 1 (Start wide), from 6 Jan 2025",
        "2 · Emerging, phase 2 (Go deep), from 13 Jan 2025",
        "3 · T-shaped, phase 3 (Broaden again), from 20 Jan 2025",
    ]
    caption = root.find_all("caption")[0]
    assert caption.text == (
        "Every submitted assessment, oldest first. Scores run from 0 to 100. A shape or phase"
        " in bold changed since the assessment before."
    )
    assert [row[:3] for row in body_rows(root)] == [
        ["6 Jan 2025", "Emerging", "1"],
        ["13 Jan 2025", "Emerging", "2 (changed)"],
        ["20 Jan 2025", "T-shaped (changed)", "3 (changed)"],
    ]
    assert [strong.text for strong in root.find_all("table")[0].find_all("strong")] == [
        "2",
        "T-shaped",
        "3",
    ]


def test_history_numbers_and_lists_changes_of_shape_and_phase(user_client, changing):
    assert_changes_shown(page(user_client.get(reverse("assessments:history"))), changing)


def test_a_manager_sees_the_same_changes_in_a_members_history(client, user, changing):
    boss = UserFactory(username="boss")
    team = create_team("Studio", boss)
    join_team(team, user)
    client.force_login(boss)
    assert_changes_shown(page(client.get(f"/teams/studio/members/{user.pk}/history/")), changing)


def test_history_without_changes_has_no_milestone_markup(user_client, user, catalogue, submit):
    submit(user, levels_for(catalogue, 2))
    submit(user, levels_for(catalogue, 3))
    response = user_client.get(reverse("assessments:history"))
    root = page(response)
    assert [row[:3] for row in body_rows(root)] == [
        ["6 Jan 2025", "Generalist", "2"],
        ["13 Jan 2025", "Generalist", "2"],
    ]
    svg = root.find_all("svg", class_="chart")[0]
    assert svg.by_id("history-chart-desc").text.startswith(
        "Depth and breadth, from 0 to 100, at each of 2 submitted assessments"
    )
    # One band, for the one shape and phase.
    assert len(svg.find_all("g", class_="history-band")) == 1
    content = response.content.decode()
    for absent in ("changes-title", "history-changes", "<strong>", "changed"):
        assert absent not in content
