"""The sentences behind each number of a profile: every figure they quote can be recomputed
from the figures shown beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from assessments.domain.catalogue import Catalogue, Discipline, RolePlan
from assessments.domain.numbers import join_names, mean_text, number_text
from assessments.domain.profile import DisciplineScore, LayerScore, NearDeep
from assessments.domain.roles import Match
from assessments.domain.thresholds import PHASE_NAMES, SHAPE_LABELS, THRESHOLDS


def depth_text(
    catalogue: Catalogue,
    ratings: Mapping[str, int],
    disciplines: Sequence[DisciplineScore],
    deepest: DisciplineScore | None,
) -> str:
    """Depth is the score of the deepest discipline: its ratings, their mean, and why it
    was chosen over any discipline tied with it."""
    if deepest is None:
        return "You have not rated any competency above 0 yet, so your depth is 0."
    t = THRESHOLDS
    levels = [
        ratings.get(c.slug, 0) for c in catalogue.discipline_by_slug[deepest.slug].competencies
    ]
    mean = sum(levels) / len(levels)
    plural = "rating" if len(levels) == 1 else "ratings"
    text = (
        f"Your deepest discipline is {deepest.name} at {deepest.score}: the mean of your "
        f"{len(levels)} {deepest.name} {plural} ({', '.join(map(str, levels))}) is "
        f"{mean_text(mean)} of {t.max_level}"
    )
    exact = mean * t.points_per_level
    if exact != deepest.score:
        text += f", {number_text(exact)} of 100, shown as {deepest.score}"
    text += "."
    tied = [d for d in disciplines if d.score == deepest.score and d is not deepest]
    if tied:
        if not deepest.interest:
            why = "it comes first in the catalogue"
        elif any(d.interest for d in tied):
            why = "you marked it as an interest and it comes first of those in the catalogue"
        else:
            why = "you marked it as an interest"
        text += (
            f" {join_names([d.name for d in tied])} {'is' if len(tied) == 1 else 'are'} also at "
            f"{deepest.score}; {deepest.name} is shown because {why}."
        )
    return text


def breadth_text(catalogue: Catalogue, score_of: Mapping[str, int], breadth: int) -> str:
    """What each layer adds to breadth: its share, split among its disciplines, each counted
    in full at working level and pro rata below; then their sum."""
    layers = catalogue.layers
    if not layers:
        return "The catalogue has no layers, so your breadth is 0."
    full = THRESHOLDS.discipline_counts_fully
    share = 100 / len(layers)
    parts = []
    total = 0.0
    for layer in layers:
        if not layer.disciplines:
            parts.append(f"{layer.name} has no disciplines and gives 0")
            continue
        scores = [score_of[d.slug] for d in layer.disciplines]
        part = share * sum(min(s, full) for s in scores) / (full * len(scores))
        total += part
        each = join_names(
            [
                f"{d.name} {s}" + (" in full" if s >= full else "")
                for d, s in zip(layer.disciplines, scores, strict=True)
            ]
        )
        parts.append(f"{layer.name} gives {number_text(part)} ({each})")
    text = (
        f"Your breadth is {breadth} of 100. Each of the {len(layers)} layers is worth "
        f"{number_text(share)}, shared equally among its disciplines; a discipline counts in "
        f"full once its score reaches {full} (level {full // THRESHOLDS.points_per_level}), "
        f"pro rata below: {'; '.join(parts)}"
    )
    if number_text(total) != str(breadth):
        return text + f"; together {number_text(total)}, shown as {breadth}."
    return text + "."


def layer_text(layer: LayerScore, catalogue: Catalogue, score_of: Mapping[str, int]) -> str:
    """A layer's score as the mean of its discipline scores."""
    disciplines = catalogue.layer_by_slug[layer.slug].disciplines
    if not disciplines:
        return f"{layer.name} has no disciplines in the catalogue, so it scores 0."
    scores = [score_of[d.slug] for d in disciplines]
    if len(disciplines) == 1:
        only = disciplines[0].name
        return f"{layer.name} is {layer.score}, the score of its one discipline, {only}."
    text = f"{layer.name} is {layer.score}: the mean of its disciplines " + join_names(
        [f"{d.name} {s}" for d, s in zip(disciplines, scores, strict=True)]
    )
    mean = sum(scores) / len(scores)
    if mean != layer.score:
        return text + f" is {number_text(mean)}, shown as {layer.score}."
    return text + "."


def shape_text(
    shape: str,
    depth: int,
    breadth: int,
    disciplines: Sequence[DisciplineScore],
    deepest: DisciplineScore | None,
    qualified: Match | None = None,
) -> str:
    """The shape from depth and breadth against their thresholds, and what would widen it."""
    t = THRESHOLDS
    deep = (
        f"your depth {depth} reaches {t.deep}"
        if depth >= t.deep
        else f"your depth {depth} is below {t.deep}"
    )
    broad = (
        f"your breadth {breadth} reaches {t.broad}"
        if breadth >= t.broad
        else f"your breadth {breadth} is below {t.broad}"
    )
    text = f"{SHAPE_LABELS[shape]}: {deep} and {broad}."
    peaks = [d for d in disciplines if d.score >= t.deep]
    if shape == "pi-shaped":
        text += (
            f" You also have disciplines at {t.deep} or more in more than one layer: "
            + join_names([f"{d.name} {d.score}" for d in peaks])
            + "."
        )
    elif shape == "t-shaped" and deepest is not None:
        text += (
            f" A second discipline at {t.deep} or more, in another layer than that of "
            f"{deepest.name}, would make it Π-shaped."
        )
    elif shape == "i-shaped" and depth < t.deep and qualified is not None:
        text += (
            f" You meet every requirement of {qualified.name}, a specialist role, so you "
            "count as a specialist rather than as emerging."
        )
    return text


