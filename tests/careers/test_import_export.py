"""CSV export and import of the catalogue in the admin: exact sheets, dry run, all or nothing."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from careers.models import ROLE_NAME_TAKEN, Competency, Role, RoleRequirement, SalaryBand
from tests.factories import (
    CompetencyFactory,
    RoleFactory,
    RoleRequirementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def export(client, model):
    response = client.post(
        reverse(f"admin:careers_{model}_export"), {"format": "0", "resource": "0"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    return list(csv.reader(io.StringIO(response.content.decode())))


def upload(client, model, sheet, name="sheet.csv"):
    """The first step of an import: the dry run, which previews or lists errors."""
    return client.post(
        reverse(f"admin:careers_{model}_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile(name, sheet.encode(), content_type="text/csv"),
        },
    )


def confirm(client, model, dry_run_response):
    form = dry_run_response.context["confirm_form"]
    return client.post(reverse(f"admin:careers_{model}_process_import"), form.initial)


def requirements():
    return {
        (r.role.slug, r.competency.slug): (r.level, r.weight)
        for r in RoleRequirement.objects.select_related("role", "competency")
    }


# --- Export -----------------------------------------------------------------------------------


def test_export_roles(staff_client, small_catalogue):
    rows = export(staff_client, "role")
    assert rows[0] == [
        "slug",
        "name",
        "aliases",
        "basis",
        "layer",
        "discipline",
        "stage",
        "focus",
        "order",
        "summary",
        "goals",
        "tools",
        "key_metrics",
        "is_active",
    ]
    assert rows[1] == [
        "copywriter",
        "Copywriter",
        "",
        "editorial",
        "producers",
        "copywriting",
        "specialist",
        "tactical",
        "1",
        "Writes words that make people act.",
        "More clicks\nClearer pages",
        "A style guide",
        "Click-through rate",
        "1",
    ]
    assert [row[0] for row in rows[1:]] == [
        "copywriter",
        "content-strategist",
        "seo-specialist",
        "retired-role",
    ]
    assert rows[4][-1] == "0"


def test_export_competencies(staff_client, small_catalogue):
    rows = export(staff_client, "competency")
    assert rows == [
        ["slug", "name", "basis", "discipline", "order", "description", "is_active"],
        [
            "headlines",
            "Headlines",
            "editorial",
            "copywriting",
            "1",
            "Write headlines that earn the click.",
            "1",
        ],
        [
            "landing-copy",
            "Landing page copy",
            "editorial",
            "copywriting",
            "2",
            "Copy that converts.",
            "1",
        ],
        [
            "keyword-research",
            "Keyword research",
            "editorial",
            "seo",
            "1",
            "Find what people search for.",
            "1",
        ],
        ["retired-skill", "Retired skill", "editorial", "seo", "2", "No longer rated.", "0"],
    ]


def test_export_requirements(staff_client, small_catalogue):
    rows = export(staff_client, "rolerequirement")
    assert rows == [
        ["role", "competency", "level", "weight", "basis"],
        ["copywriter", "headlines", "4", "3", "editorial"],
        ["copywriter", "landing-copy", "3", "2", "editorial"],
        ["copywriter", "keyword-research", "2", "1", "editorial"],
    ]


def test_export_salary_bands(staff_client, small_catalogue):
    rows = export(staff_client, "salaryband")
    assert rows[0] == [
        "role",
        "country",
        "currency",
        "experience_level",
        "experience_note",
        "low",
        "high",
        "high_is_open",
        "year",
        "source",
        "basis",
    ]
    assert rows[1:] == [
        [
            "copywriter",
            "GB",
            "GBP",
            "entry",
            "",
            "28000",
            "35000",
            "0",
            "2025",
            "2025 salary survey",
            "editorial",
        ],
        [
            "copywriter",
            "GB",
            "GBP",
            "senior",
            "",
            "50000",
            "70000",
            "1",
            "2025",
            "2025 salary survey",
            "editorial",
        ],
        [
            "copywriter",
            "US",
            "USD",
            "entry",
            "",
            "50000",
            "70000",
            "0",
            "2025",
            "2025 salary survey",
            "editorial",
        ],
        [
            "copywriter",
            "US",
            "USD",
            "senior",
            "",
            "95000",
            "130000",
            "1",
            "2025",
            "2025 salary survey",
            "editorial",
        ],
    ]


def test_an_exported_sheet_imports_back_unchanged(staff_client, small_catalogue):
    for model in ["role", "competency", "rolerequirement", "salaryband"]:
        rows = export(staff_client, model)
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        response = upload(staff_client, model, out.getvalue())
        result = response.context["result"]
        assert not result.has_errors()
        assert not result.has_validation_errors()
        assert result.totals["skip"] == len(rows) - 1, model
        assert result.totals["new"] == result.totals["update"] == 0


# --- Dry run and confirm ----------------------------------------------------------------------

REQUIREMENTS_SHEET = """\
role,competency,level,weight
copywriter,headlines,5,3
copywriter,landing-copy,3,2
seo-specialist,keyword-research,4,3
"""


def test_dry_run_previews_the_diff_and_saves_nothing(staff_client, small_catalogue):
    before = requirements()
    response = upload(staff_client, "rolerequirement", REQUIREMENTS_SHEET)
    assert response.status_code == 200
    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["update", "skip", "new"]
    assertContains(response, "<h2>Preview</h2>", html=True)
    # The changed level is shown as the old value struck through and the new one added.
    assertContains(response, "<td><del>4</del><ins>5</ins></td>", html=True)
    assertContains(response, "<td><ins>seo-specialist</ins></td>", html=True)
    assertContains(
        response,
        '<input type="submit" class="default" name="confirm" value="Confirm import">',
        html=True,
    )
    assert requirements() == before
    assert RoleRequirement.history.count() == 3  # the three rows the fixture created


def test_confirmed_import_saves_and_records_history(staff_client, staff, small_catalogue):
    dry_run = upload(staff_client, "rolerequirement", REQUIREMENTS_SHEET, name="requirements.csv")
    response = confirm(staff_client, "rolerequirement", dry_run)
    assertRedirects(response, reverse("admin:careers_rolerequirement_changelist"))
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Import finished: 1 new, 1 updated, 0 deleted and 1 skipped role requirements."
    ]

    assert requirements() == {
        ("copywriter", "headlines"): (5, 3),
        ("copywriter", "landing-copy"): (3, 2),
        ("copywriter", "keyword-research"): (2, 1),
        ("seo-specialist", "keyword-research"): (4, 3),
    }
    updated = RoleRequirement.objects.get(role__slug="copywriter", competency__slug="headlines")
    change, creation = updated.history.all()[:2]
    assert change.history_type == "~"
    assert change.history_user == staff
    assert change.history_change_reason == "CSV import of requirements.csv"
    assert [(c.field, c.old, c.new) for c in change.diff_against(creation).changes] == [
        ("level", 4, 5)
    ]
    new = RoleRequirement.objects.get(role__slug="seo-specialist")
    assert [
        (r.history_type, r.history_user, r.history_change_reason) for r in new.history.all()
    ] == [("+", staff, "CSV import of requirements.csv")]
    # The skipped row was not saved again.
    unchanged = RoleRequirement.objects.get(competency__slug="landing-copy")
    assert unchanged.history.count() == 1


def test_imported_roles_are_created_with_their_references(staff_client, small_catalogue):
    sheet = (
        "slug,name,layer,discipline,stage,focus,order,summary,goals,tools,key_metrics,is_active\n"
        'seo-lead,SEO Lead,distributors,seo,manager,strategic,3,Leads search.,"Rank\nGrow",'
        "A crawler,Organic traffic,1\n"
    )
    dry_run = upload(staff_client, "role", sheet)
    assert [row.import_type for row in dry_run.context["result"].rows] == ["new"]
    confirm(staff_client, "role", dry_run)
    role = Role.objects.get(slug="seo-lead")
    assert (role.layer.slug, role.discipline.slug, role.stage, role.goal_list) == (
        "distributors",
        "seo",
        "manager",
        ["Rank", "Grow"],
    )
    assert role.history.get().history_change_reason == "CSV import of sheet.csv"


def test_imported_band_gets_its_currency_from_the_country(staff_client, small_catalogue):
    sheet = (
        "role,country,currency,experience_level,experience_note,low,high,high_is_open,year,source\n"
        "copywriter,AU,XXX,mid,3-5 years,70000,90000,0,2025,Survey\n"
    )
    confirm(staff_client, "salaryband", upload(staff_client, "salaryband", sheet))
    band = SalaryBand.objects.get(role__slug="copywriter", country="AU")
    assert (band.currency, band.low, band.high, band.experience_note) == (
        "AUD",
        70000,
        90000,
        "3-5 years",
    )
    assert band.history.get().currency == "AUD"


def test_retiring_a_competency_by_sheet(staff_client, small_catalogue):
    rows = export(staff_client, "competency")
    rows[1][-1] = "0"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    confirm(staff_client, "competency", upload(staff_client, "competency", out.getvalue()))
    headlines = Competency.objects.get(slug="headlines")
    assert headlines.is_active is False
    assert headlines.history.first().history_change_reason == "CSV import of sheet.csv"


# --- Errors: nothing is saved, every row's error is shown -------------------------------------


def row_errors(response):
    """{row number: [messages]} from the dry run's result."""
    return {
        row.number: [message for messages in row.error_dict.values() for message in messages]
        for row in response.context["result"].invalid_rows
    }


