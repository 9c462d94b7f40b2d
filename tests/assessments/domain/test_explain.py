"""The phase sentences: number, name, then why; and why the profile is in its phase."""

import pytest

from assessments.domain.explain import path_text, phase_text
from assessments.domain.profile import NearDeep
from assessments.domain.roles import Match

MATCH = Match("seo-specialist", "SEO Specialist", 100, (), 3, 6.0, 6, 20)


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (1, "Phase 1, Start wide: why."),
        (2, "Phase 2, Go deep: why."),
        (3, "Phase 3, Broaden again: why."),
    ],
)
def test_phase_text_names_the_phase_before_why(phase, expected):
    assert phase_text(phase, "why.") == expected


PATHS = {
    # name: (phase, depth, breadth, qualified, near, sentence)
    "phase 1": (
        1,
        40,
        44,
        None,
        None,
        "Phase 1 lasts while depth is below 60 and breadth below 75; your depth is 40 and your "
        "breadth 44.",
    ),
    "phase 2 by depth": (
        2,
        60,
        13,
        None,
        None,
        "Phase 2 runs from a depth of 60 (a stem forming) or a breadth of 75 until a depth of 80; "
        "your depth is 60 and your breadth 13.",
    ),
    "phase 2 by breadth": (
        2,
        40,
        75,
        None,
        None,
        "Phase 2 runs from a depth of 60 (a stem forming) or a breadth of 75 until a depth of 80; "
        "your depth is 40 and your breadth 75.",
    ),
    "phase 2 by a specialist role met in full": (
        2,
        47,
        19,
        MATCH,
        None,
        "Meeting SEO Specialist in full puts you in phase 2 although your depth 47 is below 60 "
        "and your breadth 19 below 75.",
    ),
    "one level from a deep stem": (
        2,
        73,
        13,
        None,
        NearDeep("seo", "SEO", "link-building", "Link building", 3, 80, False),
        "Phase 2 runs from a depth of 60 (a stem forming) or a breadth of 75 until a depth of 80; "
        "your depth is 73 and your breadth 13. You are one level from a deep stem: raising Link "
        "building from 3 to 4 takes SEO to 80.",
    ),
    "phase 3": (3, 85, 30, MATCH, None, "Phase 3 starts once depth reaches 80; yours is 85."),
}


@pytest.mark.parametrize(
    ("phase", "depth", "breadth", "qualified", "near", "expected"), PATHS.values(), ids=PATHS
)
def test_path_text_says_why_this_phase(phase, depth, breadth, qualified, near, expected):
    assert path_text(phase, depth, breadth, qualified, near) == expected
