"""The import templates read back as they went out: readable headings with the code in
brackets, the level key, the .xlsx drop-downs, and no member's address."""

import io

import openpyxl
import pytest

from assessments.domain import sheet_files, sheet_templates
from assessments.domain.sheets import heading_key
from tests.assessments.domain.sheet_support import COMPETENCIES, lines, read

NAMES = ["Ann Archer", "=HYPERLINK()"]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Email", "email"),
        (" NAME ", "name"),
        ("keyword-research", "keyword-research"),
        ("Keyword research (keyword-research)", "keyword-research"),
        ("Paid media (PPC): bidding (ppc-bidding) ", "ppc-bidding"),
        ("Keyword research (Keyword-Research)", "keyword-research"),
        ("Keyword research", "keyword research"),
        ("Budget (in $)", "budget (in $)"),
    ],
)
def test_a_heading_names_the_code_at_its_end_or_itself(heading, key):
    assert heading_key(heading) == key


def test_the_csv_template_has_readable_headings_and_no_addresses():
    text = "".join(sheet_files.template_csv(COMPETENCIES, NAMES))
    assert text == (
        "\ufeffEmail,Name,Headlines (headlines),Landing page copy (landing-copy),"
        "Keyword research (keyword-research)\r\n"
        ",Ann Archer,,,\r\n"
        ",'=HYPERLINK(),,,\r\n"
    )


def test_the_csv_template_filled_in_reads_back():
    template = "".join(sheet_files.template_csv(COMPETENCIES, NAMES)).encode()
    filled = template.replace(b",Ann Archer,,,", b"ann@example.org,Ann Archer,1,2,3").replace(
        b",'=HYPERLINK(),,,", b"eve@example.org,'=HYPERLINK(),4,5,0"
    )
    sheet = read("ratings.csv", filled)
    assert lines(sheet) == []
    assert [(row.email, row.levels) for row in sheet.rows] == [
        ("ann@example.org", (1, 2, 3)),
        ("eve@example.org", (4, 5, 0)),
    ]


def test_the_xlsx_template_has_drop_downs_and_a_level_key_and_reads_back_filled_in():
    book = openpyxl.load_workbook(io.BytesIO(sheet_templates.template_xlsx(COMPETENCIES, NAMES)))
    assert book.sheetnames == ["Ratings", "Level key"]
    ratings = book["Ratings"]
    assert [cell.value for cell in ratings[1]] == [
        "Email",
        "Name",
        "Headlines (headlines)",
        "Landing page copy (landing-copy)",
        "Keyword research (keyword-research)",
    ]
    assert [[cell.value for cell in row] for row in ratings.iter_rows(min_row=2)] == [
        [None, "Ann Archer", None, None, None],
        [None, "'=HYPERLINK()", None, None, None],
    ]
    (validation,) = ratings.data_validations.dataValidation
    assert (validation.type, validation.formula1, str(validation.sqref)) == (
        "list",
        '"0,1,2,3,4,5"',
        "C2:E203",
    )
    assert [[cell.value for cell in row] for row in book["Level key"].iter_rows()] == [
        ["Level", "Name", "Meaning"],
        [0, "No exposure", "has never done it"],
        [1, "Aware", "knows the vocabulary"],
        [2, "Working", "does routine tasks with guidance"],
        [3, "Proficient", "works on their own, end to end"],
        [4, "Advanced", "handles complex cases and coaches others"],
        [5, "Expert", "sets the standard"],
    ]

    ratings["A2"], ratings["A3"] = "ann@example.org", "eve@example.org"
    for column, (first, second) in zip("CDE", [(1, 4), (2, 5), (3, 0)], strict=True):
        ratings[f"{column}2"], ratings[f"{column}3"] = first, second
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = read("ratings.xlsx", buffer.getvalue())
    assert lines(sheet) == []
    assert [(row.email, row.levels) for row in sheet.rows] == [
        ("ann@example.org", (1, 2, 3)),
        ("eve@example.org", (4, 5, 0)),
    ]
