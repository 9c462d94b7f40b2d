"""The profile's sentences as someone else reads them: a manager reading a member's profile
is told what "they" have, not what "you" have."""

import re

# After these words "you" is an object ("puts you in phase 2"): it becomes "them".
_OBJECT_AFTER = frozenset(
    {"puts", "put", "gives", "give", "takes", "take", "fits", "fit", "lets", "let", "helps"}
    | {"to", "for", "with", "from", "of", "about", "than"}
)
_WORD = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)
_SWAP = {"your": "their", "yours": "theirs", "yourself": "themselves"}


def third_person(text: str) -> str:
    """`text` with the reader ("you", "your") made the person it is about ("they",
    "their"). English verbs agree with "they" as they do with "you", so only the pronouns
    change; "you" after a verb or preposition that takes an object becomes "them"."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower == "you":
            before = text[: match.start()].split()
            previous = before[-1].lower().strip(",;:") if before else ""
            lower = "them" if previous in _OBJECT_AFTER else "they"
        else:
            lower = _SWAP[lower]
        return lower.capitalize() if word[0].isupper() else lower

    return _WORD.sub(swap, text)
