"""When a catalogue entry may be live: the rules the admin and the CSV import both hold."""

from collections.abc import Iterable

LEVELS = range(1, 6)
"""The levels every competency describes, 1 to 5."""


def missing_levels(described: Iterable[int]) -> list[int]:
    """The levels 1 to 5 without a description, in order."""
    have = set(described)
    return [level for level in LEVELS if level not in have]


def anchors_missing(name: str, described: Iterable[int]) -> str:
    """Why a competency cannot be live without all five level descriptions, or "" when
    it has them: people rate each competency against them, and a team's sheet names them."""
    missing = missing_levels(described)
    if not missing:
        return ""
    *rest, last = [str(level) for level in missing]
    levels = f"{', '.join(rest)} and {last}" if rest else last
    noun = "level" if len(missing) == 1 else "levels"
    return (
        f"Describe {noun} {levels} of “{name}” before making it active: people rate a "
        "competency against its five level descriptions. Keep it retired until then."
    )
