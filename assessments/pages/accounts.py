"""The account's data: everything held about a person, for them to download."""

from assessments.pages.shares import include_of
from assessments.queries import accounts as queries


def account_export(user, *, now) -> dict:
    """Everything held about a person, as plain JSON types (a fixed number of queries)."""
    assessments = queries.assessments_with_ratings(user)
    return {
        "exported_at": now.isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "assessments": [
            {
                "id": assessment.pk,
                "status": assessment.status,
                "source": assessment.source,
                "created_at": assessment.created_at.isoformat(),
                "submitted_at": (
                    assessment.submitted_at.isoformat() if assessment.submitted_at else None
                ),
                "target_role": assessment.target_role.slug if assessment.target_role else None,
                "country": assessment.country,
                "experience_level": assessment.experience_level,
                "interests": sorted(d.slug for d in assessment.interests.all()),
                "ratings": [
                    {
                        "competency": rating.competency.slug,
                        "name": rating.competency.name,
                        "level": rating.level,
                        "evidence": rating.evidence,
                    }
                    for rating in assessment.ratings.all()
                ],
                "scoring_version": assessment.scoring_version or None,
                "result": assessment.result,
            }
            for assessment in assessments
        ],
        "teams": [
            {
                "team": membership.team.name,
                "slug": membership.team.slug,
                "role": membership.role,
                "joined_at": membership.joined_at.isoformat(),
            }
            for membership in queries.memberships(user)
        ],
        "notices": [
            {"text": notice.text, "created_at": notice.created_at.isoformat()}
            for notice in queries.notices(user)
        ],
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at.isoformat(),
                "expires_at": _iso(token.expires_at),
                "last_used_at": _iso(token.last_used_at),
                "revoked_at": _iso(token.revoked_at),
            }
            for token in queries.api_tokens(user)
        ],
        "share_links": [
            {
                "assessment": link.assessment_id,
                "shows": ["T and scores", *include_of(link).labels()],
                "created_at": link.created_at.isoformat(),
                "expires_at": link.expires_at.isoformat(),
                "revoked_at": _iso(link.revoked_at),
            }
            for link in queries.share_links(user)
        ],
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None
