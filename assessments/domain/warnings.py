"""Warnings on a profile: what about the ratings changes how far its numbers can be trusted.

Each warning has a stable ``code`` for programs and a ``message`` for people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from assessments.domain.catalogue import Catalogue
from assessments.domain.numbers import join_names, percent
from assessments.domain.profile import ProfileWarning
from assessments.domain.thresholds import THRESHOLDS


def warnings_for(
    ratings: Mapping[str, int],
    catalogue: Catalogue | None = None,
    from_quick: Mapping[str, int] | None = None,
) -> tuple[ProfileWarning, ...]:
    """Every warning the ratings call for, in a fixed order (none for most profiles):
    ``ratings`` are the competency ratings given one by one, ``from_quick`` how many
    competencies of each discipline take its quick rating (domain.quick_ratings)."""
    found = [flat_ratings(ratings)]
    if catalogue is not None and from_quick:
        found.append(quick_rated(catalogue, from_quick))
    return tuple(warning for warning in found if warning)


def quick_rated(catalogue: Catalogue, from_quick: Mapping[str, int]) -> ProfileWarning:
    """``quick-ratings`` when any discipline is scored, in whole or in part, from its quick
    rating: its score is the person's overall impression of it, and every fit and gap
    that reads its competencies reads that impression."""
    names = [d.name for d in catalogue.disciplines if d.slug in from_quick]
    rated = [d for d in catalogue.disciplines if d.competencies]
    which = "every discipline" if len(names) == len(rated) else join_names(names)
    count = sum(from_quick.values())
    total = sum(len(d.competencies) for d in rated)
    return ProfileWarning(
        "quick-ratings",
        f"This profile is provisional: {count} of its {total} competencies take the quick "
        f"rating of their discipline ({which}). A quick rating is an overall "
        f"impression, so the scores, fits and gaps that read those competencies are "
        f"estimates. Rate the competencies one by one to make them exact.",
    )


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
