"""Warnings on a profile: flat ratings, table by table."""

import pytest

from assessments.domain.scoring import score
from assessments.domain.warnings import flat_ratings, warnings_for
from tests.assessments.domain.scoring_support import SHIPPED

SLUGS = [c.slug for c in SHIPPED.competencies]  # 48


def levels(*counts: tuple[int, int]) -> dict[str, int]:
    """Ratings from (level, how many) pairs, over the default catalogue's competencies."""
    ratings: dict[str, int] = {}
    slugs = iter(SLUGS)
    for level, count in counts:
        for _ in range(count):
            ratings[next(slugs)] = level
    return ratings


FLAT = {
    # name: (ratings, flagged level and count of how many above 0, or None)
    "nothing rated": ({}, None),
    "level 2 everywhere": (levels((2, 48)), (2, 48, 48, 100)),
    "level 3 everywhere": (levels((3, 48)), (3, 48, 48, 100)),
    # 40 of 48 = 83.33%: flat.
    "mostly level 2": (levels((2, 40), (4, 8)), (2, 40, 48, 83)),
    # 16 of 20 = exactly 80%: flat.
    "exactly 80% of exactly 20": (levels((3, 16), (1, 4)), (3, 16, 20, 80)),
    # 19 ratings above 0, every one level 3: too few to judge.
    "19 ratings above 0": (levels((3, 19)), None),
    # 38 of 48 = 79.17%: not flat.
    "just under 80%": (levels((2, 38), (3, 10)), None),
    # Zeros are honest, not flat: a specialist rates most of the catalogue 0.
    "a specialist's zeros": (levels((0, 40), (4, 8)), None),
    "zeros left out of the share": (levels((0, 20), (2, 24), (3, 4)), (2, 24, 28, 86)),
    "every level 0": (levels((0, 48)), None),
    # Awareness everywhere but one's own discipline is honest, and meets no requirement.
    "a specialist's ones": (levels((1, 40), (4, 8)), None),
    "level 1 everywhere": (levels((1, 48)), None),
    "level 5 everywhere": (levels((5, 48)), (5, 48, 48, 100)),
}


@pytest.mark.parametrize(("ratings", "flagged"), FLAT.values(), ids=FLAT)
def test_flat_ratings(ratings, flagged):
    warning = flat_ratings(ratings)
    if flagged is None:
        assert warning is None
        assert warnings_for(ratings) == ()
        return
    level, count, total, share = flagged
    assert warning is not None
    assert warning.code == "flat-ratings"
    assert warning.message.startswith(
        f"{count} of your {total} ratings above 0 ({share}%) are level {level}. "
    )
    assert warnings_for(ratings) == (warning,)


def test_the_flat_ratings_message_says_what_it_means_for_fits():
    profile = score(SHIPPED, levels((2, 48)))
    assert [(w.code, w.message) for w in profile.warnings] == [
        (
            "flat-ratings",
            "48 of your 48 ratings above 0 (100%) are level 2. With ratings this flat your fits "
            "say more about that one level than about your strengths: every requirement at level "
            "2 or below counts as met, so roles asking for little look like strong fits and the "
            "fits barely tell roles apart. Rate each competency against its level descriptions "
            "for fits you can trust.",
        )
    ]
    assert profile.to_dict()["warnings"] == [
        {"code": "flat-ratings", "message": profile.warnings[0].message}
    ]


def test_honest_ratings_carry_no_warning():
    profile = score(SHIPPED, levels((0, 20), (1, 8), (2, 8), (3, 8), (4, 4)))
    assert (profile.warnings, profile.to_dict()["warnings"]) == ((), [])
