"""A member's profile as their manager reads it: "they", not "you"."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.wording import third_person


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "You have not rated any competency above 0 yet, so your depth is 0.",
            "They have not rated any competency above 0 yet, so their depth is 0.",
        ),
        (
            "Meeting Copywriter in full puts you in phase 2 although your depth 50 is below 60.",
            "Meeting Copywriter in full puts them in phase 2 although their depth 50 is below 60.",
        ),
        (
            "Phase 3 starts once depth reaches 80; yours is 62.",
            "Phase 3 starts once depth reaches 80; theirs is 62.",
        ),
        (
            "You marked SEO as an interest; level 2 here gives you working exposure to it.",
            "They marked SEO as an interest; level 2 here gives them working exposure to it.",
        ),
        (
            "Headlines (weight 3) needs 4, you have 2: 1.5 of 3",
            "Headlines (weight 3) needs 4, they have 2: 1.5 of 3",
        ),
        (
            "Your target Copywriter (fit 80%) leads the list",
            "Their target Copywriter (fit 80%) leads the list",
        ),
        ("YouTube ads, layouts and youth marketing", "YouTube ads, layouts and youth marketing"),
    ],
)
def test_the_reader_becomes_the_person_the_sentence_is_about(text, read):
    assert third_person(text) == read


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.;:ABC", max_size=80))
def test_text_without_you_is_left_as_it_is(text):
    text = text.replace("you", "yo u")
    assert third_person(text) == text


@given(
    st.lists(
        st.sampled_from(["you", "your", "You", "Your", "have", "gives", "a", "yours"]), max_size=12
    )
)
def test_no_you_is_left(words):
    read = third_person(" ".join(words)).lower().split()
    assert not {"you", "your", "yours"} & set(read)
