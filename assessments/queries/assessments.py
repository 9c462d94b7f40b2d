"""Reads of assessments that feed the rules and pages: rows in, plain data out."""

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple

from django.db.models import QuerySet

from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import ScoringInput, still_offered
from assessments.models import Assessment, Rating, submitted
from careers.models import Role, RoleRequirement


class SavedRating(NamedTuple):
    level: int
    evidence: str
    version: int = 1


def saved_ratings(assessment: Assessment) -> dict[str, SavedRating]:
    """An assessment's ratings by competency slug, retired competencies included (one query).

    The one reader of a draft's ratings: the form, its autosave answers, scoring on submit
    and the API all read them here.
    """
    return {
        slug: SavedRating(level, evidence, version)
        for slug, level, evidence, version in assessment.ratings.values_list(
            "competency__slug", "level", "evidence", "version"
        )
    }


def interest_slugs(assessment: Assessment) -> list[str]:
    """The disciplines an assessment marks for growth, retired ones included (one query)."""
    return list(assessment.interests.values_list("slug", flat=True))


def quick_levels(assessment: Assessment) -> dict[str, int]:
    """An assessment's quick ratings (a level for a whole discipline) by discipline slug,
    retired disciplines included (one query)."""
    return dict(assessment.quick_ratings.values_list("discipline__slug", "level"))


def draft_inputs(assessment: Assessment, catalogue: Catalogue) -> ScoringInput:
    """The ratings, quick ratings, interests and target of an assessment, as scoring's
    plain input.

    What the catalogue has retired since it was given is left out (a retired target role
    too), so a draft started before a catalogue change still scores.
    """
    target = None
    if assessment.target_role_id:
        target = (
            Role.objects.filter(pk=assessment.target_role_id).values_list("slug", flat=True).first()
        )
    return still_offered(
        catalogue,
        {slug: saved.level for slug, saved in saved_ratings(assessment).items()},
        interest_slugs(assessment),
        target,
        quick_levels(assessment),
    )


def target_requirements(assessment: Assessment) -> dict[str, int]:
    """The level its target role asks for in each competency, by slug ({} without a target)."""
    if not assessment.target_role_id:
        return {}
    return dict(
        RoleRequirement.objects.filter(role_id=assessment.target_role_id).values_list(
            "competency__slug", "level"
        )
    )


def latest_submitted(user_id) -> Assessment | None:
    """A person's latest submitted assessment; drafts are never shown to anyone else."""
    return (
        Assessment.objects.filter(owner_id=user_id, is_latest=True)
        .select_related("target_role")
        .first()
    )


def draft_of(user) -> Assessment | None:
    """The user's draft, if they have one (there is at most one)."""
    return Assessment.objects.filter(owner=user, status=Assessment.Status.DRAFT).first()


def recent_submitted(user, count: int) -> list[Assessment]:
    """The user's `count` latest submitted assessments, newest first."""
    return list(
        Assessment.objects.filter(owner=user, status=Assessment.Status.SUBMITTED)
        .select_related("target_role")
        .order_by("-submitted_at", "-pk")[:count]
    )


def profile_heads() -> QuerySet[Assessment]:
    """Assessments as the profile page's headline reads them: without the stored result,
    which only its cached body needs (some 25 KB of JSON)."""
    return Assessment.objects.defer("result", "discipline_scores", "layer_scores")


def previous_submitted(assessment: Assessment) -> int | None:
    """The id of the owner's submitted assessment before this one, if any."""
    return (
        Assessment.objects.filter(
            owner_id=assessment.owner_id,
            status=Assessment.Status.SUBMITTED,
            submitted_at__lt=assessment.submitted_at,
        )
        .order_by("-submitted_at")
        .values_list("pk", flat=True)
        .first()
    )


def assessments_of(user) -> QuerySet[Assessment]:
    """All of the user's assessments, drafts included, newest first."""
    return (
        Assessment.objects.filter(owner=user)
        .select_related("target_role")
        .order_by("-created_at", "-pk")
    )


def submitted_history(user) -> QuerySet[Assessment]:
    """The user's submitted assessments, oldest first, with what a history shows."""
    return (
        Assessment.objects.filter(owner=user, status=Assessment.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
        .only("pk", "submitted_at", "depth", "breadth", "shape", "phase", "result")
    )


def submitted_moments(user) -> list[tuple[int, datetime]]:
    """(id, submitted at) of each of the user's submitted assessments, oldest first."""
    return [
        (pk, submitted(moment))
        for pk, moment in Assessment.objects.filter(owner=user, status=Assessment.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list("pk", "submitted_at")
    ]


def submitted_by_id(user, ids: Collection[int]) -> dict[int, Assessment]:
    """Those of `ids` that are the user's submitted assessments, by id."""
    return {
        assessment.pk: assessment
        for assessment in Assessment.objects.filter(
            pk__in=ids, owner=user, status=Assessment.Status.SUBMITTED
        )
    }


def ratings_with_competencies(ids: Collection[int]) -> QuerySet[Rating]:
    """The ratings of these assessments, each with its competency, discipline and layer."""
    return Rating.objects.filter(assessment_id__in=ids).select_related(
        "competency__discipline__layer"
    )
