"""How people are named to others: one rule for every page, export and API answer."""


def person_name(first_name: str, last_name: str, username: str) -> str:
    """A person's display name: their first and last name, or else their username."""
    return f"{first_name} {last_name}".strip() or username
