"""How long an invite code works, and what a replaced one is."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.invites import (
    CODE_ALPHABET,
    CODE_LENGTH,
    INVITE_LIFETIME,
    InviteState,
    invite_status,
    new_invite_code,
)

ISSUED = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("now", "replaced_at", "state", "until"),
    [
        (ISSUED, None, InviteState.VALID, ISSUED + timedelta(days=30)),
        (ISSUED + INVITE_LIFETIME - SECOND, None, InviteState.VALID, ISSUED + INVITE_LIFETIME),
        (ISSUED + INVITE_LIFETIME, None, InviteState.EXPIRED, ISSUED + INVITE_LIFETIME),
        (ISSUED + timedelta(days=400), None, InviteState.EXPIRED, ISSUED + INVITE_LIFETIME),
        (
            ISSUED + timedelta(days=2),
            ISSUED + timedelta(days=1),
            InviteState.REPLACED,
            ISSUED + timedelta(days=1),
        ),
        # Replaced after it had expired: a newer code exists, which is what matters.
        (
            ISSUED + timedelta(days=50),
            ISSUED + timedelta(days=40),
            InviteState.REPLACED,
            ISSUED + timedelta(days=40),
        ),
    ],
)
def test_a_code_works_for_thirty_days_unless_replaced(now, replaced_at, state, until):
    status = invite_status(ISSUED, now, replaced_at=replaced_at)
    assert (status.state, status.expires_at, status.valid) == (
        state,
        until,
        state is InviteState.VALID,
    )


AGES = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=365))


@given(AGES, AGES)
def test_a_code_that_stopped_working_never_works_again(first, later):
    if not invite_status(ISSUED, ISSUED + first).valid:
        assert not invite_status(ISSUED, ISSUED + first + later).valid


@given(AGES)
def test_a_replaced_code_never_works(age):
    status = invite_status(ISSUED, ISSUED + age, replaced_at=ISSUED)
    assert status.state is InviteState.REPLACED
    assert not status.valid


def test_a_new_code_has_no_look_alike_characters():
    codes = {new_invite_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == CODE_LENGTH == 14
        assert set(code) <= set(CODE_ALPHABET)
    assert not set(CODE_ALPHABET) & set("01ilo")
