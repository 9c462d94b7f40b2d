"""Share links of a submitted profile: how long one lasts, whether it still works, and what
it shows. Plain data in and out; the clock is passed in.

A link always shows the T and the scores (depth, breadth, shape, phase, each layer and
discipline). The person's name, their evidence notes and the roles that fit them best are
shown only when ticked. Nothing else of the profile ever is: not the target role, the
country or level, salaries, next steps, growth wishes, warnings or the explanations.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

EXPIRY_DAYS = (7, 30, 90)
DEFAULT_DAYS = 30
SHARED_ROLES = 3
"""How many of the best-fitting roles a link shows when roles are ticked."""


@dataclass(frozen=True)
class Include:
    """What a link shows beyond the T and the scores; nothing by default."""

    name: bool = False
    evidence: bool = False
    roles: bool = False

    def labels(self) -> list[str]:
        """What is ticked, in words, for the owner's own pages and data download."""
        named = [(self.name, "name"), (self.evidence, "evidence"), (self.roles, "top roles")]
        return [label for ticked, label in named if ticked]


def expires_at(now: datetime, days: int) -> datetime:
    """When a link made `now` for `days` days stops working; only EXPIRY_DAYS are offered."""
    if days not in EXPIRY_DAYS:
        choices = ", ".join(str(choice) for choice in EXPIRY_DAYS)
        raise ValueError(f"A share link lasts {choices} days.")
    return now + timedelta(days=days)


def is_live(*, expires: datetime, revoked: datetime | None, now: datetime) -> bool:
    """A link works until the moment it expires, unless it was revoked before."""
    return revoked is None and now < expires


def shared_profile(
    result: Mapping[str, Any],
    ratings: Sequence[Mapping[str, Any]],
    name: str,
    include: Include,
) -> dict[str, Any]:
    """The part of a stored profile (``Profile.to_dict()``) that a link shows.

    `ratings` are the person's ratings in catalogue order (``discipline``, ``name``,
    ``level``, ``evidence``); only those with evidence are shown, and only when evidence
    is ticked. The result keeps the keys the T chart is drawn from."""
    return {
        "layers": [
            {"slug": layer["slug"], "name": layer["name"], "score": layer["score"]}
            for layer in result["layers"]
        ],
        "disciplines": [
            {
                "slug": discipline["slug"],
                "name": discipline["name"],
                "layer": discipline["layer"],
                "score": discipline["score"],
            }
            for discipline in result["disciplines"]
        ],
        "depth": result["depth"],
        "depth_discipline": result.get("depth_discipline"),
        "depth_discipline_name": result.get("depth_discipline_name"),
        "breadth": result["breadth"],
        "shape": result["shape"],
        "shape_label": result["shape_label"],
        "peaks": list(result.get("peaks", [])),
        "phase": result["phase"],
        "phase_name": result["phase_name"],
        "name": name if include.name else None,
        "evidence": (
            [
                {
                    "discipline": rating["discipline"],
                    "name": rating["name"],
                    "level": rating["level"],
                    "evidence": rating["evidence"],
                }
                for rating in ratings
                if rating["evidence"]
            ]
            if include.evidence
            else []
        ),
        "roles": (
            [
                {"role": match["role"], "name": match["name"], "fit": match["fit"]}
                for match in result["matches"][:SHARED_ROLES]
            ]
            if include.roles
            else []
        ),
    }
