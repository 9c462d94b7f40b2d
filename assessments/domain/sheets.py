"""Checking a team's ratings sheet: rows of cells in, checked rows and problems out.

Pure: the active competencies arrive as plain data (``{slug: name}`` in catalogue order)
and the sheet as rows of cells (``assessments.domain.sheet_files`` reads them from a
CSV or Excel file). Who the rows are (accounts, team membership) and saving them is
``assessments.services.imports``'s part.

The rule is strict, like the submit rule of the form: every active competency has a
column and every row rates every competency, 0 to 5. Any problem anywhere refuses the
whole sheet, so an import is all or nothing. Problems carry the row number a spreadsheet
app shows (the heading row is 1) and the column, so each can be found and fixed.
docs/import.md describes the format for the people who fill the sheets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from assessments.domain.catalogue import Catalogue
from assessments.domain.cells import is_guarded
from careers.choices import RATING_LEVELS

MAX_ROWS = 20_000
"""Rows after the heading, blank ones included; a sheet with more is refused."""
MAX_COLUMNS = 256
"""Columns read, at most (the template has two, plus one per competency: 50 with the
default catalogue). A sheet with a value past this column is refused; blank cells past it
are only checked for being blank (an Excel sheet is read no wider than one column past it,
however far its rows are padded)."""
MAX_LISTED_PROBLEMS = 1_000
"""Problems kept with their details; beyond this they are only counted."""

EMAIL_COLUMN = "email"
NAME_COLUMN = "name"
"""Optional: a name to help whoever fills the sheet. It is not read."""
_LEVEL_OF: dict[object, int] = {str(n): n for n in RATING_LEVELS} | {n: n for n in RATING_LEVELS}

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
_WHOLE = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+)")


class Kind:
    """What a problem is about, for the preview's summary."""

    FILE = "file"
    COLUMN = "column"
    EMAIL = "email"
    DUPLICATE = "duplicate"
    LEVEL = "level"
    PERSON = "person"
    MEMBERSHIP = "membership"


KIND_LABELS = {
    Kind.FILE: "the file",
    Kind.COLUMN: "columns",
    Kind.EMAIL: "email addresses",
    Kind.DUPLICATE: "people listed twice",
    Kind.LEVEL: "levels",
    Kind.PERSON: "addresses shared by several members",
    Kind.MEMBERSHIP: "people not in the team",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that stops the sheet from being imported, and where it is."""

    kind: str
    message: str
    row: int | None = None
    """The spreadsheet's row number (the heading row is 1); None for the whole file."""
    column: int | None = None
    """0-based position of the column; None for a whole row (or the whole file)."""
    heading: str = ""

    @property
    def column_letter(self) -> str:
        return column_letter(self.column) if self.column is not None else ""

    @property
    def where(self) -> str:
        """Where it is, as a spreadsheet names it: "C7", "row 7", "column C", or nothing."""
        if self.row is not None and self.column is not None:
            return f"{self.column_letter}{self.row}"
        if self.row is not None:
            return f"row {self.row}"
        if self.column is not None:
            return f"column {self.column_letter}"
        return ""

    def __str__(self) -> str:
        """The problem on one line: "Row 7, column C (seo-audits): 7 is out of range…"."""
        if self.row is None:
            return self.message
        place = f"Row {self.row}"
        if self.column is not None:
            place += f", column {self.column_letter}"
        if self.heading:
            place += f" ({self.heading})"
        return f"{place}: {self.message}"


@dataclass(slots=True)
class Row:
    """One person's ratings: ``levels`` lines up with ``Sheet.competencies``."""

    number: int
    email: str
    levels: tuple[int, ...] | None
    """None when a level is missing or unusable (the row then has problems)."""
    ok: bool = True
    named: bool = False
    """The email address is well formed and first seen on this row: it can be looked up."""

    @property
    def key(self) -> str:
        """The email address as it is matched to accounts: case does not matter."""
        return self.email.lower()

    @property
    def mean_level(self) -> float | None:
        return sum(self.levels) / len(self.levels) if self.levels else None


@dataclass
class Sheet:
    """A checked sheet: its rows, and every problem found in it."""

    competencies: tuple[str, ...]
    email_column: int | None = None
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """The first MAX_LISTED_PROBLEMS problems, in row and column order."""
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        """True when the sheet can be imported as it is: rows and no problem at all."""
        return self.problem_count == 0 and bool(self.rows)

    @property
    def rows_with_problems(self) -> int:
        return sum(1 for row in self.rows if not row.ok)

    @property
    def ready_rows(self) -> list[Row]:
        return [row for row in self.rows if row.ok]

    @property
    def unlisted_problems(self) -> int:
        return self.problem_count - len(self.problems)

    def problem_summary(self) -> list[tuple[str, int]]:
        """(what, how many) for each kind of problem listed, in the order of KIND_LABELS."""
        counts: dict[str, int] = {}
        for problem in self.problems:
            counts[problem.kind] = counts.get(problem.kind, 0) + 1
        return [(label, counts[kind]) for kind, label in KIND_LABELS.items() if kind in counts]

    def add_problem(self, problem: Problem, row: Row | None = None) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)
        if row is not None:
            row.ok = False

    def sort_problems(self) -> None:
        self.problems.sort(
            key=lambda p: (p.row or 0, -1 if p.column is None else p.column, p.message)
        )


