"""Teams: the ones I belong to, and for the teams I manage the coverage dashboard and each
member's latest submitted profile (never a draft). A member who does not manage the team
gets 403; anyone outside it 404."""

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from assessments import access
from assessments.api import schemas
from assessments.api.auth import AUTHENTICATED
from assessments.api.errors import Unprocessable, responses
from assessments.api.me import summary
from assessments.api.pagination import MAX_PAGE, MAX_PAGE_SIZE, Pages, Rows, page_count
from assessments.domain import coverage
from assessments.domain.names import name_of
from assessments.domain.profile import contract
from assessments.ids import MAX_ID
from assessments.models import submitted
from assessments.queries import teams as team_queries
from assessments.queries.assessments import latest_submitted
from assessments.queries.catalogue import catalogue_snapshot

router = Router(tags=["teams"], auth=AUTHENTICATED)

HEATMAP_PAGE_SIZE = 50


@router.get(
    "/teams/",
    response={200: list[schemas.TeamOut], **responses(401, 422)},
    summary="The teams I belong to, and my role in each",
)
@paginate(Pages)
def my_teams(request):
    return Rows(
        team_queries.memberships_with_counts(request.user),
        lambda membership: {
            "slug": membership.team.slug,
            "name": membership.team.name,
            "role": membership.role,
            "joined_at": membership.joined_at,
            "member_count": membership.member_count,
        },
    )


class HeatmapQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="The heatmap's page, from 1.")
    page_size: int = Field(
        HEATMAP_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Heatmap rows per page."
    )
    sort: str = Field(
        "name",
        max_length=80,
        description="name (A-Z), depth or breadth (highest first), or a discipline slug "
        "(highest score there first).",
    )


@router.get(
    "/teams/{slug}/coverage",
    response={200: schemas.TeamCoverage, **responses(401, 403, 404, 422)},
    summary="A team's coverage: heatmap, disciplines, layers, diagnostics, shapes, trend",
)
def team_coverage(request, slug: str, params: Query[HeatmapQuery]):
    """From each member's latest submitted assessment; the heatmap is paginated, every
    other number covers the whole team."""
    team = access.team_for_manager(request.user, slug)
    result = team_queries.team_coverage(team, timezone.localdate(), catalogue_snapshot())
    if result is None:
        raise Http404("The catalogue has no disciplines yet, so there is no coverage.")
    columns = [
        {"discipline": d.slug, "name": d.name, "layer": layer.slug}
        for layer in result.structure.layers
        for d in layer.disciplines
    ]
    if params.sort not in coverage.HEATMAP_SORT_KEYS and params.sort not in {
        column["discipline"] for column in columns
    }:
        problem = f"Cannot sort by “{params.sort}”: use name, depth, breadth or a discipline slug."
        raise Unprocessable(problem, [problem])
    rows = result.sorted_heatmap(params.sort)
    start = (params.page - 1) * params.page_size
    return {
        "team": {"slug": team.slug, "name": team.name},
        "as_of": result.as_of,
        "member_count": result.member_count,
        "submitted_count": result.submitted_count,
        "pending": [_member(p.member_id, p.display_name) for p in result.pending],
        "heatmap": {
            "columns": columns,
            "sort": rows.key,
            "rows": [_row(row) for row in rows.rows[start : start + params.page_size]],
            "count": len(rows.rows),
            "page": params.page,
            "page_size": params.page_size,
            "pages": page_count(len(rows.rows), params.page_size),
        },
        "disciplines": [
            {
                "discipline": d.discipline,
                "name": d.name,
                "layer": d.layer,
                "proficient_count": d.proficient_count,
                "advanced_count": d.advanced_count,
                "best_score": d.best_score,
                "single_point_of_failure": d.single_point_of_failure,
                "uncovered": d.uncovered,
                "go_to": [
                    {**_member(g.member_id, g.display_name), "score": g.score, "band": g.band}
                    for g in d.go_to
                ],
            }
            for d in result.disciplines
        ],
        # Answered as they are: the response schemas are these dataclasses.
        "layers": result.layers,
        "diagnostics": result.diagnostics,
        "shape_mix": result.shape_mix,
        "trend": result.trend,
    }


def _member(member_id: int, display_name: str) -> dict:
    return {"member_id": member_id, "display_name": display_name}


def _row(row: coverage.HeatmapRow) -> dict:
    return {
        **_member(row.member_id, row.display_name),
        "depth": row.depth,
        "breadth": row.breadth,
        "shape": row.shape,
        "submitted_on": row.submitted_on,
        "cells": [
            {"discipline": c.discipline, "score": c.score, "band": c.band} for c in row.cells
        ],
    }


@router.get(
    "/teams/{slug}/members/{user_id}/profile",
    response={200: schemas.MemberProfile, **responses(401, 403, 404, 422)},
    summary="A member's latest submitted profile",
)
def member_profile(request, slug: str, user_id: int = Path(..., ge=1, le=MAX_ID)):
    """Only for the team's managers, and only what the member submitted: drafts never show."""
    _team, membership = access.member_of_managed_team(request.user, slug, user_id)
    latest = latest_submitted(membership.user_id)
    if latest is None:
        raise Http404("This member has not submitted an assessment yet.")
    user = membership.user
    return {
        "member": _member(user.pk, name_of(user)),
        "assessment": summary(latest),
        "profile": contract(submitted(latest.result)),
    }
