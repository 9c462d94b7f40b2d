"""The shipped catalogue files, catalogue.toml and salaries.csv: where they are and how their
text becomes tables and rows. What the tables must hold is careers.catalogue.schema's job."""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CATALOGUE_DIR = Path(__file__).resolve().parent
CATALOGUE_FILE = "catalogue.toml"
SALARIES_FILE = "salaries.csv"
SALARY_COLUMNS = (
    "role",
    "experience_level",
    "experience_note",
    "country",
    "low",
    "high",
    "high_is_open",
)


class CatalogueError(ValueError):
    """The shipped catalogue data is malformed; the message names the entry at fault."""


def read_texts(directory: Path | None = None) -> tuple[str, str]:
    """The text of catalogue.toml and salaries.csv in `directory` (the shipped ones by
    default)."""
    directory = directory or CATALOGUE_DIR
    try:
        return (
            (directory / CATALOGUE_FILE).read_text(encoding="utf-8"),
            (directory / SALARIES_FILE).read_text(encoding="utf-8"),
        )
    except OSError as error:
        raise CatalogueError(f"Cannot read the catalogue: {error}") from error


def toml_tables(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{CATALOGUE_FILE} is not valid TOML: {error}") from error


def salary_rows(text: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Each salary row with where it is ("salaries.csv line 4"), once the heading names the
    columns in order and the row has every column."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != SALARY_COLUMNS:
        raise CatalogueError(
            f"{SALARIES_FILE}: the columns must be {','.join(SALARY_COLUMNS)}, "
            f"not {','.join(reader.fieldnames or ())}."
        )
    for row in reader:
        where = f"{SALARIES_FILE} line {reader.line_num}"
        if None in row or any(value is None for value in row.values()):
            raise CatalogueError(f"{where}: expected {len(SALARY_COLUMNS)} columns.")
        yield where, row