def test_sheet_with_errors_saves_nothing_and_shows_each_rows_error(staff_client, small_catalogue):
    before = requirements()
    sheet = """\
role,competency,level,weight
copywriter,headlines,5,3
nobody,headlines,3,2
copywriter,keyword-research,7,2
seo-specialist,headlines,2,2
seo-specialist,headlines,3,2
copywriter,landing-copy,three,4
"""
    response = upload(staff_client, "rolerequirement", sheet)
    assert row_errors(response) == {
        2: ["There is no role with the slug “nobody”."],
        3: ["The level must be from 1 to 5, not 7."],
        5: [
            "Row 4 already has role “seo-specialist”, competency “headlines”; "
            "each entry may appear once in a sheet."
        ],
        6: ["“three” is not a whole number.", "The weight must be from 1 to 3, not 4."],
    }
    assertContains(response, "Some rows failed to validate")
    assertContains(response, "<li>There is no role with the slug “nobody”.</li>", html=True)
    assertNotContains(response, "Confirm import")
    assert requirements() == before
    assert RoleRequirement.history.count() == 3


def test_band_with_low_above_high_is_refused(staff_client, small_catalogue):
    sheet = (
        "role,country,experience_level,low,high,high_is_open,year,source\n"
        "copywriter,US,entry,80000,60000,0,2025,Survey\n"
        "copywriter,FR,entry,40000,50000,0,2025,Survey\n"
        "copywriter,GB,mid,40000,50000,maybe,2025,Survey\n"
    )
    response = upload(staff_client, "salaryband", sheet)
    assert row_errors(response) == {
        1: ["The high end (60,000) is below the low end (80,000)."],
        2: ["Value 'FR' is not a valid choice."],
        3: ["“maybe” is neither 1 (yes) nor 0 (no)."],
    }
    assert (
        SalaryBand.objects.get(role__slug="copywriter", country="US", experience_level="entry").low
        == 50_000
    )
    assert SalaryBand.objects.count() == 4


