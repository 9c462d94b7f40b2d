"""Ecosystem diagnostics: the failure patterns a team's layer balance reveals.

Each rule compares the rounded numbers the dashboard shows, so what the page shows is what
the rule saw; ``docs/coverage.md`` gives the rules with a worked example.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments.domain.coverage import (
    THRESHOLDS,
    CoverageThresholds,
    DisciplineCoverage,
    LayerBalance,
)
from assessments.domain.numbers import join_names


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """An ecosystem failure pattern that holds for the team, with the numbers behind it.

    Every value of ``numbers`` appears, formatted as on the page, in ``message``.
    """

    key: str
    title: str
    explanation: str
    message: str
    numbers: Mapping[str, int | float]


def format_number(value: int | float) -> str:
    """A number as diagnostics print it: ints as they are, other values with one decimal."""
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}"


_EXPLANATIONS: Mapping[str, tuple[str, str]] = {
    "producers_dilemma": (
        "Producer's dilemma",
        "The team is good at making things, but short of the skills that carry that work to "
        "an audience or turn attention into customers. However fine the content, copy and "
        "design, material that too few people see, or that visitors leave without acting "
        "on, returns little for the effort it cost. Build up the weak layer named here "
        "before commissioning more creative work.",
    ),
    "empty_megaphone": (
        "Empty megaphone",
        "The team knows how to reach people through search, social, email and paid channels, "
        "but has little of substance to send through them. Reach multiplies whatever it "
        "carries: with thin content, weak copy or a poor landing experience, the traffic "
        "that is bought or earned leaves at once, and the channel budget is spent for "
        "nothing. Strengthen creation before adding reach.",
    ),
    "leaky_bucket": (
        "Leaky bucket",
        "The team creates well and draws attention, yet nobody can reliably turn visitors "
        "into customers or show which efforts pay. Traffic arrives and drains away "
        "unconverted, and without measurement the budget follows guesswork rather than "
        "results. Skills in conversion optimisation and marketing analytics would let the "
        "team keep, and prove, the value it already generates.",
    ),
    "no_architect": (
        "No architect",
        "No one on the team reaches working level in strategy and leadership: running the "
        "marketing function, managing projects, setting direction and speaking the language "
        "of budgets and the board. Specialists can each do good work, but without someone "
        "who sees the whole system the layers drift apart and results depend on luck. "
        "Develop or bring in a person who can plan across layers and own the budget.",
    ),
}
DIAGNOSTIC_KEYS: tuple[str, ...] = tuple(_EXPLANATIONS)


def _diagnostic(key: str, message: str, numbers: dict[str, int | float]) -> Diagnostic:
    title, explanation = _EXPLANATIONS[key]
    return Diagnostic(
        key=key, title=title, explanation=explanation, message=message, numbers=numbers
    )


def _number_key(slug: str, suffix: str) -> str:
    return f"{slug.replace('-', '_')}_{suffix}"


def diagnose(
    layers: Sequence[LayerBalance],
    disciplines: Sequence[DisciplineCoverage],
    submitted_count: int,
    thresholds: CoverageThresholds = THRESHOLDS,
) -> tuple[Diagnostic, ...]:
    """The ecosystem failure patterns that hold for the team, in a fixed order.

    With S = layer strength, strong = S >= strong_layer_from, weak = S < weak_below:

    - leaky_bucket: producers strong, distributors strong, and the team's best score in
      each conversion discipline (conversion optimisation, marketing analytics) below
      weak_below.
    - producers_dilemma: producers strong and distributors or converters weak, unless the
      leaky bucket holds (it names the same gap more precisely).
    - empty_megaphone: distributors strong and producers weak.
    - no_architect: the best member's architects layer score is below working_score.

    A producer's dilemma and an empty megaphone exclude each other (producers cannot be
    strong and weak), and so do an empty megaphone and a leaky bucket, so at most one of
    the first three holds. Nothing holds without submitted members. A rule whose layers or
    disciplines are missing from the structure is skipped.
    """
    if submitted_count <= 0:
        return ()
    t = thresholds
    by_layer = {layer.layer: layer for layer in layers}
    by_discipline = {d.discipline: d for d in disciplines}
    strong, weak = t.strong_layer_from, t.weak_below
    producers = by_layer.get(t.producers_layer)
    distributors = by_layer.get(t.distributors_layer)
    converters = by_layer.get(t.converters_layer)
    architects = by_layer.get(t.architects_layer)
    conversion = [by_discipline.get(slug) for slug in t.conversion_disciplines]
    found: list[Diagnostic] = []

    def strength(layer: LayerBalance) -> str:
        return f"{layer.name} strength {format_number(layer.strength)}"

    leaky = (
        producers is not None
        and distributors is not None
        and all(d is not None for d in conversion)
        and producers.strength >= strong
        and distributors.strength >= strong
        and all(d.best_score < weak for d in conversion if d is not None)
    )

    if producers is not None and producers.strength >= strong and not leaky:
        weak_layers = [
            layer
            for layer in (distributors, converters)
            if layer is not None and layer.strength < weak
        ]
        if weak_layers:
            numbers: dict[str, int | float] = {
                _number_key(producers.layer, "strength"): producers.strength
            }
            for layer in weak_layers:
                numbers[_number_key(layer.layer, "strength")] = layer.strength
            numbers |= {"strong_from": strong, "weak_below": weak}
            verb = "is" if len(weak_layers) == 1 else "are"
            found.append(
                _diagnostic(
                    "producers_dilemma",
                    f"{strength(producers)} is strong ({strong} or more), but "
                    f"{join_names([strength(layer) for layer in weak_layers])} {verb} weak "
                    f"(below {weak}).",
                    numbers,
                )
            )

    if (
        producers is not None
        and distributors is not None
        and distributors.strength >= strong
        and producers.strength < weak
    ):
        found.append(
            _diagnostic(
                "empty_megaphone",
                f"{strength(distributors)} is strong ({strong} or more), but "
                f"{strength(producers)} is weak (below {weak}).",
                {
                    _number_key(distributors.layer, "strength"): distributors.strength,
                    _number_key(producers.layer, "strength"): producers.strength,
                    "strong_from": strong,
                    "weak_below": weak,
                },
            )
        )

    if leaky and producers is not None and distributors is not None:
        numbers = {
            _number_key(producers.layer, "strength"): producers.strength,
            _number_key(distributors.layer, "strength"): distributors.strength,
        }
        bests = []
        for d in conversion:
            if d is not None:
                numbers[_number_key(d.discipline, "best")] = d.best_score
                bests.append(f"the best {d.name} score is {d.best_score}")
        numbers |= {"strong_from": strong, "weak_below": weak}
        found.append(
            _diagnostic(
                "leaky_bucket",
                f"{strength(producers)} and {strength(distributors)} are strong "
                f"({strong} or more), but {join_names(bests)} (weak below {weak}).",
                numbers,
            )
        )

    if (
        architects is not None
        and architects.best_member_score is not None
        and architects.best_member_score < t.working_score
    ):
        found.append(
            _diagnostic(
                "no_architect",
                f"The best {architects.name} layer score among the {submitted_count} "
                f"assessed members is {architects.best_member_score} "
                f"(working level is {t.working_score}).",
                {
                    _number_key(architects.layer, "best_member_score"): (
                        architects.best_member_score
                    ),
                    "assessed_members": submitted_count,
                    "working_from": t.working_score,
                },
            )
        )
    return tuple(found)
