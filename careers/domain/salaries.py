"""Sanity checks of a role's salary bands in one country, for the curator who edits them.

They warn rather than refuse: bands are often corrected one at a time, and a check that
refused the first of two edits would block the correction. A figure out of any sane range
is refused where it is typed (careers.models.roles.SALARY_VALIDATORS).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

STALE_AFTER_YEARS = 3
"""Figures this many years old or more are worth checking against a newer source."""


@dataclass(frozen=True)
class Band:
    level: str
    """The experience level's name, as the warning says it: "Mid level"."""
    rank: int
    """Its place among the levels, from 0 for the first."""
    low: int
    high: int
    year: int


def band_warnings(bands: Sequence[Band], this_year: int) -> list[str]:
    """What looks wrong in one role's bands in one country: a more senior band that starts
    or ends below a junior one, bands that overlap, figures from a stale year."""
    ordered = sorted(bands, key=lambda band: band.rank)
    warnings = []
    for junior, senior in pairwise(ordered):
        if senior.low < junior.low or senior.high < junior.high:
            warnings.append(
                f"{senior.level} ({senior.low:,}–{senior.high:,}) pays less than "
                f"{junior.level} ({junior.low:,}–{junior.high:,}): are the levels swapped?"
            )
        elif senior.low < junior.high:
            warnings.append(
                f"{senior.level} starts at {senior.low:,}, below the top of {junior.level} "
                f"({junior.high:,}): the source's bands meet end to end."
            )
    stale = sorted({band.year for band in ordered if this_year - band.year >= STALE_AFTER_YEARS})
    if stale:
        years = ", ".join(str(year) for year in stale)
        warnings.append(f"Figures from {years} are {STALE_AFTER_YEARS} or more years old.")
    return warnings
