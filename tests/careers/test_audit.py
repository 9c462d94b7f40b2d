"""The catalogue's audit: every change records who, when, why and what changed."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.forms import CheckboxInput
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from careers.catalogue.loader import load_catalogue
from careers.models import (
    Competency,
    Discipline,
    Layer,
    LearningResource,
    LevelAnchor,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
)
from tests.careers.test_import_export import INLINE_CODE
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

CATALOGUE_MODELS = [
    Layer,
    Discipline,
    Competency,
    LevelAnchor,
    LearningResource,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
]


def changes(record):
    """(field, old, new) of one history row against the row before it."""
    return [(c.field, c.old, c.new) for c in record.diff_against(record.prev_record).changes]


def form_data(response):
    """The POST data of an admin change form as it was rendered, inline rows included."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field.widget, CheckboxInput):
                if value:
                    data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = "" if value is None else value

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def edit(client, obj, **values):
    url = reverse(f"admin:careers_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url))
    data.update(values)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


# --- Admin edits ------------------------------------------------------------------------------


def test_admin_edit_records_the_curator_and_the_changed_fields(staff_client, staff):
    band = SalaryBandFactory(low=50_000, high=70_000, source="Test figures")
    edit(staff_client, band, low="55000", source="Revised survey")
    latest = band.history.first()
    assert (latest.history_type, latest.history_user) == ("~", staff)
    assert changes(latest) == [
        ("low", 50_000, 55_000),
        ("source", "Test figures", "Revised survey"),
    ]


def test_inline_edit_records_the_inline_rows_not_an_empty_change_of_the_entry(staff_client, staff):
    requirement = RoleRequirementFactory(level=3)
    role = requirement.role
    transition = RoleTransitionFactory(from_role=role, note="")
    entries_before = role.history.count()
    edit(
        staff_client,
        role,
        **{"requirements-0-level": "4", "transitions_out-0-note": "A natural next step."},
    )
    assert role.history.count() == entries_before
    level_change = requirement.history.first()
    assert (level_change.history_user, changes(level_change)) == (staff, [("level", 3, 4)])
    note_change = transition.history.first()
    assert (note_change.history_user, changes(note_change)) == (
        staff,
        [("note", "", "A natural next step.")],
    )


def test_competency_anchor_edit_is_recorded(staff_client, staff):
    competency = CompetencyFactory()
    anchor = LevelAnchorFactory(competency=competency, level=1, description="Knows the words.")
    for level in range(2, 6):
        LevelAnchorFactory(competency=competency, level=level)
    edit(staff_client, competency, **{"anchors-0-description": "Knows the vocabulary."})
    latest = anchor.history.first()
    assert latest.history_user == staff
    assert changes(latest) == [("description", "Knows the words.", "Knows the vocabulary.")]


def test_discipline_anchor_edit_is_recorded(staff_client, staff):
    anchor = DisciplineAnchorFactory(level=1, description="Has seen it done.")
    edit(staff_client, anchor.discipline, **{"anchors-0-description": "Has watched it done."})
    latest = anchor.history.first()
    assert latest.history_user == staff
    assert changes(latest) == [("description", "Has seen it done.", "Has watched it done.")]


def test_history_page_shows_who_changed_what(staff_client, staff):
    band = SalaryBandFactory(low=50_000, high=70_000)
    edit(staff_client, band, low="55000")
    response = staff_client.get(reverse("admin:careers_salaryband_history", args=[band.pk]))
    assertContains(response, "<li><strong>Low:</strong> 50000 → 55000</li>", html=True)
    curator = reverse("admin:auth_user_change", args=[staff.pk])
    assertContains(response, f'<a href="{curator}">curator</a>', count=1, html=True)
    assertContains(response, "<td>Changed</td>", count=1, html=True)
    assertContains(response, "<td>Created</td>", count=1, html=True)
    assertContains(response, "2 changes")


# --- Retire and reactivate --------------------------------------------------------------------


def test_retire_and_reactivate_record_one_row_per_entry(staff_client, staff):
    roles = [RoleFactory(), RoleFactory(), RoleFactory(is_active=False)]
    url = reverse("admin:careers_role_changelist")
    staff_client.post(url, {"action": "retire", "_selected_action": [r.pk for r in roles]})
    retired = [role.history.first() for role in roles]
    assert [(r.history_type, r.is_active, r.history_change_reason) for r in retired[:2]] == [
        ("~", False, "Retired in the admin"),
        ("~", False, "Retired in the admin"),
    ]
    assert {r.history_user for r in retired[:2]} == {staff}
    assert changes(retired[0]) == [("is_active", True, False)]
    # The entry already retired was left alone.
    assert roles[2].history.count() == 1

    staff_client.post(url, {"action": "reactivate", "_selected_action": [roles[0].pk]})
    reactivated = roles[0].history.first()
    assert (reactivated.history_user, reactivated.history_change_reason) == (
        staff,
        "Reactivated in the admin",
    )
    assert changes(reactivated) == [("is_active", False, True)]
    assert Role.history.count() == 3 + 2 + 1


def test_retire_costs_a_fixed_number_of_queries_per_entry(staff_client):
    url = reverse("admin:careers_competency_changelist")

    def retire_all():
        pks = list(Competency.objects.values_list("pk", flat=True))
        Competency.objects.update(is_active=True)
        with CaptureQueriesContext(connection) as captured:
            staff_client.post(url, {"action": "retire", "_selected_action": pks})
        return len(captured)

    for _ in range(2):
        CompetencyFactory()
    retire_all()
    few = retire_all()
    for _ in range(20):
        CompetencyFactory()
    many = retire_all()
    # Each entry is saved on its own so every hook sees it: its update and its history row.
    assert many - few == 20 * 2


# --- load_catalogue ---------------------------------------------------------------------------


def test_load_records_each_created_entry_with_its_reason():
    load_catalogue()
    for model in CATALOGUE_MODELS:
        history = model.history.all()
        assert history.count() == model.objects.count() > 0, model
        assert set(
            history.values_list("history_type", "history_change_reason", "history_user")
        ) == {("+", "load_catalogue", None)}, model


def test_reload_records_nothing_and_reset_records_what_it_restored():
    load_catalogue()
    rows_after_load = sum(model.history.count() for model in CATALOGUE_MODELS)
    call_command("load_catalogue", stdout=io.StringIO())
    assert sum(model.history.count() for model in CATALOGUE_MODELS) == rows_after_load

    role = Role.objects.get(slug="seo-specialist")
    shipped_name = role.name
    role.name = "Search Specialist"
    role.save()
    band = SalaryBand.objects.filter(role=role).order_by("pk").first()
    shipped_low = band.low
    band.low = shipped_low + 1
    band.save()

    call_command("load_catalogue", "--reset", stdout=io.StringIO())

    restored_role = role.history.first()
    assert (restored_role.history_type, restored_role.history_change_reason) == (
        "~",
        "load_catalogue --reset",
    )
    assert changes(restored_role) == [("name", "Search Specialist", shipped_name)]
    restored_band = band.history.first()
    assert restored_band.history_change_reason == "load_catalogue --reset"
    assert changes(restored_band) == [("low", shipped_low + 1, shipped_low)]
    # The two edits and the two restorations, nothing else.
    assert sum(model.history.count() for model in CATALOGUE_MODELS) == rows_after_load + 4


def test_band_history_keeps_its_currency():
    band = SalaryBandFactory(country="GB")
    band.country = "AU"
    band.save()
    assert list(band.history.values_list("country", "currency")) == [("AU", "AUD"), ("GB", "GBP")]


def test_history_pages_carry_no_inline_script_or_style(staff_client):
    """The Content-Security-Policy refuses inline code, so the history pages may not use it."""
    requirement = RoleRequirementFactory(level=2)
    requirement.level = 3
    requirement.save()
    record = requirement.history.first()
    pages = [
        reverse("admin:careers_rolerequirement_history", args=[requirement.pk]),
        reverse("admin:careers_rolerequirement_simple_history", args=[requirement.pk, record.pk]),
        reverse("admin:careers_role_change", args=[requirement.role.pk]),
    ]
    for url in pages:
        response = staff_client.get(url)
        assert response.status_code == 200
        assert INLINE_CODE.findall(response.content.decode()) == [], url


def test_revert_restores_an_earlier_version_and_records_it(staff_client, staff):
    band = SalaryBandFactory(low=50_000, high=70_000)
    edit(staff_client, band, low="55000")
    first = band.history.last()
    url = reverse("admin:careers_salaryband_simple_history", args=[band.pk, first.pk])
    response = staff_client.post(url, form_data(staff_client.get(url)))
    assert response.status_code == 302
    band.refresh_from_db()
    assert band.low == 50_000
    latest = band.history.first()
    assert (latest.history_user, changes(latest)) == (staff, [("low", 55_000, 50_000)])


def test_a_role_saved_for_its_name_records_the_name_alone(staff_client, staff):
    role = RoleFactory(goals="More clicks\nClearer pages", tools="A style guide\nA CMS")
    url = reverse("admin:careers_role_change", args=[role.pk])
    data = form_data(staff_client.get(url))
    # A browser sends a textarea's lines with "\r\n".
    data.update(
        name="Senior Copywriter",
        goals=data["goals"].replace("\n", "\r\n"),
        tools=data["tools"].replace("\n", "\r\n"),
    )
    assert staff_client.post(url, data).status_code == 302
    role.refresh_from_db()
    assert (role.goals, role.tools) == ("More clicks\nClearer pages", "A style guide\nA CMS")
    assert changes(role.history.first()) == [
        ("name", role.history.last().name, "Senior Copywriter")
    ]
