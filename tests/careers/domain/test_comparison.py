"""Two roles lined up: needs paired, lists marked, the shortest path between them."""

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.domain.comparison import (
    Item,
    Need,
    NeedPair,
    NeedsSummary,
    mark_shared,
    pair_needs,
    path_between,
    summarise,
)

A = {"headlines": Need(4, 3), "research": Need(2, 1), "seo-audits": Need(3, 2)}
B = {"headlines": Need(4, 2), "research": Need(3, 3), "budgeting": Need(2, 1)}


def test_pairs_follow_the_catalogue_order_and_unknown_competencies_come_last_by_name():
    pairs = pair_needs(A, B, ["research", "headlines", "not-asked", "budgeting"])
    assert [pair.competency for pair in pairs] == [
        "research",
        "headlines",
        "budgeting",
        "seo-audits",
    ]
    assert pairs[0] == NeedPair("research", Need(2, 1), Need(3, 3))


@pytest.mark.parametrize(
    ("a", "b", "kind", "difference"),
    [
        (Need(4, 3), Need(4, 1), "same", 0),
        (Need(2, 1), Need(3, 3), "higher in b", 1),
        (Need(5, 2), Need(2, 2), "higher in a", -3),
        (Need(3, 2), None, "only a", -3),
        (None, Need(2, 1), "only b", 2),
    ],
)
def test_each_pair_says_how_the_two_differ(a, b, kind, difference):
    pair = NeedPair("x", a, b)
    assert (pair.kind, pair.difference) == (kind, difference)


def test_the_summary_counts_each_kind():
    pairs = pair_needs(A, B, [])
    assert summarise(pairs) == NeedsSummary(
        shared=2, same_level=1, only_a=1, only_b=1, higher_in_a=0, higher_in_b=1
    )


def test_lines_both_lists_have_are_marked_whatever_their_case_and_spacing():
    first, second = mark_shared(["Google Ads", "Budgets"], ["google  ads ", "Asana"])
    assert first == [Item("Google Ads", True), Item("Budgets", False)]
    assert second == [Item("google  ads ", True), Item("Asana", False)]


MOVES = {
    "writer": ["editor", "strategist"],
    "editor": ["strategist", "director"],
    "strategist": ["director"],
    "director": [],
    "analyst": ["writer"],
}


@pytest.mark.parametrize(
    ("start", "goal", "longest", "path"),
    [
        ("writer", "writer", 4, ["writer"]),
        ("writer", "strategist", 4, ["writer", "strategist"]),
        # Two chains of two moves: the one through the earlier-listed move wins.
        ("writer", "director", 4, ["writer", "editor", "director"]),
        ("analyst", "director", 4, ["analyst", "writer", "editor", "director"]),
        ("analyst", "director", 2, None),
        ("director", "writer", 4, None),
        ("unknown", "writer", 4, None),
    ],
)
def test_the_shortest_path_within_the_moves_allowed(start, goal, longest, path):
    assert path_between(start, goal, MOVES, longest) == path


slugs = st.sampled_from(["a", "b", "c", "d", "e", "f"])
needs = st.dictionaries(slugs, st.builds(Need, st.integers(1, 5), st.integers(1, 3)))


@given(needs, needs, st.lists(slugs))
def test_every_competency_either_role_asks_for_has_exactly_one_row(a, b, order):
    pairs = pair_needs(a, b, order)
    assert sorted(pair.competency for pair in pairs) == sorted(a.keys() | b.keys())
    for pair in pairs:
        assert (pair.a, pair.b) == (a.get(pair.competency), b.get(pair.competency))
    summary = summarise(pairs)
    assert summary.shared == len(a.keys() & b.keys())
    assert (summary.only_a, summary.only_b) == (len(a.keys() - b.keys()), len(b.keys() - a.keys()))
    assert summary.same_level + summary.higher_in_a + summary.higher_in_b == summary.shared


@given(needs, needs, st.lists(slugs))
def test_swapping_the_roles_mirrors_every_row(a, b, order):
    for there, back in zip(pair_needs(a, b, order), pair_needs(b, a, order), strict=True):
        assert there.difference == -back.difference
        assert (there.a, there.b) == (back.b, back.a)


graphs = st.dictionaries(slugs, st.lists(slugs, unique=True))


@given(graphs, slugs, slugs)
def test_a_path_found_is_made_of_moves_and_none_shorter_exists(moves, start, goal):
    path = path_between(start, goal, moves, longest=6)
    if path is None:
        # Nothing reachable from the start is the goal.
        reached, frontier = {start}, [start]
        while frontier:
            for following in moves.get(frontier.pop(), []):
                if following not in reached:
                    reached.add(following)
                    frontier.append(following)
        assert goal not in reached
        return
    assert (path[0], path[-1]) == (start, goal)
    assert all(there in moves.get(here, []) for here, there in pairwise(path))
    assert len(set(path)) == len(path)
    for shorter in range(len(path) - 1):
        assert path_between(start, goal, moves, longest=shorter) is None
