"""Running the catalogue's schema, and naming the first fault it finds.

pydantic reports every refusal at once; a reader of the file meets them in order: a table's
slug first, then any field it does not know, then its fields in their order, then the tables
inside it, and the layers before the roles, the transitions and the [salaries] table. The
first in that order becomes the CatalogueError, named by its entry ('layer "producers"',
'role "copywriter", requirement #2').
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from careers.catalogue.files import CatalogueError
from careers.catalogue.schema import EXTRA, CatalogueTable, Refusal, SalaryRow, Table


def _message(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return f"unknown field {error['loc'][-1]!r}."
    cause = error.get("ctx", {}).get("error")
    return str(cause) if isinstance(cause, Refusal) else str(error["msg"])


def _children(table: type[Table], field: str) -> type[Table] | None:
    annotation = table.model_fields[_python_name(table, field)].annotation
    for candidate in getattr(annotation, "__args__", (annotation,)):
        if isinstance(candidate, type) and issubclass(candidate, Table):
            return candidate
    return None


def _python_name(table: type[Table], field: str) -> str:
    return next(name for name, info in table.model_fields.items() if (info.alias or name) == field)


def _locate(error: Any, raw: Mapping[str, Any]) -> tuple[tuple[Any, ...], str]:
    """Where a refusal comes in a reader's order of checks, and how its message names the
    entry at fault."""
    table: type[Table] = CatalogueTable
    loc: Sequence[Any] = error["loc"]
    rank: list[Any] = []
    parent, number, position = "", 0, 0
    while True:
        key, last = loc[position], position == len(loc) - 1
        field = EXTRA if last and error["type"] == "extra_forbidden" else key
        rank += [table.ORDER.index(field), key if field == EXTRA else ""]
        child = None if last else _children(table, key)
        if child is None:
            return tuple(rank), table.where(raw, number, parent, field)
        parent, value = table.where(raw, number, parent, ""), raw[key]
        if isinstance(value, list):
            index = loc[position + 1]
            rank.append(index)
            raw, number, position = value[index], index + 1, position + 2
        else:
            raw, number, position = value, 0, position + 1
        table = child


def _slugs(tables: object, *path: str) -> list[tuple[str, Any]]:
    """(slug, table) of each table at `path` ("layers", "disciplines") that has a text slug,
    however malformed the rest of the file."""
    found: list[tuple[Any, Any]] = [(None, tables)]
    for key in path:
        found = [
            (table.get("slug"), table)
            for _slug, parent in found
            if isinstance(parent, dict) and isinstance(parent.get(key), list)
            for table in parent[key]
            if isinstance(table, dict)
        ]
    return [(slug, table) for slug, table in found if isinstance(slug, str)]


def known_slugs(tables: Mapping[str, Any]) -> dict[str, Any]:
    """The slugs the file gives each kind of entry; a discipline's with its layer's."""
    layers = _slugs(tables, "layers")
    return {
        "layer": {slug for slug, _table in layers},
        "discipline": {
            slug: layer for layer, table in layers for slug, _d in _slugs(table, "disciplines")
        },
        "competency": {
            slug for slug, _table in _slugs(tables, "layers", "disciplines", "competencies")
        },
        "role": {slug for slug, _table in _slugs(tables, "roles")},
    }


def validate_toml(tables: Mapping[str, Any]) -> CatalogueTable:
    """The catalogue file as checked, or a CatalogueError naming its first fault."""
    try:
        return CatalogueTable.model_validate(tables, context=known_slugs(tables))
    except ValidationError as error:
        located = sorted((_locate(e, tables), index, e) for index, e in enumerate(error.errors()))
        (_rank, where), _index, first = located[0]
        raise CatalogueError(f"{where}: {_message(first)}") from None


def row_refusals(row: Mapping[str, str]) -> tuple[SalaryRow | None, dict[str, str]]:
    """The row as checked, or its refusals by column."""
    try:
        return SalaryRow.model_validate(row), {}
    except ValidationError as error:
        return None, {str(e["loc"][0]): _message(e) for e in error.errors()}
