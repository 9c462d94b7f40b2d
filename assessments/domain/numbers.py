"""Whole-number arithmetic and the way numbers and lists read in sentences.

Scores are computed on integers and rounded half up (never banker's rounding), so a number
on screen can always be recomputed from the numbers shown beside it.
"""

from collections.abc import Sequence


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest whole number, halves up (never banker's)."""
    return (2 * numerator + denominator) // (2 * denominator)


def percent(part: int, whole: int) -> int:
    """``part / whole`` as a whole percentage, half up."""
    return round_half_up(100 * part, whole)


def tenths(numerator: int, denominator: int) -> float:
    """``numerator / denominator`` to one decimal, half up, computed exactly on integers."""
    return round_half_up(10 * numerator, denominator) / 10


def join_names(items: Sequence[str]) -> str:
    """Names as a sentence lists them: "a", "a and b", "a, b and c" ("" for none)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def number_text(value: float) -> str:
    """Up to two decimals, without trailing zeros: 4, 3.5, 3.67."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def mean_text(value: float) -> str:
    """A mean of ratings, always with a decimal: 4.0, 3.5, 3.67."""
    text = number_text(value)
    return text if "." in text else text + ".0"
