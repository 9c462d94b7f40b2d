"""Public catalogue pages: exact content, htmx partials, 404s and bounded queries."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.factories import RoleFactory, RoleRequirementFactory, SalaryBandFactory

pytestmark = pytest.mark.django_db


def test_home_introduces_the_product_and_the_layers(client, small_catalogue):
    response = client.get("/")
    assert response.status_code == 200
    assertContains(
        response, "<title>See the shape of your marketing skills · T-Profile</title>", html=True
    )
    assertContains(response, '<a href="/layers/producers/">Producers</a>', html=True)
    assertContains(
        response, '<p class="card-text">Create the content everything else carries.</p>', html=True
    )
    assertContains(
        response,
        '<a class="btn btn-primary btn-lg" href="/accounts/signup/?next=/me/quick-start/">'
        "Rate my skills</a>",
        html=True,
    )


def test_ecosystem_explains_each_layer_and_how_they_depend(client, small_catalogue):
    response = client.get("/ecosystem/")
    assert response.status_code == 200
    assertContains(
        response,
        '<h2 class="h3" id="layer-producers"><a href="/layers/producers/">Producers</a></h2>',
        html=True,
    )
    assertContains(response, "<p>Without distribution nobody sees their work.</p>", html=True)
    assertContains(response, '<a href="/disciplines/graphic-design/">Graphic design</a>', html=True)
    # The diagram has a text alternative.
    assertContains(
        response,
        '<title id="flow-title">How the four layers depend on each other</title>',
        html=True,
    )
    for pattern in ["Producer's dilemma", "Empty megaphone", "Leaky bucket", "No architect"]:
        assertContains(response, f"<dt>{pattern}</dt>", html=True)


def test_ecosystem_gives_the_whole_roadmap_and_why_the_t_lasts(client, small_catalogue):
    response = client.get("/ecosystem/")
    assertContains(response, '<h3 class="h4">The roadmap in three phases</h3>', html=True)
    assertContains(response, '<h3 class="h4">Why the T lasts</h3>', html=True)
    assertContains(
        response,
        "<li>From a T there are three ways on: go deeper in your discipline, grow a second stem "
        "(a Π), or use the breadth to lead.</li>",
        html=True,
    )
    assertContains(response, '<h3 class="h4">Questions to place yourself</h3>', html=True)
    assertContains(response, "<li>Which layer do you most enjoy working in?</li>", html=True)


def test_catalogue_lists_layers_disciplines_and_active_roles(client, small_catalogue):
    response = client.get("/catalogue/")
    assertContains(response, '<a href="/roles/copywriter/">Copywriter</a>', html=True)
    assertContains(response, '<a href="/roles/seo-specialist/">SEO Specialist</a>', html=True)
    assertContains(
        response, '<span class="text-body-secondary small">(2 competencies)</span>', html=True
    )
    # SEO has one active competency; the retired one is not counted.
    assertContains(
        response, '<span class="text-body-secondary small">(1 competency)</span>', html=True
    )
    assertNotContains(response, "Retired Role")


def test_layer_page_lists_its_disciplines_and_roles(client, small_catalogue):
    response = client.get("/layers/producers/")
    assertContains(response, "<h1>Producers</h1>", html=True)
    assertContains(response, '<a href="/disciplines/copywriting/">Copywriting</a>', html=True)
    assertContains(
        response, '<a href="/roles/content-strategist/">Content Strategist</a>', html=True
    )
    assertNotContains(response, "SEO Specialist")


def test_discipline_page_shows_anchors_and_resources(client, small_catalogue):
    response = client.get("/disciplines/copywriting/")
    assertContains(response, "<h1>Copywriting</h1>", html=True)
    for level, name in [(1, "Aware"), (3, "Proficient"), (5, "Expert")]:
        assertContains(
            response,
            f'<tr><th scope="row" class="text-nowrap">{level} · {name}</th>'
            f"<td>Headlines at level {level}.</td></tr>",
            html=True,
        )
    assertContains(
        response,
        '<a href="https://example.com/headlines" rel="noopener noreferrer">A headline guide</a>',
        html=True,
    )


def test_discipline_page_shows_what_each_level_of_the_discipline_looks_like(
    client, small_catalogue
):
    response = client.get("/disciplines/copywriting/")
    assertContains(
        response,
        '<h2 class="h3 mt-4" id="discipline-levels">What each level looks like</h2>',
        html=True,
    )
    content = response.content.decode()
    section = content[content.index('id="discipline-levels"') : content.index(">Competencies<")]
    row = r'<dt class="col-sm-3">(.*?)</dt>\s*<dd class="col-sm-9">(.*?)</dd>'
    found = re.findall(row, section)
    assert found == [
        ("1 · Aware", "Copywriting at level 1."),
        ("2 · Working", "Copywriting at level 2."),
        ("3 · Proficient", "Copywriting at level 3."),
        ("4 · Advanced", "Copywriting at level 4."),
        ("5 · Expert", "Copywriting at level 5."),
    ]


def test_discipline_page_without_anchors_has_no_level_list(client, small_catalogue):
    response = client.get("/disciplines/seo/")
    assertContains(response, "<h1>SEO</h1>", html=True)
    assertNotContains(response, "What each level looks like")


def test_retired_competencies_are_not_listed(client, small_catalogue):
    response = client.get("/disciplines/seo/")
    assertContains(response, "Keyword research")
    assertNotContains(response, "Retired skill")


def test_role_page_shows_requirements_as_levels(client, small_catalogue):
    response = client.get("/roles/copywriter/")
    assert response.status_code == 200
    assertContains(response, "<h1>Copywriter</h1>", html=True)
    content = response.content.decode()
    # Requirements, most important first, each with its level as number and name.
    positions = [
        content.index(name)
        for name in ["Headlines</a>", "Landing page copy</a>", "Keyword research</a>"]
    ]
    assert positions == sorted(positions)
    assertContains(response, "4 · Advanced")
    assertContains(response, "3 · Proficient")
    assertContains(response, "2 · Working")
    assertContains(response, '<td data-label="Matters">Essential</td>', html=True)
    assertContains(response, "<li>More clicks</li>", html=True)


def test_role_page_shows_where_the_role_leads_and_where_it_comes_from(client, small_catalogue):
    response = client.get("/roles/copywriter/")
    assertContains(
        response, '<a href="/roles/content-strategist/">Content Strategist</a>', html=True
    )
    assertContains(response, "Plan as well as write.")
    assertContains(response, '<a href="/roles/seo-specialist/">SEO Specialist</a>', html=True)


def test_role_page_shows_us_salaries_by_default(client, small_catalogue):
    response = client.get("/roles/copywriter/")
    assertContains(response, "Salary bands in United States")
    assertContains(response, "<td>$50,000 – $70,000</td>", html=True)
    assertContains(response, "<td>$95,000 – $130,000+</td>", html=True)
    assertNotContains(response, "£")


def test_every_country_is_reachable_without_javascript(client, small_catalogue):
    response = client.get("/roles/copywriter/")
    assertContains(response, 'href="?country=GB#salaries"')
    response = client.get("/roles/copywriter/?country=GB")
    assertContains(response, "Salary bands in United Kingdom")
    assertContains(response, "<td>£28,000 – £35,000</td>", html=True)
    assertContains(response, "<td>£50,000 – £70,000+</td>", html=True)
    assertContains(response, "<h1>Copywriter</h1>", html=True)


def test_country_switch_as_htmx_returns_only_the_salary_section(client, small_catalogue):
    response = client.get("/roles/copywriter/?country=gb", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="salaries"')
    assert "<h1>" not in content
    assertContains(response, "<td>£28,000 – £35,000</td>", html=True)
    assert response["Vary"] == "HX-Request, Accept-Encoding"


def test_unknown_country_falls_back_with_a_message(client, small_catalogue):
    response = client.get("/roles/copywriter/?country=FR")
    assert response.status_code == 200
    assertContains(
        response,
        "There are no salary figures for this role in “FR”; showing United States instead.",
    )
    assertContains(response, "<td>$50,000 – $70,000</td>", html=True)


@pytest.mark.parametrize("country", ["AU", "au"])
def test_a_known_country_without_figures_is_named_in_the_fallback(client, small_catalogue, country):
    response = client.get(f"/roles/copywriter/?country={country}")
    assertContains(
        response,
        '<div class="alert alert-warning" role="status">There are no salary figures for this '
        "role in Australia; showing United States instead.</div>",
        html=True,
    )
    assertContains(response, "Salary bands in United States")


def test_role_without_figures_says_so(client, small_catalogue):
    response = client.get("/roles/content-strategist/")
    assertContains(
        response, "<p>The catalogue's source gives no salary figures for this role.</p>", html=True
    )
    assertNotContains(response, 'role="status"')


@pytest.mark.parametrize(
    ("country", "sentence"),
    [
        (
            "AU",
            "The catalogue's source gives no salary figures for this role, in Australia or any "
            "other country.",
        ),
        (
            "gb",
            "The catalogue's source gives no salary figures for this role, in United Kingdom or "
            "any other country.",
        ),
        (
            "Atlantis",
            "The catalogue's source gives no salary figures for this role, in “Atlantis” or any "
            "other country.",
        ),
    ],
)
def test_role_without_figures_asked_for_a_country_says_so_once(
    client, small_catalogue, country, sentence
):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(f"/roles/content-strategist/?country={country}", headers=headers)
        content = response.content.decode()
        section = content[content.index('<section id="salaries"') :]
        section = section[: section.index("</section>")]
        assertContains(response, f"<p>{sentence}</p>", html=True)
        assert section.count("salary figures") == 1


@pytest.mark.parametrize(
    "url",
    [
        "/layers/nowhere/",
        "/disciplines/nowhere/",
        "/roles/nowhere/",
        "/roles/retired-role/",
        "/roles/NOT%20A%20SLUG/",
    ],
)
def test_unknown_or_retired_entries_are_404_in_the_site_layout(client, small_catalogue, url):
    response = client.get(url)
    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertContains(response, "<h1>We could not find that page</h1>", html=True, status_code=404)
    assertContains(response, 'class="navbar-brand fw-bold"', status_code=404)


def test_pages_refuse_post(client, small_catalogue):
    assert client.post("/roles/copywriter/").status_code == 405


def _add_roles(count, catalogue):
    for _ in range(count):
        role = RoleFactory(discipline=catalogue["seo"], layer=catalogue["seo"].layer)
        RoleRequirementFactory(role=role)
        SalaryBandFactory(role=role)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 1),
        ("/ecosystem/", 3),
        ("/catalogue/", 3),
        ("/layers/distributors/", 3),
        ("/disciplines/seo/", 6),
        ("/roles/", 3),
        ("/roles/copywriter/", 5),
    ],
)
def test_public_pages_run_a_fixed_number_of_queries(
    client, small_catalogue, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url)
    _add_roles(15, small_catalogue)
    with django_assert_num_queries(queries):
        client.get(url)


# --- a role's address after its slug changed -----------------------------------------------


def test_a_renamed_role_s_old_address_leads_to_its_new_one(client, small_catalogue):
    role = small_catalogue["copywriter"]
    role.slug = "conversion-copywriter"
    role.save()

    response = client.get("/roles/copywriter/?country=GB")

    assert response.status_code == 301
    assert response["Location"] == "/roles/conversion-copywriter/?country=GB"
    assert client.get("/roles/conversion-copywriter/").status_code == 200


def test_every_old_address_of_a_role_renamed_twice_leads_to_the_last(client, small_catalogue):
    role = small_catalogue["copywriter"]
    for slug in ("conversion-copywriter", "senior-copywriter"):
        role.slug = slug
        role.save()
    for old in ("copywriter", "conversion-copywriter"):
        response = client.get(f"/roles/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/roles/senior-copywriter/")


def test_an_old_address_given_to_another_role_is_that_role_s(client, small_catalogue):
    role = small_catalogue["copywriter"]
    role.slug = "conversion-copywriter"
    role.save()
    newcomer = RoleFactory(
        slug="copywriter", name="Brand copywriter", layer=role.layer, discipline=role.discipline
    )

    response = client.get("/roles/copywriter/")

    assert response.status_code == 200
    assertContains(response, newcomer.name)


def test_a_renamed_role_back_to_its_first_address_no_longer_redirects(client, small_catalogue):
    role = small_catalogue["copywriter"]
    role.slug = "conversion-copywriter"
    role.save()
    role.slug = "copywriter"
    role.save()
    assert client.get("/roles/copywriter/").status_code == 200
    response = client.get("/roles/conversion-copywriter/")
    assert (response.status_code, response["Location"]) == (301, "/roles/copywriter/")


def test_a_retired_role_s_old_address_is_not_found(client, small_catalogue):
    role = small_catalogue["copywriter"]
    role.slug = "conversion-copywriter"
    role.is_active = False
    role.save()
    assert client.get("/roles/copywriter/").status_code == 404
