"""A catalogue role as the signed-in person sees it: their fit, gaps and salary."""

from assessments.models import Assessment, submitted
from assessments.queries.assessments import draft_of, latest_submitted
from assessments.queries.catalogue import salary_band
from careers.models import Role


def role_fit_page(user, role: Role) -> dict:
    """How the user fits `role`, from the profile of their latest submitted assessment as
    it was scored (the profile page shows the same fit and gaps); the salary band at that
    assessment's country and experience level; whether the role is already their target."""
    latest = latest_submitted(user.pk)
    match = band = None
    explanation = ""
    if latest is not None:
        result = submitted(latest.result)
        match = next((m for m in result["matches"] if m["role"] == role.slug), None)
        explanation = result["explanations"]["fits"].get(role.slug, "")
        band = salary_band(role, latest.country, latest.experience_level)
    draft = draft_of(user)
    aiming: Assessment | None = draft or latest
    return {
        "role": role,
        "latest": latest,
        "match": match,
        "explanation": explanation,
        "band": band,
        "is_target": aiming is not None and aiming.target_role_id == role.pk,
        "draft": draft,
    }
