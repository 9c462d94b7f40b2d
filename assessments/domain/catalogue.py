"""The catalogue every rule reads: layers, disciplines, competencies and roles, frozen.

``assessments.queries.catalogue_snapshot`` builds it from the database once per catalogue
version; every rule then reads the same immutable tree and its lookups.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from assessments.domain.thresholds import THRESHOLDS
from careers.choices import STAGES, WEIGHTS, Weight

# Role fit adds fractions rating/required with required in 1..max_level; scaling every
# requirement by the lowest common multiple of those keeps the sum a whole number.
FIT_SCALE = math.lcm(*range(1, THRESHOLDS.max_level + 1))


@dataclass(frozen=True, slots=True)
class Resource:
    """A learning resource the roadmap can point to."""

    title: str
    url: str
    kind: str


@dataclass(frozen=True, slots=True)
class Competency:
    slug: str
    name: str
    discipline: str
    resources: tuple[Resource, ...] = ()


@dataclass(frozen=True, slots=True)
class Discipline:
    slug: str
    name: str
    layer: str
    competencies: tuple[Competency, ...] = ()
    anchors: tuple[str, ...] = ()
    """What each level 1 to 5 of the whole discipline looks like, in level order."""


@dataclass(frozen=True, slots=True)
class Layer:
    slug: str
    name: str
    disciplines: tuple[Discipline, ...] = ()


@dataclass(frozen=True, slots=True)
class Requirement:
    """A role needs this competency at ``level`` (1 to 5), weighted 1 (useful) to 3 (essential)."""

    competency: str
    level: int
    weight: int = Weight.IMPORTANT.value


@dataclass(frozen=True, slots=True)
class Role:
    slug: str
    name: str
    layer: str
    discipline: str
    stage: str
    requirements: tuple[Requirement, ...] = ()

    @property
    def is_leadership(self) -> bool:
        return self.stage != STAGES[0]


# A requirement ready for the fit loop: (competency slug, competency name, level, weight,
# credit per level), in catalogue order of the competency.
type _Term = tuple[str, str, int, int, int]


@dataclass(frozen=True, slots=True)
class RolePlan:
    """A role with its requirements precomputed for matching (see ``match_role``)."""

    role: Role
    terms: tuple[_Term, ...]
    scale: int
    """The denominator of the fit: the sum of weights times ``FIT_SCALE``."""


@dataclass(frozen=True)
class Catalogue:
    """The active catalogue, in display order, with the lookups scoring needs.

    Build it once and reuse it: construction checks that every reference resolves and
    precomputes each role's requirements.
    """

    layers: tuple[Layer, ...]
    roles: tuple[Role, ...] = ()
    disciplines: tuple[Discipline, ...] = field(init=False)
    competencies: tuple[Competency, ...] = field(init=False)
    layer_by_slug: Mapping[str, Layer] = field(init=False, repr=False, compare=False)
    discipline_by_slug: Mapping[str, Discipline] = field(init=False, repr=False, compare=False)
    competency_by_slug: Mapping[str, Competency] = field(init=False, repr=False, compare=False)
    role_by_slug: Mapping[str, Role] = field(init=False, repr=False, compare=False)
    plans: tuple[RolePlan, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        problems: list[str] = []
        disciplines = tuple(d for layer in self.layers for d in layer.disciplines)
        competencies = tuple(c for d in disciplines for c in d.competencies)
        layer_by_slug = _index(self.layers, "layer", problems)
        discipline_by_slug = _index(disciplines, "discipline", problems)
        competency_by_slug = _index(competencies, "competency", problems)
        role_by_slug = _index(self.roles, "role", problems)
        for layer in self.layers:
            for discipline in layer.disciplines:
                if discipline.layer != layer.slug:
                    problems.append(
                        f"discipline {discipline.slug!r} is listed under {layer.slug!r}"
                    )
                for competency in discipline.competencies:
                    if competency.discipline != discipline.slug:
                        problems.append(
                            f"competency {competency.slug!r} is listed under {discipline.slug!r}"
                        )
        position = {c.slug: i for i, c in enumerate(competencies)}
        plans = []
        for role in self.roles:
            if role.layer not in layer_by_slug:
                problems.append(f"role {role.slug!r} has an unknown layer {role.layer!r}")
            if role.discipline not in discipline_by_slug:
                problems.append(f"role {role.slug!r} has an unknown discipline {role.discipline!r}")
            if role.stage not in STAGES:
                problems.append(f"role {role.slug!r} has an unknown stage {role.stage!r}")
            seen: set[str] = set()
            for req in role.requirements:
                if req.competency not in competency_by_slug:
                    problems.append(f"role {role.slug!r} requires unknown {req.competency!r}")
                if req.competency in seen:
                    problems.append(f"role {role.slug!r} requires {req.competency!r} twice")
                seen.add(req.competency)
                if not 1 <= req.level <= THRESHOLDS.max_level or req.weight not in WEIGHTS:
                    problems.append(
                        f"role {role.slug!r} requires {req.competency!r} at level {req.level} "
                        f"with weight {req.weight} (levels run 1 to {THRESHOLDS.max_level}, "
                        f"weights {WEIGHTS.start} to {WEIGHTS.stop - 1})"
                    )
            if not problems:
                plans.append(_plan(role, competency_by_slug, position))
        if problems:
            raise ValueError("Inconsistent catalogue: " + "; ".join(problems))
        set_ = object.__setattr__
        set_(self, "disciplines", disciplines)
        set_(self, "competencies", competencies)
        set_(self, "layer_by_slug", layer_by_slug)
        set_(self, "discipline_by_slug", discipline_by_slug)
        set_(self, "competency_by_slug", competency_by_slug)
        set_(self, "role_by_slug", role_by_slug)
        set_(self, "plans", tuple(plans))


def _index[T: (Layer, Discipline, Competency, Role)](
    items: Iterable[T], kind: str, problems: list[str]
) -> Mapping[str, T]:
    index: dict[str, T] = {}
    for item in items:
        if item.slug in index:
            problems.append(f"{kind} {item.slug!r} appears twice")
        index[item.slug] = item
    return MappingProxyType(index)


def _plan(
    role: Role, competency_by_slug: Mapping[str, Competency], position: Mapping[str, int]
) -> RolePlan:
    requirements = sorted(role.requirements, key=lambda req: position[req.competency])
    terms = tuple(
        (
            req.competency,
            competency_by_slug[req.competency].name,
            req.level,
            req.weight,
            req.weight * FIT_SCALE // req.level,
        )
        for req in requirements
    )
    return RolePlan(role, terms, FIT_SCALE * sum(req.weight for req in requirements))
