"""Share links of the signed-in person's submitted assessments: make one, revoke it
(docs/sharing.md). An assessment that is not the caller's, or not submitted, is a 404."""

from django.http import HttpResponse
from django.utils import timezone
from ninja import Body, Router
from ninja.responses import Status

from assessments import access
from assessments.api import schemas
from assessments.api.auth import AUTHENTICATED
from assessments.api.errors import responses
from assessments.api.me import AssessmentId
from assessments.domain import sharing
from assessments.pages.shares import share_url
from assessments.services.shares import create_share, revoke_shares

router = Router(tags=["my assessments"], auth=AUTHENTICATED)
PATH = "/me/assessments/{assessment_id}/share"


@router.post(
    PATH,
    response={201: schemas.ShareOut, **responses(401, 403, 404, 422)},
    summary="Make a read-only share link of a submitted assessment",
)
def share_assessment(
    request,
    assessment_id: int = AssessmentId,
    payload: schemas.ShareIn = Body(default=schemas.ShareIn()),  # noqa: B008
):
    """The link opens a one-page copy of the profile for anyone who has it, without logging
    in: the T and the scores, plus what `name`, `evidence` and `roles` tick. It replaces the
    assessment's earlier link, if any, and stops working after `days` days or when revoked.
    The body may be left out: nothing personal, 30 days."""
    assessment = access.submitted_for_owner(request.user, assessment_id)
    include = sharing.Include(name=payload.name, evidence=payload.evidence, roles=payload.roles)
    new = create_share(assessment, include, days=payload.days, now=timezone.now())
    return Status(201, {"url": share_url(request, new.token), "expires": new.link.expires_at})


@router.delete(
    PATH,
    response={204: None, **responses(401, 403, 404, 422)},
    summary="Revoke the share link of a submitted assessment",
)
def revoke_share(request, assessment_id: int = AssessmentId):
    """From now on the link answers 404. Revoking an assessment with no working link
    changes nothing and answers the same."""
    assessment = access.submitted_for_owner(request.user, assessment_id)
    revoke_shares(assessment, now=timezone.now())
    return HttpResponse(status=204)
