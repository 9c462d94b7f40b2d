"""A manager's changes to a team that its members are told of: removing a member (asked
first, undone for a while after), renaming and deleting the team; and a person dismissing
what they were told.

Each page is a plain form: it asks, and the post does it. Teams and members are fetched
through assessments.access, so strangers get 404 and members 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments import access
from assessments.domain.names import name_of
from assessments.domain.removals import restore_hours
from assessments.forms import DeleteTeamForm, TeamForm
from assessments.ids import parse_id
from assessments.models import Notice, Removal
from assessments.services import team_changes
from assessments.services.teams import TeamRuleError


@require_http_methods(["GET", "POST"])
@login_required
def remove_member(request, slug, member_id):
    team, membership = access.member_of_managed_team(request.user, slug, member_id)
    name = name_of(membership.user)
    if request.method == "POST":
        try:
            team_changes.remove_member(team, membership.user_id, request.user)
        except TeamRuleError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"{name} was removed from the team and told. Changed your mind? “Restore” "
                f"below brings them back for {restore_hours()} hours.",
            )
        return redirect(team)
    context = {"team": team, "member": membership.user, "restore_hours": restore_hours()}
    return render(request, "assessments/team_member_remove.html", context)


@require_POST
@login_required
def restore_member(request, slug, member_id):
    team = access.team_for_manager(request.user, slug)
    user_id = parse_id(member_id)
    removal = (
        Removal.objects.select_related("user").filter(team=team, user_id=user_id).first()
        if user_id is not None
        else None
    )
    if removal is None:
        raise Http404("Nobody was removed by that id.")
    try:
        team_changes.restore_member(team, removal, request.user)
    except TeamRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{name_of(removal.user)} is back in the team, and told.")
    return redirect(team)


@require_http_methods(["GET", "POST"])
@login_required
def rename(request, slug):
    team = access.team_for_manager(request.user, slug)
    old_name = team.name
    # Not bound to the team: a name refused must not reach the page's heading.
    form = TeamForm(request.POST or None, initial={"name": team.name})
    if request.method == "POST" and form.is_valid():
        team_changes.rename_team(team, form.cleaned_data["name"], request.user)
        messages.success(request, f"“{old_name}” is now “{team.name}”; its members are told.")
        return redirect(team)
    status = 422 if form.is_bound else 200
    return render(
        request, "assessments/team_rename.html", {"team": team, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def delete(request, slug):
    team = access.team_for_manager(request.user, slug)
    form = DeleteTeamForm(team, request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = team.name
        team_changes.delete_team(team, request.user)
        messages.success(request, f"“{name}” was deleted; its members are told.")
        return redirect("assessments:teams")
    context = {"team": team, "form": form, "member_count": team.memberships.count()}
    return render(
        request, "assessments/team_delete.html", context, status=422 if form.is_bound else 200
    )


@require_POST
@login_required
def dismiss_notice(request, pk):
    notice_id = parse_id(pk)
    deleted, _ = (
        Notice.objects.filter(pk=notice_id, user=request.user).delete() if notice_id else (0, {})
    )
    if not deleted:
        raise Http404("No such notice.")
    return redirect("assessments:dashboard")
