"""The phase sentences: number, name, then why; and why the profile is in its phase."""

import pytest

from assessments.domain.explain import discipline_text, path_text, phase_text
from assessments.domain.profile import NearDeep
from assessments.domain.roles import Match
from assessments.domain.scoring import score
from tests.assessments.domain.scoring_support import CATALOGUE, build

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


DISCIPLINES = {
    # name: (ratings, sentence for SEO: keyword research, technical SEO, link building)
    "every rating": (
        {"keyword-research": 4, "technical-seo": 4, "link-building": 3},
        73,
        "SEO is 73: the mean of Keyword research 4, Technical seo 4 and Link building 3 is 3.67 "
        "of 5, 73.33 of 100, shown as 73.",
    ),
    "one left unrated counts as 0": (
        {"keyword-research": 5, "technical-seo": 1},
        40,
        "SEO is 40: the mean of Keyword research 5, Technical seo 1 and Link building 0 (not "
        "rated) is 2.0 of 5.",
    ),
    "none rated": ({}, 0, "SEO is 0: you have not rated its 3 competencies yet."),
    "rated 0 is rated": (
        {"link-building": 0},
        0,
        "SEO is 0: the mean of Keyword research 0 (not rated), Technical seo 0 (not rated) and "
        "Link building 0 is 0.0 of 5.",
    ),
}


@pytest.mark.parametrize(("ratings", "score", "expected"), DISCIPLINES.values(), ids=DISCIPLINES)
def test_a_discipline_score_is_explained_by_its_ratings(ratings, score, expected):
    seo = CATALOGUE.discipline_by_slug["seo"]
    assert discipline_text(seo, score, ratings) == expected


def test_a_discipline_of_one_competency_is_its_rating_times_20():
    catalogue = build({"producers": {"copywriting": ["headlines"]}})
    copywriting = catalogue.discipline_by_slug["copywriting"]
    assert discipline_text(copywriting, 60, {"headlines": 3}) == (
        "Copywriting is 60: Headlines 3 × 20."
    )
    empty = build({"producers": {"copywriting": []}}).discipline_by_slug["copywriting"]
    assert discipline_text(empty, 0, {}) == (
        "Copywriting has no competencies in the catalogue, so it scores 0."
    )


def test_every_discipline_of_a_profile_is_explained():
    profile = score(CATALOGUE, {"headlines": 2, "dashboards": 1})
    assert profile.explanations.disciplines["copywriting"] == (
        "Copywriting is 20: the mean of Headlines 2 and Long form 0 (not rated) is 1.0 of 5."
    )
    assert list(profile.explanations.disciplines) == [d.slug for d in CATALOGUE.disciplines]


def test_a_fit_names_every_requirement_with_its_weight_and_points():
    # SEO specialist: keyword research 4 (×3), technical SEO 3 (×2), dashboards 2 (×1).
    # 3 · 4/4 + 2 · 1/3 + 1 · 0/2 = 3.67 of 6 = 61.11, shown as 61.
    profile = score(CATALOGUE, {"keyword-research": 5, "technical-seo": 1})
    assert profile.explanations.fits["seo-specialist"] == (
        "SEO specialist: 1 of 3 requirements met, 1 more with partial credit; 3.67 of 6 weighted "
        "points, so 61%. Keyword research (weight 3) needs 4, you have 5: 3 of 3; Technical seo "
        "(weight 2) needs 3, you have 1: 0.67 of 2; Dashboards (weight 1) needs 2, you have 0: "
        "0 of 1."
    )
