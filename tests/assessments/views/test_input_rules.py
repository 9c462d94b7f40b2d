"""Rules on what people may type and choose: no control characters in free text, and only
roles scoring can match as a target."""

import pytest
from django.core.exceptions import ValidationError

from assessments.validators import no_control_characters

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["a\tb", "line\nbreak", "\x00", "esc\x1b[0m", "del\x7f", "\x85"])
def test_control_characters_are_refused(text):
    with pytest.raises(ValidationError, match="invisible control characters"):
        no_control_characters(text)


@pytest.mark.parametrize("text", ["", "Plain note", "https://example.com/a?b=1", "Zoë — ✓ 日本"])
def test_ordinary_text_passes(text):
    no_control_characters(text)


def test_evidence_with_a_control_character_is_refused_by_the_form(user_client, user, catalogue):
    from assessments.models import Rating
    from assessments.services.assessments import start_assessment

    draft, _ = start_assessment(user)
    response = user_client.post(
        f"/me/assessments/{draft.pk}/edit/",
        {"level-keyword-research": "3", "evidence-keyword-research": "bad\x1bnote"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "invisible control characters" in response.content.decode()
    assert not Rating.objects.exists()


def test_evidence_with_a_control_character_is_refused_by_the_api(client, user, catalogue):
    from django.utils import timezone

    from assessments import tokens
    from assessments.models import Rating
    from assessments.services.assessments import start_assessment

    draft, _ = start_assessment(user)
    token = tokens.create_token(user, "script", now=timezone.now()).plaintext
    response = client.patch(
        f"/api/v1/me/assessments/{draft.pk}",
        {"levels": {"keyword-research": 3}, "evidence": {"keyword-research": "bad\x1bnote"}},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "The request has 1 problem."
    assert "evidence" in response.json()["problems"][0]
    assert not Rating.objects.exists()


def test_team_names_refuse_control_characters(user_client):
    response = user_client.post("/teams/", {"form": "create", "name": "Team\x1b"})
    assert response.status_code == 422
    assert "invisible control characters" in response.content.decode()


def test_target_roles_on_offer_are_the_ones_scoring_can_match(catalogue):
    from assessments.forms import AssessmentSettingsForm
    from careers.models import Discipline, Role

    Discipline.objects.filter(slug="seo").update(is_active=False)
    offered = set(
        AssessmentSettingsForm().fields["target_role"].queryset.values_list("slug", flat=True)
    )
    assert "seo-specialist" not in offered
    assert "copywriter" in offered
    assert offered == set(
        Role.objects.filter(
            is_active=True, discipline__is_active=True, layer__is_active=True
        ).values_list("slug", flat=True)
    )


HUGE = "9" * 25


@pytest.mark.parametrize(
    "url",
    [
        f"/me/assessments/{HUGE}/",
        f"/me/assessments/{HUGE}/edit/",
        "/me/assessments/9223372036854775808/",
        f"/me/compare/?a={HUGE}&b=1",
        f"/teams/studio/members/{HUGE}/",
    ],
)
def test_ids_too_large_for_the_database_are_not_found(user_client, user, url):
    from assessments.services.teams import create_team

    create_team("Studio", user)
    response = user_client.get(url)
    if "compare" in url:
        assert response.status_code == 302  # back to the history, with a message
    else:
        assert response.status_code == 404


def test_the_api_refuses_ids_too_large_for_the_database(client, user):
    from django.utils import timezone

    from assessments import tokens

    token = tokens.create_token(user, "script", now=timezone.now()).plaintext
    response = client.get(
        f"/api/v1/me/assessments/{HUGE}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 422


def test_the_largest_id_a_database_holds_is_still_an_id():
    from assessments.ids import MAX_ID, parse_id

    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id(str(MAX_ID + 1)) is None
    assert parse_id("0") is None
    assert parse_id("-4") is None
    assert parse_id(" 12 ") == 12
    assert parse_id("1e3") is None
