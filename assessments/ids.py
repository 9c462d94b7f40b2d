"""Row ids as they arrive in URLs and query strings: whole numbers a database can hold.

A path like /me/assessments/99999999999999999999/ must be a plain 404, not a database
error: SQLite and PostgreSQL both refuse integers past 2**63 - 1.
"""

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The id in `value`, or None when it is not a whole number from 1 to MAX_ID."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """The `<id:...>` path converter: 1 to 19 digits, and out-of-range numbers do not
    match at all (so the URL 404s before any view runs)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"{value} is not an id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))
