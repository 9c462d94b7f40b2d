"""The writes behind the assessment form: start, save a draft, submit. Each is all or
nothing, and a submitted assessment never changes again."""

import datetime as dt
import json

import pytest
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from assessments.domain import scoring
from assessments.domain.profile import SCORING_VERSION
from assessments.models import Assessment, Rating
from assessments.queries.assessments import draft_inputs
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import (
    AssessmentLocked,
    EvidenceWithoutLevel,
    IncompleteAssessment,
    save_draft,
    start_assessment,
    submit_assessment,
)
from careers.models import Competency, Discipline, Layer, Role
from tests.assessments.conftest import levels_for, ratings_of, stored
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 4, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def draft(user):
    return start_assessment(user)[0]


# --- start_assessment -------------------------------------------------------------------


def test_start_creates_an_empty_draft_with_the_default_settings(user, catalogue):
    draft, created = start_assessment(user)
    assert created is True
    assert stored(draft) | {"updated_at": None} == {
        "status": "draft",
        "ratings": {},
        "interests": set(),
        "quick": {},
        "settings": (None, "US", "mid"),
        "updated_at": None,
        "submitted_at": None,
        "result": None,
    }
    assert (draft.source, draft.scoring_version, draft.depth) == ("form", "", None)


def test_start_returns_the_existing_draft(user, catalogue):
    first, _ = start_assessment(user)
    save_draft(first, levels={"ab-testing": 3})
    again, created = start_assessment(user)
    assert (again.pk, created) == (first.pk, False)
    assert ratings_of(again) == {"ab-testing": (3, "")}


def test_start_after_another_request_made_the_draft_returns_that_one(user, catalogue, monkeypatch):
    """Two clicks on Start at once: the second request's insert hits the one-draft rule."""
    theirs = AssessmentFactory(owner=user)
    original = QuerySet.first
    lookups = []

    def first(queryset):
        lookups.append(queryset.model)
        return None if len(lookups) == 1 else original(queryset)

    monkeypatch.setattr(QuerySet, "first", first)

    draft, created = start_assessment(user)

    assert (draft.pk, created) == (theirs.pk, False)
    assert Assessment.objects.filter(owner=user).count() == 1


