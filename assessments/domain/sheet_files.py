"""Sheets as files: reading a ratings sheet from CSV or Excel, writing the template, and
the compact form a checked sheet is kept in between the preview and the import.

Sheets are read as streams (the ``csv`` module over a text wrapper, openpyxl in read-only
mode), so memory grows with the rows kept, a few bytes per rating, never with the file.
The rows of cells go to ``assessments.domain.sheets`` to be checked. docs/import.md
describes the format for the people who fill the sheets.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

from assessments.domain.cells import safe_cell
from assessments.domain.sheet_templates import template_headings
from assessments.domain.sheets import (
    MAX_COLUMNS,
    MAX_ROWS,
    Kind,
    Problem,
    Row,
    Sheet,
    SheetError,
    check_records,
    shorten,
)
from careers.choices import RATING_LEVELS

MAX_BYTES = 5 * 1024 * 1024
"""The largest file accepted (10,000 rows of the default catalogue take 1.3 MB as CSV)."""
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
"""An .xlsx file is a zip archive; one that unpacks to more than this is refused unread."""

EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx"}


def read_sheet(
    filename: str,
    stream: IO[bytes],
    size: int,
    competencies: Mapping[str, str],
    retired: Iterable[str] = (),
) -> Sheet:
    """Check an uploaded file: .csv (UTF-8, with or without a byte-order mark; commas or
    semicolons) or .xlsx (its first worksheet). `size` is the file's length in bytes."""
    sheet = Sheet(competencies=tuple(competencies))
    refusal = file_problem(filename, size)
    if refusal is not None:
        sheet.add_problem(refusal)
        return sheet
    records = csv_records(stream) if sheet_format(filename) == "csv" else xlsx_records(stream)
    return check_records(records, competencies, retired)


def file_problem(filename: str, size: int) -> Problem | None:
    """What refuses a file by its name and size alone, before it is read: a kind of file
    T-Profile does not read, over MAX_BYTES, or empty."""
    if sheet_format(filename) is None:
        return Problem(Kind.FILE, _wrong_type(filename))
    if size > MAX_BYTES:
        return too_large(size)
    if size == 0:
        return Problem(Kind.FILE, "The file is empty.")
    return None


def too_large(size: int | None = None) -> Problem:
    """The problem of a file over MAX_BYTES (`size` when it is known)."""
    limit = f"{MAX_BYTES // 1024 // 1024} MB"
    given = f"The file is {size / 1024 / 1024:.1f} MB" if size else "The file is too large"
    return Problem(Kind.FILE, f"{given}; the limit is {limit}. Split the sheet into smaller ones.")


def sheet_format(filename: str) -> str | None:
    """ "csv" or "xlsx" from the file name, or None for any other kind of file."""
    name = filename.lower().strip()
    return next((fmt for ext, fmt in EXTENSIONS.items() if name.endswith(ext)), None)


def _wrong_type(filename: str) -> str:
    if filename.lower().endswith((".xls", ".xlsm", ".xlsb", ".ods", ".numbers")):
        return (
            f"“{shorten(filename)}” is not a file T-Profile reads: save the sheet as an "
            "Excel workbook (.xlsx) or as CSV UTF-8 (.csv)."
        )
    return f"“{shorten(filename)}” is neither a CSV file (.csv) nor an Excel workbook (.xlsx)."


