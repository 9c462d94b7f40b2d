"""Table tests for the people search (no database)."""

import pytest

from assessments.domain.people import CompetencyLevel, find_people


def test_find_people_ranks_best_first_then_by_name():
    levels = [
        CompetencyLevel(1, "zoe", 3),
        CompetencyLevel(2, "Adam", 5),
        CompetencyLevel(3, "bea", 3),
        CompetencyLevel(4, "Carl", 2),
        CompetencyLevel(5, "Ann", 3),
    ]
    assert [(r.display_name, r.level) for r in find_people(levels, 3)] == [
        ("Adam", 5),
        ("Ann", 3),
        ("bea", 3),
        ("zoe", 3),
    ]
    assert len(find_people(levels, 0)) == 5
    assert find_people(levels, 5) == (CompetencyLevel(2, "Adam", 5),)


def test_find_people_lists_a_member_in_two_teams_once_at_their_highest_level():
    levels = [CompetencyLevel(1, "Ann", 3), CompetencyLevel(1, "Ann", 4)]
    assert find_people(levels, 1) == (CompetencyLevel(1, "Ann", 4),)
    assert find_people(reversed(levels), 1) == (CompetencyLevel(1, "Ann", 4),)


@pytest.mark.parametrize(
    ("min_level", "error"), [(-1, ValueError), (6, ValueError), ("3", TypeError), (2.5, TypeError)]
)
def test_find_people_validates_the_level(min_level, error):
    with pytest.raises(error):
        find_people([], min_level)


def test_competency_level_must_be_on_the_rating_scale():
    with pytest.raises(ValueError, match="level"):
        CompetencyLevel(1, "Ann", 6)