class SheetError(Exception):
    """The file cannot be read as a sheet at all."""


def column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


_CODE_AT_END = re.compile(r"\(([a-z0-9]+(?:-[a-z0-9]+)*)\)$")


def heading_key(text: str) -> str:
    """What a column heading names: the code in brackets at its end when it has one, as
    the template writes them ("Keyword research (keyword-research)"), else the heading
    itself; upper or lower case alike."""
    key = text.strip().lower()
    found = _CODE_AT_END.search(key)
    return found.group(1) if found else key


def competency_columns(catalogue: Catalogue) -> dict[str, str]:
    """The columns a sheet must have besides "email": {slug: name}, in catalogue order."""
    return {competency.slug: competency.name for competency in catalogue.competencies}


# --- levels and addresses --------------------------------------------------------------------


def parse_level(value: object) -> int:
    """A level from a cell: whole numbers 0 to 5, written as text or numbers ("3", 3, 3.0).

    Raises ValueError with the message to show; a blank cell is an error too, since the
    import follows the submit rule (every competency rated, 0 allowed).
    """
    if type(value) in (str, int) and (quick := _LEVEL_OF.get(value)) is not None:
        return quick  # the usual cell: "3" from a CSV file, 3 from a workbook
    if is_blank(value):
        raise ValueError("No level: rate every competency, from 0 (no exposure) to 5 (expert).")
    text = shorten(value.strip() if isinstance(value, str) else str(value))
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        digits = value.strip().lstrip("+-").lstrip("0")
        # Long numbers are out of range whatever they are; int() refuses the longest.
        value = int(value) if len(digits) < 3 else 1000
    elif isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float) and math.isfinite(value):
        raise ValueError(f"{text} is not a whole number: levels are 0, 1, 2, 3, 4 or 5.")
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"“{text}” is not a level: use a whole number from 0 to 5.")
    if value not in RATING_LEVELS:
        raise ValueError(f"{text} is out of range: levels run from 0 to 5.")
    return value


def email_from_cell(value: object) -> str:
    """The email address in a cell, as the template wrote it.

    The template writes an address that looks like a formula ("-2+3@example.org") with an
    apostrophe before it, so that spreadsheet apps keep it as text; that form (an
    apostrophe, then a formula character: `cells.is_guarded`) is read without the
    apostrophe, as long as what remains is an address. Anything else is read as typed:
    "'@a.example" is an address in its own right.
    """
    text = cell_text(value)
    if is_guarded(text) and _EMAIL.fullmatch(text[1:]):
        return text[1:]
    return text


def shorten(text: str, limit: int = 40) -> str:
    """`text`, cut to `limit` characters with an ellipsis, for quoting a cell in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_text(value: object) -> str:
    """A cell as trimmed text; a workbook's 3.0 is "3"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def is_blank(value: object) -> bool:
    """An empty cell: None, or text of nothing but spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


# --- checking rows of cells --------------------------------------------------------------------


def check_records(
    records: Iterable[Sequence[object]],
    competencies: Mapping[str, str],
    retired: Iterable[str] = (),
) -> Sheet:
    """Check a sheet given as rows of cells, the first row being the headings.

    `competencies` maps every active competency's slug to its name, in catalogue order:
    each needs a column. `retired` names competencies no longer rated, for a clearer
    message when a sheet still has their column. Rows whose cells are all blank are
    skipped (they still count for row numbers). Reading stops with a problem at
    MAX_ROWS rows, at a value past MAX_COLUMNS, or when `records` raises SheetError.
    """
    sheet = Sheet(competencies=tuple(competencies))
    retired = set(retired)
    rows = iter(records)
    try:
        heading = next(rows, None)
        if heading is None:
            sheet.add_problem(Problem(Kind.FILE, "The file is empty."))
            return sheet
        if _too_wide(sheet, heading, 1):
            return sheet
        heading = heading[:MAX_COLUMNS]
        if all(is_blank(cell) for cell in heading):
            sheet.add_problem(
                Problem(
                    Kind.COLUMN,
                    "The first row is blank: it holds the column headings, “email” and one "
                    "per competency.",
                    row=1,
                )
            )
            return sheet
        layout = _check_heading(sheet, heading, competencies, retired)
        sheet.email_column = layout.email
        first_row_of: dict[str, int] = {}
        for number, cells in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                sheet.add_problem(
                    Problem(
                        Kind.FILE,
                        f"The sheet has more than {MAX_ROWS:,} rows; split it into smaller sheets.",
                    )
                )
                break
            if _too_wide(sheet, cells, number):
                break
            cells = cells[:MAX_COLUMNS]
            if all(is_blank(cell) for cell in cells):
                continue
            _check_row(sheet, layout, number, cells, first_row_of)
    except SheetError as error:
        sheet.add_problem(Problem(Kind.FILE, str(error)))
    if not sheet.rows and not sheet.problem_count:
        sheet.add_problem(Problem(Kind.FILE, "The sheet has a heading row but no ratings."))
    sheet.sort_problems()
    return sheet


def _too_wide(sheet: Sheet, cells: Sequence[object], number: int) -> bool:
    """Whether a row has a value past MAX_COLUMNS; if so the sheet gets the problem."""
    if len(cells) <= MAX_COLUMNS:
        return False
    past = next((i for i in range(MAX_COLUMNS, len(cells)) if not is_blank(cells[i])), None)
    if past is None:
        return False
    sheet.add_problem(
        Problem(
            Kind.FILE,
            f"A value past the {MAX_COLUMNS} columns a sheet may use (the template has "
            f"{len(sheet.competencies) + 2}). Remove the columns to the right of the last "
            "competency.",
            row=number,
            column=past,
        )
    )
    return True


@dataclass(frozen=True, slots=True)
class _Layout:
    email: int | None
    """Position of the email column."""
    levels: tuple[tuple[int, str], ...]
    """(position, heading) of each competency's column, in catalogue order."""
    width: int
    unnamed: tuple[int, ...]
    """Positions without a heading: ignored, as long as they stay blank."""