def test_role_whose_discipline_is_in_another_layer_is_refused(staff_client, small_catalogue):
    sheet = (
        "slug,name,layer,discipline,stage,focus,order,summary,goals,tools,key_metrics,is_active\n"
        "copywriter,Copywriter,distributors,copywriting,specialist,tactical,1,S,G,T,M,1\n"
        "new-role,,producers,copywriting,boss,tactical,1,S,G,T,M,1\n"
    )
    response = upload(staff_client, "role", sheet)
    assert row_errors(response) == {
        1: [
            "Copywriting is a discipline of Producers: choose that layer, or a discipline of "
            "this role's layer."
        ],
        2: ["This field cannot be blank.", "Value 'boss' is not a valid choice."],
    }


def test_role_named_like_another_is_refused(staff_client, small_catalogue):
    name = Role.objects.get(slug="copywriter").name.upper()
    sheet = (
        "slug,name,layer,discipline,stage,focus,order,summary,goals,tools,key_metrics,is_active\n"
        f"copywriter-2,{name},producers,copywriting,specialist,tactical,1,S,G,T,M,1\n"
    )
    response = upload(staff_client, "role", sheet)
    assert row_errors(response) == {1: [ROLE_NAME_TAKEN]}
    assert not Role.objects.filter(slug="copywriter-2").exists()


