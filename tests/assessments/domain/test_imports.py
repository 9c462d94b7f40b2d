"""Importing a team's ratings from a sheet: the checks (no database), saving the rows, and
the import_ratings command."""

import csv
import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessments import imports, imports_db
from assessments.domain import catalogue as snapshot
from assessments.domain import scoring
from assessments.domain.cells import FORMULA_TRIGGERS
from assessments.imports import Kind, Problem, Row, check_records, parse_level, read_sheet
from assessments.models import Assessment, Membership, Rating
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import save_draft, start_assessment
from assessments.services.teams import create_team, join_team
from careers.models import Competency, Discipline, Role
from tests.assessments.conftest import levels_for, stored
from tests.factories import UserFactory

COMPETENCIES = {
    "headlines": "Headlines",
    "landing-copy": "Landing page copy",
    "keyword-research": "Keyword research",
}
HEADING = ["email", "headlines", "landing-copy", "keyword-research"]
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def csv_bytes(rows, *, bom=False, delimiter=",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    for row in rows:
        worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(name: str, content: bytes, competencies=COMPETENCIES, retired=()):
    return read_sheet(name, io.BytesIO(content), len(content), competencies, retired)


def lines(sheet) -> list[str]:
    return [str(problem) for problem in sheet.problems]


# --- the checks ---------------------------------------------------------------------------


def test_a_good_sheet_gives_one_row_per_person_and_no_problem():
    sheet = check_records(
        [
            HEADING,
            ["ann@example.com", "3", "0", "5"],
            ["Bob@Example.com ", 4, 2.0, " 1 "],
        ],
        COMPETENCIES,
    )
    assert sheet.ok
    assert lines(sheet) == []
    assert sheet.competencies == ("headlines", "landing-copy", "keyword-research")
    assert [(row.number, row.email, row.key, row.levels) for row in sheet.rows] == [
        (2, "ann@example.com", "ann@example.com", (3, 0, 5)),
        (3, "Bob@Example.com", "bob@example.com", (4, 2, 1)),
    ]


def test_columns_may_come_in_any_order_and_case_with_a_name_column_that_is_not_read():
    sheet = check_records(
        [
            [" Keyword-Research", "Name", "EMAIL", "landing-copy", "HEADLINES"],
            ["1", "=not read", "ann@example.com", "2", "3"],
        ],
        COMPETENCIES,
    )
    assert sheet.ok
    assert sheet.rows[0].levels == (3, 2, 1)
    assert sheet.email_column == 2


def test_blank_rows_are_skipped_but_keep_their_row_numbers():
    sheet = check_records(
        [HEADING, ["", "", "", ""], [], ["ann@example.com", "1", "1", "1"], [None, "  "]],
        COMPETENCIES,
    )
    assert [row.number for row in sheet.rows] == [4]
    assert sheet.ok


def test_every_kind_of_problem_is_listed_with_its_row_and_column():
    sheet = check_records(
        [
            ["email", "headlines", "landing-copy", "seo-audits", "old-skill", "headlines", ""],
            ["ann@example.com", "7", "3", "", "", "2", ""],
            ["bob@example.com", "-1", "x", "", "", "", "stray"],
            ["ANN@example.com", "2.5", "", "", "", "", ""],
            ["", "1", "1"],
            ["not-an-address", "1", "1"],
        ],
        COMPETENCIES,
        retired={"old-skill"},
    )
    assert not sheet.ok
    assert lines(sheet) == [
        "Row 1 (keyword-research): No column for the competency “keyword-research” "
        "(Keyword research): every competency needs one.",
        "Row 1, column D (seo-audits): Unknown column “seo-audits”: it is not a competency "
        "of the catalogue. The template has the right columns.",
        "Row 1, column E (old-skill): “old-skill” is a retired competency, no longer rated: "
        "remove the column.",
        "Row 1, column F (headlines): The column “headlines” appears twice (first in column B).",
        "Row 2, column B (headlines): 7 is out of range: levels run from 0 to 5.",
        "Row 3, column B (headlines): -1 is out of range: levels run from 0 to 5.",
        "Row 3, column C (landing-copy): “x” is not a level: use a whole number from 0 to 5.",
        "Row 3, column G: “stray” is in a column without a heading.",
        "Row 4, column A (email): ANN@example.com is also on row 2: each person appears once.",
        "Row 4, column B (headlines): 2.5 is not a whole number: levels are 0, 1, 2, 3, 4 or 5.",
        "Row 4, column C (landing-copy): No level: rate every competency, from 0 (no exposure) "
        "to 5 (expert).",
        "Row 5, column A (email): No email address: each row names a person by their email "
        "address.",
        "Row 6, column A (email): “not-an-address” is not an email address.",
    ]
    assert sheet.problem_count == 13
    assert [(row.number, row.ok) for row in sheet.rows] == [
        (2, False),
        (3, False),
        (4, False),
        (5, False),
        (6, False),
    ]
    assert sheet.rows_with_problems == 5
    assert sheet.problem_summary() == [
        ("columns", 5),
        ("email addresses", 2),
        ("people listed twice", 1),
        ("levels", 5),
    ]


def test_a_sheet_without_an_email_column_says_so_once():
    sheet = check_records([HEADING[1:], ["1", "2", "3"]], COMPETENCIES)
    assert lines(sheet) == [
        "Row 1: No “email” column: the first row holds the column headings, one of them “email”."
    ]


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([], "The file is empty."),
        ([HEADING], "The sheet has a heading row but no ratings."),
        ([HEADING, ["", ""]], "The sheet has a heading row but no ratings."),
        (
            [["", None], HEADING],
            "Row 1: The first row is blank: it holds the column headings, “email” and one per "
            "competency.",
        ),
    ],
)
def test_sheets_without_ratings_are_refused(records, expected):
    sheet = check_records(records, COMPETENCIES)
    assert lines(sheet) == [expected]
    assert not sheet.ok


