"""services.assessments.store_profiles, the one writer of scored profiles."""

import datetime as dt

from assessments.domain import scoring
from assessments.domain.profile import SCORING_VERSION
from assessments.models import Assessment
from assessments.services.assessments import (
    profile_fields,
    save_draft,
    start_assessment,
    store_profiles,
)
from tests.assessments.conftest import levels_for
from tests.factories import UserFactory

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def test_a_draft_is_stored_in_place_as_its_owners_latest(user, catalogue, submit):
    earlier = submit(user, levels_for(catalogue, 1))
    draft, _ = start_assessment(user)
    save_draft(draft, levels=levels_for(catalogue, 2))
    profile = scoring.score(catalogue, levels_for(catalogue, 2))

    store_profiles([(draft, profile)], NOW)

    stored = Assessment.objects.get(pk=draft.pk)
    assert stored.status == Assessment.Status.SUBMITTED
    assert stored.submitted_at == NOW
    assert stored.is_latest
    assert {name: getattr(stored, name) for name in profile_fields(profile)} == profile_fields(
        profile
    )
    earlier.refresh_from_db()
    assert not earlier.is_latest


def test_new_assessments_are_inserted_together_and_each_becomes_its_owners_latest(
    user, catalogue, submit, django_assert_num_queries
):
    other = UserFactory(username="bob")
    earlier = submit(user, levels_for(catalogue, 1))
    profile = scoring.score(catalogue, levels_for(catalogue, 3))
    new = [Assessment(owner=user), Assessment(owner=other)]

    with django_assert_num_queries(2):  # the mark taken off the one before, the insert
        store_profiles([(assessment, profile) for assessment in new], NOW)

    assert all(assessment.pk for assessment in new)
    assert set(Assessment.objects.filter(is_latest=True).values_list("pk", flat=True)) == {
        assessment.pk for assessment in new
    }
    earlier.refresh_from_db()
    assert not earlier.is_latest
    assert Assessment.objects.get(pk=new[1].pk).result == profile.to_dict()


def test_profile_fields_are_the_result_and_its_compact_scores(catalogue):
    profile = scoring.score(catalogue, levels_for(catalogue, 4))
    fields = profile_fields(profile)
    assert fields["result"] == profile.to_dict()
    assert fields["scoring_version"] == SCORING_VERSION
    assert (fields["depth"], fields["breadth"], fields["shape"], fields["phase"]) == (
        profile.depth,
        profile.breadth,
        profile.shape,
        profile.phase,
    )
    assert fields["discipline_scores"] == {d.slug: d.score for d in profile.disciplines}
    assert fields["layer_scores"] == {layer.slug: layer.score for layer in profile.layers}
