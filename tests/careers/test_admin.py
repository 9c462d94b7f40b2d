"""Catalogue admin: every changelist and change form loads, in queries that do not grow."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import Layer, Role
from tests.factories import (
    CompetencyFactory,
    DisciplineAnchorFactory,
    DisciplineFactory,
    LayerFactory,
    LearningResourceFactory,
    LevelAnchorFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTransitionFactory,
    SalaryBandFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

COUNTRIES = ["US", "CA", "GB", "AU"]
LEVELS = ["entry", "mid", "senior", "executive"]


def grow(n):
    """Add n rows of every catalogue model, hanging off one layer, discipline and role."""
    layer = LayerFactory()
    discipline = DisciplineFactory(layer=layer)
    role = RoleFactory(discipline=discipline, layer=layer)
    for index in range(n):
        extra_discipline = DisciplineFactory(layer=layer)
        DisciplineAnchorFactory(discipline=extra_discipline, level=1 + index % 5)
        competency = CompetencyFactory(discipline=extra_discipline)
        LevelAnchorFactory(competency=competency, level=1 + index % 5)
        LearningResourceFactory(competency=competency)
        RoleRequirementFactory(role=role, competency=competency)
        other = RoleFactory(discipline=extra_discipline, layer=layer)
        RoleTransitionFactory(from_role=role, to_role=other)
        SalaryBandFactory(
            role=role if index < 16 else other,
            country=COUNTRIES[index % 4],
            experience_level=LEVELS[(index // 4) % 4],
        )
    return role


MODELS = [
    "layer",
    "discipline",
    "disciplineanchor",
    "competency",
    "levelanchor",
    "learningresource",
    "role",
    "rolerequirement",
    "roletransition",
    "salaryband",
]


def count_queries(client, url):
    """Queries of one page load, after a first load has warmed Django's own caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("model", MODELS)
def test_changelist_queries_do_not_grow_with_rows(staff_client, model):
    url = reverse(f"admin:careers_{model}_changelist")
    grow(3)
    few = count_queries(staff_client, url)
    grow(20)
    many = count_queries(staff_client, url)
    assert many == few


def test_role_change_form_queries_do_not_grow_with_inline_rows(staff_client):
    small = grow(3)
    few = count_queries(staff_client, reverse("admin:careers_role_change", args=[small.pk]))
    big = grow(16)
    many = count_queries(staff_client, reverse("admin:careers_role_change", args=[big.pk]))
    assert many == few


# One field per model that can change again and again without breaking a constraint.
CHANGES = {
    "layer": lambda obj, i: setattr(obj, "order", i),
    "discipline": lambda obj, i: setattr(obj, "order", i),
    "disciplineanchor": lambda obj, i: setattr(obj, "description", f"Revision {i}"),
    "competency": lambda obj, i: setattr(obj, "description", f"Revision {i}"),
    "levelanchor": lambda obj, i: setattr(obj, "description", f"Revision {i}"),
    "learningresource": lambda obj, i: setattr(obj, "title", f"Revision {i}"),
    "role": lambda obj, i: setattr(obj, "summary", f"Revision {i}"),
    "rolerequirement": lambda obj, i: setattr(obj, "level", 1 + i % 5),
    "roletransition": lambda obj, i: setattr(obj, "note", f"Revision {i}"),
    "salaryband": lambda obj, i: setattr(obj, "low", 1_000 + i),
}


@pytest.mark.parametrize("model", MODELS)
def test_history_page_queries_do_not_grow_with_changes(staff_client, staff, model):
    grow(1)
    model_class = {m._meta.model_name: m for m in _catalogue_models()}[model]
    obj = model_class.objects.order_by("pk").first()
    url = reverse(f"admin:careers_{model}_history", args=[obj.pk])

    def change(times):
        for i in range(times):
            CHANGES[model](obj, obj.history.count() + i)
            obj._history_user = staff
            obj.save()

    change(2)
    few = count_queries(staff_client, url)
    listed = staff_client.get(url).context["page_obj"].paginator.count
    change(20)
    many = count_queries(staff_client, url)
    assert many == few
    response = staff_client.get(url)
    assertContains(response, f"{listed + 20} changes")
    assertContains(response, "<td>Changed</td>", count=22, html=True)


@pytest.mark.parametrize("model", MODELS)
def test_change_form_of_every_model_loads(staff_client, model):
    grow(2)
    model_class = {m._meta.model_name: m for m in _catalogue_models()}[model]
    obj = model_class.objects.order_by("pk").first()
    response = staff_client.get(reverse(f"admin:careers_{model}_change", args=[obj.pk]))
    assert response.status_code == 200
    response = staff_client.get(reverse(f"admin:careers_{model}_add"))
    assert response.status_code == 200


def test_competency_change_form_shows_anchor_and_resource_inlines(staff_client):
    competency = CompetencyFactory(name="Keyword research")
    for level in range(1, 6):
        LevelAnchorFactory(competency=competency, level=level)
    response = staff_client.get(reverse("admin:careers_competency_change", args=[competency.pk]))
    assertContains(response, "Level anchors")
    assertContains(response, "Learning resources")
    assertContains(response, 'name="anchors-TOTAL_FORMS" value="5"')


