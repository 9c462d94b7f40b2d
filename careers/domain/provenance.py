"""Where a set of catalogue facts comes from, said once for the set when it can be."""

from collections.abc import Iterable

SOURCE = "source"
EDITORIAL = "editorial"
MIXED = "mixed"


def basis_of(bases: Iterable[str]) -> str:
    """ "source" or "editorial" when every fact shares that basis, "mixed" when they
    differ, "" when there are none: a page says it once for a whole list, or marks the
    source's facts one by one."""
    found = set(bases)
    if not found:
        return ""
    if len(found) == 1:
        return found.pop()
    return MIXED
