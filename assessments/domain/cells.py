"""Cells of the sheets T-Profile writes (CSV exports, the import template), safe to open.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return could be run as a
formula by a spreadsheet app. Such text gets a leading apostrophe, which spreadsheet apps
show as text: names and addresses come from people's own accounts, so they are never
trusted. This is the only definition of that guard; every sheet written in assessments
goes through `safe_cell`.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet app read a cell as a formula."""
GUARD = "'"


def guard(text: str) -> str:
    """`text` as a spreadsheet app keeps it: with an apostrophe if it looks like a formula."""
    return GUARD + text if text.startswith(FORMULA_TRIGGERS) else text


def is_guarded(text: str) -> bool:
    """True for text `guard` could have written from a formula-looking value: an apostrophe,
    then one of FORMULA_TRIGGERS (any other apostrophe is the text's own)."""
    return text[:1] == GUARD and text[1:2] in FORMULA_TRIGGERS


def safe_cell(value: object) -> str:
    """A value as CSV-safe text: formula-looking text is guarded with an apostrophe.

    Numbers are written as they are (a negative number is data, not a formula); True and
    False as "yes" and "no"; None as an empty cell.
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    return guard("" if value is None else str(value))
