"""Warnings on a profile: what about the ratings changes how far its numbers can be trusted.

Each warning has a stable ``code`` for programs and a ``message`` for people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from assessments.domain.numbers import percent
from assessments.domain.profile import ProfileWarning
from assessments.domain.thresholds import THRESHOLDS


def warnings_for(ratings: Mapping[str, int]) -> tuple[ProfileWarning, ...]:
    """Every warning the ratings call for, in a fixed order (none for most profiles)."""
    flat = flat_ratings(ratings)
    return (flat,) if flat else ()


def flat_ratings(ratings: Mapping[str, int]) -> ProfileWarning | None:
    """``flat-ratings`` when at least 20 ratings are above 0 and 80% or more of them share
    one level of 2 (working) or more.

    Ratings of 0 and 1 (no exposure, awareness) are honest answers a specialist rightly gives
    most of the catalogue, and they meet no requirement of a role (every one asks for 2 or
    more). Flat ratings from working level up are a sign of rating by habit rather than
    against the level descriptions, and they inflate fits: every role asking for that level
    or less looks met in full.
    """
    t = THRESHOLDS
    above_zero = [level for level in ratings.values() if level > 0]
    if len(above_zero) < t.flat_minimum:
        return None
    level, count = min(Counter(above_zero).items(), key=lambda item: (-item[1], item[0]))
    if level < t.working_level or 100 * count < t.flat_share * len(above_zero):
        return None
    share = percent(count, len(above_zero))
    return ProfileWarning(
        "flat-ratings",
        f"{count} of your {len(above_zero)} ratings above 0 ({share}%) are level {level}. "
        f"With ratings this flat your fits say more about that one level than about your "
        f"strengths: every requirement at level {level} or below counts as met, so roles "
        f"asking for little look like strong fits and the fits barely tell roles apart. "
        f"Rate each competency against its level descriptions for fits you can trust.",
    )
