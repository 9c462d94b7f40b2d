"""The people search over several competencies at once: everyone who meets every one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.people import Criterion, PersonMatch, RatedLevel, find_people_meeting_all

ROWS = [
    RatedLevel(1, "Ann", "seo", 4),
    RatedLevel(1, "Ann", "analytics", 2),
    RatedLevel(2, "Ben", "seo", 3),
    RatedLevel(2, "Ben", "analytics", 4),
    RatedLevel(3, "Cy", "seo", 5),
    RatedLevel(3, "Cy", "analytics", 1),
    RatedLevel(4, "Dee", "analytics", 5),
]


@pytest.mark.parametrize(
    ("criteria", "found"),
    [
        (
            [Criterion("seo", 3), Criterion("analytics", 2)],
            [("Ben", (3, 4)), ("Ann", (4, 2))],
        ),
        ([Criterion("seo", 3)], [("Cy", (5,)), ("Ann", (4,)), ("Ben", (3,))]),
        ([Criterion("seo", 0), Criterion("analytics", 5)], []),
        ([Criterion("analytics", 4)], [("Dee", (5,)), ("Ben", (4,))]),
        # The same competency twice: the higher level holds.
        ([Criterion("seo", 3), Criterion("seo", 5)], [("Cy", (5, 5))]),
    ],
)
def test_people_meeting_every_criterion_highest_sum_first(criteria, found):
    assert [(m.display_name, m.levels) for m in find_people_meeting_all(criteria, ROWS)] == found


def test_ties_go_by_name_and_a_member_in_two_teams_counts_once_at_their_highest():
    rows = [
        RatedLevel(7, "zoe", "seo", 3),
        RatedLevel(8, "Adam", "seo", 3),
        RatedLevel(8, "Adam", "seo", 2),
    ]
    assert find_people_meeting_all([Criterion("seo", 2)], rows) == (
        PersonMatch(8, "Adam", (3,)),
        PersonMatch(7, "zoe", (3,)),
    )


def test_a_search_needs_a_criterion_and_levels_on_the_scale():
    with pytest.raises(ValueError, match="at least one criterion"):
        find_people_meeting_all([], ROWS)
    with pytest.raises(ValueError, match="min_level"):
        find_people_meeting_all([Criterion("seo", 6)], ROWS)


LEVELS = st.integers(min_value=0, max_value=5)
SLUGS = st.sampled_from(["seo", "analytics", "copy"])
ROW = st.builds(RatedLevel, st.integers(1, 6), st.sampled_from(["A", "B"]), SLUGS, LEVELS)
CRITERION = st.builds(Criterion, SLUGS, LEVELS)


@given(st.lists(ROW, max_size=20), st.lists(CRITERION, min_size=1, max_size=3), CRITERION)
def test_another_criterion_never_finds_more_people(rows, criteria, extra):
    fewer = {m.member_id for m in find_people_meeting_all([*criteria, extra], rows)}
    assert fewer <= {m.member_id for m in find_people_meeting_all(criteria, rows)}


@given(st.lists(ROW, max_size=20), st.lists(CRITERION, min_size=1, max_size=3))
def test_the_order_of_the_rows_never_matters(rows, criteria):
    assert find_people_meeting_all(criteria, rows) == find_people_meeting_all(
        criteria, list(reversed(rows))
    )
