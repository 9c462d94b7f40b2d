"""Where catalogue facts come from: the shipped catalogue marks the source's facts, and a
database loaded before gets them marked (pages and sheets: test_provenance_pages)."""

from importlib import import_module

import pytest
from django.apps import apps

from careers.models import Layer, Role, RoleRequirement, RoleTransition, SalaryBand

pytestmark = pytest.mark.django_db

SOURCE_MOVES = [
    ("digital-marketing-manager", "marketing-director"),
    ("marketing-director", "cmo"),
    ("marketing-manager", "marketing-director"),
    ("seo-specialist", "digital-marketing-manager"),
    ("social-media-manager", "social-media-marketer"),
]


def source_facts():
    """How many of each kind of fact are marked as from the source, and which moves."""
    return {
        "layers": Layer.objects.filter(basis="source").count(),
        "roles": Role.objects.filter(basis="source").count(),
        "requirements": RoleRequirement.objects.filter(basis="source").count(),
        "bands": SalaryBand.objects.filter(basis="source").count(),
        "moves": sorted(
            RoleTransition.objects.filter(basis="source").values_list(
                "from_role__slug", "to_role__slug"
            )
        ),
    }


SHIPPED = {"layers": 4, "roles": 18, "requirements": 0, "bands": 164, "moves": SOURCE_MOVES}


def test_the_shipped_catalogue_marks_what_the_source_states(catalogue):
    assert source_facts() == SHIPPED
    assert RoleTransition.objects.count() == 35
    assert SalaryBand.objects.count() == 164


def test_a_database_loaded_before_gets_the_source_s_facts_marked(catalogue):
    mark = import_module("careers.migrations.0011_facts_from_the_source").mark
    for model in (Layer, Role, RoleTransition, SalaryBand):
        model.objects.update(basis="editorial")
    # A band a curator typed from elsewhere stays editorial.
    SalaryBand.objects.filter(role__slug="cmo", country="US").update(source="Our own survey")
    mark(apps, None)
    assert source_facts() == {**SHIPPED, "bands": 163}
