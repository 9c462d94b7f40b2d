"""Reads of assessments that feed the rules and pages: rows in, plain data out."""

from assessments import scoring
from assessments.models import Assessment
from careers.models import Role


def draft_inputs(assessment: Assessment, catalogue: scoring.Catalogue):
    """The ratings, interests and target of an assessment, as scoring's plain input.

    Ratings of competencies retired since they were given are left out, as is a retired
    target role, so a draft started before a catalogue change still scores.
    """
    known = catalogue.competency_by_slug
    ratings = {
        slug: level
        for slug, level in assessment.ratings.values_list("competency__slug", "level")
        if slug in known
    }
    interests = [
        slug
        for slug in assessment.interests.values_list("slug", flat=True)
        if slug in catalogue.discipline_by_slug
    ]
    target = None
    if assessment.target_role_id:
        slug = (
            Role.objects.filter(pk=assessment.target_role_id).values_list("slug", flat=True).first()
        )
        target = slug if slug in catalogue.role_by_slug else None
    return ratings, interests, target


def latest_submitted(user_id) -> Assessment | None:
    """A person's latest submitted assessment; drafts are never shown to anyone else."""
    return (
        Assessment.objects.filter(owner_id=user_id, is_latest=True)
        .select_related("target_role")
        .first()
    )
