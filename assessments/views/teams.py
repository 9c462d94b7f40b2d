"""Teams: create, join, leave and manage; and, for managers, the coverage dashboard, the
people search, CSV exports and members' latest submitted profiles.

Every view fetches the team through assessments.access: strangers get 404, members asking
for a manager's page get 403.
"""

import zlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_ratelimit.decorators import ratelimit

from assessments import access, exports, paging
from assessments.domain import charts
from assessments.domain.names import person_name
from assessments.forms import JoinTeamForm, PeopleSearchForm, TeamForm
from assessments.models import Membership
from assessments.pages.profiles import history_page, profile_page
from assessments.queries.assessments import latest_submitted
from assessments.queries.catalogue import current_catalogue
from assessments.queries.teams import (
    people_at_level,
    team_cached,
    team_coverage,
    team_for_invite,
    team_members,
)
from assessments.services import teams as team_services

HEATMAP_PAGE_SIZE = 50


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
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("team")
        .order_by("team__name", "team__pk")
    )
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "assessments/teams.html",
        {"memberships": memberships, "create_form": create_form, "join_form": join_form},
        status=status,
    )


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
    team = team_for_invite(code)
    if team is None:
        return render(request, "assessments/team_invite_invalid.html", status=404)
    if request.method == "POST":
        return _join(request, team)
    already = Membership.objects.filter(team=team, user=request.user).exists()
    return render(request, "assessments/team_join.html", {"team": team, "already": already})


@require_GET
@login_required
def team_detail(request, slug):
    team, membership = access.team_for_member(request.user, slug)
    members = team_members(team)
    return render(
        request,
        "assessments/team.html",
        {
            "team": team,
            "membership": membership,
            "members": members,
            # The only manager cannot stop being one: no button offers it.
            "only_manager": sum(member.is_manager for member in members) == 1,
            "invite_url": request.build_absolute_uri(
                reverse("assessments:team-join-link", kwargs={"code": team.invite_code})
            )
            if membership.is_manager
            else "",
        },
    )


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
    team_services.rotate_invite_code(team)
    messages.success(request, "New invite code and link issued; the old ones no longer work.")
    return redirect(team)


@require_POST
@login_required
def remove_member(request, slug, member_id):
    team, membership = access.member_of_managed_team(request.user, slug, member_id)
    try:
        team_services.remove_member(team, membership.user_id)
    except team_services.TeamRuleError as error:
        messages.error(request, str(error))
    else:
        user = membership.user
        name = person_name(user.first_name, user.last_name, user.get_username())
        messages.success(request, f"{name} was removed from the team.")
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
        user = membership.user
        name = person_name(user.first_name, user.last_name, user.get_username())
        messages.success(request, f"{name} is now a {updated.get_role_display().lower()}.")
    return redirect(team)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def dashboard(request, slug):
    """The dashboard, or its heatmap alone for htmx. What it shows below the site's header
    is rendered once and kept while the team and the catalogue hold (queries.teams.team_cached)."""
    team = access.team_for_manager(request.user, slug)
    catalogue = current_catalogue()
    if not catalogue.disciplines:
        return render(request, "assessments/team_no_catalogue.html", {"team": team})
    today = timezone.localdate()
    sort = request.GET.get("sort")
    # Only what changes the page goes into the cache key: an unknown sort is by name, and
    # a page past the last is the last.
    if sort not in {"depth", "breadth", *(d.slug for d in catalogue.disciplines)}:
        sort = "name"
    number = min(_page_number(request), MAX_PAGE)
    part = "heatmap" if request.htmx and request.GET.get("part") == "heatmap" else "body"

    def build():
        result = team_coverage(team, today, catalogue)
        sorted_rows = result.sorted_heatmap(sort)
        context = {
            "team": team,
            "coverage": result,
            "sort": sorted_rows.key,
            "sort_name": _sort_names(catalogue).get(sorted_rows.key, sorted_rows.key),
            "page": _page(number, sorted_rows.rows),
            "search_form": PeopleSearchForm(competencies=_competency_choices(catalogue)),
            "trend_chart": _trend_chart(result.trend),
        }
        template = "assessments/includes/team_dashboard_body.html"
        return render_to_string(template + "#heatmap" if part == "heatmap" else template, context)

    html = team_cached(
        team,
        "dashboard",
        [today.isoformat(), zlib.crc32(team.name.encode()), sort, number, part],
        build,
    )
    if part == "heatmap":
        return HttpResponse(html)
    return render(request, "assessments/team_dashboard.html", {"team": team, "body": html})


MAX_PAGE = 10_000


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


def _page(number, rows):
    return paging.page_of(rows, number, HEATMAP_PAGE_SIZE)


def _sort_names(catalogue):
    """What each sort key is called in the heatmap's caption: a discipline by its name."""
    return {"name": "name", "depth": "depth", "breadth": "breadth"} | {
        discipline.slug: discipline.name for discipline in catalogue.disciplines
    }


def _competency_choices(catalogue):
    return [
        (discipline.name, [(c.slug, c.name) for c in discipline.competencies])
        for discipline in catalogue.disciplines
    ]


def _trend_chart(trend):
    if not trend:
        return None
    return charts.line_chart(
        [point.label for point in trend],
        [
            ("depth", "Mean depth", "#1d3557", [round(p.mean_depth) for p in trend]),
            ("breadth", "Mean breadth", "#b5451b", [round(p.mean_breadth) for p in trend]),
        ],
    )


@require_GET
@login_required
@vary_on_headers("HX-Request")
def people(request, slug):
    team = access.team_for_manager(request.user, slug)
    catalogue = current_catalogue()
    form = PeopleSearchForm(request.GET or None, competencies=_competency_choices(catalogue))
    results = None
    competency_name = ""
    if form.is_valid():
        slug_ = form.cleaned_data["competency"]
        results = people_at_level(team, slug_, form.cleaned_data["level"])
        competency_name = catalogue.competency_by_slug[slug_].name
    context = {
        "team": team,
        "form": form,
        "results": results,
        "competency_name": competency_name,
    }
    status = 422 if form.is_bound and not form.is_valid() else 200
    template = (
        "assessments/team_people.html#results" if request.htmx else "assessments/team_people.html"
    )
    return render(request, template, context, status=status)


@require_GET
@login_required
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
    latest = latest_submitted(membership.user_id)
    if latest is None:
        return render(
            request,
            "assessments/team_member_pending.html",
            {"team": team, "member": membership.user},
            status=404,
        )
    context = profile_page(latest)
    context.update({"team": team, "member": membership.user})
    return render(request, "assessments/profile.html", context)


@require_GET
@login_required
def member_history(request, slug, member_id):
    team, membership = access.member_of_managed_team(request.user, slug, member_id)
    context = history_page(membership.user)
    context.update({"team": team, "member": membership.user})
    return render(request, "assessments/history.html", context)
