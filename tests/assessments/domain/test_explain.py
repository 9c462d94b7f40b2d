"""The phase sentence: number, name, then why."""

import pytest

from assessments.domain.explain import phase_text


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
