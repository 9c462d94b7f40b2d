"""Changes a manager makes that a team's members are told of: removing a member (and
restoring them), renaming and deleting the team. Each is one transaction with its notices."""

from django.db import transaction
from django.utils import timezone

from assessments.domain.names import name_of
from assessments.domain.removals import RESTORE_WINDOW, restorable
from assessments.models import Membership, Notice, Removal, Team
from assessments.services.teams import TeamRuleError, lock_memberships, managers_left


@transaction.atomic
def remove_member(team: Team, user_id: int, manager) -> Removal:
    """Take the member out of the team, keep what undoing it needs, and tell them."""
    memberships = lock_memberships(team)
    target = memberships.get(user_id)
    if target is None:
        raise TeamRuleError("That person is no longer in the team.")
    if target.is_manager and not managers_left(memberships, user_id):
        raise TeamRuleError("The team's only manager cannot be removed.")
    # Removals past undoing are of no more use.
    Removal.objects.filter(team=team, removed_at__lt=timezone.now() - RESTORE_WINDOW).delete()
    removal = Removal.objects.create(
        team=team,
        user_id=user_id,
        role=target.role,
        joined_at=target.joined_at,
        removed_by=manager,
    )
    target.delete()
    Notice.objects.create(
        user_id=user_id, text=f"{name_of(manager)} removed you from “{team.name}”."
    )
    return removal


@transaction.atomic
def restore_member(team: Team, removal: Removal, manager) -> Membership:
    """Undo a removal while it may be undone: the member is back with their role and the
    date they first joined, and told."""
    if not restorable(removal.removed_at, timezone.now()):
        raise TeamRuleError("It is too late to undo this removal: invite them again instead.")
    membership, created = Membership.objects.get_or_create(
        team=team,
        user_id=removal.user_id,
        defaults={"role": removal.role},
    )
    if created:
        Membership.objects.filter(pk=membership.pk).update(joined_at=removal.joined_at)
        Notice.objects.create(
            user_id=removal.user_id,
            text=f"{name_of(manager)} undid your removal: you are in “{team.name}” again.",
        )
    Removal.objects.filter(team=team, user_id=removal.user_id).delete()
    return membership


def _tell_members(team: Team, text: str, manager) -> None:
    Notice.objects.bulk_create(
        Notice(user_id=user_id, text=text)
        for user_id in team.memberships.exclude(user=manager).values_list("user_id", flat=True)
    )


@transaction.atomic
def rename_team(team: Team, name: str, manager) -> Team:
    """A new name; the slug, and so every address and the invite link, stay."""
    old, name = team.name, name.strip()
    if name == old:
        return team
    team.name = name
    team.save(update_fields=["name"])
    _tell_members(team, f"{name_of(manager)} renamed the team “{old}” to “{name}”.", manager)
    return team


@transaction.atomic
def delete_team(team: Team, manager) -> None:
    """Delete the team and its memberships; everyone's own assessments stay. The other
    members are told."""
    _tell_members(
        team,
        f"{name_of(manager)} deleted the team “{team.name}”. Your own profile and "
        "assessments are unchanged.",
        manager,
    )
    team.delete()
