"""The quick start: each discipline rated as a whole, and a provisional T at once."""

from dataclasses import dataclass

from django.forms import BoundField, Form

from assessments.domain import quick_ratings, scoring
from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import ScoringInput
from assessments.models import Assessment
from assessments.pages.profiles import t_chart
from assessments.posted import QUICK
from assessments.queries.assessments import draft_inputs, quick_levels
from careers.choices import RATING_LEVELS, Level

TOP_ROLES = 3

NO_EXPOSURE = "You have not done this work yet, nor seen it done up close."
"""Level 0 of any discipline: the same for all of them."""


@dataclass(frozen=True)
class Option:
    level: int
    label: str
    anchor: str
    checked: bool


@dataclass(frozen=True)
class Question:
    slug: str
    name: str
    field: BoundField
    options: tuple[Option, ...]
    rated: int
    """How many of its competencies the draft rates one by one: the answer stands for the
    others only."""
    total: int

    @property
    def left(self) -> int:
        return self.total - self.rated


def initial_levels(draft: Assessment | None) -> dict[str, object]:
    """The form's starting values: the draft's quick ratings and target, where it has them."""
    if draft is None:
        return {}
    initial: dict[str, object] = {
        QUICK + slug: level for slug, level in quick_levels(draft).items()
    }
    initial["target_role"] = draft.target_role_id
    return initial


def quick_start_page(catalogue: Catalogue, form: Form, draft: Assessment | None) -> dict:
    """The questions by layer, each with what its levels mean and how many competencies the
    draft already rates one by one, and the provisional T of what the draft holds (None
    before anything is saved)."""
    given = draft_inputs(draft, catalogue) if draft is not None else None
    own = given.ratings if given is not None else {}
    layers = []
    for layer in catalogue.layers:
        questions = []
        for discipline in layer.disciplines:
            field = form[QUICK + discipline.slug]
            chosen = str(field.value())
            anchors = (NO_EXPOSURE, *discipline.anchors)
            questions.append(
                Question(
                    discipline.slug,
                    discipline.name,
                    field,
                    tuple(
                        Option(
                            level,
                            Level(level).label,
                            anchors[level] if level < len(anchors) else "",
                            str(level) == chosen,
                        )
                        for level in RATING_LEVELS
                    ),
                    sum(1 for c in discipline.competencies if c.slug in own),
                    len(discipline.competencies),
                )
            )
        layers.append({"slug": layer.slug, "name": layer.name, "questions": questions})
    return {"form": form, "layers": layers, "draft": draft} | _preview(catalogue, given)


def _preview(catalogue: Catalogue, given: ScoringInput | None) -> dict:
    """The provisional T of what the draft holds, once it holds any rating or quick rating,
    its top roles, and whether it could be kept as a profile already (``ready``)."""
    if given is None or not (given.ratings or given.quick):
        return {"preview": None, "preview_chart": None, "top_roles": (), "ready": False}
    preview = scoring.score_input(catalogue, given)
    return {
        "preview": preview,
        "preview_chart": t_chart(preview.to_dict()),
        "top_roles": preview.matches[:TOP_ROLES],
        "ready": not quick_ratings.unrated(catalogue, given.ratings, given.quick),
    }