def test_a_sheet_over_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    rows = [[f"p{n}@example.com", "1", "1", "1"] for n in range(4)]
    sheet = check_records([HEADING, *rows], COMPETENCIES)
    assert lines(sheet) == ["The sheet has more than 3 rows; split it into smaller sheets."]
    assert len(sheet.rows) == 3


def test_only_the_first_problems_are_kept_in_detail(monkeypatch):
    monkeypatch.setattr(imports, "MAX_LISTED_PROBLEMS", 4)
    rows = [[f"p{n}@example.com", "9", "9", "9"] for n in range(5)]
    sheet = check_records([HEADING, *rows], COMPETENCIES)
    assert (len(sheet.problems), sheet.problem_count, sheet.unlisted_problems) == (4, 15, 11)


LEVELS_READ = [("0", 0), ("5", 5), (" 3 ", 3), ("+2", 2), ("003", 3), ("3.0", 3), ("4.", 4)]


@pytest.mark.parametrize(("value", "level"), [*LEVELS_READ, (3, 3), (3.0, 3), (0.0, 0)])
def test_levels_are_whole_numbers_from_0_to_5(value, level):
    assert parse_level(value) == level


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "No level: rate every competency, from 0 (no exposure) to 5 (expert)."),
        ("  ", "No level: rate every competency, from 0 (no exposure) to 5 (expert)."),
        ("7", "7 is out of range: levels run from 0 to 5."),
        (-1, "-1 is out of range: levels run from 0 to 5."),
        (6.0, "6.0 is out of range: levels run from 0 to 5."),
        ("9" * 5000, "9" * 39 + "… is out of range: levels run from 0 to 5."),
        ("2.5", "2.5 is not a whole number: levels are 0, 1, 2, 3, 4 or 5."),
        (2.5, "2.5 is not a whole number: levels are 0, 1, 2, 3, 4 or 5."),
        ("x", "“x” is not a level: use a whole number from 0 to 5."),
        ("1e0", "“1e0” is not a level: use a whole number from 0 to 5."),
        (True, "“True” is not a level: use a whole number from 0 to 5."),
        (float("nan"), "“nan” is not a level: use a whole number from 0 to 5."),
        (dt.date(2026, 1, 1), "“2026-01-01” is not a level: use a whole number from 0 to 5."),
    ],
)
def test_anything_else_is_not_a_level(value, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_level(value)


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (51, "AZ"), (702, "AAA")]
)
def test_column_letters_are_the_spreadsheets(index, letter):
    assert imports.column_letter(index) == letter