def test_discipline_change_form_shows_its_anchors_in_level_order(staff_client):
    discipline = DisciplineFactory(name="Search engine optimisation")
    for level in range(5, 0, -1):
        DisciplineAnchorFactory(
            discipline=discipline, level=level, description=f"Search at level {level}."
        )
    response = staff_client.get(reverse("admin:careers_discipline_change", args=[discipline.pk]))
    assertContains(response, "Discipline anchors")
    assertContains(response, 'name="anchors-TOTAL_FORMS" value="5"')
    assertContains(response, 'name="anchors-MAX_NUM_FORMS" value="5"')
    content = response.content.decode()
    values = re.findall(r'name="anchors-(\d)-description"[^>]*value="([^"]*)"', content)
    if not values:
        values = re.findall(r'value="([^"]*)"[^>]*name="anchors-(\d)-description"', content)
        values = [(row, text) for text, row in values]
    assert values == [(str(row), f"Search at level {row + 1}.") for row in range(5)]


def test_discipline_anchor_changelist_lists_them(staff_client):
    DisciplineAnchorFactory(
        discipline__name="Copywriting", level=2, description="Drafts from a brief."
    )
    response = staff_client.get(reverse("admin:careers_disciplineanchor_changelist"))
    assertContains(response, "Drafts from a brief.")
    assertContains(response, "Copywriting")


def test_role_change_form_groups_competencies_by_discipline(staff_client):
    requirement = RoleRequirementFactory(
        competency__name="Headlines", competency__discipline__name="Copywriting"
    )
    response = staff_client.get(reverse("admin:careers_role_change", args=[requirement.role.pk]))
    assertContains(response, '<optgroup label="Copywriting">')


def test_inline_rows_name_each_field_for_screen_readers(staff_client):
    role = RoleFactory()
    RoleRequirementFactory(role=role)
    RoleRequirementFactory(role=role)
    response = staff_client.get(reverse("admin:careers_role_change", args=[role.pk]))
    html = response.content.decode()
    for name in ["Competency", "Level", "Weight", "Delete"]:
        for row in [1, 2]:
            assert html.count(f'aria-label="{name}, row {row}"') == 1, (name, row)
    # The empty row that "Add another" copies is named without a number.
    empty = re.search(r'<select name="requirements-__prefix__-competency"[^>]*>', html).group(0)
    assert 'aria-label="Competency"' in empty


def test_retire_and_reactivate_actions(staff_client):
    roles = [RoleFactory(), RoleFactory(), RoleFactory(is_active=False)]
    url = reverse("admin:careers_role_changelist")
    response = staff_client.post(
        url, {"action": "retire", "_selected_action": [r.pk for r in roles]}, follow=True
    )
    assertContains(response, "Retired 2 entries.")
    assert Role.objects.filter(is_active=True).count() == 0
    response = staff_client.post(
        url, {"action": "reactivate", "_selected_action": [roles[0].pk]}, follow=True
    )
    assertContains(response, "Reactivated 1 entry.")
    assert list(Role.objects.filter(is_active=True)) == [roles[0]]


@pytest.fixture
def curator_client(client):
    """A curator: staff with every permission on the catalogue, not a superuser."""
    curator = UserFactory(username="curator-without-superuser", is_staff=True)
    curator.user_permissions.set(Permission.objects.filter(content_type__app_label="careers"))
    client.force_login(curator)
    return client


def test_a_curator_retires_entries_and_cannot_delete_them(curator_client):
    role = RoleFactory()
    delete = reverse("admin:careers_role_delete", args=[role.pk])
    assert curator_client.get(delete).status_code == 403
    assert curator_client.post(delete, {"post": "yes"}).status_code == 403
    changelist = curator_client.get(reverse("admin:careers_role_changelist"))
    actions = [
        value for value, _label in changelist.context["action_form"].fields["action"].choices
    ]
    assert actions == ["", "retire", "reactivate"]
    change = curator_client.get(reverse("admin:careers_role_change", args=[role.pk]))
    assert change.status_code == 200
    assertNotContains(change, delete)
    assert Role.objects.filter(pk=role.pk).exists()


def test_a_superuser_deletes_after_a_page_listing_what_would_go(staff_client):
    role = RoleFactory(name="Content Marketer")
    RoleRequirementFactory(role=role)
    delete = reverse("admin:careers_role_delete", args=[role.pk])
    confirmation = staff_client.get(delete)
    assertContains(confirmation, "Content Marketer")
    assertContains(confirmation, "Role requirement")
    staff_client.post(delete, {"post": "yes"})
    assert not Role.objects.filter(pk=role.pk).exists()


def test_layer_changelist_shows_counts(staff_client):
    layer = LayerFactory(name="Producers")
    DisciplineFactory(layer=layer)
    DisciplineFactory(layer=layer)
    response = staff_client.get(reverse("admin:careers_layer_changelist"))
    assertContains(response, '<td class="field-discipline_count">2</td>', html=True)
    assert Layer.objects.count() == 1


def test_non_staff_cannot_open_the_admin(user_client):
    response = user_client.get(reverse("admin:careers_role_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def _catalogue_models():
    from django.apps import apps

    return apps.get_app_config("careers").get_models()


def test_the_admin_is_titled_for_the_product(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assertContains(
        response,
        "<title>The catalogue, people and teams | T-Profile administration</title>",
        html=True,
    )
    assertContains(response, '<a href="/admin/">T-Profile administration</a>', html=True)
    assert "Django administration" not in response.content.decode()
