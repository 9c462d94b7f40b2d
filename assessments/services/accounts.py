"""Writes to a person's account as a whole, and the e-mail that resets its password."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

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


def send_password_reset(
    user_id: int,
    *,
    domain: str,
    site_name: str,
    protocol: str,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None,
    from_email: str | None,
) -> bool:
    """E-mail a password-reset link to an account, made now; False if the account can no
    longer reset its password (gone, inactive, without a usable password or an address).

    The link is made here, in the task worker, so that the task keeps only the account's
    id and the site's address, never a link that resets the password.
    """
    user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return False
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    # Django's own rendering and sending (which logs a failure instead of raising).
    PasswordResetForm().send_mail(
        subject_template_name,
        email_template_name,
        context,
        from_email,
        user.email,
        html_email_template_name,
    )
    return True
