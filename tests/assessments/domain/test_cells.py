"""Cells that a spreadsheet could run as formulas are neutralised, and only those."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from assessments.domain.cells import FORMULA_TRIGGERS, GUARD, guard, is_guarded, safe_cell


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
        ("'=already", "'=already"),
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


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("'=x", True),
        ("'-2+3@example.org", True),
        ("'\tx", True),
        ("'\rx", True),
        ("'x", False),
        ("'", False),
        ("''=x", False),
        ("=x", False),
        ("", False),
    ],
)
def test_is_guarded_knows_only_the_form_guard_writes(text, guarded):
    assert is_guarded(text) is guarded


@given(st.text())
def test_a_guarded_cell_never_starts_with_a_formula_character(text):
    cell = guard(text)
    assert not cell.startswith(FORMULA_TRIGGERS)
    assert safe_cell(text) == cell


@given(st.text())
def test_text_that_looks_like_no_formula_is_left_as_it_is(text):
    assume(not text.startswith(FORMULA_TRIGGERS))
    assert guard(text) == text
    assert safe_cell(text) == text


@given(st.sampled_from(FORMULA_TRIGGERS), st.text())
def test_a_guarded_cell_is_its_text_behind_one_apostrophe(first, rest):
    text = first + rest
    cell = guard(text)
    assert is_guarded(cell)
    assert cell.removeprefix(GUARD) == text
