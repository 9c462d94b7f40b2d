"""Fetch objects for the person asking, or refuse: the one place object-level rules live.

Pages, htmx partials, exports and the API all go through these, so a rule written here
holds everywhere. A stranger gets a 404 (we do not confirm what exists); a member asking
for a manager's view gets a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from assessments.ids import parse_id
from assessments.models import ApiToken, Assessment, Membership, Team


def assessment_for_owner(user, pk, *, among: QuerySet[Assessment] | None = None) -> Assessment:
    """One of the user's own assessments, drafts included, with its target role; `among`
    reads it otherwise (other columns, other related rows), never more widely."""
    assessment_id = parse_id(pk)
    if among is None:
        among = Assessment.objects.select_related("target_role")
    try:
        if assessment_id is None:
            raise Assessment.DoesNotExist
        return among.get(pk=assessment_id, owner=user)
    except Assessment.DoesNotExist as error:
        raise Http404("No such assessment.") from error


def submitted_for_owner(user, pk) -> Assessment:
    """One of the user's own submitted assessments, with its owner; a draft 404s like
    someone else's assessment."""
    assessment_id = parse_id(pk)
    try:
        if assessment_id is None:
            raise Assessment.DoesNotExist
        return Assessment.objects.select_related("owner").get(
            pk=assessment_id, owner=user, status=Assessment.Status.SUBMITTED
        )
    except Assessment.DoesNotExist as error:
        raise Http404("No such assessment.") from error


def api_token_for_owner(user, pk) -> ApiToken:
    """One of the user's own API tokens, revoked ones included."""
    token_id = parse_id(pk)
    if token_id is None:
        raise Http404("No such token.")
    try:
        return ApiToken.objects.get(pk=token_id, user=user)
    except ApiToken.DoesNotExist as error:
        raise Http404("No such token.") from error


def membership_for(user, slug) -> Membership:
    """The user's membership of the team with this slug, or 404 if they are not in it."""
    if not user.is_authenticated:
        raise Http404("No such team.")
    try:
        return Membership.objects.select_related("team").get(team__slug=slug, user=user)
    except Membership.DoesNotExist as error:
        raise Http404("No such team.") from error


def team_for_member(user, slug) -> tuple[Team, Membership]:
    membership = membership_for(user, slug)
    return membership.team, membership


def team_for_manager(user, slug) -> Team:
    """A team the user manages; members who do not manage it get 403, others 404."""
    membership = membership_for(user, slug)
    if not membership.is_manager:
        raise PermissionDenied("Only the team's managers can see this.")
    return membership.team


def member_of_managed_team(user, slug, member_id) -> tuple[Team, Membership]:
    """A member of a team the user manages (the manager may ask for themselves too)."""
    team = team_for_manager(user, slug)
    user_id = parse_id(member_id)
    try:
        if user_id is None:
            raise Membership.DoesNotExist
        membership = Membership.objects.select_related("user").get(team=team, user_id=user_id)
    except Membership.DoesNotExist as error:
        raise Http404("No such member.") from error
    return team, membership


__all__ = [
    "api_token_for_owner",
    "assessment_for_owner",
    "member_of_managed_team",
    "membership_for",
    "team_for_manager",
    "team_for_member",
]
