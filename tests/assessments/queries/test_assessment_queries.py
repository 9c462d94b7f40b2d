"""Query bounds: the catalogue snapshot and every assessment page run a fixed number of
queries, measured at two sizes (one past assessment and twenty)."""

import datetime as dt

import pytest
from django.urls import reverse

from assessments.models import Assessment, Rating
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import save_draft, start_assessment
from careers.models import Competency, Discipline, Layer, Role, RoleRequirement
from tests.assessments.conftest import HTMX, levels_for
from tests.factories import DisciplineAnchorFactory

pytestmark = pytest.mark.django_db

SIZES = [1, 20]


@pytest.fixture
def past(user, catalogue, submit):
    """`past(n)`: n submitted assessments, oldest first. The last two are taken through the
    services; any before them are copies of the first, a week apart, written in bulk."""

    def make(count):
        real = [submit(user, levels_for(catalogue, 1, ab_testing=5), interests={"seo": True})]
        if count > 1:
            real.append(submit(user, levels_for(catalogue, 2, paid_search=4)))
        return copies(real[0], count - len(real)) + real

    return make


def copies(assessment, count) -> list[Assessment]:
    fields = [f.attname for f in Assessment._meta.concrete_fields if not f.primary_key]
    made = Assessment.objects.bulk_create(
        Assessment(
            **{name: getattr(assessment, name) for name in fields}
            | {
                "is_latest": False,
                "submitted_at": assessment.submitted_at - dt.timedelta(weeks=count - index),
            }
        )
        for index in range(count)
    )
    ratings = list(assessment.ratings.all())
    Rating.objects.bulk_create(
        Rating(assessment=copy, competency_id=r.competency_id, level=r.level, evidence=r.evidence)
        for copy in made
        for r in ratings
    )
    interest = Assessment.interests.through
    interest.objects.bulk_create(
        interest(assessment_id=copy.pk, discipline_id=discipline_id)
        for copy in made
        for discipline_id in assessment.interests.values_list("pk", flat=True)
    )
    return made


# --- the catalogue snapshot -------------------------------------------------------------


def test_snapshot_of_the_default_catalogue_takes_seven_queries(
    catalogue, django_assert_num_queries
):
    with django_assert_num_queries(7):
        snapshot = catalogue_snapshot()
    assert (len(snapshot.layers), len(snapshot.disciplines), len(snapshot.competencies)) == (
        4,
        16,
        48,
    )
    assert len(snapshot.roles) == 18


def test_snapshot_of_a_small_catalogue_takes_seven_queries(
    small_catalogue, django_assert_num_queries
):
    with django_assert_num_queries(7):
        snapshot = catalogue_snapshot()
    assert [c.slug for c in snapshot.competencies] == [
        "headlines",
        "landing-copy",
        "keyword-research",
    ]
    assert [r.slug for r in snapshot.roles] == [
        "copywriter",
        "content-strategist",
        "seo-specialist",
    ]


def test_snapshot_gives_each_discipline_its_anchors_in_level_order(small_catalogue):
    # Written from the top level down, so only the query's order puts them right.
    for level in range(5, 0, -1):
        DisciplineAnchorFactory(
            discipline=small_catalogue["seo"], level=level, description=f"Search {level}."
        )

    snapshot = catalogue_snapshot()

    assert snapshot.discipline_by_slug["copywriting"].anchors == (
        "Copywriting at level 1.",
        "Copywriting at level 2.",
        "Copywriting at level 3.",
        "Copywriting at level 4.",
        "Copywriting at level 5.",
    )
    assert snapshot.discipline_by_slug["seo"].anchors == (
        "Search 1.",
        "Search 2.",
        "Search 3.",
        "Search 4.",
        "Search 5.",
    )
    assert snapshot.discipline_by_slug["graphic-design"].anchors == ()


def test_snapshot_of_the_default_catalogue_has_five_anchors_per_discipline(catalogue):
    shipped = {
        discipline.slug: tuple(anchor.description for anchor in discipline.anchors.all())
        for discipline in Discipline.objects.prefetch_related("anchors")
    }

    assert {d.slug: d.anchors for d in catalogue.disciplines} == shipped
    assert {len(anchors) for anchors in shipped.values()} == {5}
    assert catalogue.discipline_by_slug["seo"].anchors[0] == (
        "Has seen pages tuned for search and knows what keywords, rankings and indexing mean."
    )


def test_snapshot_leaves_out_everything_retired_or_under_something_retired(catalogue):
    Layer.objects.filter(slug="architects").update(is_active=False)
    Discipline.objects.filter(slug="paid-media").update(is_active=False)
    Competency.objects.filter(slug="technical-seo").update(is_active=False)
    Role.objects.filter(slug="copywriter").update(is_active=False)

    snapshot = catalogue_snapshot()

    assert [layer.slug for layer in snapshot.layers] == ["producers", "distributors", "converters"]
    assert "paid-media" not in snapshot.discipline_by_slug
    assert [c.slug for c in snapshot.discipline_by_slug["seo"].competencies] == [
        "keyword-research",
        "link-building",
    ]
    roles = {role.slug for role in snapshot.roles}
    # Architect roles go with their layer, the PPC role with its discipline.
    assert roles == {
        "content-strategist",
        "graphic-designer",
        "ux-ui-designer",
        "seo-specialist",
        "social-media-manager",
        "social-media-marketer",
        "email-marketing-manager",
        "cro-specialist",
        "marketing-analytics-specialist",
        "demand-generation-marketer",
        "community-manager",
    }
    requirements = {r.competency for role in snapshot.roles for r in role.requirements}
    assert "technical-seo" not in requirements
    assert requirements <= set(snapshot.competency_by_slug)
    assert RoleRequirement.objects.filter(competency__slug="technical-seo").exists()


