"""The assessment form: its rows, progress and live preview, in a fixed number of queries."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from assessments.domain import scoring
from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import still_offered
from assessments.domain.profile import Profile
from assessments.domain.quick_ratings import form_steps
from assessments.models import EVIDENCE_MAX_LENGTH, Assessment
from assessments.pages.profiles import t_chart
from assessments.posted import PostedRatings
from assessments.queries.assessments import (
    SavedRating,
    interest_slugs,
    quick_levels,
    saved_ratings,
)
from assessments.queries.catalogue import step_competencies
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
    layer: str = ""
    layer_name: str = ""
    number: int = 0
    """Its place among the form's steps, from 1."""
    reason: str = "other"
    """Why it comes when it does (``quick_ratings.REFINE_ORDER``)."""

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

    @property
    def unrated(self) -> int:
        """Rows not rated one by one, whether a quick rating counts for them or not."""
        return len(self.rows) - self.rated

    @property
    def count_text(self) -> str:
        rated = self.rated
        text = f"{rated} of {len(self.rows)} rated"
        if self.quick_rated:
            text += f", {self.quick_rated} counted as {self.quick} (quick rating)"
        return text + (" ✓" if rated == len(self.rows) else "")

    def count_html(self, oob: bool = False) -> SafeString:
        """Its count, as the list of steps shows it and autosave answers replace it."""
        return format_html(
            '<span id="count-{}" class="text-end"{}>{}</span>',
            self.slug,
            mark_safe(' hx-swap-oob="true"') if oob else "",
            self.count_text,
        )

    @property
    def count_oob_html(self) -> SafeString:
        return self.count_html(oob=True)


def steps_html(steps: list[DisciplineSection], current: DisciplineSection | None) -> SafeString:
    """The list of steps: each a button that saves the step shown and opens that one, with
    its count. Built here: as a template loop it was a third of the page's cost."""
    return format_html_join(
        "\n",
        '<li class="d-flex justify-content-between gap-2 py-1 border-top">'
        '<button type="submit" form="assessment-form" name="goto" value="{}" '
        'class="btn btn-link btn-sm p-0 text-start"{}>{}. {}</button>{}</li>',
        (
            (
                section.slug,
                mark_safe(' aria-current="step"') if section is current else "",
                section.number,
                section.name,
                section.count_html(),
            )
            for section in steps
        ),
    )


NO_EXPOSURE = "Never worked with it, and do not know the vocabulary yet."


def assessment_form(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    step: str | None = None,
    posted: Mapping[str, str] | None = None,
    errors: list[str] | tuple = (),
    missing: list[tuple[str, str]] | None = None,
    anchors: bool = True,
) -> dict:
    """One step of the assessment form: one discipline's rows, with their saved (or just
    posted) values and level anchors, beside every step's count, the progress and the live
    T preview.

    The steps come in ``form_steps`` order. The step shown is the one asked for; else,
    after a refused submit, the first discipline with a competency still missing; else the
    first step with a competency not rated one by one. Without ``anchors`` no step's rows
    are read: the refresh after autosaves shows counts, progress and preview only.
    """
    saved = saved_ratings(assessment)
    interests = interest_slugs(assessment)
    quick = quick_levels(assessment)
    target = assessment.target_role.slug if assessment.target_role else None
    required = _requirements(catalogue, target)
    given = PostedRatings(posted) if posted is not None else None
    sections = _sections(catalogue, saved, interests, quick, given)
    steps = [sections[s.discipline] for s in form_steps(catalogue, quick, target)]
    for number, (section, planned) in enumerate(
        zip(steps, form_steps(catalogue, quick, target), strict=True), start=1
    ):
        section.number, section.reason = number, planned.reason
    missing_slugs = [slug for slug, _ in missing or ()]
    if missing_slugs:
        step = catalogue.competency_by_slug[missing_slugs[0]].discipline
    current = sections.get(step) if step else None
    if current is None and steps:
        current = next((s for s in steps if not s.complete), steps[0])
    if current is not None and anchors:
        current.rows = _step_rows(current, saved, given, required, set(missing_slugs))

    preview = _preview(assessment, catalogue, saved, interests, quick)
    return {
        "assessment": assessment,
        "steps": steps,
        "step": current,
        "steps_html": steps_html(steps, current),
        "previous_step": steps[current.number - 2] if current and current.number > 1 else None,
        "next_step": steps[current.number] if current and current.number < len(steps) else None,
        "rated": sum(s.rated for s in steps),
        "by_quick": sum(s.quick_rated for s in steps),
        "total": sum(len(s.rows) for s in steps),
        "has_target": bool(required),
        "levels": [(value, Level(value).label) for value in RATING_LEVELS],
        "errors": list(errors),
        "missing": _missing_by_step(catalogue, sections, missing or []),
        "preview": preview,
        "preview_chart": t_chart(preview.to_dict()),
    }


