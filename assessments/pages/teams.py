"""The team pages: the list of one's teams, a team, its coverage dashboard and the people
search."""

import zlib
from collections.abc import Callable
from datetime import date
from typing import Protocol

from django.forms import BaseForm
from django.template.loader import render_to_string
from django.utils import timezone

from assessments import paging
from assessments.domain import charts
from assessments.domain.catalogue import Catalogue
from assessments.domain.invites import invite_status
from assessments.domain.people import Criterion
from assessments.domain.removals import RESTORE_WINDOW, restore_hours
from assessments.domain.team_picture import team_t
from assessments.models import Membership, Team
from assessments.pages.profiles import history_page, profile_page
from assessments.queries import teams as queries
from assessments.queries.assessments import latest_submitted
from assessments.queries.invites import Invite

HEATMAP_PAGE_SIZE = 50
MAX_PAGE = 10_000


def team_list_page(user, create_form: BaseForm, join_form: BaseForm) -> dict:
    return {
        "memberships": queries.memberships_of(user),
        "create_form": create_form,
        "join_form": join_form,
    }


def join_page(invite: Invite, user) -> dict:
    return {
        "team": invite.team,
        "invite": invite,
        "already": queries.is_member(invite.team, user),
    }


def team_page(
    team: Team, membership: Membership, invite_url: Callable[[], str], page: str | None = None
) -> dict:
    """A page of the team's members and, for its managers, the invite link (`invite_url`
    builds it). `page` is the ``?page=`` asked for: anything but a whole number from 1 is
    the first page."""
    members = queries.team_members(team, _page_number(page))
    return {
        "team": team,
        "membership": membership,
        "members": members,
        # The only manager cannot stop being one: no button offers it.
        "only_manager": queries.manager_count(team) == 1,
        "invite_url": invite_url() if membership.is_manager else "",
        "invite_status": invite_status(team.invite_issued_at, timezone.now()),
        "removals": queries.recent_removals(team, timezone.now() - RESTORE_WINDOW)
        if membership.is_manager
        else [],
        "restore_hours": restore_hours(),
    }


def dashboard_body(
    team: Team,
    catalogue: Catalogue,
    today: date,
    *,
    sort: str | None,
    page: str | None,
    heatmap_only: bool,
    search_form: Callable[[], BaseForm],
) -> str:
    """The coverage dashboard below the site's header, or its heatmap alone, as HTML:
    rendered once and kept while the team and the catalogue hold (queries.team_cached).
    The catalogue must have disciplines."""
    # Only what changes the page goes into the cache key: an unknown sort is by name, and
    # a page past the last is the last.
    if sort not in {"depth", "breadth", *(d.slug for d in catalogue.disciplines)}:
        sort = "name"
    number = min(_page_number(page), MAX_PAGE)
    part = "heatmap" if heatmap_only else "body"

    def build():
        result = queries.team_coverage(team, today, catalogue)
        if result is None:
            raise ValueError("A coverage dashboard needs a catalogue with disciplines.")
        sorted_rows = result.sorted_heatmap(sort)
        context = {
            "team": team,
            "coverage": result,
            "sort": sorted_rows.key,
            "sort_name": _sort_names(catalogue).get(sorted_rows.key, sorted_rows.key),
            "page": _page(number, sorted_rows.rows),
            "search_form": search_form(),
            "trend_chart": _trend_chart(result.trend),
            "team_chart": (
                team_t(result.structure, result.disciplines) if result.submitted_count else None
            ),
        }
        template = "assessments/includes/team_dashboard_body.html"
        return render_to_string(template + "#heatmap" if part == "heatmap" else template, context)

    return queries.team_cached(
        team,
        "dashboard",
        [today.isoformat(), zlib.crc32(team.name.encode()), sort, number, part],
        build,
    )


def _page_number(value: str | None) -> int:
    try:
        return max(int(value or "1"), 1)
    except ValueError:
        return 1


def _page(number, rows):
    return paging.page_of(rows, number, HEATMAP_PAGE_SIZE)


def _sort_names(catalogue):
    """What each sort key is called in the heatmap's caption: a discipline by its name."""
    return {"name": "name", "depth": "depth", "breadth": "breadth"} | {
        discipline.slug: discipline.name for discipline in catalogue.disciplines
    }


def competency_choices(catalogue):
    """The people search's competencies, grouped by discipline."""
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


class CriteriaForm(Protocol):
    """The people search's form (assessments.forms.PeopleSearchForm), as this page uses it."""

    is_bound: bool

    def is_valid(self) -> bool: ...

    def criteria(self) -> list[tuple[str, int]]: ...


def people_page(team: Team, catalogue: Catalogue, form: CriteriaForm) -> tuple[dict, int]:
    """The people search (`form`, bound to what was asked or not) and, once asked, who
    meets every criterion, with their level in each; with the answer's status."""
    results = None
    asked: list[tuple[str, int]] = []
    if form.is_valid():
        criteria = [Criterion(slug, level) for slug, level in form.criteria()]
        asked = [(catalogue.competency_by_slug[c.slug].name, c.min_level) for c in criteria]
        results = [
            {
                "person": match,
                "levels": [
                    (name, level) for (name, _), level in zip(asked, match.levels, strict=True)
                ],
            }
            for match in queries.people_meeting(team, criteria)
        ]
    context = {"team": team, "form": form, "results": results, "asked": asked}
    return context, 422 if form.is_bound and not form.is_valid() else 200


def member_profile_page(team: Team, member) -> dict | None:
    """A member's latest submitted profile as their manager sees it; None until they
    submit one (drafts are never shown)."""
    latest = latest_submitted(member.pk)
    if latest is None:
        return None
    return profile_page(latest, third_person=True) | {"team": team, "member": member}


def member_history_page(team: Team, member) -> dict:
    return history_page(member) | {"team": team, "member": member}
