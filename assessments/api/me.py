"""The signed-in person's own assessments, latest profile and history, and scoring a set of
ratings without storing it. Every assessment is fetched for its owner (404 otherwise)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.http import Http404
from django.utils import timezone
from ninja import Path, Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from assessments import access
from assessments.api import schemas
from assessments.api.auth import AUTHENTICATED
from assessments.api.errors import Unprocessable, problems_detail, responses
from assessments.api.pagination import Pages, Rows
from assessments.domain import scoring
from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import ScoringInputError, decode_json, parse_input, require_object
from assessments.domain.profile import contract
from assessments.ids import MAX_ID
from assessments.models import Assessment, submitted
from assessments.queries.assessments import (
    assessments_of,
    interest_slugs,
    latest_submitted,
    quick_levels,
    saved_ratings,
    submitted_history,
)
from assessments.queries.catalogue import active_role, catalogue_snapshot
from assessments.services import assessments as services
from careers.models import Role

router = Router(tags=["my assessments"], auth=AUTHENTICATED)

LOCKED = "This assessment is submitted and can no longer change."
AssessmentId = Path(..., ge=1, le=MAX_ID, description="The assessment's id.")


def summary(assessment: Assessment) -> dict:
    return {
        "id": assessment.pk,
        "status": assessment.status,
        "source": assessment.source,
        "created_at": assessment.created_at,
        "updated_at": assessment.updated_at,
        "submitted_at": assessment.submitted_at,
        "target_role": assessment.target_role.slug if assessment.target_role else None,
        "country": assessment.country,
        "experience_level": assessment.experience_level,
        "depth": assessment.depth,
        "breadth": assessment.breadth,
        "shape": assessment.shape or None,
        "phase": assessment.phase,
    }


def detail(assessment: Assessment, catalogue: Catalogue) -> dict:
    """The assessment with its ratings (in catalogue order) and, once submitted, its profile."""
    position = {c.slug: i for i, c in enumerate(catalogue.competencies)}
    ordered = sorted(
        saved_ratings(assessment).items(),
        key=lambda item: (position.get(item[0], len(position)), item[0]),
    )
    return {
        **summary(assessment),
        "ratings": [
            {"competency": slug, "level": saved.level, "evidence": saved.evidence}
            for slug, saved in ordered
        ],
        "interests": sorted(interest_slugs(assessment)),
        "quick_ratings": dict(sorted(quick_levels(assessment).items())),
        "rated": sum(1 for slug, _saved in ordered if slug in position),
        "total": len(position),
        "profile": None if assessment.is_draft else contract(submitted(assessment.result)),
    }


def _own(request, assessment_id: int) -> Assessment:
    return access.assessment_for_owner(request.user, assessment_id)


# --- assessments ----------------------------------------------------------------------------


@router.get(
    "/me/assessments/",
    response={200: list[schemas.AssessmentSummary], **responses(401, 422)},
    summary="My assessments, newest first",
)
@paginate(Pages)
def my_assessments(request):
    return Rows(assessments_of(request.user), summary)


@router.post(
    "/me/assessments/",
    response={
        200: schemas.AssessmentOut,
        201: schemas.AssessmentOut,
        **responses(401, 403),
    },
    summary="Start an assessment (or get the draft already open)",
)
def start_assessment(request):
    """A new draft, pre-filled from your last submitted assessment (201), or the draft you
    already have (200): there is at most one draft at a time."""
    draft, created = services.start_assessment(request.user, source=Assessment.Source.API)
    draft = _own(request, draft.pk)
    return Status(201 if created else 200, detail(draft, catalogue_snapshot()))


@router.get(
    "/me/assessments/{assessment_id}",
    response={200: schemas.AssessmentOut, **responses(401, 404, 422)},
    summary="One of my assessments",
)
def my_assessment(request, assessment_id: int = AssessmentId):
    return detail(_own(request, assessment_id), catalogue_snapshot())


def _catalogue_problems(
    catalogue, *, levels, evidence, interests, target_role, quick_ratings=()
) -> list[str]:
    """What the form would refuse: names outside the active catalogue."""
    problems = [
        f"There is no competency “{slug[:80]}” in the catalogue."
        for slug in dict.fromkeys([*levels, *evidence])
        if slug not in catalogue.competency_by_slug
    ]
    problems += [
        f"There is no discipline “{slug[:80]}” in the catalogue."
        for slug in dict.fromkeys([*interests, *quick_ratings])
        if slug not in catalogue.discipline_by_slug
    ]
    if target_role is not None and target_role not in catalogue.role_by_slug:
        problems.append(f"There is no role “{target_role[:80]}” in the catalogue.")
    return problems


def _refuse(problems: list[str]) -> None:
    if problems:
        raise Unprocessable(problems_detail(problems), problems)


def _editable(request, assessment_id: int) -> Assessment:
    assessment = _own(request, assessment_id)
    if not assessment.is_draft:
        raise HttpError(409, LOCKED)
    return assessment


@contextmanager
def _refusals() -> Iterator[None]:
    """A draft's save refused by the services, as the API answers it."""
    try:
        yield
    except services.AssessmentLocked as error:
        raise HttpError(409, LOCKED) from error
    except services.EvidenceWithoutLevel as error:
        raise Unprocessable(str(error), [str(error)]) from error


