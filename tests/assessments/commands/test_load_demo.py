"""load_demo: demo marketers with history, only in DEBUG, the same on every run."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments import demo
from assessments.models import Assessment, Team
from assessments.queries.teams import team_coverage
from careers.catalogue.loader import load_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    load_catalogue()


def snapshot():
    return sorted(
        Assessment.objects.values_list(
            "owner__username", "status", "depth", "breadth", "shape", "phase"
        )
    )


def test_refuses_to_run_without_debug(catalogue, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DJANGO_DEBUG=1"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()


def test_refuses_an_empty_catalogue(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match=r"run `manage\.py load_catalogue` first"):
        call_command("load_demo")


def test_creates_marketers_with_months_of_history(catalogue, settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    assert "Demo marketers ready: alex, sam, jordan, riley" in capsys.readouterr().out
    users = get_user_model().objects.filter(username__in=["alex", "sam", "jordan", "riley"])
    assert users.count() == 4
    alex = users.get(username="alex")
    assert alex.check_password(demo.DEMO_PASSWORD)
    history = list(
        Assessment.objects.filter(owner=alex)
        .order_by("submitted_at")
        .values_list("status", "submitted_at")
    )
    assert [status for status, _ in history] == ["submitted"] * 4
    spans = [(later - earlier).days for (_, earlier), (_, later) in itertools.pairwise(history)]
    assert spans == [90, 90, 90]
    assert Assessment.objects.filter(owner__username="riley").count() == 2
    assert not Assessment.objects.filter(status="draft").exists()
    shapes = set(Assessment.objects.values_list("shape", flat=True))
    assert len(shapes) >= 3


def test_running_twice_gives_the_same_data(catalogue, settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    # Four marketers, the team's manager, eleven members with history and one newcomer.
    assert get_user_model().objects.count() == 17
    assert Team.objects.count() == 1


def test_the_demo_team_shows_diagnostics(catalogue, settings):
    settings.DEBUG = True
    call_command("load_demo")
    team = Team.objects.get(slug=demo.TEAM_SLUG)
    roles = sorted(team.memberships.values_list("user__username", "role"))
    assert len(roles) == 15
    assert [name for name, role in roles if role == "manager"] == ["morgan"]
    result = team_coverage(team, timezone.localdate())
    assert [d.key for d in result.diagnostics] == ["leaky_bucket", "no_architect"]
    assert result.submitted_count == 13
    # Morgan manages without an assessment of their own: not waited for.
    assert [p.display_name for p in result.pending] == ["Eli Novak"]
