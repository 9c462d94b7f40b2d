"""The one-page profile (a share link's page and the print view) and the page where the
owner makes and revokes a share link."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse

from assessments.domain import sharing
from assessments.domain.names import name_of, names_together
from assessments.models import Assessment, ShareLink, submitted
from assessments.pages.profiles import evidence_rows, t_chart
from assessments.queries.shares import live_link_of


def sheet(assessment: Assessment, include: sharing.Include) -> dict:
    """A submitted profile on one page: the T and the scores, with the owner's name, their
    evidence and their best roles as `include` says (domain.sharing). The ratings are read
    only when evidence is shown (one query)."""
    ratings = evidence_rows(assessment) if include.evidence else []
    shown = sharing.shared_profile(
        submitted(assessment.result), ratings, name_of(assessment.owner), include
    )
    layer_rows = [
        {
            **layer,
            "disciplines": [d for d in shown["disciplines"] if d["layer"] == layer["slug"]],
        }
        for layer in shown["layers"]
    ]
    return {
        "assessment": assessment,
        "include": include,
        "shown": shown,
        "layer_rows": layer_rows,
        "chart": t_chart(shown),
    }


def share_page(assessment: Assessment, now: datetime, **extra) -> dict:
    """The share page of a submitted assessment: its live link (when it has one), what the
    link shows, and the form to make a new one."""
    link = live_link_of(assessment.pk, now)
    return {
        "assessment": assessment,
        "live": link,
        "live_shows": names_together(include_of(link).labels()) if link else "",
        "expiry_days": sharing.EXPIRY_DAYS,
        **extra,
    }


def include_of(link: ShareLink) -> sharing.Include:
    """What a stored link shows."""
    return sharing.Include(name=link.show_name, evidence=link.show_evidence, roles=link.show_roles)


def share_url(request, token: str) -> str:
    """A link's full address: on SITE_URL where it is set, else on the request's host."""
    path = reverse("assessments:shared", kwargs={"token": token})
    return settings.SITE_URL + path if settings.SITE_URL else request.build_absolute_uri(path)
