"""The pages of submitted assessments: the dashboard, a profile, the history and the
comparison of two."""

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.http import Http404
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.timezone import localtime

from assessments.domain import comparison, history_chart, scoring, t_picture
from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import still_offered
from assessments.domain.milestones import milestones
from assessments.domain.profile import SCORING_VERSION
from assessments.domain.thresholds import PHASE_NAMES, SHAPE_LABELS
from assessments.domain.wording import third_person
from assessments.ids import parse_id
from assessments.models import Assessment, submitted
from assessments.queries import assessments as queries
from assessments.queries.catalogue import roles_with_bands
from assessments.queries.teams import notices_of
from careers import fragments
from careers.models import Competency

TOP_MATCHES = 5


def t_chart(result: dict) -> t_picture.TPicture:
    """The T of a scored profile with, when it has a target role, that role's needs as an
    outline over it (profiles stored before needs were kept have none)."""
    target = result.get("target")
    needs = result.get("target_needs")
    outline = (
        t_picture.target_outline(target["name"], needs, result["disciplines"], result["layers"])
        if target and needs
        else None
    )
    return t_picture.t_picture(result["layers"], result["disciplines"], result["breadth"], outline)


def dashboard_page(user) -> dict:
    recent = queries.recent_submitted(user, 6)
    draft = queries.draft_of(user)
    latest = recent[0] if recent else None
    return {
        "notices": notices_of(user),
        "latest": latest,
        "recent": recent,
        "draft": draft,
        "latest_chart": t_chart(submitted(latest.result)) if latest else None,
    }


def profile_page(assessment: Assessment, *, third_person: bool = False) -> dict:
    """A submitted assessment's frozen profile, with salary bands for the top roles.

    Below its heading the page depends only on the assessment, which no longer changes
    once submitted, and on the catalogue (role names, links and salary bands): that part,
    with the id of the assessment submitted before it (which cannot change either: a
    submitted assessment is never deleted on its own, and later ones come after it), is
    built once per catalogue version and kept in the cache (careers.fragments).

    `third_person` is for someone else reading it, a manager: "their depth", not "your".
    """
    frozen = fragments.cached(
        "profile",
        [assessment.pk, submitted(assessment.submitted_at).timestamp(), int(third_person)],
        lambda: {
            "body": render_to_string(
                "assessments/includes/profile_body.html",
                _profile_body(assessment, submitted(assessment.result), third_person),
            ),
            "previous": queries.previous_submitted(assessment),
        },
    )
    return {
        "assessment": assessment,
        "summary": _summary(assessment),
        "body": frozen["body"],
        "previous": frozen["previous"],
        "current_version": SCORING_VERSION,
        "outdated": assessment.scoring_version != SCORING_VERSION,
    }


def _summary(assessment: Assessment) -> dict:
    """The profile's headline numbers, from the assessment's own columns."""
    phase = submitted(assessment.phase)
    return {
        "shape_label": SHAPE_LABELS[assessment.shape],
        "depth": assessment.depth,
        "breadth": assessment.breadth,
        "phase": phase,
        "phase_name": PHASE_NAMES[phase],
    }


def rescored_page(assessment: Assessment, catalogue: Catalogue) -> dict:
    """A submitted assessment's ratings scored again with today's model and catalogue, to
    look at only: the stored profile, and so the history, stay as they were.

    What the catalogue has retired since is left out (domain.inputs.still_offered)."""
    given = still_offered(
        catalogue,
        {slug: rating.level for slug, rating in queries.saved_ratings(assessment).items()},
        queries.interest_slugs(assessment),
        assessment.target_role.slug if assessment.target_role else None,
        queries.quick_levels(assessment),
    )
    result = scoring.score_input(catalogue, given).to_dict()
    body = _profile_body(assessment, result) | {"scored_with": SCORING_VERSION}
    return {
        "assessment": assessment,
        "summary": result,
        "body": render_to_string("assessments/includes/profile_body.html", body),
        "rescored": True,
        "current_version": SCORING_VERSION,
    }


