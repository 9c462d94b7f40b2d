"""Checking a ratings sheet given as rows of cells: the rows, every problem and where it is."""

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain import sheet_files, sheets
from assessments.domain.sheets import Kind, Problem, check_records, parse_level
from tests.assessments.domain.sheet_support import (
    COMPETENCIES,
    HEADING,
    MANY,
    broken_sheets,
    lines,
)

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
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    rows = [[f"p{n}@example.com", "1", "1", "1"] for n in range(4)]
    sheet = check_records([HEADING, *rows], COMPETENCIES)
    assert lines(sheet) == ["The sheet has more than 3 rows; split it into smaller sheets."]
    assert len(sheet.rows) == 3


def test_only_the_first_problems_are_kept_in_detail(monkeypatch):
    monkeypatch.setattr(sheets, "MAX_LISTED_PROBLEMS", 4)
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
    assert sheets.column_letter(index) == letter


def test_problem_places():
    assert Problem(Kind.LEVEL, "m", row=7, column=2, heading="seo").where == "C7"
    assert Problem(Kind.EMAIL, "m", row=7).where == "row 7"
    assert Problem(Kind.COLUMN, "m", column=27).where == "column AB"
    assert Problem(Kind.FILE, "m").where == ""
    assert str(Problem(Kind.FILE, "The file is empty.")) == "The file is empty."


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
    assert sheets.email_from_cell(cell) == email


def test_a_neutralised_address_is_one_person_with_the_plain_one():
    sheet = check_records(
        [HEADING, ["'-2+3@example.org", "1", "2", "3"], ["-2+3@Example.org", "1", "2", "3"]],
        COMPETENCIES,
    )
    assert [row.email for row in sheet.rows] == ["-2+3@example.org", "-2+3@Example.org"]
    assert lines(sheet) == [
        "Row 3, column A (email): -2+3@Example.org is also on row 2: each person appears once."
    ]


# --- properties ---------------------------------------------------------------------------------


@given(broken_sheets())
def test_any_sheet_with_a_problem_cannot_be_kept_for_import(records):
    sheet = check_records(records, MANY)
    assert not sheet.ok
    assert sheet.problem_count >= 1
    with pytest.raises(ValueError, match="without problems"):
        sheet_files.to_plain(sheet)


@given(st.integers(-1000, 1000))
def test_whole_numbers_are_levels_exactly_from_0_to_5(number):
    for value in (number, str(number), float(number)):
        if number in range(6):
            assert parse_level(value) == number
        else:
            with pytest.raises(ValueError, match="out of range"):
                parse_level(value)
