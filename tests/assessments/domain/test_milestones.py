"""The milestones of a history: where shape or phase changed. No database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.milestones import Milestone, milestones, phase_words
from assessments.domain.thresholds import PHASE_NAMES, SHAPE_LABELS


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([], ()),
        ([("Emerging", 1)], ()),
        ([("Emerging", 1), ("Emerging", 1)], ()),
        (
            [("Generalist", 2), ("T-shaped", 2)],
            (Milestone(1, ("Generalist", "T-shaped"), None),),
        ),
        ([("Emerging", 1), ("Emerging", 2)], (Milestone(1, None, (1, 2)),)),
        (
            [("Generalist", 2), ("T-shaped", 3)],
            (Milestone(1, ("Generalist", "T-shaped"), (2, 3)),),
        ),
        # Each change is measured against the assessment just before, back and forth.
        (
            [("Emerging", 1), ("Emerging", 1), ("Emerging", 2), ("T-shaped", 3), ("Emerging", 2)],
            (
                Milestone(2, None, (1, 2)),
                Milestone(3, ("Emerging", "T-shaped"), (2, 3)),
                Milestone(4, ("T-shaped", "Emerging"), (3, 2)),
            ),
        ),
    ],
)
def test_milestones(steps, expected):
    assert milestones(steps) == expected


@pytest.mark.parametrize(
    ("milestone", "text"),
    [
        (Milestone(1, ("Generalist", "T-shaped"), None), "Generalist → T-shaped"),
        (Milestone(1, None, (1, 2)), "phase 1 (Start wide) → phase 2 (Go deep)"),
        (
            Milestone(3, ("Generalist", "T-shaped"), (2, 3)),
            "Generalist → T-shaped; phase 2 (Go deep) → phase 3 (Broaden again)",
        ),
    ],
)
def test_milestone_text(milestone, text):
    assert milestone.text == text


def test_phase_words():
    assert [phase_words(phase) for phase in PHASE_NAMES] == [
        "phase 1 (Start wide)",
        "phase 2 (Go deep)",
        "phase 3 (Broaden again)",
    ]


steps = st.lists(
    st.tuples(st.sampled_from(list(SHAPE_LABELS.values())), st.sampled_from(list(PHASE_NAMES))),
    max_size=12,
)


@given(steps)
def test_milestones_are_exactly_where_the_pair_changes_in_order(history):
    """Never the first assessment, oldest first, each with just the part that changed."""
    found = milestones(history)
    assert [m.index for m in found] == [
        i for i in range(1, len(history)) if history[i] != history[i - 1]
    ]
    for m in found:
        (shape_before, phase_before), (shape, phase) = history[m.index - 1], history[m.index]
        assert m.shape == ((shape_before, shape) if shape != shape_before else None)
        assert m.phase == ((phase_before, phase) if phase != phase_before else None)
