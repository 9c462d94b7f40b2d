"""A competency is live only with its five level descriptions."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.domain.publishing import anchors_missing, missing_levels


@pytest.mark.parametrize(
    ("described", "message"),
    [
        ([1, 2, 3, 4, 5], ""),
        ([5, 4, 3, 2, 1, 3], ""),
        (
            [1, 2, 3, 4],
            "Describe level 5 of “Headlines” before making it active: people rate a "
            "competency against its five level descriptions. Keep it retired until then.",
        ),
        (
            [1, 3],
            "Describe levels 2, 4 and 5 of “Headlines” before making it active: people rate a "
            "competency against its five level descriptions. Keep it retired until then.",
        ),
        (
            [],
            "Describe levels 1, 2, 3, 4 and 5 of “Headlines” before making it active: people "
            "rate a competency against its five level descriptions. Keep it retired until then.",
        ),
    ],
)
def test_the_message_names_every_level_missing(described, message):
    assert anchors_missing("Headlines", described) == message


@given(st.lists(st.integers(1, 5)))
def test_the_missing_levels_and_the_described_ones_make_one_to_five(described):
    missing = missing_levels(described)
    assert sorted(missing + sorted(set(described))) == [1, 2, 3, 4, 5]
    assert (anchors_missing("x", described) == "") == (missing == [])