def test_problem_places():
    assert Problem(Kind.LEVEL, "m", row=7, column=2, heading="seo").where == "C7"
    assert Problem(Kind.EMAIL, "m", row=7).where == "row 7"
    assert Problem(Kind.COLUMN, "m", column=27).where == "column AB"
    assert Problem(Kind.FILE, "m").where == ""
    assert str(Problem(Kind.FILE, "The file is empty.")) == "The file is empty."


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
    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 1000)
    monkeypatch.setattr(openpyxl, "load_workbook", None)
    assert lines(read("ratings.xlsx", xlsx_bytes(GOOD_ROWS))) == [
        "The workbook is too large once unpacked; split it into smaller ones."
    ]


def test_a_file_over_the_size_limit_is_refused_unread():
    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read")

    sheet = read_sheet("ratings.csv", Unreadable(), 6 * 1024 * 1024, COMPETENCIES)
    assert lines(sheet) == [
        "The file is 6.0 MB; the limit is 5 MB. Split the sheet into smaller ones."
    ]
    assert imports.MAX_BYTES == 5 * 1024 * 1024


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
    read_sheet("ratings.csv", stream, len(stream.getvalue()), COMPETENCIES)
    assert not stream.closed


# --- keeping a checked sheet, and the template -------------------------------------------------


def test_a_checked_sheet_survives_being_kept_as_plain_data():
    sheet = check_records(GOOD_ROWS, COMPETENCIES)
    plain = imports.to_plain(sheet)
    assert plain == {
        "competencies": ["headlines", "landing-copy", "keyword-research"],
        "email_column": 0,
        "rows": [[2, "ann@example.com", "305"], [3, "bob@example.com", "421"]],
    }
    again = imports.from_plain(plain)
    assert again.ok
    assert again.rows == [
        Row(2, "ann@example.com", (3, 0, 5), named=True),
        Row(3, "bob@example.com", (4, 2, 1), named=True),
    ]


def test_only_a_sheet_without_problems_is_kept():
    with pytest.raises(ValueError, match="without problems"):
        imports.to_plain(check_records([HEADING, ["x", "9"]], COMPETENCIES))


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
        imports.from_plain(plain)


def test_the_template_has_the_columns_and_a_row_per_person():
    text = "".join(
        imports.template_csv(
            {"headlines": "Headlines", "seo": "SEO"},
            [("ann@example.com", "Ann Archer"), ("eve@example.com", "=HYPERLINK()")],
        )
    )
    assert text == (
        "\ufeffemail,name,headlines,seo\r\n"
        "ann@example.com,Ann Archer,,\r\n"
        "eve@example.com,'=HYPERLINK(),,\r\n"
    )


@pytest.mark.parametrize(
    ("cell", "email"),
    [
        ("'-2+3@example.org", "-2+3@example.org"),
        ("'+ann@example.org", "+ann@example.org"),
        ("'=ann@example.org", "=ann@example.org"),
        # Only the form the template writes: any other apostrophe is part of the address.
        ("'ann@example.org", "'ann@example.org"),
        ("'@example.org", "'@example.org"),
        ("'@ann@example.org", "'@ann@example.org"),
        ("'\tann@example.org", "'\tann@example.org"),
        ("''-2+3@example.org", "''-2+3@example.org"),
        ("o'neil@example.org", "o'neil@example.org"),
        ("'", "'"),
        ("-2+3@example.org", "-2+3@example.org"),
        (" '-2+3@example.org ", "-2+3@example.org"),
    ],
)
def test_an_address_the_template_neutralised_is_read_without_its_apostrophe(cell, email):
    assert imports.email_from_cell(cell) == email


def test_a_neutralised_address_is_one_person_with_the_plain_one():
    sheet = check_records(
        [HEADING, ["'-2+3@example.org", "1", "2", "3"], ["-2+3@Example.org", "1", "2", "3"]],
        COMPETENCIES,
    )
    assert [row.email for row in sheet.rows] == ["-2+3@example.org", "-2+3@Example.org"]
    assert lines(sheet) == [
        "Row 3, column A (email): -2+3@Example.org is also on row 2: each person appears once."
    ]


