"""The import templates: the headings people read, the level key, and the .xlsx version
with a drop-down of levels in every rating cell.

Headings name each competency and end with its code in brackets, "Keyword research and
on-page optimisation (keyword-research)": the import reads the code (sheets.heading_key), so
a template comes back as it went out. Members' e-mail addresses are never written: sign-up
promises they are shown to nobody, so whoever fills the sheet types them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

from assessments.domain.cells import safe_cell
from careers.choices import Level

EMAIL_HEADING = "Email"
NAME_HEADING = "Name"
LEVEL_KEY: tuple[tuple[int, str, str], ...] = (
    (Level.NONE, Level.NONE.label, "has never done it"),
    (Level.AWARE, Level.AWARE.label, "knows the vocabulary"),
    (Level.WORKING, Level.WORKING.label, "does routine tasks with guidance"),
    (Level.PROFICIENT, Level.PROFICIENT.label, "works on their own, end to end"),
    (Level.ADVANCED, Level.ADVANCED.label, "handles complex cases and coaches others"),
    (Level.EXPERT, Level.EXPERT.label, "sets the standard"),
)
"""Each level a rating cell takes, its name and what it means."""


def competency_heading(slug: str, name: str) -> str:
    return f"{name} ({slug})"


def template_headings(competencies: Mapping[str, str]) -> list[str]:
    """The first row: Email, Name, then each competency by name with its code."""
    return [
        EMAIL_HEADING,
        NAME_HEADING,
        *(competency_heading(slug, name) for slug, name in competencies.items()),
    ]


def template_xlsx(competencies: Mapping[str, str], names: Iterable[str]) -> bytes:
    """The template as an Excel workbook: a "Ratings" sheet (the headings, one row per name
    with the address and levels to fill in, each level cell a drop-down of 0 to 5) and a
    "Level key" sheet. The import reads the first sheet only."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ratings = book.active
    assert ratings is not None
    ratings.title = "Ratings"
    ratings.append(template_headings(competencies))
    people = [safe_cell(name) for name in names]
    for name in people:
        ratings.append(["", name])
    bold = Font(bold=True)
    for cell in ratings[1]:
        cell.font = bold
    ratings.freeze_panes = "C2"
    ratings.column_dimensions["A"].width = 32
    ratings.column_dimensions["B"].width = 24
    last = get_column_letter(len(competencies) + 2)
    levels = DataValidation(
        type="list",
        formula1='"' + ",".join(str(level) for level, _, _ in LEVEL_KEY) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Not a level",
        error="Choose a level from 0 to 5: see the Level key sheet.",
    )
    # Every row filled in and some room below for people the sheet does not list yet.
    levels.add(f"C2:{last}{len(people) + 201}")
    ratings.add_data_validation(levels)

    key = book.create_sheet("Level key")
    key.append(["Level", "Name", "Meaning"])
    for cell in key[1]:
        cell.font = bold
    for row in LEVEL_KEY:
        key.append(list(row))
    key.column_dimensions["C"].width = 48

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
