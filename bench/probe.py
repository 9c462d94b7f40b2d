"""Inside Django, once per backend: what the load client requests, and each page's queries.

These run in a process of their own (`run.py --probe`, `run.py --has-data`) with the
backend's environment, so the benchmark's own process never sets up Django.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from backends import HOST, ROOT
from load import USERS


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def has_data_main() -> int:
    django_setup()
    from django.contrib.auth import get_user_model

    return 0 if get_user_model().objects.filter(username__startswith="load-").exists() else 1


def probe_main() -> None:
    """Print, as JSON, the URLs and accounts the load client uses and each page's queries.

    Query counts come from Django's test client with the catalogue cache warm (each page
    is requested once before it is counted), as a worker serves it in steady state.
    """
    django_setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from assessments import loadgen
    from assessments.models import Assessment, Membership, Rating
    from careers.models import Competency, Role

    drafts = list(
        Assessment.objects.filter(
            status=Assessment.Status.DRAFT, owner__username__startswith=loadgen.USERNAME_PREFIX
        )
        .select_related("owner")
        .order_by("owner__username")[:USERS]
    )
    people = []
    for draft in drafts:
        latest = Assessment.objects.get(owner=draft.owner, is_latest=True)
        people.append(
            {
                "username": draft.owner.username,
                "profile": reverse("assessments:profile", kwargs={"pk": latest.pk}),
                "edit": reverse("assessments:edit", kwargs={"pk": draft.pk}),
            }
        )
    teams: dict[str, dict[str, Any]] = {}
    for key, number in (("team50", 2), ("team5000", 1)):
        slug = loadgen.team_slug(number)
        manager = Membership.objects.select_related("user", "team").get(
            team__slug=slug, role=Membership.Role.MANAGER
        )
        teams[key] = {
            "username": manager.user.username,
            "url": reverse("assessments:team-dashboard", kwargs={"slug": slug}),
            "members": manager.team.memberships.count(),
        }
    role = Role.objects.active().get(slug="marketing-director")
    competencies = list(Competency.objects.active().values_list("slug", flat=True))

    def count(user: Any, method: str, url: str, **extra: Any) -> int:
        client = Client(HTTP_HOST=HOST)
        if user is not None:
            client.force_login(user)
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = getattr(client, method)(url, **extra)
            assert response.status_code == 200, (url, response.status_code)
        return len(captured)

    users = get_user_model().objects
    first = users.get(username=people[0]["username"])
    queries = {
        "control": count(None, "get", "/bench/control/"),
        "signed-in": count(first, "get", "/bench/signed-in/"),
        "role": count(None, "get", role.get_absolute_url()),
        "profile": count(first, "get", people[0]["profile"]),
        "form": count(first, "get", people[0]["edit"]),
        "autosave": count(
            first,
            "post",
            people[0]["edit"],
            data={f"level-{competencies[0]}": "3"},
            HTTP_HX_REQUEST="true",
        ),
        "team50": count(
            users.get(username=teams["team50"]["username"]), "get", teams["team50"]["url"]
        ),
        "team5000": count(
            users.get(username=teams["team5000"]["username"]), "get", teams["team5000"]["url"]
        ),
    }
    dataset = {
        "people": users.filter(username__startswith=loadgen.USERNAME_PREFIX).count(),
        "submitted": Assessment.objects.filter(status=Assessment.Status.SUBMITTED).count(),
        "drafts": Assessment.objects.filter(status=Assessment.Status.DRAFT).count(),
        "ratings": Rating.objects.count(),
    }
    print(
        json.dumps(
            {
                "dataset": dataset,
                "people": people,
                "teams": teams,
                "role": role.get_absolute_url(),
                "competencies": competencies,
                "queries": queries,
            }
        )
    )
