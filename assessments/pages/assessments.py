"""The assessment form: its rows, progress and live preview, in a fixed number of queries."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from assessments.domain import scoring
from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import still_offered
from assessments.domain.profile import Profile
from assessments.models import EVIDENCE_MAX_LENGTH, Assessment
from assessments.pages.profiles import t_chart
from assessments.posted import PostedRatings
from assessments.queries.assessments import (
    SavedRating,
    interest_slugs,
    quick_levels,
    saved_ratings,
    target_requirements,
)
from assessments.queries.catalogue import form_structure
from careers.choices import RATING_LEVELS, Level

# --- the assessment form -------------------------------------------------------------


@dataclass
class RatingRow:
    slug: str
    name: str
    description: str
    discipline: str
    options: list[tuple[int, str, str]]  # (level, level name, what it looks like)
    level: int | None
    evidence: str
    missing: bool = False
    required_by_target: int | None = None
    version: int = 0  # of the saved rating; 0 while there is none

    @property
    def level_field(self) -> str:
        return PostedRatings.level_key(self.slug)

    @property
    def version_field(self) -> str:
        return PostedRatings.version_key(self.slug)

    @property
    def evidence_limit(self) -> int:
        return EVIDENCE_MAX_LENGTH

    @property
    def evidence_field(self) -> str:
        return PostedRatings.evidence_key(self.slug)

    @property
    def options_html(self) -> SafeString:
        """The level choices as radio buttons. Built here: as a template loop, the form's
        six choices for each of some fifty competencies were most of the page's cost."""
        field = self.level_field
        return format_html_join(
            "\n",
            '<div class="form-check level-option">'
            '<input class="form-check-input" type="radio" name="{0}" id="{0}-{1}" value="{1}"{2}>'
            '<label class="form-check-label" for="{0}-{1}"><strong>{1} · {3}</strong>{4}</label>'
            "</div>",
            (
                (
                    field,
                    value,
                    mark_safe(" checked") if self.level == value else "",
                    name,
                    format_html(' <span class="text-body-secondary">— {}</span>', text)
                    if text
                    else "",
                )
                for value, name, text in self.options
            ),
        )


@dataclass
class DisciplineSection:
    slug: str
    name: str
    interest: bool
    rows: list[RatingRow] = field(default_factory=list)
    quick: int | None = None
    """Its quick rating (the quick start), which counts for each row not rated yet."""

    @property
    def quick_rated(self) -> int:
        """Rows that count with the quick rating, not rated one by one yet."""
        if self.quick is None:
            return 0
        return sum(1 for row in self.rows if row.level is None)

    @property
    def interest_field(self) -> str:
        return PostedRatings.interest_key(self.slug)

    @property
    def interest_shown_field(self) -> str:
        return PostedRatings.interest_shown_key(self.slug)

    @property
    def rated(self) -> int:
        return sum(1 for row in self.rows if row.level is not None)

    @property
    def complete(self) -> bool:
        return self.rated == len(self.rows)


@dataclass
class LayerSection:
    slug: str
    name: str
    disciplines: list[DisciplineSection] = field(default_factory=list)


NO_EXPOSURE = "Never worked with it, and do not know the vocabulary yet."


