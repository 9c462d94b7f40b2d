"""What changed between two submitted assessments, in words: plain data in, sentences out."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.domain.thresholds import PHASE_NAMES


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two assessments: its headline numbers and its target's fit, if any."""

    shape_label: str
    phase: int
    depth: int
    breadth: int
    target: str | None = None
    """The target role's name, None without one."""
    fit: int | None = None
    """The fit with the target role in percent, None without one."""


@dataclass(frozen=True, slots=True)
class Counts:
    """How many competencies rose, fell, stayed, or were rated in only one of the two."""

    rose: int
    fell: int
    same: int
    one_only: int = 0


def summary(older: Side, newer: Side, counts: Counts) -> tuple[str, ...]:
    """The comparison in two or three sentences: the ratings, then shape, phase, depth and
    breadth, then the target's fit when either assessment had a target."""
    sentences = [_ratings(counts), _profile(older, newer)]
    fit = _fit(older, newer)
    if fit:
        sentences.append(fit)
    return tuple(sentences)


def _ratings(counts: Counts) -> str:
    parts = [
        f"{counts.rose} competenc{'y' if counts.rose == 1 else 'ies'} rose",
        f"{counts.fell} fell",
        f"{counts.same} stayed the same",
    ]
    text = f"{parts[0]}, {parts[1]} and {parts[2]}"
    if counts.one_only:
        verb = "was" if counts.one_only == 1 else "were"
        text += f"; {counts.one_only} {verb} rated in only one of the two"
    return text[0].upper() + text[1:] + "."


def _phase(phase: int) -> str:
    return f"{phase} ({PHASE_NAMES.get(phase, '')})"


def _moved(what: str, before: object, after: object) -> str:
    return f"{what} stayed {after}" if before == after else f"{what} went from {before} to {after}"


def _profile(older: Side, newer: Side) -> str:
    shape = _moved("the shape", older.shape_label, newer.shape_label)
    phase = _moved("the phase", _phase(older.phase), _phase(newer.phase))
    depth = _moved("depth", older.depth, newer.depth)
    breadth = _moved("breadth", older.breadth, newer.breadth)
    return f"{shape[0].upper()}{shape[1:]} and {phase}; {depth} and {breadth}."


def _fit(older: Side, newer: Side) -> str | None:
    if older.target is None and newer.target is None:
        return None
    if older.target is None:
        return f"{newer.target} became your target, at {newer.fit}% fit."
    if newer.target is None:
        return f"{older.target} is no longer your target; the fit was {older.fit}%."
    if older.target != newer.target:
        return (
            f"Your target changed from {older.target} ({older.fit}% fit) to {newer.target}"
            f" ({newer.fit}% fit)."
        )
    if older.fit == newer.fit:
        return f"Your fit with your target, {newer.target}, stayed at {newer.fit}%."
    verb = "rose" if (newer.fit or 0) > (older.fit or 0) else "fell"
    return f"Your fit with your target, {newer.target}, {verb} from {older.fit}% to {newer.fit}%."
