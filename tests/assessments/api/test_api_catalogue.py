"""The public catalogue endpoints: exact bodies, filters, pagination, and what is hidden."""

import pytest

from careers.models import Discipline, Layer
from tests.assessments.api.api_support import API
from tests.factories import (
    CompetencyFactory,
    DisciplineFactory,
    RoleFactory,
    RoleRequirementFactory,
    SalaryBandFactory,
)

pytestmark = pytest.mark.django_db

COPYWRITER = {
    "slug": "copywriter",
    "name": "Copywriter",
    "aliases": [],
    "basis": "editorial",
    "layer": "producers",
    "discipline": "copywriting",
    "stage": "specialist",
    "focus": "tactical",
    "summary": "Writes words that make people act.",
    "goals": ["More clicks", "Clearer pages"],
    "tools": ["A style guide"],
    "key_metrics": ["Click-through rate"],
    "requirements": [
        {
            "competency": "headlines",
            "name": "Headlines",
            "discipline": "copywriting",
            "level": 4,
            "weight": 3,
            "basis": "editorial",
        },
        {
            "competency": "landing-copy",
            "name": "Landing page copy",
            "discipline": "copywriting",
            "level": 3,
            "weight": 2,
            "basis": "editorial",
        },
        {
            "competency": "keyword-research",
            "name": "Keyword research",
            "discipline": "seo",
            "level": 2,
            "weight": 1,
            "basis": "editorial",
        },
    ],
    "salary_bands": [
        {
            "country": country,
            "currency": currency,
            "experience_level": level,
            "experience_note": "",
            "low": low,
            "high": high,
            "high_is_open": level == "senior",
            "year": 2025,
            "source": "2025 salary survey",
            "basis": "editorial",
        }
        for country, currency, level, low, high in [
            ("US", "USD", "entry", 50_000, 70_000),
            ("US", "USD", "senior", 95_000, 130_000),
            ("GB", "GBP", "entry", 28_000, 35_000),
            ("GB", "GBP", "senior", 50_000, 70_000),
        ]
    ],
    "transitions": [
        {
            "role": "content-strategist",
            "name": "Content Strategist",
            "kind": "sideways",
            "note": "Plan as well as write.",
            "basis": "editorial",
        }
    ],
}


def page_of(items, *, count=None, page=1, page_size=20, pages=1):
    return {
        "items": items,
        "count": len(items) if count is None else count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
    }


def test_layers_in_order_with_their_disciplines(client, small_catalogue):
    response = client.get(f"{API}/layers/")
    assert response.status_code == 200
    assert response.json() == page_of(
        [
            {
                "slug": "producers",
                "name": "Producers",
                "order": 1,
                "purpose": "Create the content everything else carries.",
                "metaphor": "The plants that feed the forest.",
                "description": "Writers, designers and strategists.",
                "depends_on": "Without distribution nobody sees their work.",
                "disciplines": [
                    {"slug": "copywriting", "name": "Copywriting"},
                    {"slug": "graphic-design", "name": "Graphic design"},
                ],
            },
            {
                "slug": "distributors",
                "name": "Distributors",
                "order": 2,
                "purpose": "Carry content to the right audience.",
                "metaphor": "The pollinators.",
                "description": "Channel specialists.",
                "depends_on": "",
                "disciplines": [{"slug": "seo", "name": "SEO"}],
            },
        ]
    )


def test_retired_entries_are_left_out(client, small_catalogue):
    Layer.objects.filter(slug="distributors").update(is_active=False)
    Discipline.objects.filter(slug="graphic-design").update(is_active=False)

    layers = client.get(f"{API}/layers/").json()["items"]
    assert [layer["slug"] for layer in layers] == ["producers"]
    assert layers[0]["disciplines"] == [{"slug": "copywriting", "name": "Copywriting"}]
    disciplines = client.get(f"{API}/disciplines/").json()["items"]
    assert [d["slug"] for d in disciplines] == ["copywriting"]
    competencies = client.get(f"{API}/competencies/").json()["items"]
    assert [c["slug"] for c in competencies] == ["headlines", "landing-copy"]
    roles = client.get(f"{API}/roles/").json()["items"]
    assert [role["slug"] for role in roles] == ["copywriter", "content-strategist"]
    # The requirement on a competency of the retired layer is gone too.
    assert [req["competency"] for req in roles[0]["requirements"]] == ["headlines", "landing-copy"]


