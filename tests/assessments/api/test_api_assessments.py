"""My assessments through the API: list, start, read, rate (PATCH and PUT), submit, latest
profile and history, with the same rules as the form."""

import datetime as dt

import pytest

from assessments.domain.profile import contract
from assessments.models import Assessment, Rating
from careers.models import Competency, Role
from tests.assessments.api.api_support import API, bearer, iso
from tests.assessments.support import SUBMITTED, submitted
from tests.factories import AssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

FULL = {"headlines": 4, "landing-copy": 4, "keyword-research": 2}


@pytest.fixture
def auth(user):
    return bearer(user)


def url(assessment_or_id) -> str:
    return f"{API}/me/assessments/{getattr(assessment_or_id, 'pk', assessment_or_id)}"


def summary(assessment: Assessment) -> dict:
    assessment.refresh_from_db()
    return {
        "id": assessment.pk,
        "status": assessment.status,
        "source": assessment.source,
        "created_at": iso(assessment.created_at),
        "updated_at": iso(assessment.updated_at),
        "submitted_at": iso(assessment.submitted_at),
        "target_role": assessment.target_role.slug if assessment.target_role else None,
        "country": assessment.country,
        "experience_level": assessment.experience_level,
        "depth": assessment.depth,
        "breadth": assessment.breadth,
        "shape": assessment.shape or None,
        "phase": assessment.phase,
    }


def ratings_of(assessment) -> dict:
    return {
        slug: (level, evidence)
        for slug, level, evidence in Rating.objects.filter(assessment=assessment).values_list(
            "competency__slug", "level", "evidence"
        )
    }


# --- list and start -------------------------------------------------------------------------


def test_my_assessments_newest_first_and_only_mine(client, user, auth, small_catalogue):
    first = submitted(user, FULL)
    draft = AssessmentFactory(owner=user)
    submitted(UserFactory(username="grace"), FULL)

    response = client.get(f"{API}/me/assessments/", headers=auth)

    assert response.status_code == 200
    assert response.json() == {
        "items": [summary(draft), summary(first)],
        "count": 2,
        "page": 1,
        "page_size": 20,
        "pages": 1,
    }


def test_my_assessments_in_a_fixed_number_of_queries(
    client, user, auth, small_catalogue, django_assert_num_queries
):
    submitted(user, FULL)
    # token, last-used write, count, page (the first request records the token's use), and
    # the call counted: the token's first, so its allowance row is made (seven queries with
    # the test's savepoint), later ones lock and write it (four).
    with django_assert_num_queries(4 + 7):
        client.get(f"{API}/me/assessments/", headers=auth)
    for day in range(1, 8):
        submitted(user, FULL, when=SUBMITTED + dt.timedelta(days=day))
    with django_assert_num_queries(3 + 4):
        response = client.get(f"{API}/me/assessments/", headers=auth)
    assert response.json()["count"] == 8


def test_start_creates_one_draft_from_the_api(client, user, auth, small_catalogue):
    response = client.post(f"{API}/me/assessments/", headers=auth)

    assert response.status_code == 201
    draft = Assessment.objects.get(owner=user)
    assert draft.source == Assessment.Source.API
    assert response.json() == {
        **summary(draft),
        "source": "api",
        "ratings": [],
        "interests": [],
        "quick_ratings": {},
        "rated": 0,
        "total": 3,
        "profile": None,
    }

    again = client.post(f"{API}/me/assessments/", headers=auth)
    assert again.status_code == 200
    assert again.json()["id"] == draft.pk
    assert Assessment.objects.filter(owner=user).count() == 1


def test_start_prefills_from_the_last_submitted_assessment(client, user, auth, small_catalogue):
    submitted(
        user,
        FULL,
        evidence={"headlines": "https://example.com/ads"},
        interests={"seo": True},
        settings={"country": "GB", "experience_level": "senior"},
    )

    body = client.post(f"{API}/me/assessments/", headers=auth).json()

    assert body["status"] == "draft"
    assert (body["country"], body["experience_level"]) == ("GB", "senior")
    assert body["ratings"] == [
        {"competency": "headlines", "level": 4, "evidence": "https://example.com/ads"},
        {"competency": "landing-copy", "level": 4, "evidence": ""},
        {"competency": "keyword-research", "level": 2, "evidence": ""},
    ]
    assert body["interests"] == ["seo"]
    assert (body["rated"], body["total"]) == (3, 3)


