"""Pages whose costly parts are kept in the cache: the same page as without the cache,
fewer queries, and a change to what they depend on shows at once."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments.queries.catalogue import current_catalogue
from assessments.queries.teams import team_coverage
from assessments.services.teams import create_team, join_team, leave_team, set_member_role
from careers.models import Discipline, Role
from careers.versioning import bump_catalogue_version
from tests.assessments.conftest import levels_for
from tests.factories import UserFactory

OWN = re.compile(r'nonce="[^"]+"|"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def caching(settings):
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def same_page(first, second) -> bool:
    """The same HTML but for what each response has of its own: CSP nonce and CSRF token."""
    return OWN.sub("", first.content.decode()) == OWN.sub("", second.content.decode())


@pytest.fixture
def profile(user, catalogue, submit):
    submit(user, levels_for(catalogue, 2, ab_testing=5))
    latest = submit(
        user,
        levels_for(catalogue, 3),
        settings={"target_role": Role.objects.get(slug="marketing-director")},
    )
    return reverse("assessments:profile", kwargs={"pk": latest.pk})


def test_profile_body_is_rendered_once(user_client, profile, settings, django_assert_num_queries):
    uncached = user_client.get(profile)
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    user_client.get(profile)
    # The user and the assessment (the session comes from the cache, the id of the one
    # before it with the body): nothing else while kept.
    with django_assert_num_queries(2):
        cached = user_client.get(profile)
    assert same_page(uncached, cached)
    cache.clear()


def test_profile_follows_a_catalogue_change_at_once(user_client, profile, caching):
    link = 'href="/roles/marketing-director/"'
    assert link in user_client.get(profile).content.decode()
    role = Role.objects.get(slug="marketing-director")
    role.is_active = False
    role.save()
    # A retired role is still named (the profile is frozen) but no longer linked.
    assert link not in user_client.get(profile).content.decode()


@pytest.fixture
def studio(catalogue, submit):
    """Boss manages Ann (submitted) and Ben (nothing yet)."""
    boss = UserFactory(username="boss", first_name="Bea", last_name="Boss")
    team = create_team("Studio", boss)
    ann = UserFactory(username="ann", first_name="Ann", last_name="Archer")
    ben = UserFactory(username="ben", first_name="Ben", last_name="Baker")
    for person in (ann, ben):
        join_team(team, person)
    submit(ann, levels_for(catalogue, 2, keyword_research=5))
    return {"team": team, "boss": boss, "ann": ann, "ben": ben}


def test_team_coverage_is_kept_until_the_team_changes(studio, catalogue, submit, caching):
    team, today = studio["team"], dt.date(2026, 3, 1)
    first = team_coverage(team, today)
    assert team_coverage(team, today) == first
    # Ben submits: the coverage is built again.
    submit(studio["ben"], levels_for(catalogue, 4))
    second = team_coverage(team, today)
    assert (first.submitted_count, second.submitted_count) == (1, 2)
    # Cat joins: again.
    cat = UserFactory(username="cat")
    join_team(team, cat)
    third = team_coverage(team, today)
    # Bea manages without taking part: she is not counted as waited for.
    assert (third.member_count, third.pending_count) == (3, 1)
    # Cat becomes a manager: again, and she is no longer waited for.
    set_member_role(team, cat.pk, "manager")
    assert (team_coverage(team, today).member_count, team_coverage(team, today).pending_count) == (
        2,
        0,
    )
    # Ben leaves: again.
    leave_team(team, studio["ben"])
    assert team_coverage(team, today).member_count == 1


def test_team_coverage_when_kept_takes_two_small_queries(
    studio, caching, django_assert_num_queries
):
    team, today = studio["team"], dt.date(2026, 3, 1)
    catalogue = current_catalogue()
    team_coverage(team, today, catalogue)
    with django_assert_num_queries(2):
        team_coverage(team, today, catalogue)


def test_team_coverage_follows_the_catalogue(studio, caching):
    team, today = studio["team"], dt.date(2026, 3, 1)
    before = team_coverage(team, today)
    Discipline.objects.filter(slug="seo").update(is_active=False)
    bump_catalogue_version()
    after = team_coverage(team, today)
    assert "seo" in [d.slug for d in before.structure.disciplines]
    assert "seo" not in [d.slug for d in after.structure.disciplines]


@pytest.fixture
def boss_client(client, studio):
    client.force_login(studio["boss"])
    return client


def test_dashboard_is_rendered_once_while_the_team_holds(
    boss_client, studio, settings, django_assert_num_queries
):
    url = "/teams/studio/coverage/?sort=depth"
    uncached = boss_client.get(url)
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    boss_client.get(url)
    # The user, the membership and the team's two stamp queries (the session comes from
    # the cache).
    with django_assert_num_queries(4):
        cached = boss_client.get(url)
    assert same_page(uncached, cached)
    cache.clear()


def test_dashboard_shows_a_new_submission_at_once(boss_client, studio, catalogue, submit, caching):
    assert ">Ben Baker</a>" not in page_heatmap(boss_client.get("/teams/studio/coverage/"))
    submit(studio["ben"], levels_for(catalogue, 4))
    assert ">Ben Baker</a>" in page_heatmap(boss_client.get("/teams/studio/coverage/"))


def test_dashboard_heatmap_part_is_kept_apart_from_the_page(boss_client, studio, caching):
    htmx = {"HX-Request": "true"}
    boss_client.get("/teams/studio/coverage/?sort=name&part=heatmap", headers=htmx)
    page = boss_client.get("/teams/studio/coverage/?sort=name&part=heatmap")
    assert "<html" in page.content.decode()
    part = boss_client.get("/teams/studio/coverage/?sort=name&part=heatmap", headers=htmx)
    assert part.content.decode().lstrip().startswith('<section id="heatmap"')


def test_dashboard_sorts_and_pages_alike_whatever_was_asked(boss_client, studio, caching):
    unknown = boss_client.get("/teams/studio/coverage/?sort=nonsense&page=999999999")
    by_name = boss_client.get("/teams/studio/coverage/?sort=name&page=1")
    assert same_page(unknown, by_name)


def page_heatmap(response) -> str:
    content = response.content.decode()
    start = content.index('<section id="heatmap"')
    return content[start : content.index("</section>", start)]
