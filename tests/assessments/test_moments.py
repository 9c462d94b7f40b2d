"""How long ago a draft was saved, in words."""

import datetime as dt

import pytest

from assessments.templatetags.moments import last_saved_at

NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("ago", "words"),
    [
        (dt.timedelta(0), "saved just now"),
        (dt.timedelta(seconds=59), "saved just now"),
        (dt.timedelta(minutes=1), "last saved 1\xa0minute ago"),
        (dt.timedelta(minutes=5, seconds=30), "last saved 5\xa0minutes ago"),
        (dt.timedelta(days=1, hours=2), "last saved 1\xa0day, 2\xa0hours ago"),
    ],
)
def test_last_saved_in_words(ago, words):
    assert last_saved_at(NOW - ago, NOW) == words
