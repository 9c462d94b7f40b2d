"""The scored profile and its one serialised form.

``Profile.to_dict()`` is what a submitted assessment stores; ``contract`` turns that stored
form into the public result that ``manage.py score`` prints and the API answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from assessments.domain.catalogue import Resource
from assessments.domain.roles import Match

SCORING_VERSION = "2"
"""Stored with every profile; raised when a change to the rules changes a stored number."""


@dataclass(frozen=True, slots=True)
class LayerScore:
    """A layer's score, 0 to 100: the mean of its discipline scores."""

    slug: str
    name: str
    score: int


@dataclass(frozen=True, slots=True)
class DisciplineScore:
    """A discipline's score, 0 to 100: the mean of its competency ratings times 20."""

    slug: str
    name: str
    layer: str
    score: int
    rated: int
    """How many of its competencies have a rating of their own in the input (0 included)."""
    total: int
    interest: bool
    quick: int | None = None
    """Its quick rating, where that stands for at least one of its competencies (the other
    ``total - rated``): the score is provisional until they are rated one by one."""


def strongest_of(disciplines: Sequence[DisciplineScore]) -> DisciplineScore | None:
    """The highest-scoring discipline; on a tie one marked as an interest, then the first in
    catalogue order."""
    best = None
    for d in disciplines:
        if best is None or (d.score, d.interest) > (best.score, best.interest):
            best = d
    return best


@dataclass(frozen=True, slots=True)
class NearDeep:
    """One level from a deep stem: raising ``competency`` from ``have`` by one level takes
    ``discipline`` to ``score``, at or above the depth threshold."""

    discipline: str
    discipline_name: str
    competency: str
    competency_name: str
    have: int
    score: int
    interest: bool


@dataclass(frozen=True, slots=True)
class ProfileWarning:
    """Something about the ratings that changes how far the numbers can be trusted."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Action:
    """One competency to raise next, to ``target``, with why and where to learn it."""

    competency: str
    name: str
    discipline: str
    have: int
    target: int
    reason: str
    resources: tuple[Resource, ...]


@dataclass(frozen=True, slots=True)
class Explanations:
    """The sentence behind each number of a profile; ``layers``, ``fits`` and
    ``disciplines`` by slug."""

    depth: str
    breadth: str
    shape: str
    phase: str
    layers: Mapping[str, str]
    fits: Mapping[str, str]
    disciplines: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Profile:
    """A scored self-assessment. ``to_dict()`` is what a submitted assessment stores."""

    version: str
    layers: tuple[LayerScore, ...]
    disciplines: tuple[DisciplineScore, ...]
    depth: int
    depth_discipline: str | None
    """None while nothing is rated above 0."""
    depth_discipline_name: str | None
    breadth: int
    shape: str
    shape_label: str
    peaks: tuple[str, ...]
    phase: int
    phase_name: str
    focus_discipline: str | None
    matches: tuple[Match, ...]
    target: Match | None
    next_actions: tuple[Action, ...]
    explanations: Explanations
    warnings: tuple[ProfileWarning, ...] = ()
    target_needs: Mapping[str, int] = MappingProxyType({})
    """What the target role needs, as discipline scores (scoring.needs_of): the outline
    drawn over the T. Empty without a target."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only; everything ordered is a list (jsonb does not keep key order)."""
        return {
            "version": self.version,
            "layers": [{"slug": x.slug, "name": x.name, "score": x.score} for x in self.layers],
            "disciplines": [
                {
                    "slug": d.slug,
                    "name": d.name,
                    "layer": d.layer,
                    "score": d.score,
                    "rated": d.rated,
                    "total": d.total,
                    "interest": d.interest,
                    "quick": d.quick,
                }
                for d in self.disciplines
            ],
            "depth": self.depth,
            "depth_discipline": self.depth_discipline,
            "depth_discipline_name": self.depth_discipline_name,
            "breadth": self.breadth,
            "shape": self.shape,
            "shape_label": self.shape_label,
            "peaks": list(self.peaks),
            "phase": self.phase,
            "phase_name": self.phase_name,
            "focus_discipline": self.focus_discipline,
            "matches": [_match_dict(match) for match in self.matches],
            "target": _match_dict(self.target) if self.target else None,
            "next_actions": [
                {
                    "competency": a.competency,
                    "name": a.name,
                    "discipline": a.discipline,
                    "have": a.have,
                    "target": a.target,
                    "reason": a.reason,
                    "resources": [
                        {"title": r.title, "url": r.url, "kind": r.kind} for r in a.resources
                    ],
                }
                for a in self.next_actions
            ],
            "explanations": {
                "depth": self.explanations.depth,
                "breadth": self.explanations.breadth,
                "shape": self.explanations.shape,
                "phase": self.explanations.phase,
                "layers": dict(self.explanations.layers),
                "fits": dict(self.explanations.fits),
                "disciplines": dict(self.explanations.disciplines),
            },
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "target_needs": dict(self.target_needs),
        }


def _match_dict(match: Match) -> dict[str, Any]:
    return {
        "role": match.role,
        "name": match.name,
        "fit": match.fit,
        "gaps": [
            {
                "competency": gap.competency,
                "name": gap.name,
                "have": gap.have,
                "need": gap.need,
                "weight": gap.weight,
            }
            for gap in match.gaps
        ],
    }


def contract(profile: Mapping[str, Any]) -> dict[str, Any]:
    """The public result (``score`` command, API) from a stored ``Profile.to_dict()``.

    A profile stored by an earlier scoring version keeps its own version and, having no
    warnings then, answers an empty list."""
    return {
        "scoring_version": profile["version"],
        "depth": profile["depth"],
        "depth_discipline": profile["depth_discipline"],
        "breadth": profile["breadth"],
        "shape": profile["shape"],
        "phase": profile["phase"],
        "phase_name": profile["phase_name"],
        "layers": {layer["slug"]: layer["score"] for layer in profile["layers"]},
        "disciplines": {d["slug"]: d["score"] for d in profile["disciplines"]},
        "matches": [
            {"role": m["role"], "fit": m["fit"], "gaps": [dict(gap) for gap in m["gaps"]]}
            for m in profile["matches"]
        ],
        "next_actions": [
            {**action, "resources": [dict(r) for r in action["resources"]]}
            for action in profile["next_actions"]
        ],
        "warnings": [dict(warning) for warning in profile.get("warnings", [])],
    }
