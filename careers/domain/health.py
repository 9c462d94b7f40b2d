"""The catalogue's health, for the curator's home: what needs attention, entry by entry.

Plain data in, findings out: the admin reads the catalogue once into the summaries below
and shows what this module finds, each finding naming its entry so the page can link it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CompetencySummary:
    key: int
    name: str
    active: bool
    anchor_levels: frozenset[int]
    resources: int
    required_by: int
    """How many usable roles require it."""


@dataclass(frozen=True)
class RoleSummary:
    key: int
    name: str
    active: bool
    requirements: int
    bands: int
    moves_out: int
    moves_in: int


@dataclass(frozen=True)
class Finding:
    kind: str
    """"competency" or "role": which admin page `key` is on."""
    key: int
    name: str
    problem: str


LEVELS = frozenset(range(1, 6))
FEWEST_REQUIREMENTS = 3
"""A role asking for fewer competencies than this matches almost anyone."""


def competency_findings(competencies: Iterable[CompetencySummary]) -> list[Finding]:
    """Active competencies that lack something a person rating them needs, or that no
    role asks for; a retired one only if its level descriptions are incomplete, since it
    cannot be reactivated until they are."""
    findings = []
    for competency in competencies:
        problems = []
        missing = sorted(LEVELS - competency.anchor_levels)
        if missing:
            levels = ", ".join(str(level) for level in missing)
            problems.append(f"no level description for level {levels}")
        if competency.active:
            if competency.resources == 0:
                problems.append("no learning resource, so next actions suggest nothing")
            if competency.required_by == 0:
                problems.append("no role requires it, so it moves no role's fit")
        findings += [
            Finding("competency", competency.key, competency.name, problem) for problem in problems
        ]
    return findings


def role_findings(roles: Iterable[RoleSummary]) -> list[Finding]:
    """Active roles that match poorly or lead nowhere: few requirements, no salary band,
    no move in or out."""
    findings = []
    for role in roles:
        if not role.active:
            continue
        problems = []
        if role.requirements < FEWEST_REQUIREMENTS:
            problems.append(
                f"{_count(role.requirements, 'requirement')}: fewer than "
                f"{FEWEST_REQUIREMENTS} match almost anyone"
            )
        if role.bands == 0:
            problems.append("no salary band: its page says the source gives no figures")
        if role.moves_out == 0 and role.moves_in == 0:
            problems.append("no move to or from another role: no path leads through it")
        findings += [Finding("role", role.key, role.name, problem) for problem in problems]
    return findings


@dataclass(frozen=True)
class BasisCount:
    kind: str
    source: int
    editorial: int

    @property
    def total(self) -> int:
        return self.source + self.editorial


def basis_counts(rows: Sequence[tuple[str, str, int]], kinds: Sequence[str]) -> list[BasisCount]:
    """(kind, basis, count) rows, as a database groups them, into one line per kind in the
    order of `kinds`, a kind without rows counting zero of each."""
    found = {(kind, basis): count for kind, basis, count in rows}
    return [
        BasisCount(kind, found.get((kind, "source"), 0), found.get((kind, "editorial"), 0))
        for kind in kinds
    ]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