def test_the_database_refuses_a_second_draft(user, catalogue):
    start_assessment(user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(owner=user)


def test_start_copies_the_latest_submitted_assessment(user, catalogue, submit):
    submit(user, levels_for(catalogue, 5), when=NOW - dt.timedelta(days=30))
    role = Role.objects.get(slug="email-marketing-manager")
    latest = submit(
        user,
        levels_for(catalogue, 1, email_automation=4),
        evidence={"email-automation": "Built the onboarding journey"},
        interests={"email-marketing": True},
        settings={"target_role": role, "country": "CA", "experience_level": "entry"},
        when=NOW,
    )

    draft, created = start_assessment(user)

    assert created is True
    copied = stored(draft)
    assert copied["ratings"] == stored(latest)["ratings"]
    assert copied["ratings"]["email-automation"] == (4, "Built the onboarding journey")
    assert copied["interests"] == {"email-marketing"}
    assert copied["settings"] == (role.pk, "CA", "entry")
    assert (copied["status"], copied["result"]) == ("draft", None)
    assert Rating.objects.filter(assessment=latest).count() == 48


def test_start_leaves_out_everything_under_a_retired_layer(user, catalogue, submit):
    submit(user, levels_for(catalogue, 2), interests={"seo": True, "copywriting": True})
    Layer.objects.filter(slug="distributors").update(is_active=False)

    draft, _ = start_assessment(user)

    distributors = {
        c.slug for c in catalogue.competencies if c.discipline in catalogue_layer(catalogue)
    }
    assert set(ratings_of(draft)) == {c.slug for c in catalogue.competencies} - distributors
    assert stored(draft)["interests"] == {"copywriting"}


@pytest.mark.parametrize("retired", ["role", "discipline", "layer"])
def test_start_drops_a_target_role_the_catalogue_no_longer_offers(user, catalogue, submit, retired):
    role = Role.objects.select_related("discipline__layer").get(slug="seo-specialist")
    submit(user, levels_for(catalogue, 2), settings={"target_role": role})
    entry = {"role": role, "discipline": role.discipline, "layer": role.discipline.layer}[retired]
    type(entry).objects.filter(pk=entry.pk).update(is_active=False)

    draft, _ = start_assessment(user)

    assert draft.target_role_id is None


def catalogue_layer(catalogue, slug="distributors"):
    return {d.slug for d in catalogue.layer_by_slug[slug].disciplines}


def test_start_is_per_person(user, stranger, catalogue, submit):
    submit(stranger, levels_for(catalogue, 4))
    draft, _ = start_assessment(user)
    assert ratings_of(draft) == {}


# --- save_draft ---------------------------------------------------------------------------


def test_save_draft_writes_levels_and_leaves_the_rest(draft, catalogue):
    save_draft(draft, levels={"ab-testing": 2, "paid-search": 0})
    save_draft(draft, levels={"paid-search": 5})
    assert ratings_of(draft) == {"ab-testing": (2, ""), "paid-search": (5, "")}


def test_save_draft_writes_level_and_evidence_together(draft, catalogue):
    save_draft(draft, levels={"ab-testing": 3}, evidence={"ab-testing": "12 tests"})
    assert ratings_of(draft) == {"ab-testing": (3, "12 tests")}


def test_save_draft_keeps_evidence_when_only_the_level_changes(draft, catalogue):
    save_draft(draft, levels={"ab-testing": 3}, evidence={"ab-testing": "12 tests"})
    save_draft(draft, levels={"ab-testing": 4})
    assert ratings_of(draft) == {"ab-testing": (4, "12 tests")}


def test_save_draft_keeps_the_level_when_only_evidence_changes(draft, catalogue):
    save_draft(draft, levels={"ab-testing": 3})
    save_draft(draft, evidence={"ab-testing": "A case study"})
    save_draft(draft, evidence={"ab-testing": ""})
    assert ratings_of(draft) == {"ab-testing": (3, "")}


def test_save_draft_skips_blank_evidence_of_an_unrated_competency(draft, catalogue):
    save_draft(draft, evidence={"ab-testing": "", "paid-search": ""})
    assert ratings_of(draft) == {}


def test_save_draft_refuses_evidence_without_a_level_and_saves_nothing(draft, catalogue):
    save_draft(draft, levels={"technical-seo": 1})
    before = stored(draft)

    with pytest.raises(EvidenceWithoutLevel) as refused:
        save_draft(
            draft,
            levels={"paid-search": 4},
            evidence={"paid-social": "Meta ads", "ab-testing": "Tests", "technical-seo": "x"},
            interests={"seo": True},
            settings={"country": "GB"},
        )

    assert refused.value.names == ["Paid social campaigns", "Experiment design and A/B testing"]
    assert str(refused.value) == (
        "Choose a level before adding evidence for: Paid social campaigns,"
        " Experiment design and A/B testing."
    )
    assert stored(draft) == before


def test_save_draft_ticks_and_unticks_interests(draft, catalogue):
    save_draft(draft, interests={"seo": True, "copywriting": True})
    save_draft(draft, interests={"seo": False, "ux-ui-design": True})
    assert stored(draft)["interests"] == {"copywriting", "ux-ui-design"}


def test_save_draft_sets_the_settings_given(draft, catalogue):
    role = Role.objects.get(slug="cmo")
    save_draft(draft, settings={"target_role": role, "experience_level": "executive"})
    assert stored(draft)["settings"] == (role.pk, "US", "executive")
    save_draft(draft, settings={"target_role": None})
    assert stored(draft)["settings"] == (None, "US", "executive")


def test_save_draft_moves_updated_at(draft, catalogue):
    before = stored(draft)["updated_at"]
    save_draft(draft, levels={"ab-testing": 1})
    assert stored(draft)["updated_at"] > before


def test_save_draft_refuses_a_submitted_assessment(user, catalogue, submit):
    assessment = submit(user, levels_for(catalogue, 2))
    before = stored(assessment)
    with pytest.raises(AssessmentLocked):
        save_draft(assessment, levels={"ab-testing": 5}, settings={"country": "GB"})
    assert stored(assessment) == before


def test_save_draft_of_a_stale_object_checks_the_database(draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 1))
    submit_assessment(Assessment.objects.get(pk=draft.pk), catalogue, NOW)
    assert draft.status == "draft"  # the object in hand does not know yet
    with pytest.raises(AssessmentLocked):
        save_draft(draft, levels={"ab-testing": 5})
    assert ratings_of(draft)["ab-testing"] == (1, "")


