"""One audit trail per entry: a role's, competency's or discipline's History page lists the
changes to the rows that belong to it with its own (careers.audit_trail)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from careers.admin import RoleAdmin
from careers.models import Role
from tests.careers.test_audit import edit
from tests.factories import (
    CompetencyFactory,
    DisciplineAnchorFactory,
    LevelAnchorFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTransitionFactory,
    SalaryBandFactory,
)

pytestmark = pytest.mark.django_db


def trail_rows(client, entry):
    """(part, change, [(field, old, new)…]) of each row on the entry's History page."""
    url = reverse(f"admin:careers_{entry._meta.model_name}_history", args=[entry.pk])
    response = client.get(url)
    assert response.status_code == 200
    return [
        (
            record.part,
            record.get_history_type_display(),
            [
                (change["field"], str(change["old"]), str(change["new"]))
                for change in getattr(record, "history_delta_changes", [])
            ],
        )
        for record in response.context["page_obj"].object_list
    ]


def test_a_roles_history_lists_its_requirements_transitions_and_bands(staff_client, staff):
    role = RoleFactory(name="Content Strategist")
    requirement = RoleRequirementFactory(role=role, level=2)
    band = SalaryBandFactory(role=role, low=50_000, high=70_000)
    onward = RoleTransitionFactory(from_role=role, note="")
    inward = RoleTransitionFactory(to_role=role, note="")
    RoleRequirementFactory(level=4)  # another role's: not in this trail
    edit(staff_client, requirement, level="3")
    edit(staff_client, band, low="55000")
    edit(staff_client, onward, note="A natural next step.")
    edit(staff_client, inward, note="Often the way in.")
    requirement.refresh_from_db()
    requirement.delete()

    assert trail_rows(staff_client, role) == [
        ("Role requirement", "Deleted", []),
        ("Role transition", "Changed", [("Note", "", "Often the way in.")]),
        ("Role transition", "Changed", [("Note", "", "A natural next step.")]),
        ("Salary band", "Changed", [("Low", "50000", "55000")]),
        ("Role requirement", "Changed", [("Level", "2", "3")]),
        ("Role transition", "Created", []),
        ("Role transition", "Created", []),
        ("Salary band", "Created", []),
        ("Role requirement", "Created", []),
        ("Role", "Created", []),
    ]


def test_each_row_links_to_its_own_version_and_names_the_curator(staff_client, staff):
    band = SalaryBandFactory(low=50_000, high=70_000)
    edit(staff_client, band, low="55000")
    latest = band.history.first()
    version = reverse("admin:careers_salaryband_simple_history", args=[band.pk, latest.pk])
    response = staff_client.get(reverse("admin:careers_role_history", args=[band.role.pk]))
    assertContains(response, "<td>Salary band</td>", count=2, html=True)
    assertContains(response, f'<a href="{version}">{band}</a>', count=1, html=True)
    assertContains(response, "<li><strong>Low:</strong> 50000 → 55000</li>", html=True)
    curator = reverse("admin:auth_user_change", args=[staff.pk])
    assertContains(response, f'<a href="{curator}">curator</a>', count=1, html=True)
    assertContains(response, "3 changes")


def test_a_change_is_compared_with_the_same_rows_previous_version(staff_client):
    """Two bands edited in turn: each change lists its own fields, not the difference
    between two different bands that happen to be neighbours on the page."""
    role = RoleFactory()
    gb = SalaryBandFactory(role=role, country="GB", low=40_000, high=60_000)
    us = SalaryBandFactory(role=role, country="US", low=90_000, high=120_000)
    edit(staff_client, gb, high="65000")
    edit(staff_client, us, high="125000")
    assert trail_rows(staff_client, role)[:2] == [
        ("Salary band", "Changed", [("High", "120000", "125000")]),
        ("Salary band", "Changed", [("High", "60000", "65000")]),
    ]


def test_the_oldest_change_on_a_page_still_lists_its_fields(staff_client, monkeypatch):
    """A page of two ends on a change whose previous version is on the next page."""
    monkeypatch.setattr(RoleAdmin, "history_list_per_page", 2)
    role = RoleFactory()
    requirement = RoleRequirementFactory(role=role, level=1)
    for level in (2, 3, 4):
        requirement.level = level
        requirement.save()
    response = staff_client.get(reverse("admin:careers_role_history", args=[role.pk]))
    assert response.context["page_obj"].paginator.count == 5
    assert [
        [(c["field"], str(c["old"]), str(c["new"])) for c in record.history_delta_changes]
        for record in response.context["page_obj"]
    ] == [[("Level", "3", "4")], [("Level", "2", "3")]]


def test_a_competencys_history_lists_its_level_descriptions_and_requirements(staff_client):
    competency = CompetencyFactory()
    anchors = [LevelAnchorFactory(competency=competency, level=level) for level in range(1, 6)]
    edit(staff_client, competency, **{"anchors-0-description": "Knows the vocabulary."})
    RoleRequirementFactory(competency=competency, level=3)
    rows = trail_rows(staff_client, competency)
    assert rows[:2] == [
        ("Role requirement", "Created", []),
        (
            "Level anchor",
            "Changed",
            [("Description", anchors[0].history.last().description, "Knows the vocabulary.")],
        ),
    ]
    assert [part for part, _, _ in rows[2:]] == ["Level anchor"] * 5 + ["Competency"]


def test_a_disciplines_history_lists_its_level_descriptions(staff_client):
    anchor = DisciplineAnchorFactory(level=1, description="Has seen it done.")
    edit(staff_client, anchor.discipline, **{"anchors-0-description": "Has watched it done."})
    assert trail_rows(staff_client, anchor.discipline)[:1] == [
        (
            "Discipline anchor",
            "Changed",
            [("Description", "Has seen it done.", "Has watched it done.")],
        )
    ]


def test_a_deleted_roles_history_still_opens(staff_client):
    role = RoleFactory(name="Growth Hacker")
    requirement = RoleRequirementFactory(role=role, level=2, competency__name="SEO")
    role_id = role.pk
    role.delete()
    assert not Role.objects.filter(pk=requirement.role_id).exists()
    response = staff_client.get(reverse("admin:careers_role_history", args=[role_id]))
    assert [
        (record.get_history_type_display(), record.label) for record in response.context["page_obj"]
    ] == [
        ("Deleted", "Growth Hacker"),
        ("Deleted", "a deleted role: SEO at 2"),
        ("Created", "a deleted role: SEO at 2"),
        ("Created", "Growth Hacker"),
    ]


def test_a_roles_history_costs_the_same_queries_however_long(staff_client):
    role = RoleFactory()
    requirement = RoleRequirementFactory(role=role, level=1)
    band = SalaryBandFactory(role=role, low=50_000, high=60_000)
    RoleTransitionFactory(from_role=role)
    url = reverse("admin:careers_role_history", args=[role.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for step in range(1, 5):
        requirement.level = 1 + step
        requirement.save()
        band.high = 60_000 + step * 1_000
        band.save()
        RoleTransitionFactory(from_role=role)
    assert queries() == before


def test_the_history_of_an_entry_that_never_existed_is_not_found(staff_client):
    response = staff_client.get(reverse("admin:careers_role_history", args=[987654]))
    assert response.status_code == 404