def fit_text(match: Match, plan: RolePlan, ratings: Mapping[str, int]) -> str:
    """A role's fit from the requirements met, in part or in full, and the weighted points;
    then each requirement with its weight, the rating and the points it earns."""
    total = len(match.gaps) + match.met
    if not total:
        return f"{match.name} lists no requirements, so its fit is 0%."
    text = f"{match.name}: {match.met} of {total} requirements met"
    partial = sum(1 for gap in match.gaps if gap.have > 0)
    if partial:
        text += f", {partial} more with partial credit"
    points = number_text(match.points)
    text += f"; {points} of {match.out_of} weighted points, so {match.fit}%."
    get = ratings.get
    parts = [
        _term_text(name, need, weight, get(slug, 0)) for slug, name, need, weight, _ in plan.terms
    ]
    return text + " " + "; ".join(parts) + "."


@lru_cache(maxsize=4096)
def _term_text(name: str, need: int, weight: int, have: int) -> str:
    """One requirement of a fit: its weight, the level it needs, the rating and the points
    earned (a few hundred distinct sentences per catalogue, so they are remembered)."""
    earned = number_text(weight * min(have, need) / need)
    return f"{name} (weight {weight}) needs {need}, you have {have}: {earned} of {weight}"


def discipline_text(
    discipline: Discipline, score: int, ratings: Mapping[str, int], quick: int | None = None
) -> str:
    """A discipline's score from its ratings, named one by one: unrated ones take the
    discipline's ``quick`` rating where there is one (domain.quick_ratings), else count as 0."""
    competencies = discipline.competencies
    if not competencies:
        return f"{discipline.name} has no competencies in the catalogue, so it scores 0."
    t = THRESHOLDS
    if quick is not None and not any(c.slug in ratings for c in competencies):
        return (
            f"{discipline.name} is {score}: your quick rating of the whole discipline, "
            f"level {quick} × {t.points_per_level}. Rate its {_competencies(competencies)} "
            f"one by one to make it exact."
        )
    if quick is None and not any(c.slug in ratings for c in competencies):
        return f"{discipline.name} is 0: you have not rated its {_competencies(competencies)} yet."
    unrated = " (not rated)" if quick is None else " (your quick rating)"
    levels = [ratings.get(c.slug, 0 if quick is None else quick) for c in competencies]
    each = join_names(
        [
            f"{c.name} {level}" + ("" if c.slug in ratings else unrated)
            for c, level in zip(competencies, levels, strict=True)
        ]
    )
    if len(levels) == 1:
        return f"{discipline.name} is {score}: {each} × {t.points_per_level}."
    mean = sum(levels) / len(levels)
    text = f"{discipline.name} is {score}: the mean of {each} is {mean_text(mean)} of {t.max_level}"
    exact = mean * t.points_per_level
    if exact != score:
        text += f", {number_text(exact)} of 100, shown as {score}"
    return text + "."


def _competencies(competencies: Sequence[object]) -> str:
    return f"{len(competencies)} {'competency' if len(competencies) == 1 else 'competencies'}"


def phase_text(number: int, why: str) -> str:
    """The roadmap phase by number and name, then why and what to raise next."""
    return f"Phase {number}, {PHASE_NAMES[number]}: {why}"


def path_text(
    phase: int,
    depth: int,
    breadth: int,
    qualified: Match | None = None,
    near: NearDeep | None = None,
) -> str:
    """Why the profile is in its phase (the thresholds against its depth and breadth), and
    whether raising one competency one level would make a deep stem."""
    t = THRESHOLDS
    if phase == 3:
        text = f"Phase 3 starts once depth reaches {t.deep}; yours is {depth}."
    elif depth >= t.stem_forming or breadth >= t.broad:
        text = (
            f"Phase 2 runs from a depth of {t.stem_forming} (a stem forming) or a breadth of "
            f"{t.broad} until a depth of {t.deep}; your depth is {depth} and your breadth "
            f"{breadth}."
        )
    elif qualified is not None:
        text = (
            f"Meeting {qualified.name} in full puts you in phase 2 although your depth "
            f"{depth} is below {t.stem_forming} and your breadth {breadth} below {t.broad}."
        )
    else:
        text = (
            f"Phase 1 lasts while depth is below {t.stem_forming} and breadth below "
            f"{t.broad}; your depth is {depth} and your breadth {breadth}."
        )
    if near is not None:
        text += (
            f" You are one level from a deep stem: raising {near.competency_name} from "
            f"{near.have} to {near.have + 1} takes {near.discipline_name} to {near.score}."
        )
    return text
