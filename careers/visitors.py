"""What the catalogue pages know of a signed-in visitor: the country their salary figures
default to.

The catalogue reads them from the session under these keys and never asks where they come
from; the assessments app keeps them there from the visitor's latest submitted assessment
(assessments.visitors).
"""

from collections.abc import Mapping

from django.contrib.sessions.backends.base import SessionBase

from careers.choices import Country

COUNTRY_KEY = "visitor.country"


def country(session: SessionBase | Mapping[str, object]) -> str | None:
    """The visitor's country code, if the session holds a known one."""
    value = session.get(COUNTRY_KEY)
    return value if isinstance(value, str) and value in Country.values else None