# --- submit_assessment --------------------------------------------------------------------


def test_submit_refuses_an_incomplete_draft_and_names_what_is_missing(draft, catalogue):
    levels = levels_for(catalogue, 3)
    del levels["go-to-market"], levels["audience-research"]
    save_draft(draft, levels=levels)
    before = stored(draft)

    with pytest.raises(IncompleteAssessment) as incomplete:
        submit_assessment(draft, catalogue, NOW)

    assert incomplete.value.missing == [
        ("audience-research", "Audience research and personas"),
        ("go-to-market", catalogue.competency_by_slug["go-to-market"].name),
    ]
    assert str(incomplete.value) == "2 competencies are not rated yet."
    assert stored(draft) == before


def test_quick_ratings_are_saved_changed_and_taken_off(draft, catalogue):
    save_draft(draft, quick={"seo": 3, "copywriting": 1})
    save_draft(draft, quick={"seo": 4, "copywriting": None, "paid-media": 0})
    assert stored(draft)["quick"] == {"seo": 4, "paid-media": 0}


def test_a_quick_start_can_be_submitted_and_is_scored_from_its_quick_ratings(draft, catalogue):
    quick = {d.slug: 0 for d in catalogue.disciplines} | {"seo": 4, "copywriting": 3}
    save_draft(draft, levels={"technical-seo": 2}, quick=quick)
    submitted = submit_assessment(draft, catalogue, NOW)
    disciplines = {d["slug"]: d for d in submitted.result["disciplines"]}
    seo_size = len(catalogue.discipline_by_slug["seo"].competencies)
    assert (disciplines["seo"]["rated"], disciplines["seo"]["quick"]) == (1, 4)
    assert disciplines["seo"]["score"] == scoring.discipline_score([2] + [4] * (seo_size - 1))
    assert disciplines["copywriting"]["score"] == 60
    assert disciplines["paid-media"]["quick"] == 0
    assert [w["code"] for w in submitted.result["warnings"]] == ["quick-ratings"]
    # The quick ratings stay with the submitted assessment, as its ratings do.
    assert stored(submitted)["quick"] == quick


def test_submit_needs_every_discipline_rated_one_way_or_the_other(draft, catalogue):
    quick = {d.slug: 2 for d in catalogue.disciplines}
    del quick["seo"]
    seo = [c.slug for c in catalogue.discipline_by_slug["seo"].competencies]
    save_draft(draft, levels={seo[0]: 3}, quick=quick)
    with pytest.raises(IncompleteAssessment) as incomplete:
        submit_assessment(draft, catalogue, NOW)
    assert [slug for slug, _name in incomplete.value.missing] == seo[1:]
    save_draft(draft, levels=dict.fromkeys(seo[1:], 1))
    assert submit_assessment(draft, catalogue, NOW).status == "submitted"


def test_a_new_draft_carries_the_last_quick_ratings_over(user, catalogue):
    first, _created = start_assessment(user)
    save_draft(first, quick={d.slug: 1 for d in catalogue.disciplines})
    submit_assessment(first, catalogue, NOW)
    Discipline.objects.filter(slug="paid-media").update(is_active=False)
    second, created = start_assessment(user)
    assert created
    assert stored(second)["quick"] == {
        d.slug: 1 for d in catalogue.disciplines if d.slug != "paid-media"
    }


