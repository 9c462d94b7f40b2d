"""The compare page: two roles side by side, from the default catalogue."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import Role

pytestmark = pytest.mark.django_db

PAGE = "/roles/compare/?a=marketing-manager&b=marketing-director"


def test_without_roles_the_page_offers_the_sources_comparisons(client, catalogue):
    response = client.get("/roles/compare/")
    assertContains(response, "<h1>Compare two roles</h1>", html=True)
    assertContains(
        response,
        '<a href="/roles/compare/?a=marketing-manager&amp;b=marketing-director">'
        "Marketing Manager or Head of Digital / Marketing Director?</a>",
        html=True,
    )
    assertContains(
        response,
        '<a href="/roles/compare/?a=social-media-manager&amp;b=social-media-marketer">'
        "Social Media Manager or Social Media Marketer?</a>",
        html=True,
    )
    assertContains(response, '<option value="copywriter">Copywriter</option>', html=True, count=2)
    assertNotContains(response, 'role="alert"')


def test_the_overview_marks_what_differs(client, catalogue):
    response = client.get(PAGE)
    assertContains(
        response,
        "<title>Marketing Manager and Head of Digital / Marketing Director compared · T-Profile"
        "</title>",
        html=True,
    )
    assertContains(
        response,
        '<option value="marketing-manager" selected>Marketing Manager</option>',
        html=True,
    )
    assertContains(
        response,
        "<tr><th scope='row'>Layer</th><td>Architects</td><td>Architects</td></tr>",
        html=True,
    )
    assertContains(
        response,
        '<tr class="compare-differs"><th scope="row">Focus '
        '<span class="badge text-bg-warning">differs</span></th>'
        "<td>Tactical: the how</td><td>Strategic: the why and the what</td></tr>",
        html=True,
    )


def test_requirements_side_by_side_with_the_difference_in_words(client, catalogue):
    response = client.get(PAGE)
    assertContains(
        response,
        "Both ask for 2 competencies, 1 of them at the same level. Only Marketing Manager "
        "asks for 6. Only Head of Digital / Marketing Director asks for 7. Head of Digital / "
        "Marketing Director asks a higher level in 1.",
    )
    text = " ".join(response.content.decode().split())
    assert "<td>Head of Digital / Marketing Director asks 2 more</td>" in text, (
        "the positioning row names who asks more, and how much"
    )
    assertContains(response, "<td>same level</td>", html=True, count=1)
    assertContains(response, "<td>only Marketing Manager</td>", html=True, count=6)
    assertContains(
        response, "<td>only Head of Digital / Marketing Director</td>", html=True, count=7
    )


def test_salaries_side_by_side_and_a_role_without_figures_says_so(client, catalogue):
    response = client.get(PAGE + "&country=GB")
    assertContains(
        response,
        '<h2 class="h4" id="salaries-title" tabindex="-1" data-focus-after-swap>'
        "Salary bands in United Kingdom</h2>",
        html=True,
    )
    assertContains(
        response,
        '<tr><th scope="row" class="fw-normal">Senior level</th>'
        '<td><span class="text-body-secondary">none published</span></td>'
        "<td>£75,000 – £100,000</td></tr>",
        html=True,
    )


def test_htmx_switches_the_salary_country_alone(client, catalogue):
    response = client.get(PAGE + "&country=CA", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="salaries"')
    assert "Salary bands in Canada" in body
    assert "At a glance" not in body
    assert response["Vary"] == "HX-Request, Accept-Encoding"


def test_an_unknown_country_says_so_and_shows_another(client, catalogue):
    response = client.get(PAGE + "&country=<b>NZ</b>")
    assertContains(
        response,
        '<div class="alert alert-warning" role="status">Neither role has salary figures in '
        "“&lt;b&gt;NZ&lt;/b&gt;”; showing United States instead.</div>",
        html=True,
    )


def test_the_paths_between_the_two_both_ways(client, catalogue):
    response = client.get("/roles/compare/?a=copywriter&b=marketing-director")
    text = " ".join(response.content.decode().split())
    assert (
        "<li>From Copywriter to Head of Digital / Marketing Director: 2 moves: Copywriter → "
        '<a href="/roles/marketing-manager/">Marketing Manager</a> '
        '<span class="small text-body-secondary">(step up)</span> → '
        '<a href="/roles/marketing-director/">Head of Digital / Marketing Director</a> '
        '<span class="small text-body-secondary">(step up)</span>. </li>' in text
    )
    assert (
        "<li>From Head of Digital / Marketing Director to Copywriter: the catalogue records no "
        "path of up to four moves. </li>" in text
    )
    response = client.get(PAGE)
    assertContains(
        response,
        "<li>From Marketing Manager to Head of Digital / Marketing Director: one move, step up."
        "</li>",
        html=True,
    )


@pytest.mark.parametrize(
    ("query", "problem", "selected"),
    [
        ("a=copywriter&b=copywriter", "Choose two different roles to compare.", 2),
        (
            "a=copywriter&b=astronaut",
            "The catalogue has no role “astronaut”. Choose the roles from the lists.",
            1,
        ),
        (
            "a=nobody&b=astronaut",
            "The catalogue has no role “nobody” or “astronaut”. Choose the roles from the lists.",
            0,
        ),
    ],
)
def test_a_comparison_that_cannot_be_made_says_why_and_keeps_the_choice(
    client, catalogue, query, problem, selected
):
    response = client.get(f"/roles/compare/?{query}")
    assert response.status_code == 200
    assertContains(
        response, f'<div class="alert alert-warning" role="alert">{problem}</div>', html=True
    )
    assertContains(response, "selected>", count=selected)
    assertContains(response, "At a glance", count=0)


def test_one_role_chosen_opens_the_picker_with_it_selected(client, catalogue):
    response = client.get("/roles/compare/?a=copywriter")
    assertContains(response, '<option value="copywriter" selected>Copywriter</option>', html=True)
    assertNotContains(response, 'role="alert"')


def test_a_renamed_role_s_old_slug_leads_to_the_comparison_of_its_new_one(client, catalogue):
    role = Role.objects.get(slug="copywriter")
    role.slug = "conversion-copywriter"
    role.save()
    response = client.get("/roles/compare/?a=copywriter&b=seo-specialist&country=GB")
    assert response.status_code == 301
    assert response["Location"] == (
        "/roles/compare/?a=conversion-copywriter&b=seo-specialist&country=GB"
    )


def test_a_signed_in_visitor_gets_their_fit_for_both_roles(client, catalogue, user):
    client.force_login(user)
    response = client.get(PAGE)
    assertContains(
        response,
        '<h2 class="h5" id="your-fit-a-title">How you fit Marketing Manager</h2>',
        html=True,
    )
    assertContains(response, 'hx-get="/me/roles/marketing-director/?side=b"', count=1)
    fit = client.get("/me/roles/marketing-director/?side=b", headers={"HX-Request": "true"})
    assertContains(
        fit,
        '<h2 class="h5" id="your-fit-b-title">How you fit Head of Digital / Marketing Director'
        "</h2>",
        html=True,
    )
    assertContains(fit, 'aria-labelledby="your-fit-b-title"')


def test_every_role_page_and_the_roles_list_lead_to_comparisons(client, catalogue):
    assertContains(
        client.get("/roles/copywriter/"),
        '<a href="/roles/compare/?a=copywriter">Compare Copywriter with another role</a>',
        html=True,
    )
    assertContains(
        client.get("/roles/"),
        '<a href="/roles/compare/?a=social-media-manager&amp;b=social-media-marketer">'
        "Social Media Manager or Social Media Marketer</a>",
        html=True,
    )


def test_the_comparison_runs_a_fixed_number_of_queries(
    client, catalogue, django_assert_num_queries
):
    # The roles to choose from, the two roles in full (4 each: the role and its
    # requirements, moves out and moves in), their bands and every move.
    with django_assert_num_queries(11):
        client.get(PAGE)
    with django_assert_num_queries(11):
        client.get("/roles/compare/?a=copywriter&b=cmo")


def test_the_comparison_is_kept_in_the_cache_while_the_catalogue_holds(
    client, catalogue, settings, django_assert_num_queries
):
    settings.CATALOGUE_CACHE_SECONDS = 60
    client.get(PAGE)
    # The roles to choose from and the catalogue's version stamp; the rest comes from the cache.
    with django_assert_num_queries(1):
        client.get(PAGE)
