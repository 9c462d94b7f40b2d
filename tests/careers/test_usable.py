"""What the product offers: an entry is usable while it and every parent it has are active."""

import pytest
from django.db.models import Q

from careers.models import Competency, Discipline, Layer, Role, usable_q
from tests.factories import CompetencyFactory, DisciplineFactory, LayerFactory, RoleFactory


@pytest.mark.parametrize(
    ("prefix", "model", "expected"),
    [
        ("", Layer, Q(is_active=True)),
        ("", Discipline, Q(is_active=True, layer__is_active=True)),
        (
            "",
            Competency,
            Q(is_active=True, discipline__is_active=True, discipline__layer__is_active=True),
        ),
        (
            "",
            Role,
            Q(
                is_active=True,
                layer__is_active=True,
                discipline__is_active=True,
                discipline__layer__is_active=True,
            ),
        ),
        (
            "competency__",
            None,
            Q(
                competency__is_active=True,
                competency__discipline__is_active=True,
                competency__discipline__layer__is_active=True,
            ),
        ),
        ("interests__", Discipline, Q(interests__is_active=True, interests__layer__is_active=True)),
        ("to_role__", Layer, Q(to_role__is_active=True)),
    ],
)
def test_usable_q_asks_the_entry_and_each_parent_to_be_active(prefix, model, expected):
    assert usable_q(prefix, model) == expected


@pytest.fixture
def catalogue(db):
    """A layer with a discipline, competency and role, all active, and a retired twin of
    each level above them."""
    layer = LayerFactory(slug="live")
    discipline = DisciplineFactory(slug="live-discipline", layer=layer)
    return {
        "competency": CompetencyFactory(slug="live-competency", discipline=discipline),
        "role": RoleFactory(slug="live-role", discipline=discipline),
        "retired competency": CompetencyFactory(
            slug="retired-competency", discipline=discipline, is_active=False
        ),
        "under retired discipline": CompetencyFactory(
            slug="under-retired-discipline",
            discipline=DisciplineFactory(slug="retired-discipline", layer=layer, is_active=False),
        ),
        "under retired layer": CompetencyFactory(
            slug="under-retired-layer",
            discipline=DisciplineFactory(
                slug="in-retired-layer", layer=LayerFactory(slug="retired", is_active=False)
            ),
        ),
    }


def test_only_competencies_whose_discipline_and_layer_are_active_are_usable(catalogue):
    assert list(Competency.objects.usable().values_list("slug", flat=True)) == ["live-competency"]
    assert set(Competency.objects.active().values_list("slug", flat=True)) == {
        "live-competency",
        "under-retired-discipline",
        "under-retired-layer",
    }


def test_only_disciplines_of_active_layers_are_usable(catalogue):
    assert set(Discipline.objects.usable().values_list("slug", flat=True)) == {"live-discipline"}


def test_a_role_whose_discipline_sits_in_a_retired_layer_is_not_usable(catalogue):
    role = catalogue["role"]
    assert list(Role.objects.usable()) == [role]

    role.discipline = Discipline.objects.get(slug="in-retired-layer")
    role.save()

    assert list(Role.objects.usable()) == []
    assert list(Role.objects.active()) == [role]
