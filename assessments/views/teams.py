"""Teams: create, join, leave and manage; and, for managers, the coverage dashboard, the
people search, CSV exports and members' latest submitted profiles.

Every view fetches the team through assessments.access: strangers get 404, members asking
for a manager's page get 403.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_ratelimit.decorators import ratelimit

from assessments import access, exports
from assessments.domain.names import name_of
from assessments.forms import JoinTeamForm, PeopleSearchForm, TeamForm
from assessments.pages import teams as pages
from assessments.queries.catalogue import current_catalogue
from assessments.queries.invites import invite_for_code, invite_problem
from assessments.queries.teams import team_coverage
from assessments.services import teams as team_services


@require_http_methods(["GET", "POST"])
@login_required
def team_list(request):
    create_form = TeamForm(request.POST if request.POST.get("form") == "create" else None)
    join_form = JoinTeamForm(request.POST if request.POST.get("form") == "join" else None)
    if request.method == "POST":
        if request.POST.get("form") == "create" and create_form.is_valid():
            team = team_services.create_team(create_form.cleaned_data["name"], request.user)
            messages.success(
                request, f"“{team.name}” is ready. Share its invite code to bring people in."
            )
            return redirect(team)
        if request.POST.get("form") == "join" and join_form.is_valid():
            return _join(request, join_form.team)
    status = 422 if request.method == "POST" else 200
    page = pages.team_list_page(request.user, create_form, join_form)
    return render(request, "assessments/teams.html", page, status=status)


def _join(request, team):
    _membership, joined = team_services.join_team(team, request.user)
    if joined:
        messages.success(request, f"You joined “{team.name}”.")
    else:
        messages.info(request, f"You are already in “{team.name}”; nothing changed.")
    return redirect(team)


@require_http_methods(["GET", "POST"])
@login_required
def join_link(request, code):
    """The invite: who invites to which team, and a button to join it. A code no team ever
    had is a 404; one that expired or was replaced is gone (410), and the page says so."""
    invite = invite_for_code(code, timezone.now())
    if invite is None:
        return render(request, "assessments/team_invite_invalid.html", status=404)
    if not invite.valid:
        context = {"problem": invite_problem(invite)}
        return render(request, "assessments/team_invite_invalid.html", context, status=410)
    if request.method == "POST":
        return _join(request, invite.team)
    return render(request, "assessments/team_join.html", pages.join_page(invite, request.user))


@require_GET
@login_required
def team_detail(request, slug):
    team, membership = access.team_for_member(request.user, slug)

    def invite_url() -> str:
        path = reverse("assessments:team-join-link", kwargs={"code": team.invite_code})
        return request.build_absolute_uri(path)

    page = pages.team_page(team, membership, invite_url, request.GET.get("page"))
    return render(request, "assessments/team.html", page)


@require_POST
@login_required
def leave(request, slug):
    team, _membership = access.team_for_member(request.user, slug)
    try:
        team_services.leave_team(team, request.user)
    except team_services.TeamRuleError as error:
        messages.error(request, str(error))
        return redirect(team)
    messages.success(request, f"You left “{team.name}”.")
    return redirect("assessments:teams")


@require_POST
@login_required
def rotate_invite(request, slug):
    team = access.team_for_manager(request.user, slug)
    team_services.rotate_invite_code(team, request.user)
    messages.success(request, "New invite code and link issued; the old ones no longer work.")
    return redirect(team)


@require_POST
@login_required
def set_role(request, slug, member_id):
    team, membership = access.member_of_managed_team(request.user, slug, member_id)
    try:
        updated = team_services.set_member_role(
            team, membership.user_id, request.POST.get("role", "")
        )
    except team_services.TeamRuleError as error:
        messages.error(request, str(error))
    else:
        name = name_of(membership.user)
        messages.success(request, f"{name} is now a {updated.get_role_display().lower()}.")
    return redirect(team)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def dashboard(request, slug):
    """The dashboard, or its heatmap alone for htmx."""
    team = access.team_for_manager(request.user, slug)
    catalogue = current_catalogue()
    if not catalogue.disciplines:
        return render(request, "assessments/team_no_catalogue.html", {"team": team})
    heatmap_only = bool(request.htmx) and request.GET.get("part") == "heatmap"
    html = pages.dashboard_body(
        team,
        catalogue,
        timezone.localdate(),
        sort=request.GET.get("sort"),
        page=request.GET.get("page"),
        heatmap_only=heatmap_only,
        search_form=lambda: PeopleSearchForm(competencies=pages.competency_choices(catalogue)),
    )
    if heatmap_only:
        return HttpResponse(html)
    return render(request, "assessments/team_dashboard.html", {"team": team, "body": html})


@require_GET
@login_required
@vary_on_headers("HX-Request")
def people(request, slug):
    team = access.team_for_manager(request.user, slug)
    catalogue = current_catalogue()
    form = PeopleSearchForm(request.GET or None, competencies=pages.competency_choices(catalogue))
    context, status = pages.people_page(team, catalogue, form)
    template = (
        "assessments/team_people.html#results" if request.htmx else "assessments/team_people.html"
    )
    return render(request, template, context, status=status)


@require_GET
@login_required
@never_cache  # members' scores: kept by no browser or proxy cache
@ratelimit(key="user", rate=lambda _group, _request: settings.EXPORT_RATE_LIMIT, group="export")
def export(request, slug, kind):
    team = access.team_for_manager(request.user, slug)
    result = team_coverage(team, timezone.localdate())
    if result is None:
        messages.info(request, "There is nothing to export until the catalogue has disciplines.")
        return redirect(team)
    if kind == "heatmap":
        body = exports.heatmap_csv(result)
    elif kind == "coverage":
        body = exports.coverage_csv(result)
    else:
        raise Http404("No such export.")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = f"{team.slug}-{kind}-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def member_profile(request, slug, member_id):
    team, membership = access.member_of_managed_team(request.user, slug, member_id)
    page = pages.member_profile_page(team, membership.user)
    if page is None:
        return render(
            request,
            "assessments/team_member_pending.html",
            {"team": team, "member": membership.user},
            status=404,
        )
    return render(request, "assessments/profile.html", page)


@require_GET
@login_required
def member_history(request, slug, member_id):
    team, membership = access.member_of_managed_team(request.user, slug, member_id)
    page = pages.member_history_page(team, membership.user)
    return render(request, "assessments/history.html", page)
