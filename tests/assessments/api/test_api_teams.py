"""Teams through the API: my teams, a managed team's coverage, a member's submitted profile,
and every way across a team boundary refused."""

import datetime as dt

import pytest
from django.utils import timezone

from assessments.domain.profile import contract
from assessments.models import Assessment, Membership
from assessments.services.assessments import save_draft, start_assessment
from tests.assessments.api.api_support import API, bearer, iso, team
from tests.assessments.support import submitted
from tests.factories import AssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def people(user, small_catalogue):
    """Growth: ada manages, grace and hopper are members (hopper has not submitted).
    Brand: alan manages, ada and linus are members."""
    grace = UserFactory(username="grace")
    hopper = UserFactory(username="hopper")
    alan = UserFactory(username="alan")
    linus = UserFactory(username="linus")
    growth = team("growth", managers=[user], members=[grace, hopper])
    brand = team("brand", managers=[alan], members=[user, linus])
    submitted(user, {"headlines": 3, "landing-copy": 3, "keyword-research": 2})
    submitted(grace, {"headlines": 3, "landing-copy": 3, "keyword-research": 5})
    submitted(linus, {"headlines": 5, "landing-copy": 5, "keyword-research": 5})
    return {
        "ada": user,
        "grace": grace,
        "hopper": hopper,
        "alan": alan,
        "linus": linus,
        "growth": growth,
        "brand": brand,
    }


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def coverage_url(slug: str) -> str:
    return f"{API}/teams/{slug}/coverage"


def profile_url(slug: str, user) -> str:
    return f"{API}/teams/{slug}/members/{getattr(user, 'pk', user)}/profile"


# --- my teams -------------------------------------------------------------------------------


def test_my_teams_with_my_role_in_each(client, people):
    response = client.get(f"{API}/teams/", headers=bearer(people["ada"]))

    assert response.status_code == 200
    joined = {
        m.team.slug: iso(m.joined_at)
        for m in Membership.objects.filter(user=people["ada"]).select_related("team")
    }
    assert response.json() == {
        "items": [
            {
                "slug": "brand",
                "name": "Brand",
                "role": "member",
                "joined_at": joined["brand"],
                "member_count": 3,
            },
            {
                "slug": "growth",
                "name": "Growth",
                "role": "manager",
                "joined_at": joined["growth"],
                "member_count": 3,
            },
        ],
        "count": 2,
        "page": 1,
        "page_size": 20,
        "pages": 1,
    }


def test_no_teams(client, small_catalogue):
    response = client.get(f"{API}/teams/", headers=bearer(UserFactory(username="solo")))
    assert response.json() == {"items": [], "count": 0, "page": 1, "page_size": 20, "pages": 1}


# --- coverage -------------------------------------------------------------------------------


def member(person) -> dict:
    return {"member_id": person.pk, "display_name": person.username}


