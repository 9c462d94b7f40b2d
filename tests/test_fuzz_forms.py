"""Hostile and random input on every form: never a server error, nothing stored when the
request is refused.

Hypothesis generates the posted values (text with control characters, null bytes, huge
strings, numbers out of range, unknown field names); each example runs in a savepoint that
is rolled back, so examples do not see each other's data.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import Assessment, Membership, Rating, Team
from assessments.services.assessments import start_assessment
from assessments.services.teams import create_team
from careers.catalogue.loader import load_catalogue
from careers.models import Competency
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "=cmd|' /C calc'!A0",
            "<script>alert(1)</script>",
            "'; DROP TABLE auth_user; --",
            "../../etc/passwd",
            "9" * 400,
            "-1",
            "6",
            "3.5",
            "NaN",
            "ﬀ" * 200,
            "\u202e",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)


class Rollback(Exception):
    pass


def isolated(run):
    """Run one example inside a savepoint and undo it afterwards."""
    try:
        with transaction.atomic():
            run()
            raise Rollback
    except Rollback:
        pass


def counts():
    return (
        get_user_model().objects.count(),
        Assessment.objects.count(),
        Rating.objects.count(),
        Team.objects.count(),
        Membership.objects.count(),
    )


@pytest.fixture
def world(db):
    load_catalogue()
    owner = UserFactory(username="owner", password="owner-password-123")
    draft, _ = start_assessment(owner)
    team = create_team("Team", owner)
    client = Client()
    client.force_login(owner)
    return {"owner": owner, "draft": draft, "team": team, "client": client}


@FUZZ
@given(username=hostile_text, email=hostile_text, password=hostile_text)
def test_signup(client, username, email, password):
    def run():
        before = counts()
        # Every example comes from one address: the sign-up limit is not what is tried here.
        with override_settings(SIGNUP_RATE_LIMIT=None):
            response = Client().post(
                "/accounts/signup/",
                {
                    "username": username,
                    "email": email,
                    "password1": password,
                    "password2": password,
                },
            )
        assert response.status_code in {200, 302}
        if response.status_code == 200:
            assert counts() == before

    isolated(run)


@FUZZ
@given(username=hostile_text, password=hostile_text)
def test_login(db, username, password):
    def run():
        response = Client().post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 200

    isolated(run)


@FUZZ
@given(
    fields=st.dictionaries(
        st.one_of(
            st.sampled_from(
                [
                    "level-keyword-research",
                    "evidence-keyword-research",
                    "interest-seo",
                    "interest-seo-shown",
                    "target_role",
                    "country",
                    "experience_level",
                    "action",
                ]
            ),
            st.text(min_size=1, max_size=30).map(lambda name: "level-" + name),
            st.text(min_size=1, max_size=30),
        ),
        hostile_text,
        max_size=6,
    ),
    htmx=st.booleans(),
)
def test_assessment_form(world, fields, htmx):
    url = f"/me/assessments/{world['draft'].pk}/edit/"

    def run():
        before = list(
            Rating.objects.filter(assessment=world["draft"]).values_list(
                "competency_id", "level", "evidence"
            )
        )
        headers = {"HX-Request": "true"} if htmx else {}
        response = world["client"].post(url, fields, headers=headers)
        assert response.status_code in {200, 302, 409, 422}
        if response.status_code == 422:
            after = list(
                Rating.objects.filter(assessment=world["draft"]).values_list(
                    "competency_id", "level", "evidence"
                )
            )
            assert after == before
        world["draft"].refresh_from_db()
        assert world["draft"].status in {"draft", "submitted"}

    isolated(run)


@FUZZ
@given(name=hostile_text, code=hostile_text, form=st.sampled_from(["create", "join", "", "x"]))
def test_team_forms(world, name, code, form):
    def run():
        before = counts()
        response = world["client"].post("/teams/", {"form": form, "name": name, "code": code})
        assert response.status_code in {200, 302, 422}
        if response.status_code in {200, 422}:
            assert counts() == before

    isolated(run)


def expected(statuses: set[int], *query_values: str) -> set[int]:
    """``statuses``, or 400 when a value sent in the query string holds a NUL character:
    such a request is refused before any view runs (config/middleware.py)."""
    return {400} if any("\x00" in value for value in query_values) else statuses


@FUZZ
@given(competency=hostile_text, level=hostile_text, page=hostile_text, sort=hostile_text)
def test_team_searches_and_sorting(world, competency, level, page, sort):
    def run():
        client = world["client"]
        response = client.get("/teams/team/people/", {"competency": competency, "level": level})
        assert response.status_code in expected({200, 422}, competency, level)
        response = client.get("/teams/team/coverage/", {"page": page, "sort": sort})
        assert response.status_code in expected({200}, page, sort)

    isolated(run)


@FUZZ
@given(role=hostile_text, member=st.integers(min_value=-5, max_value=10**9))
def test_team_actions(world, role, member):
    def run():
        before = list(Membership.objects.values_list("user_id", "role"))
        response = world["client"].post(f"/teams/team/members/{member}/role/", {"role": role})
        assert response.status_code in {302, 404}
        if role not in {"member", "manager"}:
            assert list(Membership.objects.values_list("user_id", "role")) == before

    isolated(run)


@FUZZ
@given(first=hostile_text, second=hostile_text, country=hostile_text)
def test_comparison_and_country_switch(world, first, second, country):
    def run():
        response = world["client"].get("/me/compare/", {"a": first, "b": second})
        assert response.status_code in expected({302, 404}, first, second)
        response = Client().get("/roles/copywriter/", {"country": country})
        assert response.status_code in expected({200}, country)

    isolated(run)


@FUZZ
@given(password=hostile_text)
def test_account_deletion(world, password):
    def run():
        before = counts()
        response = world["client"].post("/account/delete/", {"password": password})
        assert response.status_code == 200
        assert counts() == before

    isolated(run)


@FUZZ
@given(old=hostile_text, new=hostile_text)
def test_password_change(world, old, new):
    def run():
        response = world["client"].post(
            "/accounts/password_change/",
            {"old_password": old, "new_password1": new, "new_password2": new},
        )
        assert response.status_code == 200
        world["owner"].refresh_from_db()
        assert world["owner"].check_password("owner-password-123")

    isolated(run)


def test_competencies_exist_for_the_fuzzed_fields(world):
    assert Competency.objects.filter(slug="keyword-research").exists()
