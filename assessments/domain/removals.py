"""How long a manager may undo removing a member, and who counts as not having submitted."""

from datetime import datetime, timedelta

RESTORE_WINDOW = timedelta(hours=24)
"""A removed member can be restored, with their role, for 24 hours after the removal."""


def restorable(removed_at: datetime, now: datetime, window: timedelta = RESTORE_WINDOW) -> bool:
    """Whether a removal at `removed_at` can still be undone at `now` (the end excluded)."""
    return removed_at <= now < removed_at + window


def restore_hours(window: timedelta = RESTORE_WINDOW) -> int:
    return int(window.total_seconds() // 3600)
