"""Writes to a person's account as a whole."""

from django.db import transaction

from assessments.models import Membership, Team
from assessments.services.teams import TeamRuleError


@transaction.atomic
def delete_account(user) -> None:
    """Delete a person and everything of theirs: assessments, ratings, interests and
    memberships. Teams they were alone in go with them; a team they are the only manager
    of, with other members, must get another manager first."""
    stranded = [
        m.team.name
        for m in Membership.objects.select_related("team").filter(
            user=user, role=Membership.Role.MANAGER
        )
        if not Membership.objects.filter(team=m.team, role=Membership.Role.MANAGER)
        .exclude(user=user)
        .exists()
        and Membership.objects.filter(team=m.team).exclude(user=user).exists()
    ]
    if stranded:
        raise TeamRuleError(
            "You are the only manager of "
            + ", ".join(sorted(stranded))
            + ". Make another member a manager first; nothing was deleted."
        )
    alone = [
        team_id
        for team_id in Membership.objects.filter(user=user).values_list("team_id", flat=True)
        if not Membership.objects.filter(team_id=team_id).exclude(user=user).exists()
    ]
    Team.objects.filter(pk__in=alone).delete()
    user.delete()