def _check_heading(
    sheet: Sheet, heading: Sequence[object], competencies: Mapping[str, str], retired: set[str]
) -> _Layout:
    position: dict[str, int] = {}
    unnamed = []
    for index, cell in enumerate(heading):
        text = cell_text(cell)
        key = heading_key(text)
        if not text:
            unnamed.append(index)
            continue
        if key in position:
            sheet.add_problem(
                Problem(
                    Kind.COLUMN,
                    f"The column “{text}” appears twice "
                    f"(first in column {column_letter(position[key])}).",
                    row=1,
                    column=index,
                    heading=text,
                )
            )
            continue
        position[key] = index
        if key in {EMAIL_COLUMN, NAME_COLUMN} or key in competencies:
            continue
        if key in retired:
            message = f"“{text}” is a retired competency, no longer rated: remove the column."
        else:
            message = (
                f"Unknown column “{shorten(text)}”: it is not a competency of the catalogue. "
                "The template has the right columns."
            )
        sheet.add_problem(Problem(Kind.COLUMN, message, row=1, column=index, heading=text))
    if EMAIL_COLUMN not in position:
        sheet.add_problem(
            Problem(
                Kind.COLUMN,
                "No “email” column: the first row holds the column headings, one of them “email”.",
                row=1,
            )
        )
    for slug, name in competencies.items():
        if slug not in position:
            sheet.add_problem(
                Problem(
                    Kind.COLUMN,
                    f"No column for the competency “{slug}” ({name}): every competency needs one.",
                    row=1,
                    heading=slug,
                )
            )
    return _Layout(
        email=position.get(EMAIL_COLUMN),
        levels=tuple(
            (position[slug], cell_text(heading[position[slug]]))
            for slug in competencies
            if slug in position
        ),
        width=len(heading),
        unnamed=tuple(unnamed),
    )


def _check_row(
    sheet: Sheet,
    layout: _Layout,
    number: int,
    cells: Sequence[object],
    first_row_of: dict[str, int],
) -> None:
    def cell(index: int | None) -> object:
        return cells[index] if index is not None and index < len(cells) else None

    row = Row(number=number, email="", levels=None)
    sheet.rows.append(row)
    if layout.email is not None:
        row.email = email_from_cell(cell(layout.email))
        _check_email(sheet, layout.email, row, first_row_of)

    levels = []
    for index, heading in layout.levels:
        try:
            levels.append(parse_level(cell(index)))
        except ValueError as error:
            sheet.add_problem(
                Problem(Kind.LEVEL, str(error), row=number, column=index, heading=heading), row
            )
    if row.ok and len(levels) == len(layout.levels) == len(sheet.competencies):
        row.levels = tuple(levels)

    # Values under no heading would be silently dropped: say so instead.
    stray = [i for i in layout.unnamed if not is_blank(cell(i))]
    stray += [i for i in range(layout.width, len(cells)) if not is_blank(cells[i])]
    for index in stray:
        sheet.add_problem(
            Problem(
                Kind.COLUMN,
                f"“{shorten(cell_text(cells[index]))}” is in a column without a heading.",
                row=number,
                column=index,
            ),
            row,
        )


def _check_email(sheet: Sheet, column: int, row: Row, first_row_of: dict[str, int]) -> None:
    def problem(kind: str, message: str) -> None:
        sheet.add_problem(
            Problem(kind, message, row=row.number, column=column, heading=EMAIL_COLUMN), row
        )

    if not row.email:
        problem(Kind.EMAIL, "No email address: each row names a person by their email address.")
    elif len(row.email) > 254 or not _EMAIL.fullmatch(row.email):
        problem(Kind.EMAIL, f"“{shorten(row.email)}” is not an email address.")
    elif row.key in first_row_of:
        problem(
            Kind.DUPLICATE,
            f"{row.email} is also on row {first_row_of[row.key]}: each person appears once.",
        )
    else:
        first_row_of[row.key] = row.number
        row.named = True