def _read_by_others(result: dict) -> dict:
    """The profile's sentences in the third person (domain.wording): the explanations, the
    next steps' reasons and the warnings."""

    def turn(value):
        if isinstance(value, str):
            return third_person(value)
        if isinstance(value, dict):
            return {key: turn(item) for key, item in value.items()}
        return value

    return result | {
        "explanations": turn(result["explanations"]),
        "next_actions": [
            action | {"reason": third_person(action.get("reason", ""))}
            for action in result.get("next_actions", [])
        ],
        "warnings": [
            warning | {"message": third_person(warning.get("message", ""))}
            for warning in result.get("warnings", [])
        ],
    }


def _profile_body(assessment: Assessment, result: dict, others: bool = False) -> dict:
    if others:
        result = _read_by_others(result)
    matches = result["matches"]
    roles, bands = roles_with_bands(
        {match["role"] for match in matches}, assessment.country, assessment.experience_level
    )
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
    # Version 1 profiles explain layers only; from version 2 every discipline has its sentence.
    discipline_text = result["explanations"].get("disciplines", {})
    layer_rows = [
        {
            **layer,
            "explanation": layer_text.get(layer["slug"], ""),
            "disciplines": [
                # Profiles from before quick ratings have no "quick".
                {**d, "explanation": discipline_text.get(d["slug"], ""), "quick": d.get("quick")}
                for d in result["disciplines"]
                if d["layer"] == layer["slug"]
            ],
        }
        for layer in result["layers"]
    ]
    target = decorate(result["target"]) if result.get("target") else None
    ratings = evidence_rows(assessment)
    return {
        "assessment": assessment,
        "result": result,
        "layer_rows": layer_rows,
        "ratings": ratings,
        "with_evidence": sum(1 for rating in ratings if rating["evidence"]),
        "chart": t_chart(result),
        "top_matches": [decorate(match) for match in matches[:TOP_MATCHES]],
        "other_matches": [decorate(match) for match in matches[TOP_MATCHES:]],
        "target": target,
        "salary_sources": sorted({band.source for band in bands.values()}),
        # The next steps are the one to-do list: those that close a gap of the target role
        # say so, and the target's full list of gaps is there for reference.
        "target_gaps": {gap["competency"] for gap in target["gaps"]} if target else set(),
        "third_person": others,
    }


def evidence_rows(assessment: Assessment) -> list[dict]:
    """Each rating the person gave, in catalogue order, with its discipline's name and the
    evidence written for it (one query)."""
    ratings = sorted(
        queries.ratings_with_competencies([assessment.pk]),
        key=lambda r: (
            r.competency.discipline.layer.order,
            r.competency.discipline.order,
            r.competency.order,
            r.competency.name,
        ),
    )
    return [
        {
            "discipline": rating.competency.discipline.name,
            "name": rating.competency.name,
            "level": rating.level,
            "evidence": rating.evidence,
        }
        for rating in ratings
    ]


