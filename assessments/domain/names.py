"""How people are named to others: one rule for every page, export and API answer."""

from typing import Protocol


class Person(Protocol):
    """What naming needs of an account (Django's user has it)."""

    first_name: str
    last_name: str

    def get_username(self) -> str: ...


def person_name(first_name: str, last_name: str, username: str) -> str:
    """A person's display name: their first and last name, or else their username."""
    return f"{first_name} {last_name}".strip() or username


def name_of(person: Person) -> str:
    """`person_name` of an account in hand; reads that fetch only the three columns call
    `person_name` with them."""
    return person_name(person.first_name, person.last_name, person.get_username())


def names_together(names: list[str]) -> str:
    """Names as a sentence says them: "Ada", "Ada and Bo", "Ada, Bo and Cy"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
