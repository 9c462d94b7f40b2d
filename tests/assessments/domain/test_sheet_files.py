"""Reading ratings sheets from CSV and .xlsx files, keeping a checked sheet as plain data,
and the template to fill in."""

import io
import zipfile

import openpyxl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assessments.domain import sheet_files, sheets
from assessments.domain.sheets import Row, check_records
from tests.assessments.domain.sheet_support import (
    COMPETENCIES,
    HEADING,
    MANY,
    csv_bytes,
    good_sheets,
    lines,
    read,
    xlsx_bytes,
)

# --- reading files ---------------------------------------------------------------------------

GOOD_ROWS = [HEADING, ["ann@example.com", "3", "0", "5"], ["bob@example.com", "4", "2", "1"]]


@pytest.mark.parametrize(
    "content",
    [
        csv_bytes(GOOD_ROWS),
        csv_bytes(GOOD_ROWS, bom=True),
        csv_bytes(GOOD_ROWS, delimiter=";"),
        csv_bytes(GOOD_ROWS, bom=True, delimiter="\t"),
        csv_bytes(GOOD_ROWS).replace(b"\r\n", b"\n"),
    ],
    ids=["plain", "bom", "semicolons", "bom-and-tabs", "unix-lines"],
)
def test_csv_utf8_with_or_without_bom(content):
    sheet = read("ratings.csv", content)
    assert lines(sheet) == []
    assert [(row.email, row.levels) for row in sheet.rows] == [
        ("ann@example.com", (3, 0, 5)),
        ("bob@example.com", (4, 2, 1)),
    ]


def test_csv_headings_and_cells_may_hold_any_text():
    content = csv_bytes([[*HEADING, "name"], ["zoë@example.com", "1", "2", "3", "Zoë, “Z”"]])
    sheet = read("Ratings.CSV", content)
    assert sheet.ok
    assert sheet.rows[0].email == "zoë@example.com"


def test_xlsx_read_only_with_numbers_and_text():
    content = xlsx_bytes(
        [
            ["Email", "headlines", "landing-copy", "keyword-research", None, None],
            ["ann@example.com", 3, 0.0, "5", None, None],
            [None, None, None, None],
            ["bob@example.com", 4, 2, 1],
        ]
    )
    sheet = read("ratings.xlsx", content)
    assert lines(sheet) == []
    assert [(row.number, row.email, row.levels) for row in sheet.rows] == [
        (2, "ann@example.com", (3, 0, 5)),
        (4, "bob@example.com", (4, 2, 1)),
    ]


def test_xlsx_problems_name_their_cells():
    content = xlsx_bytes([HEADING, ["ann@example.com", 3, 2.5, None], [42, 1, 1, 1]])
    assert lines(read("ratings.xlsx", content)) == [
        "Row 2, column C (landing-copy): 2.5 is not a whole number: levels are 0, 1, 2, 3, 4 or 5.",
        "Row 2, column D (keyword-research): No level: rate every competency, from 0 (no "
        "exposure) to 5 (expert).",
        "Row 3, column A (email): “42” is not an email address.",
    ]