# --- read -----------------------------------------------------------------------------------


def test_a_submitted_assessment_with_its_profile(client, user, auth, small_catalogue):
    assessment = submitted(user, FULL, settings={"target_role": small_catalogue["copywriter"]})

    response = client.get(url(assessment), headers=auth)

    assert response.status_code == 200
    body = response.json()
    assert body == {
        **summary(assessment),
        "ratings": [
            {"competency": "headlines", "level": 4, "evidence": ""},
            {"competency": "landing-copy", "level": 4, "evidence": ""},
            {"competency": "keyword-research", "level": 2, "evidence": ""},
        ],
        "interests": [],
        "quick_ratings": {},
        "rated": 3,
        "total": 3,
        "profile": contract(assessment.result),
    }
    # Copywriting (4, 4) = 80 in full for half of producers, graphic design 0, SEO (2) = 40 in
    # full for all of distributors: breadth 25 + 50 = 75.
    assert (body["depth"], body["breadth"], body["shape"], body["phase"]) == (
        80,
        75,
        "t-shaped",
        3,
    )
    assert body["target_role"] == "copywriter"
    assert body["profile"]["layers"] == {"producers": 40, "distributors": 40}
    assert body["profile"]["disciplines"] == {"copywriting": 80, "graphic-design": 0, "seo": 40}


def test_someone_elses_assessment_is_404(client, auth, small_catalogue):
    theirs = submitted(UserFactory(username="grace"), FULL)
    response = client.get(url(theirs), headers=auth)
    assert response.status_code == 404
    assert response.json() == {"detail": "No such assessment."}


def test_an_id_below_1_is_422(client, auth, small_catalogue):
    response = client.get(url(0), headers=auth)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The request has 1 problem.",
        "problems": ["assessment_id: input should be greater than or equal to 1."],
    }


# --- PATCH ----------------------------------------------------------------------------------


@pytest.fixture
def draft(user, small_catalogue):
    return AssessmentFactory(owner=user)


