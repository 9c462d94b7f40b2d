"""CSV cells that a spreadsheet could run as formulas are neutralised."""

import pytest

from assessments.exports import safe_cell, to_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("Ann = Archer", "Ann = Archer"),
        ("", ""),
        (None, ""),
        (-3, "-3"),
        (42, "42"),
        (45.5, "45.5"),
        (True, "yes"),
        (False, "no"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_csv_has_a_byte_order_mark_and_crlf_rows():
    assert to_csv(["Name", "Score"], [["=x", 5], ["Ann", 60]]) == (
        "\ufeffName,Score\r\n'=x,5\r\nAnn,60\r\n"
    )
