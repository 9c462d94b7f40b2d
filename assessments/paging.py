"""Paging a list already in memory, such as the sorted heatmap, with Django's paginator."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Page, Paginator


def page_of[T](rows: Sequence[T], number: int, per_page: int) -> Page[T]:
    """Page ``number`` (from 1) of ``rows``, ``per_page`` at a time.

    A number past the last page gives the last page, so an address kept from a larger team
    still shows rows; an empty list has one empty page. Parsing ``?page=`` is the caller's
    job: a number that is not an int raises ``TypeError``, one below 1 ``ValueError``.
    Paging only slices the rows: nothing computed from the whole list changes.
    """
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"page must be an int, got {number!r}")
    if number < 1:
        raise ValueError(f"page {number} is below 1")
    if per_page < 1:
        raise ValueError(f"per_page must be at least 1, got {per_page}")
    return Paginator(rows, per_page).get_page(number)
