"""Paging the heatmap with Django's paginator: page numbers, bounds and what each page holds."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.paging import page_of


@pytest.mark.parametrize(
    ("total", "page", "per_page", "rows", "pages", "start", "end", "prev", "next_"),
    [
        (10, 1, 4, [0, 1, 2, 3], 3, 1, 4, None, 2),
        (10, 2, 4, [4, 5, 6, 7], 3, 5, 8, 1, 3),
        (10, 3, 4, [8, 9], 3, 9, 10, 2, None),
        (8, 2, 4, [4, 5, 6, 7], 2, 5, 8, 1, None),
        (1, 1, 50, [0], 1, 1, 1, None, None),
        (0, 1, 50, [], 1, 0, 0, None, None),
    ],
)
def test_page_of(total, page, per_page, rows, pages, start, end, prev, next_):
    result = page_of(list(range(total)), page, per_page)
    assert list(result.object_list) == rows
    assert (result.number, result.paginator.per_page, result.paginator.count) == (
        page,
        per_page,
        total,
    )
    assert result.paginator.num_pages == pages
    assert (result.start_index(), result.end_index()) == (start, end)
    assert result.has_previous() is (prev is not None)
    assert result.has_next() is (next_ is not None)
    if prev is not None:
        assert result.previous_page_number() == prev
    if next_ is not None:
        assert result.next_page_number() == next_


@pytest.mark.parametrize(("total", "page"), [(10, 0), (10, -1)])
def test_page_of_refuses_pages_below_1(total, page):
    with pytest.raises(ValueError, match=f"page {page} is below 1"):
        page_of(list(range(total)), page, 4)


@pytest.mark.parametrize(("total", "page", "last"), [(10, 4, 3), (10, 10_000, 3), (0, 2, 1)])
def test_page_of_shows_the_last_page_past_the_end(total, page, last):
    result = page_of(list(range(total)), page, 4)
    assert result.number == last
    assert list(result.object_list) == list(range(total))[(last - 1) * 4 :]


@pytest.mark.parametrize("page", ["2", 2.0, None, True])
def test_page_of_leaves_parsing_to_the_caller(page):
    with pytest.raises(TypeError):
        page_of([1, 2, 3], page, 2)


@pytest.mark.parametrize("per_page", [0, -5])
def test_page_of_refuses_an_empty_page_size(per_page):
    with pytest.raises(ValueError, match="per_page"):
        page_of([1, 2, 3], 1, per_page)


def test_page_count():
    counts = [page_of(range(n), 1, 25).paginator.num_pages for n in (0, 1, 25, 26, 50, 51)]
    assert counts == [1, 1, 1, 2, 2, 3]


@settings(deadline=None)
@given(st.integers(0, 60), st.integers(1, 25))
def test_pages_together_hold_every_row_once(total, per_page):
    rows = list(range(total))
    first = page_of(rows, 1, per_page)
    pages = [page_of(rows, n, per_page) for n in range(1, first.paginator.num_pages + 1)]
    assert [row for page in pages for row in page.object_list] == rows
    assert all(len(page.object_list) <= per_page for page in pages)