def test_disciplines_with_their_active_competencies(client, small_catalogue):
    response = client.get(f"{API}/disciplines/")
    assert response.status_code == 200
    assert response.json() == page_of(
        [
            {
                "slug": "copywriting",
                "name": "Copywriting",
                "layer": "producers",
                "summary": "Words.",
                "competencies": [
                    {"slug": "headlines", "name": "Headlines"},
                    {"slug": "landing-copy", "name": "Landing page copy"},
                ],
            },
            {
                "slug": "graphic-design",
                "name": "Graphic design",
                "layer": "producers",
                "summary": "Visuals.",
                "competencies": [],
            },
            {
                "slug": "seo",
                "name": "SEO",
                "layer": "distributors",
                "summary": "Search.",
                "competencies": [{"slug": "keyword-research", "name": "Keyword research"}],
            },
        ]
    )


def test_disciplines_of_one_layer(client, small_catalogue):
    response = client.get(f"{API}/disciplines/", {"layer": "distributors"})
    assert [d["slug"] for d in response.json()["items"]] == ["seo"]


def test_competencies_with_anchors_and_resources(client, small_catalogue):
    response = client.get(f"{API}/competencies/", {"discipline": "copywriting"})
    assert response.status_code == 200
    assert response.json() == page_of(
        [
            {
                "slug": "headlines",
                "name": "Headlines",
                "description": "Write headlines that earn the click.",
                "discipline": "copywriting",
                "layer": "producers",
                "anchors": [
                    {"level": level, "description": f"Headlines at level {level}."}
                    for level in range(1, 6)
                ],
                "resources": [
                    {
                        "title": "A headline guide",
                        "url": "https://example.com/headlines",
                        "kind": "guide",
                    }
                ],
            },
            {
                "slug": "landing-copy",
                "name": "Landing page copy",
                "description": "Copy that converts.",
                "discipline": "copywriting",
                "layer": "producers",
                "anchors": [],
                "resources": [],
            },
        ]
    )


def test_competencies_of_one_layer(client, small_catalogue):
    response = client.get(f"{API}/competencies/", {"layer": "distributors"})
    assert [c["slug"] for c in response.json()["items"]] == ["keyword-research"]


def test_roles_with_requirements_salary_bands_and_transitions(client, small_catalogue):
    response = client.get(f"{API}/roles/")
    assert response.status_code == 200
    body = response.json()
    assert [role["slug"] for role in body["items"]] == [
        "copywriter",
        "content-strategist",
        "seo-specialist",
    ]
    assert body["items"][0] == COPYWRITER
    assert body["items"][2]["transitions"] == [
        {
            "role": "copywriter",
            "name": "Copywriter",
            "kind": "sideways",
            "note": "",
            "basis": "editorial",
        }
    ]


def test_roles_of_one_layer(client, small_catalogue):
    response = client.get(f"{API}/roles/", {"layer": "distributors"})
    assert response.status_code == 200
    assert [role["slug"] for role in response.json()["items"]] == ["seo-specialist"]


@pytest.mark.parametrize(
    ("path", "params", "problem"),
    [
        ("roles/", {"layer": "oceans"}, "There is no layer “oceans” in the catalogue."),
        ("disciplines/", {"layer": "oceans"}, "There is no layer “oceans” in the catalogue."),
        (
            "competencies/",
            {"discipline": "knitting"},
            "There is no discipline “knitting” in the catalogue.",
        ),
    ],
)
def test_a_filter_naming_nothing_is_422(client, small_catalogue, path, params, problem):
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == 422
    assert response.json() == {"detail": problem, "problems": [problem]}