def test_the_coverage_of_a_team_i_manage(client, people, today):
    ada, grace, hopper = people["ada"], people["grace"], people["hopper"]

    response = client.get(coverage_url("growth"), headers=bearer(ada))

    assert response.status_code == 200
    assert response.json() == {
        "team": {"slug": "growth", "name": "Growth"},
        "as_of": "2025-06-30",
        "member_count": 3,
        "submitted_count": 2,
        "pending": [member(hopper)],
        "heatmap": {
            "columns": [
                {"discipline": "copywriting", "name": "Copywriting", "layer": "producers"},
                {"discipline": "graphic-design", "name": "Graphic design", "layer": "producers"},
                {"discipline": "seo", "name": "SEO", "layer": "distributors"},
            ],
            "sort": "name",
            "rows": [
                {
                    **member(ada),
                    "depth": 60,
                    "breadth": 75,
                    "shape": "generalist",
                    "submitted_on": "2025-03-03",
                    "cells": [
                        {"discipline": "copywriting", "score": 60, "band": "proficient"},
                        {"discipline": "graphic-design", "score": 0, "band": "none"},
                        {"discipline": "seo", "score": 40, "band": "working"},
                    ],
                },
                {
                    **member(grace),
                    "depth": 100,
                    "breadth": 75,
                    "shape": "t-shaped",
                    "submitted_on": "2025-03-03",
                    "cells": [
                        {"discipline": "copywriting", "score": 60, "band": "proficient"},
                        {"discipline": "graphic-design", "score": 0, "band": "none"},
                        {"discipline": "seo", "score": 100, "band": "expert"},
                    ],
                },
            ],
            "count": 2,
            "page": 1,
            "page_size": 50,
            "pages": 1,
        },
        "disciplines": [
            {
                "discipline": "copywriting",
                "name": "Copywriting",
                "layer": "producers",
                "proficient_count": 2,
                "advanced_count": 0,
                "best_score": 60,
                "single_point_of_failure": False,
                "uncovered": False,
                "go_to": [
                    {**member(ada), "score": 60, "band": "proficient"},
                    {**member(grace), "score": 60, "band": "proficient"},
                ],
            },
            {
                "discipline": "graphic-design",
                "name": "Graphic design",
                "layer": "producers",
                "proficient_count": 0,
                "advanced_count": 0,
                "best_score": 0,
                "single_point_of_failure": False,
                "uncovered": True,
                "go_to": [],
            },
            {
                "discipline": "seo",
                "name": "SEO",
                "layer": "distributors",
                "proficient_count": 1,
                "advanced_count": 1,
                "best_score": 100,
                "single_point_of_failure": True,
                "uncovered": False,
                "go_to": [{**member(grace), "score": 100, "band": "expert"}],
            },
        ],
        "layers": [
            {
                "layer": "producers",
                "name": "Producers",
                "strength": 30.0,
                "mean_member_score": 30.0,
                "best_member_score": 30,
                "covered_count": 1,
                "discipline_count": 2,
                "covered_percent": 50,
            },
            {
                "layer": "distributors",
                "name": "Distributors",
                "strength": 100.0,
                "mean_member_score": 70.0,
                "best_member_score": 100,
                "covered_count": 1,
                "discipline_count": 1,
                "covered_percent": 100,
            },
        ],
        "diagnostics": [
            {
                "key": "empty_megaphone",
                "title": "Empty megaphone",
                "explanation": response.json()["diagnostics"][0]["explanation"],
                "message": "Distributors strength 100.0 is strong (60 or more), but Producers "
                "strength 30.0 is weak (below 40).",
                "numbers": {
                    "distributors_strength": 100.0,
                    "producers_strength": 30.0,
                    "strong_from": 60,
                    "weak_below": 40,
                },
            }
        ],
        "shape_mix": [
            {"shape": "emerging", "label": "Emerging", "count": 0},
            {"shape": "i-shaped", "label": "I-shaped specialist", "count": 0},
            {"shape": "generalist", "label": "Generalist", "count": 1},
            {"shape": "t-shaped", "label": "T-shaped", "count": 1},
            {"shape": "pi-shaped", "label": "Π-shaped", "count": 0},
        ],
        "trend": [
            {
                "label": "2025 Q1",
                "year": 2025,
                "quarter": 1,
                "ends_on": "2025-03-31",
                "member_count": 2,
                "mean_depth": 80.0,
                "mean_breadth": 75.0,
            },
            {
                "label": "2025 Q2",
                "year": 2025,
                "quarter": 2,
                "ends_on": "2025-06-30",
                "member_count": 2,
                "mean_depth": 80.0,
                "mean_breadth": 75.0,
            },
        ],
    }
    assert response.json()["diagnostics"][0]["explanation"].startswith(
        "The team knows how to reach people"
    )


def test_drafts_never_count_in_coverage(client, people, today):
    draft, _created = start_assessment(people["hopper"])
    save_draft(draft, levels={"headlines": 5, "landing-copy": 5, "keyword-research": 5})
    body = client.get(coverage_url("growth"), headers=bearer(people["ada"])).json()
    assert body["submitted_count"] == 2
    assert body["pending"] == [member(people["hopper"])]


@pytest.mark.parametrize(
    ("sort", "order"), [("seo", ["grace", "ada"]), ("depth", ["grace", "ada"]), ("name", None)]
)
def test_the_heatmap_sorts(client, people, today, sort, order):
    body = client.get(coverage_url("growth"), {"sort": sort}, headers=bearer(people["ada"])).json()
    assert body["heatmap"]["sort"] == sort
    names = [row["display_name"] for row in body["heatmap"]["rows"]]
    assert names == (order or ["ada", "grace"])


