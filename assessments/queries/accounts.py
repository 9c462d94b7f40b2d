"""Reads of everything held about one person, for their own download."""

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from assessments.models import ApiToken, Assessment, Membership, Notice, Rating, ShareLink, Team


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


def share_links(user) -> QuerySet[ShareLink]:
    """The share links the user made, oldest first, revoked and expired ones included (their
    tokens are not kept)."""
    return ShareLink.objects.filter(assessment__owner=user).order_by("created_at", "pk")


def notices(user) -> QuerySet[Notice]:
    """What the user was told about their teams and has not dismissed, oldest first."""
    return Notice.objects.filter(user=user).order_by("created_at", "pk")


def landing_after_login(user) -> str:
    """Where logging in leads when no page was asked for: a manager with no assessment of
    their own has no T to see yet, so to their team (to the list when they manage several);
    everyone else to their T. At most two queries."""
    dashboard = reverse(settings.LOGIN_REDIRECT_URL)
    if user.assessments.exists():
        return dashboard
    managed = list(
        Team.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.MANAGER
        ).order_by("name")[:2]
    )
    if not managed:
        return dashboard
    if len(managed) > 1:
        return reverse("assessments:teams")
    return managed[0].get_absolute_url()
