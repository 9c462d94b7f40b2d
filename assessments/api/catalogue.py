"""The public catalogue: layers, disciplines, competencies with their anchors, and roles with
their requirements, salary bands and transitions. No authentication; retired entries, and
everything under a retired parent, are left out."""

from django.http import Http404
from ninja import Router
from ninja.pagination import paginate

from assessments.api import schemas
from assessments.api.errors import Unprocessable, responses
from assessments.api.pagination import Pages, Rows
from assessments.queries import catalogue as queries
from careers.choices import Country, ExperienceLevel, position
from careers.models import Competency, Discipline, Layer, Role

router = Router(tags=["catalogue"], auth=None)


def require_known(queryset, slug: str | None, what: str) -> None:
    """A filter naming nothing in the catalogue is refused rather than answered with []."""
    if slug is not None and not queryset.filter(slug=slug).exists():
        problem = f"There is no {what} “{slug[:80]}” in the catalogue."
        raise Unprocessable(problem, [problem])


# --- layers ---------------------------------------------------------------------------------


@router.get(
    "/layers/",
    response={200: list[schemas.LayerOut], **responses(422)},
    summary="The layers of the ecosystem, in order",
)
@paginate(Pages)
def layers(request):
    return Rows(queries.layers_with_disciplines(), _layer)


def _layer(layer: Layer) -> dict:
    return {
        "slug": layer.slug,
        "name": layer.name,
        "order": layer.order,
        "purpose": layer.purpose,
        "metaphor": layer.metaphor,
        "description": layer.description,
        "depends_on": layer.depends_on,
        "disciplines": [{"slug": d.slug, "name": d.name} for d in layer.disciplines.all()],
    }


# --- disciplines ----------------------------------------------------------------------------


@router.get(
    "/disciplines/",
    response={200: list[schemas.DisciplineOut], **responses(422)},
    summary="Disciplines, the specialisms inside each layer",
)
@paginate(Pages)
def disciplines(request, layer: str | None = None):
    """All active disciplines in layer order; `layer` keeps one layer's."""
    require_known(queries.active_layers(), layer, "layer")
    return Rows(queries.disciplines_with_competencies(layer), _discipline)


def _discipline(discipline: Discipline) -> dict:
    return {
        "slug": discipline.slug,
        "name": discipline.name,
        "layer": discipline.layer.slug,
        "summary": discipline.summary,
        "competencies": [{"slug": c.slug, "name": c.name} for c in discipline.competencies.all()],
    }


# --- competencies ---------------------------------------------------------------------------


@router.get(
    "/competencies/",
    response={200: list[schemas.CompetencyOut], **responses(422)},
    summary="Competencies, with what each level looks like and where to learn",
)
@paginate(Pages)
def competencies(request, discipline: str | None = None, layer: str | None = None):
    """All active competencies in catalogue order; `discipline` or `layer` narrow the list."""
    require_known(queries.active_disciplines(), discipline, "discipline")
    require_known(queries.active_layers(), layer, "layer")
    return Rows(queries.competencies_with_anchors(discipline, layer), _competency)


def _competency(competency: Competency) -> dict:
    return {
        "slug": competency.slug,
        "name": competency.name,
        "description": competency.description,
        "discipline": competency.discipline.slug,
        "layer": competency.discipline.layer.slug,
        "anchors": [
            {"level": a.level, "description": a.description} for a in competency.anchors.all()
        ],
        "resources": [
            {"title": r.title, "url": r.url, "kind": r.kind} for r in competency.resources.all()
        ],
    }


# --- roles ----------------------------------------------------------------------------------


@router.get(
    "/roles/",
    response={200: list[schemas.RoleOut], **responses(422)},
    summary="Roles, with their requirements, salary bands and next steps",
)
@paginate(Pages)
def roles(request, layer: str | None = None):
    """All active roles by layer; `layer` keeps the roles whose home is that layer."""
    require_known(queries.active_layers(), layer, "layer")
    return Rows(queries.roles_with_details(layer), _role)


@router.get(
    "/roles/{slug}",
    response={200: schemas.RoleOut, **responses(404)},
    summary="One role",
)
def role(request, slug: str):
    found = queries.roles_with_details().filter(slug=slug).first()
    if found is None:
        raise Http404("No such role.")
    return _role(found)


def _role(role: Role) -> dict:
    bands = sorted(
        role.salary_bands.all(),
        key=lambda band: (
            position(Country, band.country),
            position(ExperienceLevel, band.experience_level),
        ),
    )
    return {
        "slug": role.slug,
        "name": role.name,
        "aliases": role.alias_list,
        "basis": role.basis,
        "layer": role.layer.slug,
        "discipline": role.discipline.slug,
        "stage": role.stage,
        "focus": role.focus,
        "summary": role.summary,
        "goals": role.goal_list,
        "tools": role.tool_list,
        "key_metrics": role.metric_list,
        "requirements": [
            {
                "competency": req.competency.slug,
                "name": req.competency.name,
                "discipline": req.competency.discipline.slug,
                "level": req.level,
                "weight": req.weight,
                "basis": req.basis,
            }
            for req in role.requirements.all()
        ],
        "salary_bands": [
            {
                "country": band.country,
                "currency": band.currency,
                "experience_level": band.experience_level,
                "experience_note": band.experience_note,
                "low": band.low,
                "high": band.high,
                "high_is_open": band.high_is_open,
                "year": band.year,
                "source": band.source,
                "basis": band.basis,
            }
            for band in bands
        ],
        "transitions": [
            {
                "role": transition.to_role.slug,
                "name": transition.to_role.name,
                "kind": transition.kind,
                "note": transition.note,
                "basis": transition.basis,
            }
            for transition in role.transitions_out.all()
        ],
    }