EDIT_RESPONSES = {200: schemas.AssessmentOut, **responses(400, 401, 403, 404, 409, 422)}


@router.patch(
    "/me/assessments/{assessment_id}",
    response=EDIT_RESPONSES,
    summary="Change part of a draft",
)
def patch_assessment(request, payload: schemas.RatingsPatch, assessment_id: int = AssessmentId):
    """Only what is sent changes, as with the form's autosave. Levels run 0-5; evidence
    needs a level (sent now or saved before). Nothing is saved if anything is refused."""
    assessment = _editable(request, assessment_id)
    catalogue = catalogue_snapshot()
    sent = payload.model_fields_set
    _refuse(
        _catalogue_problems(
            catalogue,
            levels=payload.levels,
            evidence=payload.evidence,
            interests=payload.interests,
            target_role=payload.target_role,
            quick_ratings=payload.quick_ratings,
        )
    )
    settings: dict[str, object] = {
        name: getattr(payload, name) for name in ("country", "experience_level") if name in sent
    }
    if "target_role" in sent:
        settings["target_role"] = _role(payload.target_role)
    with _refusals():
        services.save_draft(
            assessment,
            levels=payload.levels,
            evidence=payload.evidence,
            interests=payload.interests,
            quick=payload.quick_ratings,
            settings=settings,
        )
    return detail(_own(request, assessment_id), catalogue)


@router.put(
    "/me/assessments/{assessment_id}",
    response=EDIT_RESPONSES,
    summary="Replace a draft's ratings, interests and settings",
)
def put_assessment(request, payload: schemas.RatingsPut, assessment_id: int = AssessmentId):
    """The draft becomes exactly what is sent: competencies left out of `levels` lose their
    rating, disciplines left out of `interests` are no longer marked."""
    assessment = _editable(request, assessment_id)
    catalogue = catalogue_snapshot()
    problems = _catalogue_problems(
        catalogue,
        levels=payload.levels,
        evidence=payload.evidence,
        interests=payload.interests,
        target_role=payload.target_role,
        quick_ratings=payload.quick_ratings,
    )
    problems += [
        f"Evidence for “{slug[:80]}” needs a level in “levels”."
        for slug in payload.evidence
        if slug not in payload.levels and slug in catalogue.competency_by_slug
    ]
    _refuse(problems)
    chosen = set(payload.interests)
    with _refusals():
        services.replace_draft(
            assessment,
            catalogue,
            levels=payload.levels,
            evidence={slug: payload.evidence.get(slug, "") for slug in payload.levels},
            interests={slug: slug in chosen for slug in catalogue.discipline_by_slug},
            quick={slug: payload.quick_ratings.get(slug) for slug in catalogue.discipline_by_slug},
            settings={
                "target_role": _role(payload.target_role),
                "country": payload.country,
                "experience_level": payload.experience_level,
            },
        )
    return detail(_own(request, assessment_id), catalogue)


