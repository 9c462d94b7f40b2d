"""Writes to a person's account as a whole."""

from collections import defaultdict

from django.db import transaction

from assessments.models import Membership, Team
from assessments.services.teams import TeamRuleError


@transaction.atomic
def delete_account(user) -> None:
    """Delete a person and everything of theirs: assessments, ratings, interests and
    memberships. Teams they were alone in go with them; a team they are the only manager
    of, with other members, must get another manager first.

    Every membership of their teams is locked first (team by team, each in id order, as
    leaving, removing and changing roles lock one team's), so a leave, a demotion or
    another deletion at the same moment cannot leave a team with members and no manager."""
    team_ids = sorted(set(Membership.objects.filter(user=user).values_list("team_id", flat=True)))
    teams: dict[int, list[Membership]] = defaultdict(list)
    for membership in (
        Membership.objects.select_for_update(of=("self",))
        .select_related("team")
        .filter(team_id__in=team_ids)
        .order_by("team_id", "pk")
    ):
        teams[membership.team_id].append(membership)
    stranded = []
    alone = []
    for team_id, memberships in teams.items():
        others = [m for m in memberships if m.user_id != user.pk]
        mine = next((m for m in memberships if m.user_id == user.pk), None)
        if mine is None:
            continue  # left a moment ago
        if not others:
            alone.append(team_id)
        elif mine.is_manager and not any(m.is_manager for m in others):
            stranded.append(mine.team.name)
    if stranded:
        raise TeamRuleError(
            "You are the only manager of "
            + ", ".join(sorted(stranded))
            + ". Make another member a manager first; nothing was deleted."
        )
    Team.objects.filter(pk__in=alone).delete()
    user.delete()
