"""When a pause over failed log-ins lifts: the rule alone, without a database."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.lockout import lifts_at

T = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)
COOL_OFF = timedelta(minutes=15)


def at(minute: int) -> datetime:
    return T + timedelta(minutes=minute)


@pytest.mark.parametrize(
    ("failures", "limit", "expected"),
    [
        ([], 5, None),
        ([(at(0), 4)], 5, None),
        ([(at(0), 5)], 5, at(15)),
        ([(at(0), 7)], 5, at(15)),
        # Newest first: the row at which the total reaches the limit is the one whose
        # expiry brings it back under.
        ([(at(0), 3), (at(4), 2)], 5, at(15)),
        ([(at(0), 3), (at(4), 5)], 5, at(19)),
        ([(at(4), 2), (at(0), 3), (at(2), 1)], 5, at(15)),
        ([(at(1), 1)] * 19 + [(at(3), 1)], 20, at(16)),
    ],
)
def test_when_a_pause_lifts(failures, limit, expected):
    assert lifts_at(failures, limit, COOL_OFF) == expected


failures = st.lists(
    st.tuples(st.integers(0, 60).map(at), st.integers(1, 30)), min_size=0, max_size=12
)


@given(failures, st.integers(1, 100))
def test_a_pause_holds_exactly_while_the_failures_still_counting_reach_the_limit(rows, limit):
    until = lifts_at(rows, limit, COOL_OFF)
    newest = max((latest for latest, _count in rows), default=T)
    for moment in [newest, *(latest + COOL_OFF for latest, _count in rows)]:
        counting = sum(count for latest, count in rows if latest + COOL_OFF > moment)
        assert (counting >= limit) == (until is not None and moment < until)