def history_page(user) -> dict:
    """Every submitted assessment, oldest first, with the chart of depth, breadth and layers,
    and the changes of shape and phase numbered on the chart and listed in words."""
    assessments = list(queries.submitted_history(user))
    layer_names = []
    if assessments:
        layer_names = [
            (layer["slug"], layer["name"]) for layer in submitted(assessments[-1].result)["layers"]
        ]
    labels = submitted_labels([submitted(a.submitted_at) for a in assessments])
    shape_labels = [submitted(a.result).get("shape_label", a.shape) for a in assessments]
    changes = milestones(
        [(shape, submitted(a.phase)) for shape, a in zip(shape_labels, assessments, strict=True)]
    )
    change_at = {change.index: change for change in changes}
    rows = []
    for index, (assessment, label) in enumerate(zip(assessments, labels, strict=True)):
        scores = {layer["slug"]: layer["score"] for layer in submitted(assessment.result)["layers"]}
        rows.append(
            {
                "assessment": assessment,
                "label": label,
                "shape_label": shape_labels[index],
                "layers": [scores.get(slug) for slug, _name in layer_names],
                "change": change_at.get(index),
            }
        )
    return {
        "rows": rows,
        "layer_names": layer_names,
        "chart": (
            history_chart.history_chart(
                [
                    history_chart.Moment(
                        label,
                        submitted(a.depth),
                        submitted(a.breadth),
                        shape_labels[i],
                        submitted(a.phase),
                    )
                    for i, (a, label) in enumerate(zip(assessments, labels, strict=True))
                ]
            )
            if assessments
            else None
        ),
        "changes": [(labels[change.index], change.text) for change in changes],
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


def comparison_page(user, first, second, everything: bool = False) -> dict:
    """Two of the user's submitted assessments, competency by competency: the competencies
    that changed, or all of them with ``everything``; in words, and as the later T drawn
    over the earlier.

    Raises NotAPair when the choice is malformed (not two numbers) or names the same
    assessment twice; raises Http404 when either is not one of the user's submitted
    assessments.
    """
    first_id, second_id = parse_id(first), parse_id(second)
    if first_id is None or second_id is None:
        raise NotAPair(PICK_TWO)
    if first_id == second_id:
        raise NotAPair(PICK_DIFFERENT)
    ids = [first_id, second_id]
    found = queries.submitted_by_id(user, ids)
    if len(found) != 2:
        raise Http404("No such assessment.")
    older, newer = sorted(found.values(), key=lambda a: (a.submitted_at, a.pk))
    levels: dict[int, dict[int, int]] = {older.pk: {}, newer.pk: {}}
    competencies: dict[int, Competency] = {}
    for rating in queries.ratings_with_competencies(ids):
        levels[rating.assessment_id][rating.competency_id] = rating.level
        competencies[rating.competency_id] = rating.competency
    ordered = sorted(
        competencies.values(),
        key=lambda c: (c.discipline.layer.order, c.discipline.order, c.order, c.name),
    )
    rows: list[dict[str, Any]] = []
    for competency in ordered:
        before = levels[older.pk].get(competency.pk)
        after = levels[newer.pk].get(competency.pk)
        # A competency rated in only one of the two (added to or retired from the catalogue
        # in between) neither rose nor fell.
        change = None if before is None or after is None else after - before
        rows.append({"competency": competency, "before": before, "after": after, "change": change})
    submitted = queries.submitted_moments(user)
    choices = list(
        zip(
            [pk for pk, _when in submitted],
            submitted_labels([when for _pk, when in submitted]),
            strict=True,
        )
    )
    label_of = dict(choices)
    rose = [row for row in rows if row["change"] is not None and row["change"] > 0]
    fell = [row for row in rows if row["change"] is not None and row["change"] < 0]
    same = sum(1 for row in rows if row["change"] == 0)
    one_only = sum(1 for row in rows if row["change"] is None)
    return {
        "older": older,
        "newer": newer,
        "older_label": label_of[older.pk],
        "newer_label": label_of[newer.pk],
        "rows": rows if everything else [row for row in rows if row["change"] != 0],
        "everything": everything,
        "total": len(rows),
        "same": same,
        "sentences": comparison.summary(
            _side(older),
            _side(newer),
            comparison.Counts(len(rose), len(fell), same, one_only),
        ),
        "chart": _overlay(older, newer, label_of[older.pk]),
        # Scores of different models are not like for like: the page says so.
        "versions": (
            (older.scoring_version, newer.scoring_version)
            if older.scoring_version != newer.scoring_version
            else None
        ),
        "choices": choices,
    }


def _side(assessment: Assessment) -> comparison.Side:
    target = submitted(assessment.result).get("target")
    return comparison.Side(
        SHAPE_LABELS[assessment.shape],
        submitted(assessment.phase),
        submitted(assessment.depth),
        submitted(assessment.breadth),
        target["name"] if target else None,
        target["fit"] if target else None,
    )


def _overlay(older: Assessment, newer: Assessment, older_label: str) -> t_picture.TPicture:
    """The later T with the earlier one drawn over it as a dashed outline."""
    before, after = submitted(older.result), submitted(newer.result)
    outline = t_picture.Outline(
        f"your T on {older_label}",
        "earlier",
        {layer["slug"]: layer["score"] for layer in before["layers"]},
        {d["slug"]: d["score"] for d in before["disciplines"]},
        older.breadth,
    )
    return t_picture.t_picture(after["layers"], after["disciplines"], after["breadth"], outline)