def test_xlsx_reads_every_row_even_when_the_stored_size_is_wrong():
    content = xlsx_bytes(GOOD_ROWS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:D3" />', b'<dimension ref="A1:A1" />')
                assert b'ref="A1:A1"' in data
            target.writestr(info, data)
    sheet = read("ratings.xlsx", buffer.getvalue())
    assert sheet.ok
    assert [row.levels for row in sheet.rows] == [(3, 0, 5), (4, 2, 1)]


def test_xlsx_that_unpacks_too_large_is_refused_unread(monkeypatch):
    monkeypatch.setattr(sheet_files, "MAX_UNPACKED_BYTES", 1000)
    monkeypatch.setattr(openpyxl, "load_workbook", None)
    assert lines(read("ratings.xlsx", xlsx_bytes(GOOD_ROWS))) == [
        "The workbook is too large once unpacked; split it into smaller ones."
    ]


def padded_xlsx(rows, last_column=16_384):
    """An .xlsx whose every row also has an empty, formatted cell in `last_column` (XFD by
    default): openpyxl would pad each row that far."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)
        sheet.cell(number, last_column).font = openpyxl.styles.Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_rows_padded_to_the_last_column_are_read_no_wider_than_the_limit():
    content = padded_xlsx(GOOD_ROWS)
    rows = list(sheet_files.xlsx_records(io.BytesIO(content)))
    assert [len(row) for row in rows] == [sheets.MAX_COLUMNS + 1] * 3
    sheet = read("ratings.xlsx", content)
    assert lines(sheet) == []
    assert [row.levels for row in sheet.rows] == [(3, 0, 5), (4, 2, 1)]


def test_a_value_past_the_last_column_a_sheet_may_use_is_refused():
    wide = [*GOOD_ROWS[:2], ["bob@example.com", 4, 2, 1, *[None] * 252, "note"]]
    assert len(wide[2]) == sheets.MAX_COLUMNS + 1
    expected = [
        "Row 3, column IW: A value past the 256 columns a sheet may use (the template has 5). "
        "Remove the columns to the right of the last competency."
    ]
    assert lines(read("ratings.xlsx", xlsx_bytes(wide))) == expected
    assert lines(read("ratings.csv", csv_bytes([[str(c or "") for c in r] for r in wide]))) == (
        expected
    )


def test_a_sheet_that_says_it_is_too_long_is_refused_unread(monkeypatch):
    monkeypatch.setattr(sheet_files, "MAX_ROWS", 2)
    assert lines(read("ratings.xlsx", xlsx_bytes([*GOOD_ROWS, GOOD_ROWS[1]]))) == [
        "The sheet has 3 rows after its headings; the limit is 2. Split it into smaller sheets."
    ]


def test_a_file_over_the_size_limit_is_refused_unread():
    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read")

    sheet = sheet_files.read_sheet("ratings.csv", Unreadable(), 6 * 1024 * 1024, COMPETENCIES)
    assert lines(sheet) == [
        "The file is 6.0 MB; the limit is 5 MB. Split the sheet into smaller ones."
    ]
    assert sheet_files.MAX_BYTES == 5 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "ratings.pdf",
            b"%PDF-1.7",
            "“ratings.pdf” is neither a CSV file (.csv) nor an Excel workbook (.xlsx).",
        ),
        (
            "ratings",
            b"email",
            "“ratings” is neither a CSV file (.csv) nor an Excel workbook (.xlsx).",
        ),
        (
            "ratings.xls",
            b"\xd0\xcf\x11\xe0",
            "“ratings.xls” is not a file T-Profile reads: save the sheet as an Excel workbook "
            "(.xlsx) or as CSV UTF-8 (.csv).",
        ),
        (
            "ratings.xlsx",
            csv_bytes(GOOD_ROWS),
            "The file could not be read as an Excel workbook (.xlsx).",
        ),
        (
            "ratings.xlsx",
            b"PK\x05\x06" + b"\x00" * 18,
            "The file could not be read as an Excel workbook (.xlsx).",
        ),
        (
            "ratings.csv",
            "email,headlines\ncafé@example.com,1\n".encode("latin-1"),
            "The file is not UTF-8 text. In your spreadsheet app, save it as “CSV UTF-8”, or "
            "as an Excel workbook (.xlsx).",
        ),
        (
            "ratings.csv",
            xlsx_bytes(GOOD_ROWS),
            "The file is not UTF-8 text. In your spreadsheet app, save it as “CSV UTF-8”, or "
            "as an Excel workbook (.xlsx).",
        ),
        (
            "ratings.csv",
            b"email\x00headlines\n",
            "The file is not CSV text. Save the sheet as CSV UTF-8 (.csv) or as .xlsx.",
        ),
        ("ratings.csv", b"", "The file is empty."),
        ("ratings.xlsx", b"", "The file is empty."),
        ("ratings.csv", b"\xef\xbb\xbf", "The file is empty."),
    ],
    ids=[
        "pdf",
        "no-extension",
        "old-excel",
        "csv-named-xlsx",
        "empty-zip",
        "latin-1",
        "xlsx-named-csv",
        "nul-bytes",
        "empty-csv",
        "empty-xlsx",
        "bom-only",
    ],
)
def test_files_that_are_not_sheets_are_refused(name, content, expected):
    sheet = read(name, content)
    assert lines(sheet) == [expected]
    assert not sheet.ok


def test_a_late_encoding_error_refuses_the_whole_file():
    good = csv_bytes([HEADING] + [[f"p{n}@example.com", "1", "1", "1"] for n in range(2000)])
    sheet = read("ratings.csv", good + "café@example.com,1,1,1\r\n".encode("latin-1"))
    assert lines(sheet) == [
        "The file is not UTF-8 text. In your spreadsheet app, save it as “CSV UTF-8”, or as an "
        "Excel workbook (.xlsx)."
    ]


def test_reading_a_csv_leaves_the_callers_file_open():
    stream = io.BytesIO(csv_bytes(GOOD_ROWS))
    sheet_files.read_sheet("ratings.csv", stream, len(stream.getvalue()), COMPETENCIES)
    assert not stream.closed


# --- keeping a checked sheet, and the template -------------------------------------------------


def test_a_checked_sheet_survives_being_kept_as_plain_data():
    sheet = check_records(GOOD_ROWS, COMPETENCIES)
    plain = sheet_files.to_plain(sheet)
    assert plain == {
        "competencies": ["headlines", "landing-copy", "keyword-research"],
        "email_column": 0,
        "rows": [[2, "ann@example.com", "305"], [3, "bob@example.com", "421"]],
    }
    again = sheet_files.from_plain(plain)
    assert again.ok
    assert again.rows == [
        Row(2, "ann@example.com", (3, 0, 5), named=True),
        Row(3, "bob@example.com", (4, 2, 1), named=True),
    ]


def test_only_a_sheet_without_problems_is_kept():
    with pytest.raises(ValueError, match="without problems"):
        sheet_files.to_plain(check_records([HEADING, ["x", "9"]], COMPETENCIES))


@pytest.mark.parametrize(
    "plain",
    [
        {},
        {"competencies": ["a"], "email_column": 0, "rows": []},
        {"competencies": ["a"], "email_column": 0, "rows": [[2, "a@b.c", "7"]]},
        {"competencies": ["a"], "email_column": 0, "rows": [[2, "a@b.c", "12"]]},
        {"competencies": ["a"], "email_column": 0, "rows": [[2, "a@b.c"]]},
        {"competencies": ["a"], "email_column": None, "rows": [[2, "a@b.c", "1"]]},
    ],
)
def test_anything_else_is_not_a_kept_sheet(plain):
    with pytest.raises(ValueError, match="Not a kept sheet"):
        sheet_files.from_plain(plain)


def test_a_sheet_with_problems_is_kept_as_its_preview_shows_it():
    sheet = check_records(
        [HEADING, ["ann@example.com", "1", "2", "3"], ["x", "9", "1", "1"]], COMPETENCIES
    )
    plain = sheet_files.refused_to_plain(sheet)
    assert plain == {
        "competencies": ["headlines", "landing-copy", "keyword-research"],
        "email_column": 0,
        "rows": [[2, "ann@example.com", True], [3, "x", False]],
        "problems": [[p.kind, p.message, p.row, p.column, p.heading] for p in sheet.problems],
        "problem_count": 2,
    }
    again = sheet_files.refused_from_plain(plain)
    assert (again.problems, again.problem_count, again.ok) == (sheet.problems, 2, False)
    assert (again.rows_with_problems, again.problem_summary()) == (1, sheet.problem_summary())
    assert [(row.number, row.email) for row in again.rows] == [(2, "ann@example.com"), (3, "x")]


def test_a_file_refused_whole_is_kept_too():
    sheet = sheet_files.read_sheet("ratings.ods", io.BytesIO(b"x"), 1, COMPETENCIES)
    again = sheet_files.refused_from_plain(sheet_files.refused_to_plain(sheet))
    assert [str(problem) for problem in again.problems] == [str(sheet.problems[0])]
    assert (again.email_column, again.rows) == (None, [])


@pytest.mark.parametrize(
    "plain",
    [
        {},
        {"competencies": [], "email_column": 0, "rows": [], "problems": [], "problem_count": 0},
        {"competencies": [], "email_column": 0, "rows": [[2]], "problems": [], "problem_count": 1},
        {"competencies": [], "email_column": "A", "rows": [], "problems": [], "problem_count": 1},
    ],
)
def test_anything_else_is_not_a_kept_refused_sheet(plain):
    with pytest.raises(ValueError, match="Not a kept sheet"):
        sheet_files.refused_from_plain(plain)


# --- properties ---------------------------------------------------------------------------------


@given(good_sheets(), st.booleans(), st.sampled_from([",", ";"]))
def test_valid_csv_sheets_round_trip(sheet_and_rows, bom, delimiter):
    records, expected = sheet_and_rows
    sheet = read("ratings.csv", csv_bytes(records, bom=bom, delimiter=delimiter), MANY)
    assert lines(sheet) == []
    assert [(row.email, row.levels) for row in sheet.rows] == expected
    assert sheet_files.from_plain(sheet_files.to_plain(sheet)).rows == sheet.rows


@settings(max_examples=15, deadline=None)
@given(good_sheets())
def test_valid_xlsx_sheets_round_trip(sheet_and_rows):
    records, expected = sheet_and_rows
    # A text cell starting with "=" is a formula to a spreadsheet.
    assume(not any(email.startswith("=") for email, _levels in expected))
    sheet = read("ratings.xlsx", xlsx_bytes(records), MANY)
    assert lines(sheet) == []
    assert [(row.email, row.levels) for row in sheet.rows] == expected
