"""Sheets for the import tests: files built from rows of cells, and hypothesis strategies
for valid sheets and sheets with one problem put in."""

import csv
import io

import openpyxl
from hypothesis import assume
from hypothesis import strategies as st

from assessments.domain.cells import FORMULA_TRIGGERS
from assessments.domain.sheet_files import read_sheet
from assessments.domain.sheets import parse_level

COMPETENCIES = {
    "headlines": "Headlines",
    "landing-copy": "Landing page copy",
    "keyword-research": "Keyword research",
}
HEADING = ["email", "headlines", "landing-copy", "keyword-research"]


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


SLUGS = [f"skill-{n}" for n in range(6)]
MANY = {slug: slug.title() for slug in SLUGS}

# An address written as the template protects a formula-like one ("'=a@example.org") is
# read as that address without the apostrophe (sheets.email_from_cell), so such text stands
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
