"""Reads of everything held about one person, for their own download."""

from django.db.models import Prefetch, QuerySet

from assessments.models import ApiToken, Assessment, Membership, Notice, Rating


def assessments_with_ratings(user) -> QuerySet[Assessment]:
    """All of the user's assessments, oldest first, with their target role, ratings (by
    competency slug) and interests (three queries)."""
    return (
        Assessment.objects.filter(owner=user)
        .select_related("target_role")
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=Rating.objects.select_related("competency").order_by("competency__slug"),
            ),
            "interests",
        )
        .order_by("created_at", "pk")
    )


def memberships(user) -> QuerySet[Membership]:
    """The user's memberships with their teams, by team name."""
    return Membership.objects.filter(user=user).select_related("team").order_by("team__name", "pk")


def api_tokens(user) -> QuerySet[ApiToken]:
    """The user's API tokens, oldest first, revoked ones included."""
    return ApiToken.objects.filter(user=user).order_by("created_at", "pk")


def notices(user) -> QuerySet[Notice]:
    """What the user was told about their teams and has not dismissed, oldest first."""
    return Notice.objects.filter(user=user).order_by("created_at", "pk")