def csv_records(stream: IO[bytes]) -> Iterator[list[str]]:
    """The rows of a UTF-8 CSV file, one at a time. The delimiter (comma, semicolon or
    tab) is the one the heading row uses most; a byte-order mark is dropped."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        try:
            first = text.readline()
        except UnicodeDecodeError as error:
            raise SheetError(_NOT_UTF8) from error
        if not first:
            return  # nothing but a byte-order mark
        if "\x00" in first:
            raise SheetError(_NOT_CSV)
        delimiter = max(",;\t", key=first.count)
        reader = csv.reader(itertools.chain([first], text), delimiter=delimiter, strict=True)
        try:
            yield from reader
        except UnicodeDecodeError as error:
            raise SheetError(_NOT_UTF8) from error
        except csv.Error as error:
            raise SheetError(
                f"The file could not be read as CSV after row {reader.line_num}: {error}."
            ) from error
    finally:
        # The caller owns the stream: let it go without closing it.
        text.detach()


_NOT_UTF8 = (
    "The file is not UTF-8 text. In your spreadsheet app, save it as “CSV UTF-8”, or as an "
    "Excel workbook (.xlsx)."
)
_NOT_CSV = "The file is not CSV text. Save the sheet as CSV UTF-8 (.csv) or as .xlsx."


def xlsx_records(stream: IO[bytes]) -> Iterator[tuple[Any, ...]]:
    """The rows of an Excel workbook's first worksheet, one at a time (openpyxl in
    read-only mode: the worksheet is parsed as it is read, never loaded whole). Formula
    cells give the value the spreadsheet app last calculated."""
    import openpyxl  # Imported here: only Excel files need it, and it is slow to load.

    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SheetError(_NOT_XLSX) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError("The workbook is too large once unpacked; split it into smaller ones.")
    stream.seek(0)
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign file can fail in many ways
        raise SheetError(_NOT_XLSX) from error
    try:
        if not workbook.worksheets:
            raise SheetError(_NOT_XLSX)
        worksheet = workbook.worksheets[0]
        # A sheet that says it is longer than any sheet we take is refused unread.
        declared = worksheet.max_row
        if declared is not None and declared > MAX_ROWS + 1:
            raise SheetError(
                f"The sheet has {declared - 1:,} rows after its headings; the limit is "
                f"{MAX_ROWS:,}. Split it into smaller sheets."
            )
        # The stored size of a sheet may be wrong (some apps write A1:A1): read every row,
        # but never past the column after the last one a sheet may use (a value there is
        # refused), however far a row is padded.
        worksheet.reset_dimensions()
        try:
            yield from worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        except Exception as error:
            raise SheetError(_NOT_XLSX) from error
    finally:
        workbook.close()


_NOT_XLSX = "The file could not be read as an Excel workbook (.xlsx)."


def template_csv(competencies: Mapping[str, str], names: Iterable[str]) -> Iterator[str]:
    """A sheet to fill in, as CSV lines (with a byte-order mark, so spreadsheet apps read
    it as UTF-8): the readable headings (sheet_templates), then one row per name with the
    address and the levels blank, for whoever fills the sheet: addresses are never shown.

    Names come from people's own accounts: formula-looking ones are neutralised as in the
    coverage exports."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(cells: Sequence[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    blanks = [""] * len(competencies)
    yield codecs.BOM_UTF8.decode() + line(template_headings(competencies))
    for name in names:
        yield line(["", safe_cell(name), *blanks])


# --- keeping checked rows between the preview and the import ----------------------------------


def to_plain(sheet: Sheet) -> dict[str, Any]:
    """A sheet without problems as compact JSON-ready data: each row's levels as a string of
    digits, one per competency."""
    if not sheet.ok:
        raise ValueError("Only a sheet without problems can be kept for import.")
    return {
        "competencies": list(sheet.competencies),
        "email_column": sheet.email_column,
        "rows": [
            [row.number, row.email, "".join(map(str, row.levels or ()))] for row in sheet.rows
        ],
    }


def from_plain(data: Mapping[str, Any]) -> Sheet:
    """The sheet `to_plain` kept. Raises ValueError if the data is not such a sheet."""
    try:
        competencies = tuple(str(slug) for slug in data["competencies"])
        email_column = int(data["email_column"])
        rows = [
            Row(
                number=int(number),
                email=str(email),
                levels=tuple(int(d) for d in digits),
                named=True,
            )
            for number, email, digits in data["rows"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError("Not a kept sheet.") from error
    if not rows or any(
        row.levels is None
        or len(row.levels) != len(competencies)
        or any(level not in RATING_LEVELS for level in row.levels)
        for row in rows
    ):
        raise ValueError("Not a kept sheet.")
    return Sheet(competencies=competencies, email_column=email_column, rows=rows)


def refused_to_plain(sheet: Sheet) -> dict[str, Any]:
    """A sheet with problems as JSON-ready data: what its preview shows (each row's number,
    address and whether it is fine; the problems listed and their count)."""
    return {
        "competencies": list(sheet.competencies),
        "email_column": sheet.email_column,
        "rows": [[row.number, row.email, row.ok] for row in sheet.rows],
        "problems": [
            [problem.kind, problem.message, problem.row, problem.column, problem.heading]
            for problem in sheet.problems
        ],
        "problem_count": sheet.problem_count,
    }


def refused_from_plain(data: Mapping[str, Any]) -> Sheet:
    """The sheet `refused_to_plain` kept. Raises ValueError if the data is not such a sheet."""
    try:
        email_column = data["email_column"]
        sheet = Sheet(
            competencies=tuple(str(slug) for slug in data["competencies"]),
            email_column=None if email_column is None else int(email_column),
            rows=[
                Row(number=int(number), email=str(email), levels=None, ok=bool(ok))
                for number, email, ok in data["rows"]
            ],
            problems=[
                Problem(
                    str(kind),
                    str(message),
                    row=None if row is None else int(row),
                    column=None if column is None else int(column),
                    heading=str(heading),
                )
                for kind, message, row, column, heading in data["problems"]
            ],
            problem_count=int(data["problem_count"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError("Not a kept sheet.") from error
    if sheet.problem_count < max(len(sheet.problems), 1):
        raise ValueError("Not a kept sheet.")
    return sheet
