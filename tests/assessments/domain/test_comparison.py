"""What changed between two assessments, in words. No database."""

import pytest

from assessments.domain.comparison import Counts, Side, summary

EMERGING = Side("Emerging", 1, 40, 30)
T_SHAPED = Side("T-shaped", 3, 85, 80)


@pytest.mark.parametrize(
    ("counts", "sentence"),
    [
        (Counts(1, 0, 47), "1 competency rose, 0 fell and 47 stayed the same."),
        (Counts(6, 2, 40), "6 competencies rose, 2 fell and 40 stayed the same."),
        (
            Counts(0, 1, 45, 2),
            "0 competencies rose, 1 fell and 45 stayed the same; 2 were rated in only one"
            " of the two.",
        ),
        (
            Counts(0, 0, 47, 1),
            "0 competencies rose, 0 fell and 47 stayed the same; 1 was rated in only one of"
            " the two.",
        ),
    ],
)
def test_the_first_sentence_counts_the_ratings(counts, sentence):
    assert summary(EMERGING, EMERGING, counts)[0] == sentence


@pytest.mark.parametrize(
    ("older", "newer", "sentence"),
    [
        (
            EMERGING,
            T_SHAPED,
            "The shape went from Emerging to T-shaped and the phase went from 1 (Start wide)"
            " to 3 (Broaden again); depth went from 40 to 85 and breadth went from 30 to 80.",
        ),
        (
            T_SHAPED,
            T_SHAPED,
            "The shape stayed T-shaped and the phase stayed 3 (Broaden again); depth stayed"
            " 85 and breadth stayed 80.",
        ),
        (
            Side("Emerging", 1, 50, 30),
            Side("Emerging", 2, 60, 30),
            "The shape stayed Emerging and the phase went from 1 (Start wide) to 2 (Go deep);"
            " depth went from 50 to 60 and breadth stayed 30.",
        ),
    ],
)
def test_the_second_names_shape_phase_depth_and_breadth(older, newer, sentence):
    assert summary(older, newer, Counts(0, 0, 0))[1] == sentence


def side(target=None, fit=None):
    return Side("T-shaped", 3, 85, 80, target, fit)


@pytest.mark.parametrize(
    ("older", "newer", "sentence"),
    [
        (side(), side(), None),
        (side("CMO", 40), side("CMO", 55), "Your fit with your target, CMO, rose from 40% to 55%."),
        (side("CMO", 55), side("CMO", 40), "Your fit with your target, CMO, fell from 55% to 40%."),
        (side("CMO", 40), side("CMO", 40), "Your fit with your target, CMO, stayed at 40%."),
        (side(), side("CMO", 40), "CMO became your target, at 40% fit."),
        (side("CMO", 40), side(), "CMO is no longer your target; the fit was 40%."),
        (
            side("CMO", 40),
            side("SEO Specialist", 90),
            "Your target changed from CMO (40% fit) to SEO Specialist (90% fit).",
        ),
    ],
)
def test_the_third_names_the_targets_fit(older, newer, sentence):
    sentences = summary(older, newer, Counts(0, 0, 0))
    assert (sentences[2] if len(sentences) == 3 else None) == sentence
