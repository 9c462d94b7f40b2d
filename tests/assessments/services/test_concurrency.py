"""Twenty people's worth of requests on one assessment at once: autosaves and submits race;
and two managers of a team deleting, leaving and demoting each other at the same moment.

Runs on whichever database the suite runs on (CI runs it on SQLite and on PostgreSQL).
No rating may be lost or doubled, no request may fail with "database is locked", and
exactly one submit may win.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from assessments.domain import scoring
from assessments.models import Assessment, Membership, Rating
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.accounts import delete_account
from assessments.services.assessments import save_draft, start_assessment
from assessments.services.teams import (
    TeamRuleError,
    create_team,
    join_team,
    leave_team,
    set_member_role,
)
from careers.catalogue.loader import load_catalogue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20
SUBMITTERS = 2


def test_concurrent_autosaves_and_submits():
    load_catalogue()
    catalogue = catalogue_snapshot()
    owner = UserFactory(username="racer")
    draft, _ = start_assessment(owner)
    slugs = [c.slug for c in catalogue.competencies]
    # Everything rated 1 first, so a submit can succeed whenever it runs.
    save_draft(draft, levels=dict.fromkeys(slugs, 1))
    url = f"/me/assessments/{draft.pk}/edit/"
    savers = THREADS - SUBMITTERS
    shares = [slugs[index::savers] for index in range(savers)]
    barrier = threading.Barrier(THREADS)
    outcomes: dict[str, list] = {"saved": [], "refused": [], "submitted": [], "other": []}
    lock = threading.Lock()

    def record(kind, value):
        with lock:
            outcomes[kind].append(value)

    def autosave(share):
        client = Client()
        client.force_login(owner)
        barrier.wait()
        try:
            for slug in share:
                response = client.post(url, {f"level-{slug}": "4"}, headers={"HX-Request": "true"})
                if response.status_code == 200:
                    record("saved", slug)
                elif response.status_code == 409:
                    record("refused", slug)
                else:
                    record("other", (slug, response.status_code))
        finally:
            connection.close()

    def submit():
        client = Client()
        client.force_login(owner)
        barrier.wait()
        try:
            response = client.post(url, {"action": "submit"}, follow=True)
            text = response.content.decode()
            if "Submitted. Here is your T." in text:
                record("submitted", response.status_code)
            elif "already submitted" in text or "can no longer change" in text:
                record("refused", "submit")
            else:
                record("other", ("submit", response.status_code))
        finally:
            connection.close()

    threads = [threading.Thread(target=autosave, args=(share,)) for share in shares]
    threads += [threading.Thread(target=submit) for _ in range(SUBMITTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)

    assert outcomes["other"] == []
    assert len(outcomes["submitted"]) == 1
    assessment = Assessment.objects.get(pk=draft.pk)
    assert assessment.status == "submitted"
    assert Assessment.objects.filter(owner=owner).count() == 1
    ratings = dict(
        Rating.objects.filter(assessment=assessment).values_list("competency__slug", "level")
    )
    # One rating per competency: nothing doubled, nothing lost.
    assert sorted(ratings) == sorted(slugs)
    assert Rating.objects.filter(assessment=assessment).count() == len(slugs)
    # Every autosave that was answered "saved" is in the final ratings; every refused one
    # came after the submit and changed nothing.
    for slug in outcomes["saved"]:
        assert ratings[slug] == 4, slug
    for slug in outcomes["refused"]:
        if slug != "submit":
            assert ratings[slug] == 1, slug
    assert len(outcomes["saved"]) + len(outcomes["refused"]) == len(slugs) + SUBMITTERS - 1
    # The stored profile is the one of the ratings as they stand.
    profile = scoring.score(catalogue, ratings)
    assert assessment.depth == profile.depth
    assert assessment.breadth == profile.breadth


def test_concurrent_deletions_leaves_and_demotions_never_leave_a_team_without_a_manager():
    """Two managers of a team with members, each deleting their account, leaving or being
    demoted by the other at the same moment: the team always keeps a manager."""
    moves = {
        "delete": lambda team, me, other: delete_account(me),
        "leave": lambda team, me, other: leave_team(team, me),
        "demote the other": lambda team, me, other: set_member_role(
            team, other.pk, Membership.Role.MEMBER
        ),
    }
    for first in moves:
        for second in moves:
            one = UserFactory(username=f"one-{first}-{second}".replace(" ", "-"))
            two = UserFactory(username=f"two-{first}-{second}".replace(" ", "-"))
            team = create_team(f"Team {first} {second}", one)
            join_team(team, two)
            set_member_role(team, two.pk, Membership.Role.MANAGER)
            join_team(team, UserFactory(username=f"member-{first}-{second}".replace(" ", "-")))
            barrier = threading.Barrier(2)

            def act(move, me, other, team=team, barrier=barrier):
                barrier.wait()
                try:
                    moves[move](team, me, other)
                except TeamRuleError:
                    pass
                finally:
                    connection.close()

            threads = [
                threading.Thread(target=act, args=(first, one, two)),
                threading.Thread(target=act, args=(second, two, one)),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            left = Membership.objects.filter(team=team)
            assert left.exists(), (first, second)
            assert left.filter(role=Membership.Role.MANAGER).exists(), (first, second)