def _requirements(catalogue: Catalogue, target: str | None) -> dict[str, int]:
    """The level the target role asks for in each competency, by slug ({} without a
    target, or with one the catalogue has retired)."""
    role = catalogue.role_by_slug.get(target) if target else None
    return {r.competency: r.level for r in role.requirements} if role else {}


def _sections(
    catalogue: Catalogue,
    saved: Mapping[str, SavedRating],
    interests: list[str],
    quick: Mapping[str, int],
    given: PostedRatings | None,
) -> dict[str, DisciplineSection]:
    """Every discipline with a light row (its level and version) per competency, by slug."""
    sections = {}
    for discipline in catalogue.disciplines:
        interest = discipline.slug in interests
        if given is not None:
            interest = given.interest(discipline.slug, interest)
        section = DisciplineSection(
            discipline.slug,
            discipline.name,
            interest,
            quick=quick.get(discipline.slug),
            layer=discipline.layer,
            layer_name=catalogue.layer_by_slug[discipline.layer].name,
        )
        for competency in discipline.competencies:
            rating = saved.get(competency.slug)
            level = rating.level if rating else None
            if given is not None:
                level = given.level(competency.slug, level)
            section.rows.append(
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
        sections[discipline.slug] = section
    return sections


def _step_rows(
    section: DisciplineSection,
    saved: Mapping[str, SavedRating],
    given: PostedRatings | None,
    required: Mapping[str, int],
    missing: set[str],
) -> list[RatingRow]:
    """The step's rows in full: descriptions, level anchors, evidence and what the target
    role asks (the step's competencies and anchors: 2 queries)."""
    light = {row.slug: row for row in section.rows}
    rows = []
    for competency in step_competencies(section.slug):
        row = light.get(competency.slug)
        if row is None:
            continue  # retired since the catalogue snapshot was taken
        rating = saved.get(competency.slug)
        evidence = rating.evidence if rating else ""
        if given is not None:
            evidence = given.evidence(competency.slug, evidence)
        described = competency.anchors
        row.description = competency.description
        row.evidence = evidence
        row.options = [
            (value, Level(value).label, described.get(value, NO_EXPOSURE if value == 0 else ""))
            for value in RATING_LEVELS
        ]
        row.required_by_target = required.get(competency.slug)
        row.missing = competency.slug in missing
        rows.append(row)
    return rows


def _missing_by_step(
    catalogue: Catalogue,
    sections: Mapping[str, DisciplineSection],
    missing: list[tuple[str, str]],
) -> list[tuple[DisciplineSection, list[str]]]:
    """The competencies a refused submit still needs, grouped by their step."""
    grouped: dict[str, list[str]] = {}
    for slug, name in missing:
        grouped.setdefault(catalogue.competency_by_slug[slug].discipline, []).append(name)
    return [(sections[discipline], names) for discipline, names in grouped.items()]


def autosave_answer(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    only: str | None,
    posted: Mapping[str, str] | None = None,
    errors: list[str] | tuple = (),
) -> dict:
    """What an autosave answer shows: the changed row's status, its step's count, the
    progress and the live preview.

    Built from the catalogue snapshot rather than the catalogue's rows, so it costs the
    ratings, the interests and the quick ratings (3 queries) on top of the save.
    """
    saved = saved_ratings(assessment)
    interests = interest_slugs(assessment)
    quick = quick_levels(assessment)
    given = PostedRatings(posted) if posted is not None else None
    sections = _sections(catalogue, saved, interests, quick, given)
    competency = catalogue.competency_by_slug.get(only) if only else None
    section = sections.get(competency.discipline) if competency else None
    row = next((r for r in section.rows if r.slug == only), None) if section else None
    preview = _preview(assessment, catalogue, saved, interests, quick)
    return {
        "assessment": assessment,
        "row": row,
        "section": section,
        "rated": sum(s.rated for s in sections.values()),
        "by_quick": sum(s.quick_rated for s in sections.values()),
        "total": sum(len(s.rows) for s in sections.values()),
        "errors": list(errors),
        "preview": preview,
        "preview_chart": t_chart(preview.to_dict()),
    }


def conflict_answer(assessment: Assessment, catalogue: Catalogue, slug: str) -> dict:
    """A rating written elsewhere since the page showed it: its step, with the row as
    saved now (its anchors, current level and version) under ``row``."""
    page = assessment_form(
        assessment, catalogue, step=catalogue.competency_by_slug[slug].discipline
    )
    page["section"] = page["step"]
    page["row"] = next(row for row in page["step"].rows if row.slug == slug)
    return page


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