# --- pages ------------------------------------------------------------------------------

# Each count includes the user (1; the session comes from the cache), building the
# catalogue snapshot (7) and, for the live preview, the draft's quick ratings (1). A step
# of the form reads its own competencies and their anchors (2, then kept while the
# catalogue holds), whatever the step; the target's requirements come from the snapshot.
EDIT_QUERIES = 15
EDIT_WITH_TARGET_QUERIES = 15
AUTOSAVE_QUERIES = 19
SUMMARY_QUERIES = 12  # the step without its competencies and the list of roles
# The profile's body built (no cache here): the assessment with its result deferred, the
# previous one, the result itself, the ratings with their evidence, the roles and their
# bands. Kept in the cache, the body needs none of the last four (test_page_caching).
PROFILE_QUERIES = 7
RESCORED_QUERIES = 15
ROLE_FIT_QUERIES = 5
HISTORY_QUERIES = 2
COMPARE_QUERIES = 4
DASHBOARD_QUERIES = 4  # with the notices about their teams


@pytest.mark.parametrize("size", SIZES)
def test_edit_page_queries_do_not_grow_with_history(
    user_client, user, past, size, django_assert_num_queries
):
    past(size)
    draft = start_assessment(user)[0]
    url = reverse("assessments:edit", kwargs={"pk": draft.pk})
    with django_assert_num_queries(EDIT_QUERIES):
        response = user_client.get(url)
    assert response.context["rated"] == 48


@pytest.mark.parametrize("rated", [0, 48])
def test_edit_page_queries_do_not_grow_with_ratings(
    user_client, user, catalogue, rated, django_assert_num_queries
):
    draft = start_assessment(user)[0]
    save_draft(
        draft,
        levels=levels_for(catalogue, 3) if rated else {},
        settings={"target_role": Role.objects.get(slug="cmo")},
        interests={"seo": True, "copywriting": True} if rated else {},
    )
    url = reverse("assessments:edit", kwargs={"pk": draft.pk})
    with django_assert_num_queries(EDIT_WITH_TARGET_QUERIES):
        response = user_client.get(url)
    assert response.context["rated"] == rated
    for discipline in ("seo", "executive-leadership"):
        with django_assert_num_queries(EDIT_WITH_TARGET_QUERIES):
            user_client.get(url + f"?step={discipline}")


@pytest.mark.parametrize("size", SIZES)
def test_autosave_queries_do_not_grow_with_history(
    user_client, user, past, size, django_assert_num_queries
):
    past(size)
    draft = start_assessment(user)[0]
    url = reverse("assessments:edit", kwargs={"pk": draft.pk})
    with django_assert_num_queries(AUTOSAVE_QUERIES):
        # A level the draft does not have yet (it carries 5 or 2 from the past), so the
        # rating is written.
        response = user_client.post(url, {"level-ab-testing": "3"}, headers=HTMX)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_summary_queries_do_not_grow_with_history(
    user_client, user, past, size, django_assert_num_queries
):
    past(size)
    draft = start_assessment(user)[0]
    url = reverse("assessments:edit", kwargs={"pk": draft.pk}) + "?part=summary"
    with django_assert_num_queries(SUMMARY_QUERIES):
        response = user_client.get(url, headers=HTMX)
    assert response.context["rated"] == 48


@pytest.mark.parametrize("size", SIZES)
def test_profile_page_queries_do_not_grow_with_history(
    user_client, past, size, django_assert_num_queries
):
    latest = past(size)[-1]
    url = reverse("assessments:profile", kwargs={"pk": latest.pk})
    with django_assert_num_queries(PROFILE_QUERIES):
        response = user_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_rescored_page_queries_do_not_grow_with_history(
    user_client, past, size, django_assert_num_queries
):
    latest = past(size)[-1]
    url = reverse("assessments:rescored", kwargs={"pk": latest.pk})
    # The user, the assessment, its ratings, interests and quick ratings, the catalogue
    # snapshot (6), and the roles with their bands.
    with django_assert_num_queries(RESCORED_QUERIES):
        response = user_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_role_fit_queries_do_not_grow_with_history(
    user_client, past, size, django_assert_num_queries
):
    past(size)
    url = reverse("assessments:role-fit", kwargs={"slug": "copywriter"})
    # The user, the role, the latest assessment, the role's band, the draft.
    with django_assert_num_queries(ROLE_FIT_QUERIES):
        response = user_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_history_page_queries_do_not_grow_with_history(
    user_client, past, size, django_assert_num_queries
):
    past(size)
    with django_assert_num_queries(HISTORY_QUERIES):
        response = user_client.get(reverse("assessments:history"))
    assert len(response.context["rows"]) == size


@pytest.mark.parametrize("size", [2, 20])
def test_compare_page_queries_do_not_grow_with_history(
    user_client, past, size, django_assert_num_queries
):
    done = past(size)
    url = f"{reverse('assessments:compare')}?a={done[0].pk}&b={done[-1].pk}"
    with django_assert_num_queries(COMPARE_QUERIES):
        response = user_client.get(url)
    # The first assessment has level 1 everywhere but A/B testing (5), the last level 2
    # everywhere but paid search (4): every competency changed.
    assert (len(response.context["rows"]), response.context["total"]) == (48, 48)
    with django_assert_num_queries(COMPARE_QUERIES):
        user_client.get(url, headers=HTMX)
    with django_assert_num_queries(COMPARE_QUERIES):
        response = user_client.get(url + "&rows=all")
    assert len(response.context["rows"]) == 48


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_queries_do_not_grow_with_history(
    user_client, user, past, size, django_assert_num_queries
):
    past(size)
    start_assessment(user)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = user_client.get(reverse("assessments:dashboard"))
    assert len(response.context["recent"]) == min(size, 6)