def test_confirm_saves_nothing_if_the_catalogue_changed_since_the_preview(
    staff_client, small_catalogue
):
    """All or nothing at the last step too: a row that fails on confirm rolls back the rest."""
    dry_run = upload(staff_client, "rolerequirement", REQUIREMENTS_SHEET)
    Role.objects.filter(slug="seo-specialist").delete()
    before = requirements()
    response = confirm(staff_client, "rolerequirement", dry_run)
    assert response.status_code == 200
    assertContains(response, "Nothing was imported: the sheet has errors.")
    assertContains(response, "<li>There is no role with the slug “seo-specialist”.</li>", html=True)
    assert requirements() == before
    assert RoleRequirement.history.filter(history_type="~").count() == 0


def test_non_staff_cannot_import_or_export(user_client, small_catalogue):
    for name in ["import", "export"]:
        response = user_client.get(reverse(f"admin:careers_role_{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_import_needs_the_right_to_add_and_change(client, small_catalogue):
    viewer = UserFactory(username="reader", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_role", content_type__app_label="careers")
    )
    client.force_login(viewer)
    assert client.get(reverse("admin:careers_role_import")).status_code == 403
    response = upload(client, "role", "slug,name\ncopywriter,Renamed\n")
    assert response.status_code == 403
    assert Role.objects.get(slug="copywriter").name == "Copywriter"
    # Reading is enough to export.
    assert export(client, "role")[1][0] == "copywriter"


# --- Query counts and the Content-Security-Policy ---------------------------------------------


def requirement_sheet(n):
    role = RoleFactory()
    lines = ["role,competency,level,weight"]
    for _ in range(n):
        requirement = RoleRequirementFactory(role=role, competency=CompetencyFactory(), level=2)
        lines.append(f"{role.slug},{requirement.competency.slug},3,2")
    return "\n".join(lines) + "\n"


def count_queries(callable_):
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


@pytest.mark.parametrize("model", ["role", "competency", "rolerequirement", "salaryband"])
def test_import_and_export_pages_do_not_grow_with_rows(staff_client, model):
    pages = [reverse(f"admin:careers_{model}_import"), reverse(f"admin:careers_{model}_export")]
    for url in pages:
        staff_client.get(url)
    requirement_sheet(2)
    few = [count_queries(lambda url=url: staff_client.get(url)) for url in pages]
    requirement_sheet(20)
    many = [count_queries(lambda url=url: staff_client.get(url)) for url in pages]
    assert many == few


def test_export_does_not_grow_with_rows(staff_client):
    requirement_sheet(2)
    export(staff_client, "rolerequirement")
    few = count_queries(lambda: export(staff_client, "rolerequirement"))
    requirement_sheet(20)
    many = count_queries(lambda: export(staff_client, "rolerequirement"))
    assert many == few


def test_dry_run_costs_a_fixed_number_of_queries_per_row(staff_client):
    """References and existing entries are read once per sheet, not once per row."""
    upload(staff_client, "rolerequirement", requirement_sheet(1))
    small, big = requirement_sheet(5), requirement_sheet(15)
    few = count_queries(lambda: upload(staff_client, "rolerequirement", small))
    many = count_queries(lambda: upload(staff_client, "rolerequirement", big))
    # Per row: a savepoint and its release, the update and its history row.
    assert many - few == 10 * 4


INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_import_export_pages_carry_no_inline_script_or_style(staff_client, small_catalogue):
    """The Content-Security-Policy refuses inline code, so none of these pages may rely on it."""
    pages = [
        staff_client.get(reverse("admin:careers_role_changelist")),
        staff_client.get(reverse("admin:careers_role_import")),
        staff_client.get(reverse("admin:careers_role_export")),
        upload(staff_client, "rolerequirement", REQUIREMENTS_SHEET),
        upload(staff_client, "rolerequirement", "role,competency,level,weight\nx,y,9,9\n"),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]
        assert INLINE_CODE.findall(response.content.decode()) == []
