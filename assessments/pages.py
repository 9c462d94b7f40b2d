"""Reads for the assessment pages: each builds one page's context in a fixed number of queries."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from assessments import scoring
from assessments.domain import charts
from assessments.forms import (
    EVIDENCE_PREFIX,
    INTEREST_PREFIX,
    INTEREST_SHOWN_SUFFIX,
    LEVEL_PREFIX,
    AssessmentSettingsForm,
)
from assessments.ids import parse_id
from assessments.models import ApiToken, Assessment, Membership, Rating
from careers import fragments
from careers.models import (
    Competency,
    Discipline,
    Layer,
    Level,
    LevelAnchor,
    Role,
    RoleRequirement,
    SalaryBand,
)

TOP_MATCHES = 5


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

    @property
    def level_field(self) -> str:
        return LEVEL_PREFIX + self.slug

    @property
    def evidence_field(self) -> str:
        return EVIDENCE_PREFIX + self.slug

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

    @property
    def interest_field(self) -> str:
        return INTEREST_PREFIX + self.slug

    @property
    def interest_shown_field(self) -> str:
        return INTEREST_PREFIX + self.slug + INTEREST_SHOWN_SUFFIX

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


def _form_structure(anchors: bool = True):
    """Active layers → disciplines → competencies, with their level anchors unless told
    not to (4 queries, or 3)."""
    competencies = Competency.objects.active().order_by("order", "name", "slug")
    if anchors:
        competencies = competencies.prefetch_related(
            Prefetch("anchors", queryset=LevelAnchor.objects.order_by("level"))
        )
    return (
        Layer.objects.active()
        .order_by("order", "name", "slug")
        .prefetch_related(
            Prefetch(
                "disciplines",
                queryset=Discipline.objects.active().order_by("order", "name", "slug"),
            ),
            Prefetch("disciplines__competencies", queryset=competencies),
        )
    )


def assessment_form(
    assessment: Assessment,
    catalogue: scoring.Catalogue,
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
    saved = {
        slug: (level, evidence)
        for slug, level, evidence in assessment.ratings.values_list(
            "competency__slug", "level", "evidence"
        )
    }
    interests = set(assessment.interests.values_list("slug", flat=True))
    required = {}
    if assessment.target_role_id:
        required = dict(
            RoleRequirement.objects.filter(role_id=assessment.target_role_id).values_list(
                "competency__slug", "level"
            )
        )
    missing_slugs = {slug for slug, _ in missing or ()}

    layers = []
    for layer in _form_structure(anchors):
        layer_section = LayerSection(layer.slug, layer.name)
        for discipline in layer.disciplines.all():
            interest = discipline.slug in interests
            if (
                posted is not None
                and INTEREST_PREFIX + discipline.slug + INTEREST_SHOWN_SUFFIX in posted
            ):
                interest = INTEREST_PREFIX + discipline.slug in posted
            section = DisciplineSection(discipline.slug, discipline.name, interest)
            for competency in discipline.competencies.all():
                level, evidence = saved.get(competency.slug, (None, ""))
                if posted is not None:
                    level = _posted_level(posted, competency.slug, level)
                    evidence = posted.get(EVIDENCE_PREFIX + competency.slug, evidence)
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
                            for value in range(6)
                        ]
                        if described is not None
                        else [],
                        level=level,
                        evidence=evidence,
                        missing=competency.slug in missing_slugs,
                        required_by_target=required.get(competency.slug),
                    )
                )
            layer_section.disciplines.append(section)
        layers.append(layer_section)

    all_rows = [row for layer in layers for d in layer.disciplines for row in d.rows]
    rated = sum(1 for row in all_rows if row.level is not None)
    if scope == "target" and required:
        for layer in layers:
            for section in layer.disciplines:
                section.rows = [row for row in section.rows if row.required_by_target]
            layer.disciplines = [d for d in layer.disciplines if d.rows]
        layers = [layer for layer in layers if layer.disciplines]

    ratings = {
        slug: level
        for slug, (level, _evidence) in saved.items()
        if slug in catalogue.competency_by_slug
    }
    target = assessment.target_role.slug if assessment.target_role_id else None
    preview = scoring.score(
        catalogue,
        ratings,
        [slug for slug in interests if slug in catalogue.discipline_by_slug],
        target if target in catalogue.role_by_slug else None,
    )
    page = {
        "assessment": assessment,
        "settings_form": AssessmentSettingsForm(posted, instance=assessment)
        if posted is not None and any(name in posted for name in AssessmentSettingsForm.Meta.fields)
        else AssessmentSettingsForm(instance=assessment),
        "layers": layers,
        "rated": rated,
        "total": len(all_rows),
        "scope": scope if required else "all",
        "has_target": bool(required),
        "errors": list(errors),
        "missing": missing or [],
        "preview": preview,
        "preview_chart": _t_chart(preview.to_dict()),
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
    catalogue: scoring.Catalogue,
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
    saved = dict(assessment.ratings.values_list("competency__slug", "level"))
    interests = set(assessment.interests.values_list("slug", flat=True))
    row = section = None
    rated = total = 0
    for discipline in catalogue.disciplines:
        current = DisciplineSection(discipline.slug, discipline.name, discipline.slug in interests)
        for competency in discipline.competencies:
            level = saved.get(competency.slug)
            if posted is not None:
                level = _posted_level(posted, competency.slug, level)
            current.rows.append(
                RatingRow(
                    slug=competency.slug,
                    name=competency.name,
                    description="",
                    discipline=discipline.slug,
                    options=[],
                    level=level,
                    evidence="",
                )
            )
            if competency.slug == only:
                row, section = current.rows[-1], current
        rated += current.rated
        total += len(current.rows)
    target = assessment.target_role.slug if assessment.target_role_id else None
    preview = scoring.score(
        catalogue,
        {slug: level for slug, level in saved.items() if slug in catalogue.competency_by_slug},
        [slug for slug in interests if slug in catalogue.discipline_by_slug],
        target if target in catalogue.role_by_slug else None,
    )
    return {
        "assessment": assessment,
        "row": row,
        "section": section,
        "rated": rated,
        "total": total,
        "errors": list(errors),
        "preview": preview,
        "preview_chart": _t_chart(preview.to_dict()),
    }


def _posted_level(posted, slug, saved):
    value = posted.get(LEVEL_PREFIX + slug)
    if value is None:
        return saved
    try:
        level = int(value)
    except (TypeError, ValueError):
        return saved
    return level if 0 <= level <= 5 else saved


def _t_chart(result: dict) -> charts.TChart:
    """The T of a scored profile: the deepest discipline as the stem and, for a Π, the
    deepest peak in another layer as the second stem."""
    by_slug = {d["slug"]: d for d in result["disciplines"]}
    stems = []
    deepest = by_slug.get(result.get("depth_discipline"))
    if deepest and deepest["score"] > 0:
        stems.append(deepest)
        if result.get("shape") == "pi-shaped":
            others = [
                by_slug[slug]
                for slug in result.get("peaks", [])
                if slug in by_slug and by_slug[slug]["layer"] != deepest["layer"]
            ]
            if others:
                stems.append(max(others, key=lambda d: d["score"]))
    return charts.t_chart(result["layers"], stems)


# --- dashboard, profile, history, comparison -----------------------------------------


def dashboard(user) -> dict:
    submitted = list(
        Assessment.objects.filter(owner=user, status=Assessment.Status.SUBMITTED)
        .select_related("target_role")
        .order_by("-submitted_at", "-pk")[:6]
    )
    draft = Assessment.objects.filter(owner=user, status=Assessment.Status.DRAFT).first()
    latest = submitted[0] if submitted else None
    return {
        "latest": latest,
        "recent": submitted,
        "draft": draft,
        "latest_chart": _t_chart(latest.result) if latest else None,
    }


def profile_page(assessment: Assessment) -> dict:
    """A submitted assessment's frozen profile, with salary bands for the top roles.

    Below its heading the page depends only on the assessment, which no longer changes
    once submitted, and on the catalogue (role names, links and salary bands): that part
    is rendered once per catalogue version and kept in the cache (careers.fragments).
    """
    return {
        "assessment": assessment,
        "result": assessment.result,
        "body": fragments.cached(
            "profile",
            [assessment.pk, assessment.submitted_at.timestamp()],
            lambda: render_to_string(
                "assessments/includes/profile_body.html", _profile_body(assessment)
            ),
        ),
        "previous": Assessment.objects.filter(
            owner_id=assessment.owner_id,
            status=Assessment.Status.SUBMITTED,
            submitted_at__lt=assessment.submitted_at,
        )
        .order_by("-submitted_at")
        .values_list("pk", flat=True)
        .first(),
    }


def _profile_body(assessment: Assessment) -> dict:
    result = assessment.result
    top = result["matches"][:TOP_MATCHES]
    shown = {match["role"] for match in top}
    if result.get("target"):
        shown.add(result["target"]["role"])
    roles = {
        role.slug: role
        for role in Role.objects.filter(slug__in=shown, is_active=True).only("slug", "name")
    }
    bands = {
        band.role.slug: band
        for band in SalaryBand.objects.filter(
            role__slug__in=shown,
            country=assessment.country,
            experience_level=assessment.experience_level,
        ).select_related("role")
    }
    fits = result["explanations"]["fits"]

    def decorate(match):
        role = roles.get(match["role"])
        return {
            **match,
            "url": role.get_absolute_url() if role else "",
            "band": bands.get(match["role"]),
            "explanation": fits.get(match["role"], ""),
        }

    layer_text = result["explanations"]["layers"]
    layer_rows = [
        {
            **layer,
            "explanation": layer_text.get(layer["slug"], ""),
            "disciplines": [d for d in result["disciplines"] if d["layer"] == layer["slug"]],
        }
        for layer in result["layers"]
    ]
    return {
        "assessment": assessment,
        "result": result,
        "layer_rows": layer_rows,
        "chart": _t_chart(result),
        "top_matches": [decorate(match) for match in top],
        "target": decorate(result["target"]) if result.get("target") else None,
    }


def history_page(user) -> dict:
    """Every submitted assessment, oldest first, with the chart of depth, breadth and layers."""
    assessments = list(
        Assessment.objects.filter(owner=user, status=Assessment.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
        .only("pk", "submitted_at", "depth", "breadth", "shape", "phase", "result")
    )
    layer_names = []
    if assessments:
        layer_names = [(layer["slug"], layer["name"]) for layer in assessments[-1].result["layers"]]
    labels = submitted_labels([a.submitted_at for a in assessments])
    rows = []
    for assessment, label in zip(assessments, labels, strict=True):
        scores = {layer["slug"]: layer["score"] for layer in assessment.result["layers"]}
        rows.append(
            {
                "assessment": assessment,
                "label": label,
                "shape_label": assessment.result.get("shape_label", assessment.shape),
                "layers": [scores.get(slug) for slug, _name in layer_names],
            }
        )
    series = [
        ("depth", "Depth", "#1d3557", [a.depth for a in assessments]),
        ("breadth", "Breadth", "#b5451b", [a.breadth for a in assessments]),
    ] + [
        (
            slug,
            name,
            charts.LAYER_COLOURS.get(slug, charts.FALLBACK_COLOUR),
            [row["layers"][i] or 0 for row in rows],
        )
        for i, (slug, name) in enumerate(layer_names)
    ]
    return {
        "rows": rows,
        "layer_names": layer_names,
        "chart": charts.line_chart(labels, series) if assessments else None,
        "choices": [(a.pk, label) for a, label in zip(assessments, labels, strict=True)],
        "default_a": assessments[-2].pk if len(assessments) > 1 else None,
        "default_b": assessments[-1].pk if assessments else None,
    }


def submitted_labels(moments: Sequence[datetime]) -> list[str]:
    """How submitted assessments are named in lists: each one's date in the site's time
    zone ("25 Nov 2026"), with the time as well ("25 Nov 2026, 14:05") where another one
    shares its date, so that the two can be told apart."""
    local = [localtime(moment) for moment in moments]
    per_day = Counter(moment.date() for moment in local)
    return [
        date_format(moment, "j M Y, H:i" if per_day[moment.date()] > 1 else "j M Y")
        for moment in local
    ]


class NotAPair(ValueError):
    """The choice of assessments to compare is not two different ones; the message says
    what to do instead."""


PICK_TWO = "Pick two of your submitted assessments to compare."
PICK_DIFFERENT = "Choose two different assessments to compare."


def comparison_page(user, first, second) -> dict:
    """Two of the user's submitted assessments, competency by competency.

    Raises NotAPair when the choice is malformed (not two numbers) or names the same
    assessment twice; raises Http404 when either is not one of the user's submitted
    assessments.
    """
    ids = [parse_id(first), parse_id(second)]
    if None in ids:
        raise NotAPair(PICK_TWO)
    if ids[0] == ids[1]:
        raise NotAPair(PICK_DIFFERENT)
    found = {
        a.pk: a
        for a in Assessment.objects.filter(
            pk__in=ids, owner=user, status=Assessment.Status.SUBMITTED
        )
    }
    if len(found) != 2:
        raise Http404("No such assessment.")
    older, newer = sorted(found.values(), key=lambda a: (a.submitted_at, a.pk))
    levels = {older.pk: {}, newer.pk: {}}
    competencies = {}
    for rating in Rating.objects.filter(assessment_id__in=ids).select_related(
        "competency__discipline__layer"
    ):
        levels[rating.assessment_id][rating.competency_id] = rating.level
        competencies[rating.competency_id] = rating.competency
    ordered = sorted(
        competencies.values(),
        key=lambda c: (c.discipline.layer.order, c.discipline.order, c.order, c.name),
    )
    rows = []
    for competency in ordered:
        before = levels[older.pk].get(competency.pk)
        after = levels[newer.pk].get(competency.pk)
        # A competency rated in only one of the two (added to or retired from the catalogue
        # in between) neither rose nor fell.
        change = None if before is None or after is None else after - before
        rows.append({"competency": competency, "before": before, "after": after, "change": change})
    submitted = list(
        Assessment.objects.filter(owner=user, status=Assessment.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list("pk", "submitted_at")
    )
    choices = list(
        zip(
            [pk for pk, _when in submitted],
            submitted_labels([when for _pk, when in submitted]),
            strict=True,
        )
    )
    label_of = dict(choices)
    return {
        "older": older,
        "newer": newer,
        "older_label": label_of[older.pk],
        "newer_label": label_of[newer.pk],
        "rows": rows,
        "rose": [row for row in rows if row["change"] is not None and row["change"] > 0],
        "fell": [row for row in rows if row["change"] is not None and row["change"] < 0],
        "same": sum(1 for row in rows if row["change"] == 0),
        "one_only": sum(1 for row in rows if row["change"] is None),
        "summary": [
            ("Depth", older.depth, newer.depth),
            ("Breadth", older.breadth, newer.breadth),
        ],
        "choices": choices,
    }


# --- the account's data ----------------------------------------------------------------


def account_export(user, *, now) -> dict:
    """Everything held about a person, as plain JSON types (a fixed number of queries)."""
    assessments = (
        Assessment.objects.filter(owner=user)
        .select_related("target_role")
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=Rating.objects.select_related("competency").order_by("competency__slug"),
            ),
            "interests",
        )
        .order_by("created_at", "pk")
    )
    return {
        "exported_at": now.isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "assessments": [
            {
                "id": assessment.pk,
                "status": assessment.status,
                "source": assessment.source,
                "created_at": assessment.created_at.isoformat(),
                "submitted_at": (
                    assessment.submitted_at.isoformat() if assessment.submitted_at else None
                ),
                "target_role": assessment.target_role.slug if assessment.target_role else None,
                "country": assessment.country,
                "experience_level": assessment.experience_level,
                "interests": sorted(d.slug for d in assessment.interests.all()),
                "ratings": [
                    {
                        "competency": rating.competency.slug,
                        "name": rating.competency.name,
                        "level": rating.level,
                        "evidence": rating.evidence,
                    }
                    for rating in assessment.ratings.all()
                ],
                "scoring_version": assessment.scoring_version or None,
                "result": assessment.result,
            }
            for assessment in assessments
        ],
        "teams": [
            {
                "team": membership.team.name,
                "slug": membership.team.slug,
                "role": membership.role,
                "joined_at": membership.joined_at.isoformat(),
            }
            for membership in Membership.objects.filter(user=user)
            .select_related("team")
            .order_by("team__name", "pk")
        ],
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at.isoformat(),
                "expires_at": _iso(token.expires_at),
                "last_used_at": _iso(token.last_used_at),
                "revoked_at": _iso(token.revoked_at),
            }
            for token in ApiToken.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None