def test_the_heatmap_is_paginated_and_the_totals_are_not(client, people, today):
    response = client.get(
        coverage_url("growth"), {"page": 2, "page_size": 1}, headers=bearer(people["ada"])
    )
    body = response.json()
    assert [row["display_name"] for row in body["heatmap"]["rows"]] == ["grace"]
    assert {k: body["heatmap"][k] for k in ("count", "page", "page_size", "pages")} == {
        "count": 2,
        "page": 2,
        "page_size": 1,
        "pages": 2,
    }
    assert body["disciplines"][0]["proficient_count"] == 2
    past = client.get(
        coverage_url("growth"), {"page": 3, "page_size": 1}, headers=bearer(people["ada"])
    )
    assert past.json()["heatmap"]["rows"] == []


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        (
            {"sort": "shoe-size"},
            "Cannot sort by “shoe-size”: use name, depth, breadth or a discipline slug.",
        ),
        ({"page_size": 101}, "page_size: input should be less than or equal to 100."),
    ],
)
def test_bad_heatmap_parameters_are_422(client, people, params, problem):
    response = client.get(coverage_url("growth"), params, headers=bearer(people["ada"]))
    assert response.status_code == 422
    assert response.json()["problems"] == [problem]


def test_a_member_who_does_not_manage_gets_403(client, people):
    # ada manages growth but is only a member of brand; grace is only a member of growth.
    for person, slug in [(people["ada"], "brand"), (people["grace"], "growth")]:
        response = client.get(coverage_url(slug), headers=bearer(person))
        assert response.status_code == 403
        assert response.json() == {"detail": "Only the team's managers can see this."}


def test_anyone_outside_the_team_gets_404(client, people):
    # alan manages brand, not growth; linus is in brand only; and no team is called "nope".
    for person, slug in [
        (people["alan"], "growth"),
        (people["linus"], "growth"),
        (people["ada"], "nope"),
    ]:
        response = client.get(coverage_url(slug), headers=bearer(person))
        assert response.status_code == 404
        assert response.json() == {"detail": "No such team."}


# --- a member's profile ---------------------------------------------------------------------


def test_a_managers_view_of_a_members_latest_submitted_profile(client, people):
    grace = people["grace"]
    latest = Assessment.objects.get(owner=grace, is_latest=True)
    AssessmentFactory(owner=grace)  # her draft is hers alone

    response = client.get(profile_url("growth", grace), headers=bearer(people["ada"]))

    assert response.status_code == 200
    body = response.json()
    assert body == {
        "member": member(grace),
        "assessment": {
            "id": latest.pk,
            "status": "submitted",
            "source": "form",
            "created_at": iso(latest.created_at),
            "updated_at": iso(latest.updated_at),
            "submitted_at": "2025-03-03T09:30:00Z",
            "target_role": None,
            "country": "US",
            "experience_level": "mid",
            "depth": 100,
            "breadth": 75,
            "shape": "t-shaped",
            "phase": 3,
        },
        "profile": contract(latest.result),
    }


def test_a_member_without_a_submission_is_404(client, people):
    AssessmentFactory(owner=people["hopper"])
    response = client.get(profile_url("growth", people["hopper"]), headers=bearer(people["ada"]))
    assert response.status_code == 404
    assert response.json() == {"detail": "This member has not submitted an assessment yet."}


def test_member_profiles_across_team_lines(client, people):
    cases = [
        # a member of growth asking for the manager's profile
        (people["grace"], "growth", people["ada"], 403, "Only the team's managers can see this."),
        # the manager of brand asking about growth, and about a growth member through brand
        (people["alan"], "growth", people["grace"], 404, "No such team."),
        (people["alan"], "brand", people["grace"], 404, "No such member."),
        # the manager of growth asking about a brand member through growth
        (people["ada"], "growth", people["linus"], 404, "No such member."),
        (people["ada"], "growth", 987654, 404, "No such member."),
    ]
    for asking, slug, about, status, detail in cases:
        response = client.get(profile_url(slug, about), headers=bearer(asking))
        assert (response.status_code, response.json()) == (status, {"detail": detail})