def test_the_templates_own_rows_read_back_with_their_addresses():
    people = [("-2+3@example.org", "Dash"), ("+ann@example.org", "+Ann"), ("bob@example.org", "")]
    template = "".join(imports.template_csv(COMPETENCIES, people)).encode()
    filled = template.replace(b",,,\r\n", b",1,2,3\r\n")
    sheet = read("ratings.csv", filled)
    assert lines(sheet) == []
    assert [(row.email, row.levels) for row in sheet.rows] == [
        ("-2+3@example.org", (1, 2, 3)),
        ("+ann@example.org", (1, 2, 3)),
        ("bob@example.org", (1, 2, 3)),
    ]


# --- properties ---------------------------------------------------------------------------------

SLUGS = [f"skill-{n}" for n in range(6)]
MANY = {slug: slug.title() for slug in SLUGS}

# An address written as the template protects a formula-like one ("'=a@example.org") is
# read as that address without the apostrophe (imports.email_from_cell), so such text stands
# for the protected address here, not for itself.
emails = st.emails().filter(
    lambda e: len(e) <= 254 and not (e[:1] == "'" and e[1:2] in FORMULA_TRIGGERS)
)
people = st.lists(
    st.tuples(emails, st.lists(st.integers(0, 5), min_size=6, max_size=6)),
    min_size=1,
    max_size=12,
    unique_by=lambda person: person[0].lower(),
)


@st.composite
def good_sheets(draw):
    """A valid sheet in any column order and heading case, with its expected rows."""
    rows = draw(people)
    order = draw(st.permutations(["email", *SLUGS]))
    heading = [draw(st.sampled_from([h, h.upper(), f" {h.title()} "])) for h in order]
    records = [heading]
    for email, levels in rows:
        value = dict(zip(SLUGS, levels, strict=True)) | {"email": email}
        records.append([str(value[column]) for column in order])
    return records, [(email, tuple(levels)) for email, levels in rows]


@given(good_sheets(), st.booleans(), st.sampled_from([",", ";"]))
def test_valid_csv_sheets_round_trip(sheet_and_rows, bom, delimiter):
    records, expected = sheet_and_rows
    sheet = read("ratings.csv", csv_bytes(records, bom=bom, delimiter=delimiter), MANY)
    assert lines(sheet) == []
    assert [(row.email, row.levels) for row in sheet.rows] == expected
    assert imports.from_plain(imports.to_plain(sheet)).rows == sheet.rows


@settings(max_examples=15, deadline=None)
@given(good_sheets())
def test_valid_xlsx_sheets_round_trip(sheet_and_rows):
    records, expected = sheet_and_rows
    # A text cell starting with "=" is a formula to a spreadsheet.
    assume(not any(email.startswith("=") for email, _levels in expected))
    sheet = read("ratings.xlsx", xlsx_bytes(records), MANY)
    assert lines(sheet) == []
    assert [(row.email, row.levels) for row in sheet.rows] == expected


bad_levels = st.one_of(
    st.integers().filter(lambda n: n not in range(6)).map(str),
    st.floats(allow_nan=True).filter(lambda f: not f.is_integer()).map(repr),
    st.text(min_size=1).filter(lambda t: t.strip() not in {str(n) for n in range(6)}),
    st.just(""),
)


@st.composite
def broken_sheets(draw):
    """A valid sheet with one problem of a random kind put in."""
    records, _expected = draw(good_sheets())
    records = [list(row) for row in records]
    heading = [cell.strip().lower() for cell in records[0]]
    kind = draw(st.sampled_from(["level", "blank-email", "duplicate", "unknown", "missing"]))
    row = draw(st.integers(1, len(records) - 1))
    if kind == "level":
        column = heading.index(draw(st.sampled_from(SLUGS)))
        value = draw(bad_levels)
        assume(not _is_level(value))
        records[row][column] = value
    elif kind == "blank-email":
        records[row][heading.index("email")] = ""
    elif kind == "duplicate":
        records.append(list(records[row]))
    elif kind == "unknown":
        records[0].append("not-a-competency")
        for other in records[1:]:
            other.append("1")
    else:
        column = heading.index(draw(st.sampled_from(SLUGS)))
        for other in records:
            del other[column]
    return records


def _is_level(value: str) -> bool:
    try:
        parse_level(value)
    except ValueError:
        return False
    return True


