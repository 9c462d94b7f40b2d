"""Reads for invitations: the team an invite code or an invite link leads to, whether it
still works, and who invites."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.formats import date_format

from assessments.domain import invites
from assessments.domain.names import name_of, names_together
from assessments.models import Membership, RetiredInvite, Team

MAX_CODE_LENGTH = 64
JOIN_LINK = "assessments:team-join-link"


@dataclass(frozen=True, slots=True)
class Invite:
    team: Team
    status: invites.InviteStatus
    inviter: str
    """Who invites: the manager who issued the code, else the team's managers."""

    @property
    def valid(self) -> bool:
        return self.status.valid


def invite_for_code(code: str, now: datetime) -> Invite | None:
    """The invite a code stands for, working or not; None for a code no team ever had.
    Two queries: the team (or the replaced code with its team) and, only when the manager
    who issued the code has since deleted their account, the managers."""
    code = (code or "").strip()
    if not code or len(code) > MAX_CODE_LENGTH:
        return None
    team = Team.objects.select_related("invite_issued_by").filter(invite_code=code).first()
    if team is not None:
        status = invites.invite_status(team.invite_issued_at, now)
        return Invite(team, status, _inviter(team))
    retired = (
        RetiredInvite.objects.select_related("team__invite_issued_by").filter(code=code).first()
    )
    if retired is None:
        return None
    status = invites.invite_status(
        retired.team.invite_issued_at, now, replaced_at=retired.retired_at
    )
    return Invite(retired.team, status, _inviter(retired.team))


def invite_in_link(path: str, now: datetime) -> Invite | None:
    """The invite behind a join link's path (as a `next` address carries it), or None when
    the path is not a join link."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    if match.view_name != JOIN_LINK:
        return None
    return invite_for_code(match.kwargs["code"], now)


def _inviter(team: Team) -> str:
    if team.invite_issued_by is not None:
        return name_of(team.invite_issued_by)
    managers = [
        name_of(membership.user)
        for membership in Membership.objects.filter(team=team, role=Membership.Role.MANAGER)
        .select_related("user")
        .order_by("user__username")
    ]
    return names_together(managers)


def invite_problem(invite: Invite) -> str:
    """Why an invite that no longer works does not, and what to do."""
    when = date_format(timezone.localtime(invite.status.expires_at), "j F Y")
    if invite.status.state is invites.InviteState.REPLACED:
        return (
            f"This invite to “{invite.team.name}” was replaced by a newer one on {when}. "
            f"Ask {invite.inviter} for the current link or code."
        )
    return (
        f"This invite to “{invite.team.name}” expired on {when}. "
        f"Ask {invite.inviter} for a new link or code."
    )
