"""Keeps what the catalogue pages know of a signed-in visitor (careers.visitors) in their
session: the country of their latest submitted assessment, set when they log in and each
time they submit."""

from django.contrib.sessions.backends.base import SessionBase

from assessments.models import Assessment
from assessments.queries.assessments import latest_submitted
from careers import visitors


def remember(session: SessionBase, assessment: Assessment) -> None:
    session[visitors.COUNTRY_KEY] = assessment.country


def on_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: the figures follow the visitor's latest assessment."""
    latest = latest_submitted(user.pk)
    if latest is not None:
        remember(request.session, latest)