@given(broken_sheets())
def test_any_sheet_with_a_problem_cannot_be_kept_for_import(records):
    sheet = check_records(records, MANY)
    assert not sheet.ok
    assert sheet.problem_count >= 1
    with pytest.raises(ValueError, match="without problems"):
        imports.to_plain(sheet)


@given(st.integers(-1000, 1000))
def test_whole_numbers_are_levels_exactly_from_0_to_5(number):
    for value in (number, str(number), float(number)):
        if number in range(6):
            assert parse_level(value) == number
        else:
            with pytest.raises(ValueError, match="out of range"):
                parse_level(value)


# --- saving ------------------------------------------------------------------------------------


@pytest.fixture
def team(db):
    boss = UserFactory(
        username="boss", email="boss@example.com", first_name="Bea", last_name="Boss"
    )
    team = create_team("Team A", boss)
    for name in ("ann", "bob", "cy"):
        join_team(team, UserFactory(username=name, email=f"{name}@example.com"))
    return team


def member(username):
    return Membership.objects.get(user__username=username).user


def sheet_for(catalogue, rows):
    """A checked sheet of (email, {slug: level}) rows against the catalogue."""
    slugs = [c.slug for c in catalogue.competencies]
    records = [["email", *slugs]]
    records += [[email, *(levels[slug] for slug in slugs)] for email, levels in rows]
    return check_records(records, imports_db.competency_columns(catalogue))


def test_each_row_becomes_a_submitted_assessment_scored_like_a_submitted_form(
    team, catalogue, submit
):
    levels = levels_for(catalogue, 2, technical_seo=5, keyword_research=4, brand_voice=1)
    boss = member("boss")
    by_form = submit(boss, levels, when=NOW)
    sheet = sheet_for(catalogue, [("ANN@example.com", levels)])
    assert imports_db.import_sheet(sheet, team, imported_by=boss, catalogue=catalogue, now=NOW) == 1
    imported = Assessment.objects.get(owner__username="ann")
    fields = [
        "status",
        "submitted_at",
        "scoring_version",
        "result",
        "depth",
        "breadth",
        "shape",
        "phase",
        "discipline_scores",
        "layer_scores",
        "country",
        "experience_level",
        "is_latest",
    ]
    assert {f: getattr(imported, f) for f in fields} == {f: getattr(by_form, f) for f in fields}
    assert (imported.source, imported.imported_by, by_form.source) == ("import", boss, "form")
    assert dict(imported.ratings.values_list("competency__slug", "level")) == levels
    assert set(imported.ratings.values_list("evidence", flat=True)) == {""}


def test_the_import_becomes_the_latest_and_leaves_drafts_alone(team, catalogue, submit):
    ann = member("ann")
    role = Role.objects.get(slug="seo-specialist")
    first = submit(
        ann,
        levels_for(catalogue, 1),
        interests={"seo": True, "copywriting": True},
        settings={"country": "GB", "experience_level": "senior", "target_role": role},
    )
    Discipline.objects.filter(slug="copywriting").update(is_active=False)
    catalogue = catalogue_snapshot()
    draft, _created = start_assessment(ann)
    save_draft(draft, levels={"keyword-research": 5})
    before = stored(draft)

    levels = levels_for(catalogue, 3)
    sheet = sheet_for(catalogue, [("ann@example.com", levels)])
    imports_db.import_sheet(sheet, team, imported_by=member("boss"), catalogue=catalogue, now=NOW)

    imported = Assessment.objects.get(owner=ann, source="import")
    first.refresh_from_db()
    assert (first.is_latest, imported.is_latest) == (False, True)
    assert access_latest(ann) == imported
    assert stored(draft) == before
    # Carried over like a new draft's, where the catalogue still has them.
    assert (imported.country, imported.experience_level, imported.target_role) == (
        "GB",
        "senior",
        role,
    )
    assert set(imported.interests.values_list("slug", flat=True)) == {"seo"}
    profile = scoring.score(catalogue, levels, ["seo"], "seo-specialist")
    assert imported.result == profile.to_dict()


def access_latest(user):
    return Assessment.objects.get(owner=user, is_latest=True)


