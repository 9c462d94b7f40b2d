"""Writes to teams and their memberships, each in one transaction."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from assessments.models import Membership, RetiredInvite, Team, new_invite_code


class TeamRuleError(Exception):
    """A team change that would break a rule (e.g. leave a team without a manager)."""


@transaction.atomic
def create_team(name: str, manager) -> Team:
    """A new team with a unique slug from its name; its creator becomes its manager."""
    base = slugify(name)[:100] or "team"
    slug, suffix = base, 1
    while Team.objects.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    team = Team.objects.create(name=name.strip(), slug=slug, invite_issued_by=manager)
    Membership.objects.create(team=team, user=manager, role=Membership.Role.MANAGER)
    return team


@transaction.atomic
def join_team(team: Team, user) -> tuple[Membership, bool]:
    """Add the user as a member; joining twice changes nothing. Returns (membership, joined)."""
    membership, created = Membership.objects.get_or_create(
        team=team, user=user, defaults={"role": Membership.Role.MEMBER}
    )
    return membership, created


def lock_memberships(team: Team) -> dict[int, Membership]:
    return {
        m.user_id: m
        for m in Membership.objects.select_for_update().filter(team=team).order_by("pk")
    }


def managers_left(memberships: dict[int, Membership], without: int) -> int:
    return sum(1 for m in memberships.values() if m.is_manager and m.user_id != without)


@transaction.atomic
def leave_team(team: Team, user) -> None:
    memberships = lock_memberships(team)
    mine = memberships.get(user.pk)
    if mine is None:
        return
    if mine.is_manager and not managers_left(memberships, user.pk):
        raise TeamRuleError(
            "You are this team's only manager. Make another member a manager before you "
            "leave, so the team is not left without one."
        )
    mine.delete()


@transaction.atomic
def set_member_role(team: Team, user_id: int, role: str) -> Membership:
    memberships = lock_memberships(team)
    target = memberships.get(user_id)
    if target is None:
        raise TeamRuleError("That person is no longer in the team.")
    if role not in Membership.Role.values:
        raise TeamRuleError("Choose member or manager.")
    if (
        role == Membership.Role.MEMBER
        and target.is_manager
        and not managers_left(memberships, user_id)
    ):
        raise TeamRuleError("The team's only manager cannot stop being a manager.")
    target.role = role
    target.save(update_fields=["role"])
    return target


@transaction.atomic
def rotate_invite_code(team: Team, manager) -> str:
    """Replace the invite code with one issued by `manager` now: the old code and link stop
    working at once, and say they were replaced."""
    now = timezone.now()
    RetiredInvite.objects.create(team=team, code=team.invite_code, retired_at=now)
    team.invite_code = new_invite_code()
    team.invite_issued_at = now
    team.invite_issued_by = manager
    team.save(update_fields=["invite_code", "invite_issued_at", "invite_issued_by"])
    return team.invite_code
