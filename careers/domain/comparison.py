"""Two roles side by side: what each asks, what they share and how one leads to the other.

Plain values in and out: the page's query reads the roles, these rules line them up.
"""

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    """What a role asks of one competency: a level from 1 to 5 and a weight from 1 to 3."""

    level: int
    weight: int


@dataclass(frozen=True)
class NeedPair:
    """One competency's row: what the first role asks (or None) and what the second does."""

    competency: str
    a: Need | None
    b: Need | None

    @property
    def difference(self) -> int:
        """Levels the second role asks beyond the first; negative when it asks fewer. A
        competency a role does not require counts as level 0."""
        return (self.b.level if self.b else 0) - (self.a.level if self.a else 0)

    @property
    def kind(self) -> str:
        """ "same", "higher in a", "higher in b", "only a" or "only b"."""
        if self.a is None:
            return "only b"
        if self.b is None:
            return "only a"
        if self.difference == 0:
            return "same"
        return "higher in b" if self.difference > 0 else "higher in a"


def pair_needs(
    a: Mapping[str, Need], b: Mapping[str, Need], order: Sequence[str]
) -> list[NeedPair]:
    """A row for every competency either role asks for, in `order` (the catalogue's); a
    competency missing from `order` follows the others, by name."""
    wanted = a.keys() | b.keys()
    known = [slug for slug in dict.fromkeys(order) if slug in wanted]
    rest = sorted(wanted - set(known))
    return [NeedPair(slug, a.get(slug), b.get(slug)) for slug in [*known, *rest]]


@dataclass(frozen=True)
class NeedsSummary:
    shared: int
    """Competencies both roles ask for."""
    same_level: int
    """Of those, the ones asked at the same level."""
    only_a: int
    only_b: int
    higher_in_a: int
    higher_in_b: int


def summarise(pairs: Sequence[NeedPair]) -> NeedsSummary:
    kinds = [pair.kind for pair in pairs]
    same = kinds.count("same")
    return NeedsSummary(
        shared=same + kinds.count("higher in a") + kinds.count("higher in b"),
        same_level=same,
        only_a=kinds.count("only a"),
        only_b=kinds.count("only b"),
        higher_in_a=kinds.count("higher in a"),
        higher_in_b=kinds.count("higher in b"),
    )


@dataclass(frozen=True)
class Item:
    """A line of a role's list (a goal, a tool, a metric) and whether the other role's
    list has it too."""

    text: str
    shared: bool


def mark_shared(a: Sequence[str], b: Sequence[str]) -> tuple[list[Item], list[Item]]:
    """Both lists as they are, each line marked when the other list has it too (the same
    words, whatever their case and surrounding spaces)."""

    def key(text: str) -> str:
        return " ".join(text.split()).casefold()

    a_keys, b_keys = {key(text) for text in a}, {key(text) for text in b}
    return (
        [Item(text, key(text) in b_keys) for text in a],
        [Item(text, key(text) in a_keys) for text in b],
    )


def path_between(
    start: str, goal: str, moves: Mapping[str, Sequence[str]], longest: int = 4
) -> list[str] | None:
    """The shortest chain of moves from `start` to `goal`, both ends included, or None when
    there is none of at most `longest` moves. Of chains equally short, the one taking the
    earliest moves listed wins, so the answer is always the same."""
    if start == goal:
        return [start]
    came_from: dict[str, str] = {start: start}
    frontier = deque([(start, 0)])
    while frontier:
        role, steps = frontier.popleft()
        if steps == longest:
            continue
        for following in moves.get(role, ()):
            if following in came_from:
                continue
            came_from[following] = role
            if following == goal:
                chain = [goal]
                while chain[-1] != start:
                    chain.append(came_from[chain[-1]])
                return chain[::-1]
            frontier.append((following, steps + 1))
    return None