def test_people_must_be_in_the_team_and_accounts_elsewhere_are_not_revealed(
    team, catalogue, django_assert_num_queries
):
    UserFactory(username="outsider", email="Outsider@example.com")
    levels = levels_for(catalogue, 1)
    sheet = sheet_for(
        catalogue,
        [
            ("ann@example.com", levels),
            ("outsider@EXAMPLE.com", levels),
            ("nobody@example.com", levels),
        ],
    )
    with django_assert_num_queries(1):
        people = imports_db.check_people(sheet, team)
    assert people == {"ann@example.com": imports_db.Person(member("ann").pk, "ann")}
    # An address with an account outside the team reads exactly like one without.
    assert lines(sheet) == [
        "Row 3, column A (email): No member of Team A has the address outsider@EXAMPLE.com: "
        "they join with the team's invite code first.",
        "Row 4, column A (email): No member of Team A has the address nobody@example.com: "
        "they join with the team's invite code first.",
    ]
    assert sheet.problem_summary() == [("people not in the team", 2)]
    with pytest.raises(imports_db.ImportRefused):
        imports_db.import_sheet(sheet, team, imported_by=None, catalogue=catalogue, now=NOW)
    assert not Assessment.objects.exists()


def test_two_members_with_one_address_are_a_problem(team, catalogue):
    twin = UserFactory(username="twin", email="ANN@example.com")
    join_team(team, twin)
    sheet = sheet_for(catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    imports_db.check_people(sheet, team)
    assert lines(sheet) == ["Row 2, column A (email): Several members of Team A have this address."]


def test_a_failure_part_way_saves_nothing(team, catalogue, monkeypatch):
    monkeypatch.setattr(imports_db, "CHUNK_ROWS", 1)
    real_score = scoring.score
    calls = []

    def failing_score(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("scoring failed")
        return real_score(*args, **kwargs)

    monkeypatch.setattr(scoring, "score", failing_score)
    levels = levels_for(catalogue, 2)
    sheet = sheet_for(catalogue, [(f"{n}@example.com", levels) for n in ("ann", "bob", "cy")])
    with pytest.raises(RuntimeError, match="scoring failed"):
        imports_db.import_sheet(sheet, team, imported_by=None, catalogue=catalogue, now=NOW)
    assert len(calls) == 3
    assert not Assessment.objects.exists()
    assert not Rating.objects.exists()


def test_a_changed_catalogue_refuses_a_checked_sheet(team, catalogue):
    sheet = sheet_for(catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    Competency.objects.filter(slug="keyword-research").update(is_active=False)
    with pytest.raises(imports_db.ImportRefused) as refused:
        imports_db.import_sheet(
            sheet, team, imported_by=None, catalogue=catalogue_snapshot(), now=NOW
        )
    assert lines(refused.value.sheet) == [
        "Row 1: The catalogue's competencies changed since the sheet was checked: download "
        "the template again and fill it in."
    ]
    assert not Assessment.objects.exists()


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=broken_sheets())
def test_any_sheet_with_a_problem_saves_nothing(team, records):
    sheet = check_records(records, MANY)
    with pytest.raises(imports_db.ImportRefused):
        imports_db.import_sheet(sheet, team, imported_by=None, catalogue=SKILLS, now=NOW)
    assert not Assessment.objects.exists()


SKILLS = snapshot.Catalogue(
    layers=(
        snapshot.Layer(
            "producers",
            "Producers",
            (
                snapshot.Discipline(
                    "skills",
                    "Skills",
                    "producers",
                    tuple(snapshot.Competency(slug, name, "skills") for slug, name in MANY.items()),
                ),
            ),
        ),
    )
)


@pytest.mark.parametrize("chunk", [2, 1000])
def test_saving_runs_a_bounded_number_of_queries(team, catalogue, monkeypatch, chunk):
    """Queries grow with the number of chunks, never with the number of rows in one."""
    monkeypatch.setattr(imports_db, "CHUNK_ROWS", chunk)
    for n in range(3, 7):
        join_team(team, UserFactory(username=f"p{n}", email=f"p{n}@example.com"))
    levels = levels_for(catalogue, 2)

    def queries_for(emails):
        sheet = sheet_for(catalogue, [(email, levels) for email in emails])
        with CaptureQueriesContext(connection) as captured:
            imports_db.import_sheet(sheet, team, imported_by=None, catalogue=catalogue, now=NOW)
        return len(captured)

    two = queries_for(["ann@example.com", "bob@example.com"])
    four = queries_for([f"p{n}@example.com" for n in range(3, 7)])
    # One chunk: the same queries for two rows as for four. Chunks of two: one chunk's
    # queries more (latest assessments, assessments, ratings; none had one before), but
    # for the ratings' COPY on PostgreSQL, which Django's query log does not see.
    per_chunk = 2 if connection.vendor == "postgresql" else 3
    assert four == (two if chunk == 1000 else two + per_chunk)
    assert Assessment.objects.count() == 6


# --- the command ---------------------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("import_ratings", *args, stdout=out, no_color=True)
    return out.getvalue()


def write_sheet(tmp_path, catalogue, rows, name="ratings.csv"):
    slugs = [c.slug for c in catalogue.competencies]
    records = [["email", *slugs]] + [[email, *(levels[s] for s in slugs)] for email, levels in rows]
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(records) if name.endswith(".xlsx") else csv_bytes(records))
    return path


@pytest.mark.parametrize("name", ["ratings.csv", "ratings.xlsx"])
def test_the_command_imports_a_sheet(team, catalogue, tmp_path, name):
    levels = levels_for(catalogue, 2)
    path = write_sheet(
        tmp_path, catalogue, [("ann@example.com", levels), ("bob@example.com", levels)], name
    )
    output = run(str(path), "--team", "team-a", "--as", "boss")
    assert output == f"Imported 2 assessments into Team A from {path}.\n"
    assert sorted(
        Assessment.objects.values_list("owner__username", "source", "imported_by__username")
    ) == [("ann", "import", "boss"), ("bob", "import", "boss")]


def test_the_command_without_a_manager_records_nobody(team, catalogue, tmp_path):
    path = write_sheet(tmp_path, catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    assert run(str(path), "--team", "team-a") == f"Imported 1 assessment into Team A from {path}.\n"
    assert Assessment.objects.get().imported_by is None


def test_a_dry_run_saves_nothing(team, catalogue, tmp_path):
    path = write_sheet(tmp_path, catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    output = run(str(path), "--team", "team-a", "--as", "boss", "--dry-run")
    assert output == f"{path}: 1 row ready to import into Team A. Dry run: nothing was saved.\n"
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_the_command_lists_problems_and_exits_with_2(team, catalogue, tmp_path, dry_run):
    levels = levels_for(catalogue, 1)
    path = write_sheet(
        tmp_path,
        catalogue,
        [("ann@example.com", levels), ("nobody@example.com", levels), ("ann@example.com", levels)],
    )
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_ratings", str(path), "--team", "team-a", *dry_run, stdout=out)
    assert error.value.returncode == 2
    assert str(error.value) == f"{path} has 2 problems; nothing was saved."
    assert out.getvalue() == (
        "  Row 3, column A (email): No member of Team A has the address nobody@example.com: "
        "they join with the team's invite code first.\n"
        "  Row 4, column A (email): ann@example.com is also on row 2: each person appears "
        "once.\n"
    )
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--team", "nope"], "No team has the slug “nope”."),
        (["--team", "team-a", "--as", "ghost"], "No account has the username “ghost”."),
        (["--team", "team-a", "--as", "ann"], "ann does not manage Team A."),
        (["--team", "team-a", "--as", "mallory"], "mallory does not manage Team A."),
    ],
)
def test_the_command_refuses_unknown_teams_and_non_managers(
    team, catalogue, tmp_path, args, message
):
    UserFactory(username="mallory")
    path = write_sheet(tmp_path, catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    with pytest.raises(CommandError, match=message) as error:
        run(str(path), *args)
    assert error.value.returncode == 1
    assert not Assessment.objects.exists()


def test_the_command_reports_a_missing_file(team, catalogue, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*: No such file or directory\."):
        run(str(tmp_path / "missing.csv"), "--team", "team-a")


def test_the_command_refuses_files_that_are_not_sheets(team, catalogue, tmp_path):
    path = tmp_path / "ratings.pdf"
    path.write_bytes(b"%PDF")
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_ratings", str(path), "--team", "team-a", stdout=out)
    assert error.value.returncode == 2
    assert out.getvalue() == (
        "  “ratings.pdf” is neither a CSV file (.csv) nor an Excel workbook (.xlsx).\n"
    )