def assessment_form(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    scope: str = "all",
    posted: Mapping[str, str] | None = None,
    errors: list[str] | tuple = (),
    missing: list[tuple[str, str]] | None = None,
    only: str | None = None,
    anchors: bool = True,
) -> dict:
    """Everything the assessment form shows: rows with their saved (or just posted)
    values, progress, the live T preview and, in `scope="target"`, only the target
    role's competencies. Without `anchors` the rows carry no level options: the autosave
    answers, sent on every change, show none."""
    saved = saved_ratings(assessment)
    interests = interest_slugs(assessment)
    quick = quick_levels(assessment)
    required = target_requirements(assessment)
    given = PostedRatings(posted) if posted is not None else None
    missing_slugs = {slug for slug, _ in missing or ()}

    layers = []
    for layer in form_structure(anchors):
        layer_section = LayerSection(layer.slug, layer.name)
        for discipline in layer.disciplines.all():
            interest = discipline.slug in interests
            if given is not None:
                interest = given.interest(discipline.slug, interest)
            section = DisciplineSection(
                discipline.slug, discipline.name, interest, quick=quick.get(discipline.slug)
            )
            for competency in discipline.competencies.all():
                rating = saved.get(competency.slug)
                level, evidence = (rating.level, rating.evidence) if rating else (None, "")
                if given is not None:
                    level = given.level(competency.slug, level)
                    evidence = given.evidence(competency.slug, evidence)
                described = (
                    {anchor.level: anchor.description for anchor in competency.anchors.all()}
                    if anchors
                    else None
                )
                section.rows.append(
                    RatingRow(
                        slug=competency.slug,
                        name=competency.name,
                        description=competency.description,
                        discipline=discipline.slug,
                        options=[
                            (
                                value,
                                Level(value).label,
                                described.get(value, NO_EXPOSURE if value == 0 else ""),
                            )
                            for value in RATING_LEVELS
                        ]
                        if described is not None
                        else [],
                        level=level,
                        evidence=evidence,
                        missing=competency.slug in missing_slugs,
                        required_by_target=required.get(competency.slug),
                        version=rating.version if rating else 0,
                    )
                )
            layer_section.disciplines.append(section)
        layers.append(layer_section)

    all_rows = [row for layer in layers for d in layer.disciplines for row in d.rows]
    rated = sum(1 for row in all_rows if row.level is not None)
    by_quick = sum(d.quick_rated for layer in layers for d in layer.disciplines)
    if scope == "target" and required:
        for layer in layers:
            for section in layer.disciplines:
                section.rows = [row for row in section.rows if row.required_by_target]
            layer.disciplines = [d for d in layer.disciplines if d.rows]
        layers = [layer for layer in layers if layer.disciplines]

    preview = _preview(assessment, catalogue, saved, interests, quick)
    page = {
        "assessment": assessment,
        "layers": layers,
        "rated": rated,
        "by_quick": by_quick,
        "total": len(all_rows),
        "scope": scope if required else "all",
        "has_target": bool(required),
        "errors": list(errors),
        "missing": missing or [],
        "preview": preview,
        "preview_chart": t_chart(preview.to_dict()),
    }
    if only is not None:
        page["row"] = next((row for row in all_rows if row.slug == only), None)
        page["section"] = next(
            (
                d
                for layer in layers
                for d in layer.disciplines
                if any(r.slug == only for r in d.rows)
            ),
            None,
        )
    return page


def autosave_answer(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    only: str | None,
    posted: Mapping[str, str] | None = None,
    errors: list[str] | tuple = (),
) -> dict:
    """What an autosave answer shows: the changed row's status, its discipline's count,
    the progress and the live preview, as ``assessment_form(..., only=...)`` gives them.

    Built from the catalogue snapshot rather than the catalogue's rows, so it costs the
    ratings, the interests and the target role (3 queries) on top of the save.
    """
    saved = saved_ratings(assessment)
    interests = interest_slugs(assessment)
    quick = quick_levels(assessment)
    given = PostedRatings(posted) if posted is not None else None
    row = section = None
    rated = by_quick = total = 0
    for discipline in catalogue.disciplines:
        current = DisciplineSection(
            discipline.slug,
            discipline.name,
            discipline.slug in interests,
            quick=quick.get(discipline.slug),
        )
        for competency in discipline.competencies:
            rating = saved.get(competency.slug)
            level = rating.level if rating else None
            if given is not None:
                level = given.level(competency.slug, level)
            current.rows.append(
                RatingRow(
                    slug=competency.slug,
                    name=competency.name,
                    description="",
                    discipline=discipline.slug,
                    options=[],
                    level=level,
                    evidence="",
                    version=rating.version if rating else 0,
                )
            )
            if competency.slug == only:
                row, section = current.rows[-1], current
        rated += current.rated
        by_quick += current.quick_rated
        total += len(current.rows)
    preview = _preview(assessment, catalogue, saved, interests, quick)
    return {
        "assessment": assessment,
        "row": row,
        "section": section,
        "rated": rated,
        "by_quick": by_quick,
        "total": total,
        "errors": list(errors),
        "preview": preview,
        "preview_chart": t_chart(preview.to_dict()),
    }


def _preview(
    assessment: Assessment,
    catalogue: Catalogue,
    saved: Mapping[str, SavedRating],
    interests: list[str],
    quick: Mapping[str, int],
) -> Profile:
    """The live T of what is saved, with what the catalogue no longer has left out."""
    given = still_offered(
        catalogue,
        {slug: rating.level for slug, rating in saved.items()},
        interests,
        assessment.target_role.slug if assessment.target_role else None,
        quick,
    )
    return scoring.score_input(catalogue, given)
