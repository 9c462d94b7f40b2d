"""Undoing a removal: for 24 hours, not a moment longer."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.removals import RESTORE_WINDOW, restorable, restore_hours

REMOVED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("after", "can"),
    [
        (timedelta(0), True),
        (timedelta(hours=23, minutes=59), True),
        (timedelta(hours=24), False),
        (timedelta(days=3), False),
        (timedelta(seconds=-1), False),
    ],
)
def test_a_removal_can_be_undone_for_24_hours(after, can):
    assert restorable(REMOVED, REMOVED + after) is can


def test_the_window_is_said_in_hours():
    assert (restore_hours(), restore_hours(timedelta(minutes=90))) == (24, 1)


@given(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
)
def test_once_too_late_always_too_late(first, later):
    if not restorable(REMOVED, REMOVED + first):
        assert not restorable(REMOVED, REMOVED + first + later)
    assert restorable(REMOVED, REMOVED + first) is (first < RESTORE_WINDOW)
