"""Every number the rules compare against or aim for, and the names of what they find.

docs/scoring.md explains each threshold with a worked example.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from careers.choices import MAX_LEVEL


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every number the model compares against or aims for, in one place."""

    max_level: int = MAX_LEVEL
    """Ratings run from 0 (no exposure) to this (expert)."""
    points_per_level: int = 20
    """A rating level is worth 20 points, so level 5 is 100."""
    deep: int = 80
    """A discipline at 80 or more (a mean of level 4, advanced) is deep: depth and peaks."""
    broad: int = 75
    """Breadth at 75 or more is broad."""
    stem_forming: int = 60
    """Depth at 60 or more (a mean of level 3, proficient) is a stem forming: phase 2."""
    discipline_counts_fully: int = 40
    """A discipline counts fully toward breadth at 40 (level 2, working), pro rata below."""
    layer_counts_fully: int = 40
    """A layer is at working level at 40 (level 2): widening raises the layers below it."""
    flat_share: int = 80
    """Ratings are flat when this percentage or more of them (above 0) share one level of
    working level or more..."""
    flat_minimum: int = 20
    """...and there are at least this many of them."""
    focus_interest_margin: int = 20
    """In phase 2, a discipline marked as an interest is chosen over the strongest one when
    it is at most this many points (one rating level) behind it."""
    working_level: int = 2
    """Target level when widening a layer (phases 1 and 3)."""
    proficient_level: int = 3
    """Upper target when widening toward a target role that asks for more than working level,
    and the target for rounding out the weakest layer of a T or Π profile."""
    deep_level: int = 4
    """Target level in the focus discipline in phase 2 (level 4 everywhere gives 80)."""
    min_actions: int = 3
    """Next actions offered, at least (when there is that much left to raise)..."""
    max_actions: int = 6
    """...and at most."""
    actions_per_layer: int = 3
    """When widening, no more than this many actions come from one layer before the next
    weakest layer gets a turn."""


THRESHOLDS = Thresholds()

LEADERSHIP_LAYER = "architects"
"""The layer learned first when the target role is a leadership role."""

SHAPE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "emerging": "Emerging",
        "i-shaped": "I-shaped specialist",
        "generalist": "Generalist",
        "t-shaped": "T-shaped",
        "pi-shaped": "Π-shaped",
    }
)
"""Each shape's slug and its name on screen, from the first a profile takes to the widest."""

SHAPES: tuple[str, ...] = tuple(SHAPE_LABELS)

PHASE_NAMES: Mapping[int, str] = MappingProxyType(
    {1: "Start wide", 2: "Go deep", 3: "Broaden again"}
)
"""The roadmap's phases by number."""
