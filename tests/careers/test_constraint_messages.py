"""Every rule the database holds the catalogue to is said in words a curator can act on
(no constraint names), where a curator meets it: the admin's pages."""

import pytest
from django.urls import reverse

from careers.models import LearningResource, RoleTransition, SalaryBand
from tests.careers.test_audit import form_data
from tests.factories import LearningResourceFactory, RoleRequirementFactory

pytestmark = pytest.mark.django_db


def add(client, model, **values):
    """Post the admin's add form of `model` with `values`; the form's errors, by field."""
    url = reverse(f"admin:careers_{model}_add")
    data = {key: value for key, value in form_data(client.get(url)).items() if value != ""}
    data.update(values)
    response = client.post(url, data)
    assert response.status_code == 200, "the form was saved"
    return {
        field: [str(message) for message in messages]
        for field, messages in response.context["adminform"].form.errors.items()
    }


def test_a_role_leading_to_itself(staff_client, small_catalogue):
    copywriter = small_catalogue["copywriter"]
    errors = add(
        staff_client,
        "roletransition",
        from_role=copywriter.pk,
        to_role=copywriter.pk,
        kind="sideways",
    )
    assert errors == {"__all__": ["A role cannot lead to itself: choose another role."]}
    assert RoleTransition.objects.filter(from_role=copywriter, to_role=copywriter).count() == 0


def test_a_move_listed_twice(staff_client, small_catalogue):
    move = small_catalogue["copywriter"].transitions_out.get()
    errors = add(
        staff_client,
        "roletransition",
        from_role=move.from_role_id,
        to_role=move.to_role_id,
        kind="promotion",
    )
    assert errors == {
        "__all__": ["This move is already listed: edit that row instead of adding it twice."]
    }


def test_a_second_band_for_the_same_country_and_level(staff_client, small_catalogue):
    errors = add(
        staff_client,
        "salaryband",
        role=small_catalogue["copywriter"].pk,
        country="GB",
        experience_level="entry",
        low="30000",
        high="40000",
        year="2025",
        source="A survey",
        basis="editorial",
    )
    assert errors == {
        "__all__": [
            "The role already has a band for this country and experience level: edit that "
            "band instead of adding another."
        ]
    }
    assert SalaryBand.objects.filter(country="GB", experience_level="entry").count() == 1


def test_a_competency_required_twice(staff_client, small_catalogue):
    requirement = RoleRequirementFactory(role=small_catalogue["copywriter"], level=2)
    errors = add(
        staff_client,
        "rolerequirement",
        role=requirement.role_id,
        competency=requirement.competency_id,
        level="3",
        weight="2",
        basis="editorial",
    )
    assert errors == {
        "__all__": [
            "The role already requires this competency: change the level or weight of that "
            "row instead of adding another."
        ]
    }


def test_a_resource_listed_twice(staff_client, small_catalogue):
    resource = LearningResourceFactory(url="https://example.com/guide")
    errors = add(
        staff_client,
        "learningresource",
        competency=resource.competency_id,
        title="The same guide",
        url="https://example.com/guide",
        kind="guide",
    )
    assert errors == {"__all__": ["The competency already lists a resource at this address."]}
    assert LearningResource.objects.filter(url="https://example.com/guide").count() == 1