def test_one_role(client, small_catalogue):
    response = client.get(f"{API}/roles/copywriter")
    assert response.status_code == 200
    assert response.json() == COPYWRITER


def test_a_role_says_its_other_names_and_which_facts_come_from_the_source(client, small_catalogue):
    copywriter = small_catalogue["copywriter"]
    copywriter.aliases = "Content Writer\nAd Writer"
    copywriter.basis = "source"
    copywriter.save()
    copywriter.salary_bands.filter(country="GB").update(basis="source")
    body = client.get(f"{API}/roles/copywriter").json()
    assert (body["aliases"], body["basis"]) == (["Content Writer", "Ad Writer"], "source")
    assert [(band["country"], band["basis"]) for band in body["salary_bands"]] == [
        ("US", "editorial"),
        ("US", "editorial"),
        ("GB", "source"),
        ("GB", "source"),
    ]
    assert {requirement["basis"] for requirement in body["requirements"]} == {"editorial"}


@pytest.mark.parametrize("slug", ["retired-role", "no-such-role"])
def test_a_retired_or_unknown_role_is_404(client, small_catalogue, slug):
    response = client.get(f"{API}/roles/{slug}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such role."}


def test_lists_are_paginated(client, small_catalogue):
    response = client.get(f"{API}/roles/", {"page": 2, "page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert [role["slug"] for role in body["items"]] == ["seo-specialist"]
    assert {key: body[key] for key in ("count", "page", "page_size", "pages")} == {
        "count": 3,
        "page": 2,
        "page_size": 2,
        "pages": 2,
    }


def test_a_page_past_the_last_is_empty(client, small_catalogue):
    response = client.get(f"{API}/roles/", {"page": 9})
    assert response.status_code == 200
    assert response.json() == page_of([], count=3, page=9)


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"page_size": 101}, "page_size: input should be less than or equal to 100."),
        ({"page_size": 0}, "page_size: input should be greater than or equal to 1."),
        ({"page": 0}, "page: input should be greater than or equal to 1."),
        (
            {"page": "two"},
            "page: input should be a valid integer, unable to parse string as an integer.",
        ),
    ],
)
def test_page_bounds_are_checked(client, small_catalogue, params, problem):
    response = client.get(f"{API}/roles/", params)
    assert response.status_code == 422
    assert response.json() == {"detail": "The request has 1 problem.", "problems": [problem]}


def test_roles_read_in_a_fixed_number_of_queries(
    client, small_catalogue, django_assert_num_queries
):
    client.get(f"{API}/layers/")  # the address's first call makes its allowance row
    # the call counted (savepoint, lock, write, release), then count, roles, requirements,
    # salary bands, transitions
    with django_assert_num_queries(4 + 5):
        assert client.get(f"{API}/roles/").status_code == 200
    copywriting = small_catalogue["copywriter"].discipline
    for n in range(10):
        role = RoleFactory(slug=f"extra-{n}", discipline=copywriting)
        RoleRequirementFactory(role=role, competency=CompetencyFactory(discipline=copywriting))
        SalaryBandFactory(role=role)
    with django_assert_num_queries(4 + 5):
        response = client.get(f"{API}/roles/", {"page_size": 100})
    assert response.json()["count"] == 13


def test_the_catalogue_needs_no_authentication_and_ignores_a_bad_token(client, small_catalogue):
    # Public endpoints do not authenticate, so a stale token does not lock a script out.
    response = client.get(f"{API}/layers/", headers={"Authorization": "Bearer tp_stale"})
    assert response.status_code == 200


def test_disciplines_of_an_empty_layer(client, small_catalogue):
    DisciplineFactory(layer=small_catalogue["producers"], slug="ux-design", name="UX design")
    response = client.get(f"{API}/disciplines/", {"layer": "producers"})
    assert [d["slug"] for d in response.json()["items"]] == [
        "copywriting",
        "graphic-design",
        "ux-design",
    ]
