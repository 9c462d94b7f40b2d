"""Where catalogue facts come from, as pages and sheets say it (careers.domain.provenance)."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import Role, RoleRequirement
from tests.careers.test_import_export import confirm, row_errors, upload

pytestmark = pytest.mark.django_db


def test_an_editorial_role_page_says_so_once_per_list(client, small_catalogue):
    response = client.get("/roles/copywriter/")
    assertContains(response, "A role T-Profile's editors added; the source does not describe it.")
    assertContains(
        response,
        "The levels and how much each matters are T-Profile's editorial judgement, not figures "
        "from the source.",
    )
    assertContains(
        response,
        "These moves are T-Profile's editorial suggestions; the catalogue's source does not "
        "describe them.",
    )
    assertContains(response, "Editorial figures, not from the catalogue's source (2025 salary")
    assertNotContains(response, "in the source</span>")


def test_a_role_page_marks_the_source_s_facts_one_by_one_when_a_list_is_mixed(
    client, small_catalogue
):
    copywriter = small_catalogue["copywriter"]
    Role.objects.filter(pk=copywriter.pk).update(basis="source")
    copywriter.requirements.filter(competency__slug="headlines").update(basis="source")
    copywriter.transitions_out.update(basis="source")
    copywriter.salary_bands.update(basis="source")
    response = client.get("/roles/copywriter/")
    assertContains(
        response, "A role the catalogue's source describes; the summary is written afresh."
    )
    assertContains(
        response,
        '<td data-label="Matters">Essential <span class="badge text-bg-light border">source</span>'
        "</td>",
        html=True,
    )
    assertContains(response, '<span class="badge text-bg-light border">source</span>', count=1)
    assertContains(
        response,
        "Rows marked “source” are as the catalogue's source gives them; the others are "
        "T-Profile's editorial judgement.",
    )
    assertContains(response, "Each of these moves is described in the catalogue's source.")
    assertContains(response, "Source: 2025 salary survey.")


def test_the_salary_page_marks_editorial_figures(client, small_catalogue):
    small_catalogue["copywriter"].salary_bands.filter(experience_level="entry").update(
        basis="source"
    )
    response = client.get("/salaries/")
    # Entry is the source's, senior is not.
    assertContains(response, "editorial figure, not the source's", count=1)


def test_a_sheet_sets_where_a_fact_comes_from_and_refuses_a_third_kind(
    staff_client, small_catalogue
):
    sheet = "role,competency,level,weight,basis\ncopywriter,headlines,4,3,source\n"
    confirm(staff_client, "rolerequirement", upload(staff_client, "rolerequirement", sheet))
    assert RoleRequirement.objects.get(competency__slug="headlines").basis == "source"
    sheet = "role,competency,level,weight,basis\ncopywriter,headlines,4,3,guess\n"
    assert row_errors(upload(staff_client, "rolerequirement", sheet)) == {
        1: [
            "The basis must be “source” (a fact the source states) or “editorial” "
            "(T-Profile's own judgement), not “guess”."
        ]
    }
