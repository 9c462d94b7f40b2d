"""The milestones of a history: the assessments whose shape or phase differs from the one
before. The history chart numbers them and the page lists them in words."""

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.domain.thresholds import PHASE_NAMES


@dataclass(frozen=True)
class Milestone:
    """The assessment at `index` (oldest first) changed its shape or its phase, or both;
    each change is (before, after), None where nothing changed."""

    index: int
    shape: tuple[str, str] | None
    phase: tuple[int, int] | None

    @property
    def text(self) -> str:
        """The change in words: "Generalist → T-shaped; phase 2 (Go deep) → phase 3 (…)"."""
        parts = []
        if self.shape:
            parts.append(f"{self.shape[0]} → {self.shape[1]}")
        if self.phase:
            parts.append(f"{phase_words(self.phase[0])} → {phase_words(self.phase[1])}")
        return "; ".join(parts)


def phase_words(phase: int) -> str:
    return f"phase {phase} ({PHASE_NAMES[phase]})"


def milestones(steps: Sequence[tuple[str, int]]) -> tuple[Milestone, ...]:
    """Each (shape label, phase) of a history after the first that differs from the one
    before it, in order."""
    found = []
    for index in range(1, len(steps)):
        (shape_before, phase_before), (shape, phase) = steps[index - 1], steps[index]
        if (shape_before, phase_before) != (shape, phase):
            found.append(
                Milestone(
                    index=index,
                    shape=(shape_before, shape) if shape != shape_before else None,
                    phase=(phase_before, phase) if phase != phase_before else None,
                )
            )
    return tuple(found)