def test_submit_counts_zero_as_rated(draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 0))
    submitted = submit_assessment(draft, catalogue, NOW)
    assert (submitted.status, submitted.depth, submitted.breadth) == ("submitted", 0, 0)
    assert submitted.result["depth_discipline"] is None


def test_submit_stores_the_profile_scoring_gives_for_the_same_input(draft, catalogue):
    levels = levels_for(catalogue, 3, market_positioning=5, strategic_planning=5, go_to_market=4)
    role = Role.objects.get(slug="marketing-director")
    save_draft(
        draft,
        levels=levels,
        interests={"marketing-strategy": True},
        settings={"target_role": role, "country": "GB", "experience_level": "senior"},
    )

    submitted = submit_assessment(draft, catalogue, NOW)

    expected = scoring.score(catalogue, levels, ["marketing-strategy"], "marketing-director")
    fresh = Assessment.objects.get(pk=draft.pk)
    assert fresh.result == json.loads(json.dumps(expected.to_dict()))
    assert (fresh.depth, fresh.breadth, fresh.shape, fresh.phase) == (
        expected.depth,
        expected.breadth,
        expected.shape,
        expected.phase,
    )
    assert (fresh.depth, fresh.breadth, fresh.shape, fresh.phase) == (93, 100, "t-shaped", 3)
    assert fresh.scoring_version == SCORING_VERSION == expected.version
    assert fresh.submitted_at == NOW
    assert fresh.status == "submitted"
    assert submitted.pk == fresh.pk


def test_submit_only_once(draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 2))
    submit_assessment(draft, catalogue, NOW)
    before = stored(draft)
    with pytest.raises(AssessmentLocked):
        submit_assessment(draft, catalogue, NOW + dt.timedelta(hours=1))
    assert stored(draft) == before


def test_submit_ignores_ratings_of_competencies_retired_since(draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 4))
    Competency.objects.filter(slug="ab-testing").update(is_active=False)
    Discipline.objects.filter(slug="paid-media").update(is_active=False)

    submitted = submit_assessment(draft, catalogue_snapshot(), NOW)

    disciplines = {d["slug"]: d for d in submitted.result["disciplines"]}
    assert "paid-media" not in disciplines
    conversion = disciplines["conversion-optimisation"]
    assert (conversion["rated"], conversion["total"], conversion["score"]) == (2, 2, 80)


def test_draft_inputs_leave_out_what_the_catalogue_no_longer_has(draft, catalogue):
    role = Role.objects.get(slug="ppc-specialist")
    draft = save_draft(
        draft,
        levels={"ab-testing": 3, "paid-search": 4},
        interests={"paid-media": True, "seo": True},
        quick={"paid-media": 2, "copywriting": 3},
        settings={"target_role": role},
    )
    given = draft_inputs(draft, catalogue)
    assert (dict(given.ratings), sorted(given.interests), given.target_role) == (
        {"ab-testing": 3, "paid-search": 4},
        ["paid-media", "seo"],
        "ppc-specialist",
    )
    assert dict(given.quick) == {"paid-media": 2, "copywriting": 3}
    Discipline.objects.filter(slug="paid-media").update(is_active=False)
    Role.objects.filter(pk=role.pk).update(is_active=False)

    given = draft_inputs(draft, catalogue_snapshot())
    assert (dict(given.ratings), list(given.interests), given.target_role) == (
        {"ab-testing": 3},
        ["seo"],
        None,
    )
    assert dict(given.quick) == {"copywriting": 3}


def test_each_submit_marks_the_latest(user, catalogue, submit):
    first = submit(user, levels_for(catalogue, 1))
    second = submit(user, levels_for(catalogue, 2))
    assert dict(Assessment.objects.filter(owner=user).values_list("pk", "is_latest")) == {
        first.pk: False,
        second.pk: True,
    }