def test_patch_changes_only_what_is_sent(client, auth, draft, small_catalogue):
    Rating.objects.create(assessment=draft, competency_id=_id("keyword-research"), level=1)

    response = client.patch(
        url(draft),
        {
            "levels": {"headlines": 3, "landing-copy": 0},
            "evidence": {"headlines": "  https://example.com/campaign  "},
            "interests": {"seo": True, "copywriting": False},
            "target_role": "copywriter",
            "country": "GB",
        },
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 200
    assert ratings_of(draft) == {
        "headlines": (3, "https://example.com/campaign"),
        "landing-copy": (0, ""),
        "keyword-research": (1, ""),
    }
    assert response.json() == {
        **summary(draft),
        "target_role": "copywriter",
        "country": "GB",
        "experience_level": "mid",
        "ratings": [
            {"competency": "headlines", "level": 3, "evidence": "https://example.com/campaign"},
            {"competency": "landing-copy", "level": 0, "evidence": ""},
            {"competency": "keyword-research", "level": 1, "evidence": ""},
        ],
        "interests": ["seo"],
        "quick_ratings": {},
        "rated": 3,
        "total": 3,
        "profile": None,
    }


def test_patch_sets_and_takes_off_quick_ratings(client, auth, draft, small_catalogue):
    response = client.patch(
        url(draft),
        {"quick_ratings": {"seo": 4, "copywriting": 0}},
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 200
    assert response.json()["quick_ratings"] == {"copywriting": 0, "seo": 4}

    response = client.patch(
        url(draft),
        {"quick_ratings": {"seo": None, "copywriting": 2}},
        content_type="application/json",
        headers=auth,
    )
    assert response.json()["quick_ratings"] == {"copywriting": 2}
    assert dict(draft.quick_ratings.values_list("discipline__slug", "level")) == {"copywriting": 2}


@pytest.mark.parametrize("level", [6, -1, "3", 2.5, True])
def test_patch_refuses_a_quick_rating_outside_the_scale(
    client, auth, draft, small_catalogue, level
):
    response = client.patch(
        url(draft),
        {"quick_ratings": {"seo": level}},
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 422
    assert draft.quick_ratings.count() == 0


def test_a_draft_rated_by_quick_ratings_submits(client, auth, draft, small_catalogue):
    client.patch(
        url(draft),
        {"quick_ratings": {"seo": 3, "copywriting": 1}, "levels": {"headlines": 4}},
        content_type="application/json",
        headers=auth,
    )
    response = client.post(f"{url(draft)}/submit", headers=auth)
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


def test_patch_target_role_null_clears_it(client, auth, draft, small_catalogue):
    draft.target_role = small_catalogue["copywriter"]
    draft.save()
    response = client.patch(
        url(draft), {"target_role": None}, content_type="application/json", headers=auth
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.target_role is None
    assert (draft.country, draft.experience_level) == ("US", "mid")


def test_patch_lists_every_name_outside_the_catalogue(client, auth, draft, small_catalogue):
    response = client.patch(
        url(draft),
        {
            "levels": {"headlines": 2, "knitting": 3, "retired-skill": 1},
            "evidence": {"origami": "a crane"},
            "interests": {"astrology": True},
            "quick_ratings": {"seo": 3, "juggling": 2},
            "target_role": "retired-role",
        },
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "The request has 6 problems.",
        "problems": [
            "There is no competency “knitting” in the catalogue.",
            "There is no competency “retired-skill” in the catalogue.",
            "There is no competency “origami” in the catalogue.",
            "There is no discipline “astrology” in the catalogue.",
            "There is no discipline “juggling” in the catalogue.",
            "There is no role “retired-role” in the catalogue.",
        ],
    }
    assert ratings_of(draft) == {}


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_body_over_the_upload_limit_is_413_and_changes_nothing(
    client, auth, draft, small_catalogue, settings, method
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    body = {"levels": {"headlines": 3}, "evidence": {"headlines": "x" * 1_000}}
    response = getattr(client, method)(
        url(draft), body, content_type="application/json", headers=auth
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than the 1,000 bytes allowed."}
    assert ratings_of(draft) == {}


@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize("retired", ["discipline", "layer"])
def test_a_role_under_a_retired_discipline_or_layer_is_not_a_target(
    client, auth, draft, small_catalogue, method, retired
):
    role = Role.objects.select_related("discipline", "layer").get(slug="seo-specialist")
    entry = role.discipline if retired == "discipline" else role.layer
    entry.is_active = False
    entry.save()
    body = {"target_role": "seo-specialist"}
    if method == "put":
        body |= {"levels": {}, "country": "US", "experience_level": "mid"}
    response = getattr(client, method)(
        url(draft), body, content_type="application/json", headers=auth
    )
    assert response.status_code == 422
    assert response.json()["problems"] == ["There is no role “seo-specialist” in the catalogue."]
    draft.refresh_from_db()
    assert draft.target_role is None


@pytest.mark.parametrize(
    ("body", "problems"),
    [
        (
            {"levels": {"headlines": 6}},
            ["levels.headlines: input should be less than or equal to 5."],
        ),
        (
            {"levels": {"headlines": -1}},
            ["levels.headlines: input should be greater than or equal to 0."],
        ),
        ({"levels": {"headlines": "3"}}, ["levels.headlines: input should be a valid integer."]),
        ({"levels": {"headlines": True}}, ["levels.headlines: input should be a valid integer."]),
        ({"levels": {"headlines": 2.5}}, ["levels.headlines: input should be a valid integer."]),
        ({"levels": [3]}, ["levels: input should be a valid dictionary."]),
        ({"country": "FR"}, ["country: input should be 'US', 'CA', 'GB' or 'AU'."]),
        ({"rating": {"headlines": 3}}, ["“rating” is not a field of this request."]),
        (
            {"evidence": {"headlines": "x" * 501}},
            ["evidence.headlines: string should have at most 500 characters."],
        ),
    ],
)
def test_patch_checks_levels_and_fields_like_the_form(
    client, auth, draft, small_catalogue, body, problems
):
    response = client.patch(url(draft), body, content_type="application/json", headers=auth)
    assert response.status_code == 422
    assert response.json() == {
        "detail": f"The request has {len(problems)} problem.",
        "problems": problems,
    }
    assert ratings_of(draft) == {}


def test_patch_evidence_needs_a_level(client, auth, draft, small_catalogue):
    response = client.patch(
        url(draft),
        {"evidence": {"headlines": "https://example.com"}},
        content_type="application/json",
        headers=auth,
    )
    message = "Choose a level before adding evidence for: Headlines."
    assert response.status_code == 422
    assert response.json() == {"detail": message, "problems": [message]}


def test_patch_a_submitted_assessment_is_409(client, user, auth, small_catalogue):
    assessment = submitted(user, FULL)
    response = client.patch(
        url(assessment),
        {"levels": {"headlines": 1}},
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 409
    assert response.json() == {"detail": "This assessment is submitted and can no longer change."}
    assert ratings_of(assessment)["headlines"] == (4, "")


def test_patch_someone_elses_draft_is_404(client, auth, small_catalogue):
    theirs = AssessmentFactory(owner=UserFactory(username="grace"))
    response = client.patch(
        url(theirs), {"levels": {"headlines": 1}}, content_type="application/json", headers=auth
    )
    assert response.status_code == 404
    assert ratings_of(theirs) == {}


@pytest.mark.parametrize("body", ["{not json", "[1, 2", '{"levels": {"headlines": NaN}}'])
def test_patch_malformed_json_is_400(client, auth, draft, small_catalogue, body):
    response = client.patch(url(draft), body, content_type="application/json", headers=auth)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON: ")


def test_patch_without_a_body_is_422(client, auth, draft, small_catalogue):
    response = client.patch(url(draft), content_type="application/json", headers=auth)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The request has 1 problem.",
        "problems": ["A JSON body is required."],
    }


# --- PUT ------------------------------------------------------------------------------------


def test_put_replaces_the_whole_draft(client, auth, draft, small_catalogue):
    Rating.objects.create(
        assessment=draft, competency_id=_id("keyword-research"), level=4, evidence="old"
    )
    Rating.objects.create(assessment=draft, competency_id=_id("retired-skill"), level=2)
    Rating.objects.create(
        assessment=draft, competency_id=_id("headlines"), level=1, evidence="old note"
    )
    draft.interests.add(small_catalogue["seo"])
    draft.target_role = small_catalogue["copywriter"]
    draft.save()

    response = client.put(
        url(draft),
        {
            "levels": {"headlines": 5, "landing-copy": 2},
            "evidence": {"landing-copy": "https://example.com/page"},
            "interests": ["copywriting"],
            "quick_ratings": {"copywriting": 3},
            "country": "AU",
            "experience_level": "entry",
        },
        content_type="application/json",
        headers=auth,
    )

    assert response.status_code == 200
    assert response.json()["quick_ratings"] == {"copywriting": 3}
    # Without quick ratings, a PUT takes off those the draft had.
    response = client.put(
        url(draft),
        {
            "levels": {"headlines": 5, "landing-copy": 2},
            "evidence": {"landing-copy": "https://example.com/page"},
            "interests": ["copywriting"],
            "country": "AU",
            "experience_level": "entry",
        },
        content_type="application/json",
        headers=auth,
    )
    assert response.json()["quick_ratings"] == {}
    # Keyword research is dropped; the retired competency's rating is kept, as the form does.
    assert ratings_of(draft) == {
        "headlines": (5, ""),
        "landing-copy": (2, "https://example.com/page"),
        "retired-skill": (2, ""),
    }
    body = response.json()
    assert body["interests"] == ["copywriting"]
    assert (body["target_role"], body["country"], body["experience_level"]) == (
        None,
        "AU",
        "entry",
    )
    assert (body["rated"], body["total"]) == (2, 3)


def test_put_needs_every_setting(client, auth, draft, small_catalogue):
    response = client.put(
        url(draft), {"levels": {"headlines": 1}}, content_type="application/json", headers=auth
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The request has 2 problems.",
        "problems": ["“country” is required.", "“experience_level” is required."],
    }


def test_put_evidence_needs_a_level_in_the_same_body(client, auth, draft, small_catalogue):
    Rating.objects.create(assessment=draft, competency_id=_id("headlines"), level=1)
    response = client.put(
        url(draft),
        {
            "levels": {"landing-copy": 1},
            "evidence": {"headlines": "note"},
            "country": "US",
            "experience_level": "mid",
        },
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 422
    assert response.json()["problems"] == ["Evidence for “headlines” needs a level in “levels”."]
    assert ratings_of(draft) == {"headlines": (1, "")}


def test_put_a_submitted_assessment_is_409(client, user, auth, small_catalogue):
    assessment = submitted(user, FULL)
    response = client.put(
        url(assessment),
        {"levels": {}, "country": "US", "experience_level": "mid"},
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 409


# --- submit ---------------------------------------------------------------------------------


def test_submit_an_incomplete_draft_lists_what_is_missing(client, auth, draft, small_catalogue):
    Rating.objects.create(assessment=draft, competency_id=_id("headlines"), level=3)

    response = client.post(f"{url(draft)}/submit", headers=auth)

    assert response.status_code == 422
    assert response.json() == {
        "detail": "2 competencies are not rated yet.",
        "problems": [
            "“Landing page copy” is not rated yet.",
            "“Keyword research” is not rated yet.",
        ],
        "missing": [
            {"competency": "landing-copy", "name": "Landing page copy"},
            {"competency": "keyword-research", "name": "Keyword research"},
        ],
    }
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_submit_scores_and_freezes_the_draft(client, auth, draft, small_catalogue):
    for slug, level in FULL.items():
        Rating.objects.create(assessment=draft, competency_id=_id(slug), level=level)

    response = client.post(f"{url(draft)}/submit", headers=auth)

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.is_latest
    body = response.json()
    assert body["profile"] == contract(draft.result)
    assert (body["status"], body["depth"], body["breadth"], body["shape"]) == (
        "submitted",
        80,
        75,
        "t-shaped",
    )
    assert body["submitted_at"] == iso(draft.submitted_at)

    again = client.post(f"{url(draft)}/submit", headers=auth)
    assert again.status_code == 409
    assert again.json() == {"detail": "This assessment was submitted already."}


def test_submit_someone_elses_draft_is_404(client, auth, small_catalogue):
    theirs = AssessmentFactory(owner=UserFactory(username="grace"))
    response = client.post(f"{url(theirs)}/submit", headers=auth)
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "draft"


# --- profile and history --------------------------------------------------------------------


def test_no_profile_yet_is_404(client, user, auth, small_catalogue):
    AssessmentFactory(owner=user)
    response = client.get(f"{API}/me/profile", headers=auth)
    assert response.status_code == 404
    assert response.json() == {"detail": "You have not submitted an assessment yet."}


def test_my_latest_profile(client, user, auth, small_catalogue):
    submitted(user, {"headlines": 1, "landing-copy": 1, "keyword-research": 1})
    latest = submitted(user, FULL, when=SUBMITTED + dt.timedelta(days=30))
    AssessmentFactory(owner=user)  # a newer draft never counts

    response = client.get(f"{API}/me/profile", headers=auth)

    assert response.status_code == 200
    assert response.json() == {
        "assessment": summary(latest),
        "profile": contract(latest.result),
    }


def test_my_history_oldest_first(client, user, auth, small_catalogue):
    first = submitted(user, {"headlines": 1, "landing-copy": 1, "keyword-research": 1})
    second = submitted(user, FULL, when=SUBMITTED + dt.timedelta(days=30))
    AssessmentFactory(owner=user)

    response = client.get(f"{API}/me/history/", headers=auth)

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "assessment": first.pk,
                "submitted_at": "2025-03-03T09:30:00Z",
                "depth": 20,
                "breadth": 38,
                "shape": "emerging",
                "phase": 1,
                "layers": {"producers": 10, "distributors": 20},
            },
            {
                "assessment": second.pk,
                "submitted_at": "2025-04-02T09:30:00Z",
                "depth": 80,
                "breadth": 75,
                "shape": "t-shaped",
                "phase": 3,
                "layers": {"producers": 40, "distributors": 40},
            },
        ],
        "count": 2,
        "page": 1,
        "page_size": 20,
        "pages": 1,
    }


def _id(slug: str) -> int:
    return Competency.objects.get(slug=slug).pk


def test_a_profile_stored_by_version_1_keeps_its_version_and_has_no_warnings(
    client, user, auth, small_catalogue
):
    latest = submitted(user, FULL)
    stored = {key: value for key, value in latest.result.items() if key != "warnings"}
    stored["version"] = "1"
    Assessment.objects.filter(pk=latest.pk).update(result=stored, scoring_version="1")

    body = client.get(f"{API}/me/profile", headers=auth).json()

    assert (body["profile"]["scoring_version"], body["profile"]["warnings"]) == ("1", [])
    assert body["profile"]["depth"] == stored["depth"]
    assert Assessment.objects.get(pk=latest.pk).result == stored  # never rescored in place
