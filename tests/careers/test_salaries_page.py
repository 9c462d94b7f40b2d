"""The salary page: every role's bands in one country, from the default catalogue."""

import pytest
from pytest_django.asserts import assertContains

from careers import visitors
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


def row(response, name):
    """The table row of the role named `name`, its whitespace collapsed."""
    text = " ".join(response.content.decode().split())
    start = text.index(f">{name}</a></th>")
    return text[start : text.index("</tr>", start)]


def test_every_role_by_layer_with_its_bands_at_each_level(client, catalogue):
    response = client.get("/salaries/?country=GB")
    assertContains(response, "<h1>Salaries</h1>", html=True)
    assertContains(
        response,
        '<h2 class="h4" id="salaries-title" tabindex="-1" data-focus-after-swap>'
        "In United Kingdom</h2>",
        html=True,
    )
    assertContains(
        response,
        '<tr><th scope="col">Role</th><th scope="col">Entry level</th>'
        '<th scope="col">Mid level</th><th scope="col">Senior level</th>'
        '<th scope="col">Executive level</th></tr>',
        html=True,
    )
    assert row(response, "Copywriter") == (
        ">Copywriter</a></th> <td>£28,000 – £35,000</td><td>£35,000 – £50,000</td>"
        '<td>£50,000 – £70,000+</td><td><span class="text-body-secondary">none published'
        "</span></td> "
    )
    assert row(response, "Digital Marketing Manager") == (
        '>Digital Marketing Manager</a></th> <td><span class="text-body-secondary">none '
        "published</span></td><td>£45,000 – £60,000<br>"
        '<span class="small text-body-secondary">3–5 years</span></td>'
        '<td>£60,000 – £80,000+<br><span class="small text-body-secondary">5+ years</span>'
        '</td><td><span class="text-body-secondary">none published</span></td> '
    )
    assertContains(
        response,
        '<a href="/roles/copywriter/?country=GB">Copywriter</a>',
        html=True,
    )
    assertContains(
        response,
        '<th scope="colgroup" colspan="5" class="text-architects">Architects</th>',
        html=True,
    )


def test_a_role_the_source_gives_no_figures_for_says_so(client, catalogue):
    response = client.get("/salaries/")
    assert row(response, "Social Media Marketer") == (
        '>Social Media Marketer</a></th> <td colspan="4" class="text-body-secondary">'
        "The source gives no figures for this role.</td> "
    )


def test_a_role_with_figures_elsewhere_only_says_so(client, catalogue):
    role = RoleFactory(name="Newsletter Editor", slug="newsletter-editor")
    role.salary_bands.create(
        country="AU", experience_level="mid", low=70_000, high=90_000, source="A survey"
    )
    response = client.get("/salaries/?country=CA")
    assert row(response, "Newsletter Editor") == (
        '>Newsletter Editor</a></th> <td colspan="4" class="text-body-secondary">'
        "No figures in Canada.</td> "
    )


def test_the_visitor_s_country_first_and_an_unknown_one_says_so(client, catalogue, user):
    client.force_login(user)
    session = client.session
    session[visitors.COUNTRY_KEY] = "AU"
    session.save()
    assertContains(client.get("/salaries/"), "In Australia</h2>")
    response = client.get("/salaries/?country=NZ")
    assertContains(
        response,
        '<div class="alert alert-warning" role="status">The source gives no salary figures for '
        "“NZ”; showing United States instead.</div>",
        html=True,
    )


def test_htmx_gets_the_table_alone(client, catalogue):
    response = client.get("/salaries/?country=CA", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="salaries"')
    assert "<h1>" not in body
    assert "In Canada</h2>" in body
    assert response["Vary"] == "HX-Request, Accept-Encoding"


def test_the_footer_leads_to_the_salaries(client, catalogue):
    assertContains(client.get("/"), '<a href="/salaries/">Salaries</a>', html=True)


def test_the_page_runs_a_fixed_number_of_queries(client, catalogue, django_assert_num_queries):
    # The layers with their roles (2) and every band.
    with django_assert_num_queries(3):
        client.get("/salaries/")
    RoleFactory(name="Newsletter Editor", slug="newsletter-editor")
    with django_assert_num_queries(3):
        client.get("/salaries/?country=GB")