def _role(slug: str | None) -> Role | None:
    return None if slug is None else active_role(slug)


@router.post(
    "/me/assessments/{assessment_id}/submit",
    response={
        200: schemas.AssessmentOut,
        **responses(401, 403, 404, 409),
        422: schemas.Incomplete,
    },
    summary="Submit a complete draft and get its scored profile",
)
def submit_assessment(request, assessment_id: int = AssessmentId):
    """Every competency of the catalogue needs a level (0 counts), its own or its
    discipline's quick rating; a submitted assessment is frozen with its profile."""
    assessment = _own(request, assessment_id)
    catalogue = catalogue_snapshot()
    try:
        submitted = services.submit_assessment(assessment, catalogue, timezone.now())
    except services.AssessmentLocked as error:
        raise HttpError(409, "This assessment was submitted already.") from error
    except services.IncompleteAssessment as incomplete:
        raise Unprocessable(
            str(incomplete),
            [f"“{name}” is not rated yet." for _slug, name in incomplete.missing],
            missing=[{"competency": slug, "name": name} for slug, name in incomplete.missing],
        ) from incomplete
    return detail(_own(request, submitted.pk), catalogue)


# --- profile and history --------------------------------------------------------------------


@router.get(
    "/me/profile",
    response={200: schemas.LatestProfile, **responses(401, 404)},
    summary="My latest scored profile",
)
def my_profile(request):
    latest = latest_submitted(request.user.pk)
    if latest is None:
        raise Http404("You have not submitted an assessment yet.")
    return {"assessment": summary(latest), "profile": contract(submitted(latest.result))}


@router.get(
    "/me/history/",
    response={200: list[schemas.HistoryPoint], **responses(401, 422)},
    summary="Depth, breadth and layer scores of each submitted assessment, oldest first",
)
@paginate(Pages)
def my_history(request):
    return Rows(submitted_history(request.user), _point)


def _point(assessment: Assessment) -> dict:
    return {
        "assessment": assessment.pk,
        "submitted_at": assessment.submitted_at,
        "depth": assessment.depth,
        "breadth": assessment.breadth,
        "shape": assessment.shape,
        "phase": assessment.phase,
        "layers": contract(submitted(assessment.result))["layers"],
    }


# --- scoring without storing ----------------------------------------------------------------


SCORE_BODY = {
    "required": True,
    "content": {"application/json": {"schema": schemas.ScoreIn.model_json_schema()}},
}


@router.post(
    "/score",
    response={200: schemas.Profile, **responses(400, 401, 403, 422)},
    openapi_extra={"requestBody": SCORE_BODY},
    tags=["scoring"],
    summary="Score ratings without storing them",
)
def score(request):
    """The same input and result as `manage.py score`: `ratings` (competency slug → 0-5),
    optional `quick_ratings` (discipline slug → 0-5, standing for its competencies left out
    of `ratings`; without one they count as 0), `interests` and `target_role`."""
    try:
        data = decode_json(request.body)
    except ValueError as error:
        raise HttpError(400, f"The request body is not valid JSON: {error}.") from error
    try:
        # Checked before the catalogue is read, as the command does.
        require_object(data)
        catalogue = catalogue_snapshot()
        given = parse_input(data, catalogue)
    except ScoringInputError as error:
        count = len(error.problems)
        raise Unprocessable(
            f"The input has {count} problem{'s' if count != 1 else ''}.", list(error.problems)
        ) from error
    profile = scoring.score_input(catalogue, given)
    return contract(profile.to_dict())
