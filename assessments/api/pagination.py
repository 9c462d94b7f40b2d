"""Page-number pagination for every list of the API, with its bounds in the schema."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
"""Far past any real list; it keeps the offset a number every database accepts."""


class PageInput(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="The page, from 1.")
    page_size: int = Field(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, 1 to {MAX_PAGE_SIZE}."
    )


def page_count(count: int, page_size: int) -> int:
    """Pages that ``count`` items fill; an empty list still has one (empty) page."""
    return max(1, -(-count // page_size))


@dataclass(frozen=True)
class Rows:
    """A queryset and how to turn one of its rows into a response item.

    Only the page's rows are read and converted; the queryset's ``prefetch_related``
    applies to the page, so its related rows still load in one query each.
    """

    queryset: QuerySet
    to_item: Callable[[Any], dict]


class Pages(PaginationBase):
    """``{"items": [...], "count": N, "page": P, "page_size": S, "pages": M}``.

    A page past the last is empty rather than an error, so a client can stop at the first
    empty page as well as at ``pages``.
    """

    # Named, not nested, so the schema keeps the name PageInput.
    Input = PageInput  # type: ignore[assignment]

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="Items in the whole list.")
        page: int
        page_size: int
        pages: int = Field(description="Pages in the whole list (at least 1).")

    def paginate_queryset(self, queryset, pagination: PageInput, request, **params):
        offset = (pagination.page - 1) * pagination.page_size
        window = slice(offset, offset + pagination.page_size)
        if isinstance(queryset, Rows):
            count = queryset.queryset.count()
            items = (
                [queryset.to_item(row) for row in queryset.queryset[window]]
                if offset < count
                else []
            )
        else:
            count = self._items_count(queryset)
            items = list(queryset[window])
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
            "pages": page_count(count, pagination.page_size),
        }
