"""The load data set: sizes, determinism, the latest mark and stored scores."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import CommandError, call_command

from assessments import loadgen
from assessments.domain import scoring
from assessments.domain.profile import SCORING_VERSION
from assessments.models import Assessment, Membership, Team
from assessments.queries.catalogue import catalogue_snapshot

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
SMALL = loadgen.Options(people=60, teams=4, history=3, seed=7)


def make(options=SMALL, jobs=1):
    return loadgen.generate(
        options, catalogue_snapshot(), NOW, make_password("load-pass"), jobs=jobs
    )


def content():
    """Everything generated, without database ids or the password salt."""
    people = list(
        get_user_model()
        .objects.filter(username__startswith=loadgen.USERNAME_PREFIX)
        .order_by("username")
        .values_list("username", "first_name", "last_name", "email", "date_joined")
    )
    assessments = [
        (
            a.owner.username,
            a.status,
            a.submitted_at,
            a.is_latest,
            a.depth,
            a.breadth,
            a.shape,
            a.target_role_id,
            a.country,
            a.experience_level,
            sorted(a.ratings.values_list("competency__slug", "level")),
            sorted(a.interests.values_list("slug", flat=True)),
        )
        for a in Assessment.objects.select_related("owner").order_by(
            "owner__username", "status", "submitted_at"
        )
    ]
    teams = [
        (team.slug, team.name, sorted(team.memberships.values_list("user__username", "role")))
        for team in Team.objects.order_by("slug")
    ]
    return people, assessments, teams


def test_team_sizes_include_one_of_each_fixed_size():
    sizes = loadgen.team_sizes(10_000, 100, seed=1)
    assert len(sizes) == 100
    assert sizes[:2] == [5_000, 50]
    assert min(sizes) >= loadgen.MIN_TEAM
    assert max(sizes) == 5_000


def test_team_sizes_never_exceed_the_people():
    assert loadgen.team_sizes(30, 3, seed=1)[:2] == [30, 30]
    assert max(loadgen.team_sizes(30, 10, seed=1)) <= 30


def test_teams_have_distinct_members():
    sizes = loadgen.team_sizes(200, 20, seed=3)
    for members in loadgen.team_members(200, sizes, seed=3):
        assert len(set(members)) == len(members)
        assert all(1 <= index <= 200 for index in members)


def test_the_largest_team_and_the_team_of_50_do_not_overlap():
    big, fifty = loadgen.team_members(6_000, [5_000, 50], seed=1)
    assert big == list(range(1, 5_001))
    assert fifty == list(range(5_001, 5_051))


def test_generate_counts(small_catalogue):
    summary = make()
    users = get_user_model().objects.filter(username__startswith="load-")
    assert users.count() == summary.people == 60
    submitted = Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
    assert submitted.count() == summary.submitted == 180
    drafts = Assessment.objects.filter(status=Assessment.Status.DRAFT)
    assert drafts.count() == summary.drafts
    assert not drafts.filter(is_latest=True).exists()
    assert summary.ratings == sum(a.ratings.count() for a in Assessment.objects.all())
    competencies = len(catalogue_snapshot().competencies)
    assert all(a.ratings.count() == competencies for a in submitted)
    sizes = loadgen.team_sizes(60, 4, seed=7)
    assert summary.team_sizes == sizes
    assert [t.memberships.count() for t in Team.objects.order_by("slug")] == sizes
    assert sizes[:2] == [60, 50]
    assert Membership.objects.count() == summary.memberships == sum(sizes)
    assert Membership.objects.filter(role=Membership.Role.MANAGER).count() == 4
    assert Team.objects.get(slug=loadgen.team_slug(1)).memberships.get(
        role=Membership.Role.MANAGER
    ).user.username == loadgen.username(1)


def test_every_person_has_one_latest_the_last_submitted(small_catalogue):
    make()
    for user in get_user_model().objects.filter(username__startswith="load-"):
        submitted = user.assessments.filter(status=Assessment.Status.SUBMITTED)
        latest = submitted.get(is_latest=True)
        assert latest.submitted_at == max(a.submitted_at for a in submitted)


def test_submissions_are_spread_over_the_last_year(small_catalogue):
    make()
    times = list(
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED).values_list(
            "submitted_at", "created_at", "updated_at"
        )
    )
    assert all(0 <= (NOW - submitted).days <= 365 for submitted, _c, _u in times)
    assert max((NOW - submitted).days for submitted, _c, _u in times) > 250
    assert all(created < submitted == updated for submitted, created, updated in times)


def test_stored_scores_are_what_scoring_gives(small_catalogue):
    make()
    catalogue = catalogue_snapshot()
    sample = Assessment.objects.filter(status=Assessment.Status.SUBMITTED).select_related(
        "target_role"
    )[::17]
    assert len(sample) >= 10
    for assessment in sample:
        profile = scoring.score(
            catalogue,
            dict(assessment.ratings.values_list("competency__slug", "level")),
            list(assessment.interests.values_list("slug", flat=True)),
            assessment.target_role.slug if assessment.target_role else None,
        )
        assert assessment.result == profile.to_dict()
        assert assessment.scoring_version == SCORING_VERSION
        assert (assessment.depth, assessment.breadth) == (profile.depth, profile.breadth)
        assert (assessment.shape, assessment.phase) == (profile.shape, profile.phase)
        assert assessment.discipline_scores == {d.slug: d.score for d in profile.disciplines}
        assert assessment.layer_scores == {layer.slug: layer.score for layer in profile.layers}


def test_the_same_options_make_the_same_data(small_catalogue):
    make()
    first = content()
    loadgen.delete_load_data()
    assert not get_user_model().objects.exists()
    assert not Assessment.objects.exists()
    make()
    assert content() == first


def test_scoring_in_worker_processes_makes_the_same_data(small_catalogue):
    make(loadgen.Options(people=20, teams=2, history=2))
    first = content()
    loadgen.delete_load_data()
    make(loadgen.Options(people=20, teams=2, history=2), jobs=2)
    assert content() == first


def test_another_seed_makes_other_people(small_catalogue):
    make()
    first = content()
    loadgen.delete_load_data()
    make(loadgen.Options(people=60, teams=4, history=3, seed=8))
    assert content()[1] != first[1]


def test_everyone_shares_the_given_password(small_catalogue):
    make(loadgen.Options(people=3, teams=1, history=1))
    for user in get_user_model().objects.all():
        assert user.check_password("load-pass")


def test_command_makes_the_data_and_says_so(small_catalogue, capsys):
    call_command(
        "generate_load_data", "--people", "12", "--teams", "3", "--history", "2", "--jobs", "1"
    )
    out = capsys.readouterr().out
    assert "Made 12 people, 24 submitted assessments" in out
    assert "3 teams of" in out
    assert get_user_model().objects.count() == 12
    # Without --password nobody can log in.
    assert not get_user_model().objects.first().has_usable_password()


def test_command_refuses_a_database_with_accounts(small_catalogue, user):
    with pytest.raises(CommandError, match="already has accounts"):
        call_command("generate_load_data", "--people", "5", "--jobs", "1")
    assert get_user_model().objects.count() == 1


def test_command_with_force_replaces_earlier_load_data(small_catalogue, user):
    args = ["generate_load_data", "--people", "5", "--teams", "2", "--history", "1"]
    call_command(*args, "--force", "--jobs", "1")
    call_command(*args, "--force", "--jobs", "1")
    assert get_user_model().objects.count() == 6
    assert Team.objects.count() == 2
    assert Assessment.objects.filter(status=Assessment.Status.SUBMITTED).count() == 5


@pytest.mark.django_db
def test_command_needs_the_catalogue():
    with pytest.raises(CommandError, match="load_catalogue"):
        call_command("generate_load_data", "--people", "5", "--jobs", "1")
