"""The database refuses catalogue rows that must never exist."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from careers.models import ROLE_NAME_TAKEN, SalaryBand
from tests.factories import (
    CompetencyFactory,
    DisciplineAnchorFactory,
    DisciplineFactory,
    LayerFactory,
    LevelAnchorFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTransitionFactory,
    SalaryBandFactory,
)

pytestmark = pytest.mark.django_db


def refused(factory, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**kwargs)


def test_salary_band_low_above_high_is_refused():
    refused(SalaryBandFactory, low=80_000, high=70_000)


def test_salary_band_equal_low_and_high_is_accepted():
    band = SalaryBandFactory(low=70_000, high=70_000)
    assert (band.low, band.high) == (70_000, 70_000)


def test_one_band_per_role_country_and_level():
    band = SalaryBandFactory()
    refused(
        SalaryBandFactory, role=band.role, country="US", experience_level="entry", low=1, high=2
    )


def test_same_role_and_level_in_another_country_is_accepted():
    band = SalaryBandFactory()
    other = SalaryBandFactory(role=band.role, country="GB")
    assert other.pk != band.pk


def test_unknown_country_is_refused():
    refused(SalaryBandFactory, country="FR")


@pytest.mark.parametrize(
    ("country", "currency"), [("US", "USD"), ("CA", "CAD"), ("GB", "GBP"), ("AU", "AUD")]
)
def test_currency_follows_the_country(country, currency):
    band = SalaryBandFactory(country=country)
    assert SalaryBand.objects.get(pk=band.pk).currency == currency


@pytest.mark.parametrize("level", [0, 6])
def test_requirement_level_outside_1_to_5_is_refused(level):
    refused(RoleRequirementFactory, level=level)


@pytest.mark.parametrize("level", [1, 5])
def test_requirement_level_at_the_bounds_is_accepted(level):
    assert RoleRequirementFactory(level=level).level == level


@pytest.mark.parametrize("weight", [0, 4])
def test_requirement_weight_outside_1_to_3_is_refused(weight):
    refused(RoleRequirementFactory, weight=weight)


def test_a_competency_is_required_once_per_role():
    requirement = RoleRequirementFactory()
    refused(RoleRequirementFactory, role=requirement.role, competency=requirement.competency)


@pytest.mark.parametrize("level", [0, 6])
def test_anchor_level_outside_1_to_5_is_refused(level):
    refused(LevelAnchorFactory, level=level)


def test_one_anchor_per_level():
    anchor = LevelAnchorFactory(level=3)
    refused(LevelAnchorFactory, competency=anchor.competency, level=3)


@pytest.mark.parametrize("level", [0, 6])
def test_discipline_anchor_level_outside_1_to_5_is_refused(level):
    refused(DisciplineAnchorFactory, level=level)


def test_one_discipline_anchor_per_level():
    anchor = DisciplineAnchorFactory(level=3)
    refused(DisciplineAnchorFactory, discipline=anchor.discipline, level=3)


def test_slugs_are_unique():
    LayerFactory(slug="producers")
    with pytest.raises(IntegrityError), transaction.atomic():
        LayerFactory._meta.model.objects.create(
            slug="producers", name="Again", purpose="p", metaphor="m", description="d"
        )
    competency = CompetencyFactory(slug="keyword-research")
    with pytest.raises(IntegrityError), transaction.atomic():
        type(competency).objects.create(
            slug="keyword-research", name="Again", discipline=competency.discipline
        )


def test_a_role_cannot_lead_to_itself():
    role = RoleFactory()
    refused(RoleTransitionFactory, from_role=role, to_role=role)


def test_a_transition_is_recorded_once():
    transition = RoleTransitionFactory()
    refused(RoleTransitionFactory, from_role=transition.from_role, to_role=transition.to_role)


# --- validation the admin and the import share ----------------------------------------------


def errors_of(instance) -> dict[str, list[str]]:
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_role_sits_in_its_disciplines_layer():
    producers = LayerFactory(name="Producers")
    architects = LayerFactory(name="Architects")
    copywriting = DisciplineFactory(layer=producers, name="Copywriting")
    role = RoleFactory(layer=producers, discipline=copywriting)
    assert errors_of(role) == {}
    role.layer = architects
    assert errors_of(role) == {
        "discipline": [
            "Copywriting is a discipline of Producers: choose that layer, or a discipline of "
            "this role's layer."
        ]
    }


def test_two_roles_cannot_share_a_name_whatever_its_case():
    RoleFactory(name="Content Marketer")
    twin = RoleFactory.build(name="content marketer")
    twin.layer.save()
    twin.discipline.layer = twin.layer
    twin.discipline.save()
    twin.layer_id, twin.discipline_id = twin.layer.pk, twin.discipline.pk
    assert errors_of(twin) == {"__all__": [ROLE_NAME_TAKEN]}
    assert ROLE_NAME_TAKEN == (
        "Another role already has this name (names are compared without regard to case). "
        "Choose a name that tells the two apart."
    )
    twin.name = "Content marketer (B2B)"
    assert errors_of(twin) == {}


def test_the_database_refuses_a_second_role_of_one_name():
    RoleFactory(name="Content Marketer")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleFactory(name="CONTENT MARKETER")


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (50_000, 70_000, {}),
        (1_000, 5_000_000, {}),
        (70_000, 50_000, {"high": ["The high end (50,000) is below the low end (70,000)."]}),
        (
            0,
            0,
            {
                "low": ["A yearly salary is at least 1,000: check for a missing digit."],
                "high": ["A yearly salary is at least 1,000: check for a missing digit."],
            },
        ),
        (
            50_000,
            9_999_999_999,
            {"high": ["A yearly salary is at most 5,000,000: check for an extra digit."]},
        ),
    ],
)
def test_salary_figures_are_checked_with_a_plain_reason(low, high, expected):
    band = SalaryBandFactory.build(role=RoleFactory(), low=low, high=high)
    assert errors_of(band) == expected


def test_a_role_cannot_take_the_address_of_the_compare_page():
    role = RoleFactory.build(slug="compare")
    assert errors_of(role)["slug"] == [
        "“compare” is the address of another page: choose another slug."
    ]
