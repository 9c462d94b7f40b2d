"""The pages around an assessment: dashboard, profile, history and comparison, each with
exact content, its htmx partial where it has one, and 404 for anyone but the owner."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from assessments.domain import scoring
from assessments.domain.comparison import Counts, Side, summary
from assessments.domain.profile import SCORING_VERSION
from assessments.domain.thresholds import SHAPE_LABELS
from assessments.models import Assessment
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import save_draft, start_assessment
from careers.choices import Level, Weight
from careers.models import Competency, LearningResource, Role
from tests.assessments.conftest import FIRST_SUBMIT, HTMX, levels_for, page, stored

pytestmark = pytest.mark.django_db


def profile_url(assessment):
    return reverse("assessments:profile", kwargs={"pk": assessment.pk})


def compare_url(first, second):
    return f"{reverse('assessments:compare')}?a={first}&b={second}"


def cells(row):
    return [cell.text for cell in row.children if not isinstance(cell, str)]


SEO_PEAK = {"keyword_research": 5, "technical_seo": 5, "link_building": 4, "paid_search": 3}


@pytest.fixture
def profile(user, catalogue, submit):
    """A T-shaped marketer deep in SEO, aiming at marketing director, paid in pounds."""
    return submit(
        user,
        levels_for(catalogue, 2, **SEO_PEAK),
        interests={"seo": True},
        settings={
            "target_role": Role.objects.get(slug="marketing-director"),
            "country": "GB",
            "experience_level": "senior",
        },
    )


@pytest.fixture
def expected(catalogue):
    return scoring.score(
        catalogue, levels_for(catalogue, 2, **SEO_PEAK), ["seo"], "marketing-director"
    )


# --- profile ----------------------------------------------------------------------------


def test_profile_shows_the_numbers_with_their_reasons(user_client, profile, expected):
    root = page(user_client.get(profile_url(profile)))

    assert root.find_all("h1")[0].text == "Your T on 6 January 2025"
    assert root.find_all("p", class_="lead")[0].text == (
        "T-shaped · depth 93 · breadth 100 · phase 3: Broaden again"
    )
    numbers = root.find_all("section", aria_labelledby="scores-title")[0]
    assert [node.text for node in numbers.find_all("dt")] == [
        "Depth: 93",
        "Breadth: 100",
        "Shape: T-shaped",
        "Phase 3: Broaden again",
    ]
    explanations = expected.explanations
    assert [node.text for node in numbers.find_all("dd")] == [
        explanations.depth,
        explanations.breadth,
        explanations.shape,
        explanations.phase,
    ]
    assert explanations.depth == (
        "Your deepest discipline is Search engine optimisation at 93: the mean of your 3"
        " Search engine optimisation ratings (5, 5, 4) is 4.67 of 5, 93.33 of 100, shown as 93."
    )


def test_profile_draws_the_t_with_a_title_and_a_description(user_client, profile):
    root = page(user_client.get(profile_url(profile)))
    svg = root.find_all("svg", class_="t-chart")[0]
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-labelledby"] == "profile-chart-title profile-chart-desc"
    assert svg.by_id("profile-chart-title").text == "Your T"
    assert svg.by_id("profile-chart-desc").text == (
        "Layers: Producers 40, Distributors 55, Converters & Nurturers 40, Architects 40."
        " Every layer is at working level (40) or above. Breadth 100: broad (75 or more)."
        " Deep (80 or more): Search engine optimisation 93. Deep (80) and broad (75) are both"
        " reached. Dashed outline, what Head of Digital / Marketing Director needs:"
        " Producers 3, Distributors 5, Converters & Nurturers 5, Architects 42;"
        " stem Marketing strategy 87."
    )
    # The deep stem hangs under Distributors, 93% of its full length; the target's stem,
    # Marketing strategy, under Architects, drawn to 40 with the role's 87 as its outline.
    stems = [
        [(r.attrs["x"], r.attrs["y"], r.attrs["height"]) for r in g.find_all("rect")]
        + [g.find_all("text")[0].text]
        for g in svg.find_all("g", class_="t-stem")
    ]
    assert stems == [
        [("124.5", "156", "148.8"), "Search engine optimisation 93"],
        [
            ("314.5", "156", "64.0"),
            ("314.5", "156", "139.2"),
            ("314.5", "156", "139.2"),
            "Marketing strategy 40",
        ],
    ]


def test_profile_table_gives_every_layer_and_discipline_score(
    user_client, profile, expected, catalogue
):
    root = page(user_client.get(profile_url(profile)))
    table = root.find_all("section", aria_labelledby="table-title")[0]
    # One row group per layer: the layer's row, then its disciplines'.
    trs = [row for group in table.find_all("tbody") for row in group.find_all("tr")]
    rows = [cells(row) for row in trs]

    wanted = []
    for layer, layer_score in zip(catalogue.layers, expected.layers, strict=True):
        # The name, then its sentence (in a line of its own): "Rated" and "Growth wish" stay
        # empty, not spanned by the sentence.
        wanted.append(
            [layer.name + expected.explanations.layers[layer.slug], str(layer_score.score), "", ""]
        )
        for discipline in expected.disciplines:
            if discipline.layer == layer.slug:
                wanted.append(
                    [
                        discipline.name + expected.explanations.disciplines[discipline.slug],
                        str(discipline.score),
                        "3 of 3",
                        "Yes" if discipline.slug == "seo" else "",
                    ]
                )
    assert rows == wanted
    assert rows[5][1:] == ["55", "", ""]
    distributors = trs[5].find_all("th")[0]
    assert distributors.attrs["scope"] == "rowgroup"
    assert distributors.find_all("span")[0].text == expected.explanations.layers["distributors"]
    seo = trs[6].find_all("th")[0]
    assert seo.find_all("span")[0].text == expected.explanations.disciplines["seo"]
    assert seo.text.startswith("Search engine optimisation")
    assert rows[6][1:] == ["93", "3 of 3", "Yes"]
    assert rows[9][1:] == ["47", "3 of 3", ""]


def test_profile_lists_next_actions_with_their_resources(user_client, profile, expected):
    root = page(user_client.get(profile_url(profile)))
    steps = root.find_all("section", aria_labelledby="actions-title")[0].find_all("li")
    assert len(steps) == len(expected.next_actions) == 6
    target_gaps = {gap.competency for gap in expected.target.gaps}
    for item, action in zip(steps, expected.next_actions, strict=True):
        links = item.find_all("a")
        assert [(a.text, a.attrs["href"]) for a in links] == [
            (r.title, r.url) for r in action.resources
        ]
        # One to-do list: the steps that close a gap of the target role are marked.
        marked = " Target role" if action.competency in target_gaps else ""
        assert item.text.startswith(
            f"{action.name}: from {action.have} to {action.target}"
            f" ({Level(action.target).label}).{marked} {action.reason}"
        )
    first = steps[0]
    assert first.find_all("strong")[0].text == "Strategic marketing planning"
    assert first.text.startswith(
        "Strategic marketing planning: from 2 to 5 (Expert). Target role Head of Digital /"
        " Marketing Director needs level 5 (weight 3); you have 2. Learn it:"
    )


def test_profile_shows_the_top_five_roles_with_fit_gaps_and_salary(user_client, profile, expected):
    root = page(user_client.get(profile_url(profile)))
    section = root.find_all("section", aria_labelledby="roles-title")[0]
    assert section.find_all("p", class_="small")[0].text == (
        "Salary bands for United Kingdom, senior level."
    )
    cards = section.find_all("article")
    top = expected.matches[:5]
    assert [card.find_all("h3")[0].text for card in cards] == [m.name for m in top]
    assert [(m.name, m.fit) for m in top] == [
        ("SEO Specialist", 100),
        ("Demand Generation / Growth Marketer", 71),
        ("Copywriter", 69),
        ("Social Media Manager", 69),
        ("Social Media Marketer", 69),
    ]
    paragraphs = [card.find_all("p") for card in cards]
    assert [p[0].text for p in paragraphs] == [
        f"{m.fit}% fit — {expected.explanations.fits[m.role]}" for m in top
    ]
    assert [p[1].text for p in paragraphs] == [
        "Salary: £50,000 – £70,000+ a year (GBP, 2025)",
        "Salary: £60,000 – £85,000+ a year (GBP, 2025)",
        "Salary: £50,000 – £70,000+ a year (GBP, 2025)",
        "Salary: £48,000 – £65,000+ a year (GBP, 2025)",
        "No salary figures for this role at your level and country.",
    ]
    assert section.find_all("p", class_="small")[-1].text == (
        "Salary figures: Marketing ecosystem career guide: 2025 salary averages (Producer,"
        " Distributor, Converter & Nurturer and Architect tables)."
    )
    links = [card.find_all("h3")[0].find_all("a")[0].attrs["href"] for card in cards]
    assert links == [f"/roles/{m.role}/" for m in top]
    # Each card's gaps, biggest first; a perfect fit has none.
    assert cards[0].find_all("p")[-1].text == "You meet every requirement."
    gaps = [cells(row) for row in cards[1].find_all("tbody")[0].find_all("tr")]
    assert gaps == [[g.name, str(g.have), str(g.need), Weight(g.weight).label] for g in top[1].gaps]
    assert gaps[0] == ["Multi-channel demand programmes", "2", "4", "Essential"]


def test_profile_offers_to_compare_the_two_best_fitting_roles(user_client, profile):
    section = page(user_client.get(profile_url(profile))).find_all(
        "section", aria_labelledby="roles-title"
    )[0]
    links = [link for link in section.find_all("a") if link.text.startswith("Compare ")]
    assert [(link.text, link.attrs["href"]) for link in links] == [
        (
            "Compare SEO Specialist and Demand Generation / Growth Marketer side by side",
            "/roles/compare/?a=seo-specialist&b=demand-generation-marketer",
        )
    ]


def test_profile_ranks_every_other_role_a_click_away(user_client, profile, expected):
    root = page(user_client.get(profile_url(profile)))
    section = root.find_all("section", aria_labelledby="roles-title")[0]
    others = section.find_all("details")[0]
    rest = expected.matches[5:]
    assert others.find_all("summary")[0].text == f"Every other role, by fit ({len(rest)})"
    assert len(rest) == 13
    rows = [cells(row) for row in others.find_all("tbody")[0].find_all("tr")]
    assert [row[0] for row in rows] == [m.name for m in rest]
    assert [row[1] for row in rows] == [f"{m.fit}%" for m in rest]
    assert [row[3] for row in rows] == [str(len(m.gaps)) for m in rest]
    links = [row.find_all("a")[0].attrs["href"] for row in others.find_all("th", scope="row")]
    assert links == [f"/roles/{m.role}/" for m in rest]


def test_profile_shows_salaries_for_the_chosen_country_and_level(
    user_client, user, catalogue, submit
):
    assessment = submit(
        user,
        levels_for(catalogue, 2, **SEO_PEAK),
        settings={"country": "US", "experience_level": "entry"},
    )
    root = page(user_client.get(profile_url(assessment)))
    section = root.find_all("section", aria_labelledby="roles-title")[0]
    assert section.find_all("p", class_="small")[0].text == (
        "Salary bands for United States, entry level."
    )
    first = section.find_all("article")[0]
    assert first.find_all("h3")[0].text == "SEO Specialist"
    band = Role.objects.get(slug="seo-specialist").salary_bands.get(
        country="US", experience_level="entry"
    )
    high = f"${band.high:,}" + ("+" if band.high_is_open else "")
    assert first.find_all("p")[1].text == f"Salary: ${band.low:,} – {high} a year (USD, 2025)"


def test_profile_shows_the_target_role_with_its_gaps(user_client, profile, expected):
    root = page(user_client.get(profile_url(profile)))
    section = root.find_all("section", aria_labelledby="target-title")[0]
    heading = section.by_id("target-title")
    assert heading.text == "Your target role: Head of Digital / Marketing Director, 54% fit"
    assert heading.find_all("a")[0].attrs["href"] == "/roles/marketing-director/"
    # Its gaps are there for reference, folded: the next steps are the list to follow.
    details = section.find_all("details")[0]
    assert details.find_all("summary")[0].text == (
        "Every requirement of Head of Digital / Marketing Director you have not met yet"
        f" ({len(expected.target.gaps)})"
    )
    gaps = [cells(row) for row in details.find_all("tbody")[0].find_all("tr")]
    assert gaps == [
        [g.name, str(g.have), str(g.need), Weight(g.weight).label] for g in expected.target.gaps
    ]
    assert gaps[0] == ["Strategic marketing planning", "2", "5", "Essential"]
    # The source's UK figures for a senior marketing director.
    assert section.find_all("p")[0].text == (
        "Salary in United Kingdom, senior level: £75,000 – £100,000 a year (GBP, 2025)."
    )
    # The target section comes before the next steps it steers.
    ids = [node.attrs["aria-labelledby"] for node in root.find_all("section")]
    assert ids.index("target-title") < ids.index("actions-title")


def test_profile_of_a_target_met_in_full_says_so_and_marks_no_step(
    user_client, user, catalogue, submit
):
    assessment = submit(
        user,
        levels_for(catalogue, 2, **SEO_PEAK),
        settings={"target_role": Role.objects.get(slug="seo-specialist")},
    )
    root = page(user_client.get(profile_url(assessment)))
    section = root.find_all("section", aria_labelledby="target-title")[0]
    assert section.by_id("target-title").text == "Your target role: SEO Specialist, 100% fit"
    assert section.find_all("details") == []
    assert section.find_all("p")[-1].text == "You meet every requirement of this role."
    steps = root.find_all("section", aria_labelledby="actions-title")[0]
    assert steps.find_all("span", class_="badge") == []


def test_profile_of_flat_ratings_says_what_that_means_for_its_fits(
    user_client, user, catalogue, submit
):
    assessment = submit(user, levels_for(catalogue, 3))
    flat = scoring.score(catalogue, levels_for(catalogue, 3)).warnings
    assert [w.code for w in flat] == ["flat-ratings"]
    note = page(user_client.get(profile_url(assessment))).by_id("warning-flat-ratings")
    assert [p.text for p in note.find_all("p")] == [
        "Read these numbers with care",
        flat[0].message,
    ]
    assert note.attrs["role"] == "note"


def test_profile_without_warnings_shows_none(user_client, user, catalogue, submit):
    # Four ratings above 0 are too few to call flat.
    assessment = submit(user, levels_for(catalogue, 0, **SEO_PEAK))
    root = page(user_client.get(profile_url(assessment)))
    assert root.find_all(class_="alert-warning") == []


def test_the_live_preview_warns_of_flat_ratings(user_client, user, catalogue):
    draft, _ = start_assessment(user)
    save_draft(draft, levels=levels_for(catalogue, 2))
    root = page(user_client.get(reverse("assessments:edit", kwargs={"pk": draft.pk})))
    flat = scoring.score(catalogue, levels_for(catalogue, 2)).warnings
    assert root.by_id("preview-warning-flat-ratings").text == flat[0].message


def test_a_version_1_profile_without_discipline_sentences_shows_the_scores_alone(
    user_client, profile
):
    result = dict(profile.result)
    result["explanations"] = {k: v for k, v in result["explanations"].items() if k != "disciplines"}
    Assessment.objects.filter(pk=profile.pk).update(result=result, scoring_version="1")
    root = page(user_client.get(profile_url(profile)))
    table = root.find_all("section", aria_labelledby="table-title")[0]
    disciplines = table.find_all("th", scope="row")
    assert disciplines[0].text == "Content strategy"
    assert [th.text for th in disciplines if th.find_all("span")] == []


def rescored_url(assessment):
    return reverse("assessments:rescored", kwargs={"pk": assessment.pk})


def test_profile_of_the_current_model_offers_no_rescoring(user_client, profile):
    root = page(user_client.get(profile_url(profile)))
    assert root.find_all(id="scoring-version") == []
    assert root.find_all("p", class_="small")[-1].text == (
        f"Scored with version {SCORING_VERSION} of the scoring model; this profile does not"
        " change when the catalogue does."
    )


def test_profile_of_an_older_model_says_so_and_offers_it_scored_again(user_client, profile):
    Assessment.objects.filter(pk=profile.pk).update(scoring_version="0")
    note = page(user_client.get(profile_url(profile))).by_id("scoring-version")
    assert note.text == (
        f"Scored with version 0 of the scoring model; the current model is version"
        f" {SCORING_VERSION}, and this profile stays as it was scored. See these ratings"
        f" scored with version {SCORING_VERSION}"
    )
    assert note.find_all("a")[0].attrs["href"] == rescored_url(profile)


def test_scoring_again_shows_todays_model_and_saves_nothing(user_client, profile, catalogue):
    Assessment.objects.filter(pk=profile.pk).update(scoring_version="0")
    # Retired since the submit: left out of the new score, kept in the stored one.
    Competency.objects.filter(slug="keyword-research").update(is_active=False)
    before = stored(profile)

    root = page(user_client.get(rescored_url(profile)))

    now = catalogue_snapshot()
    ratings = levels_for(catalogue, 2, **SEO_PEAK)
    del ratings["keyword-research"]
    again = scoring.score(now, ratings, ["seo"], "marketing-director")
    assert root.find_all("h1")[0].text == "Your T of 6 January 2025, scored again"
    assert root.find_all("p", class_="lead")[0].text == (
        f"{again.shape_label} · depth {again.depth} · breadth {again.breadth} ·"
        f" phase {again.phase}: {again.phase_name}"
    )
    assert root.find_all("div", role="note")[0].text == (
        "These are the ratings you submitted on 6 January 2025, scored with today's model"
        f" (version {SCORING_VERSION}) and catalogue. This is a preview: your history keeps"
        " the profile as it was scored (version 0)."
    )
    assert root.find_all("p", class_="small")[-1].text == (
        f"Scored just now with version {SCORING_VERSION} of the scoring model and today's"
        " catalogue; nothing of it is saved."
    )
    assert root.find_all(id="scoring-version") == []
    assert stored(profile) == before


def test_scoring_a_draft_again_leads_to_its_form(user_client, user, catalogue):
    draft, _ = start_assessment(user)
    response = user_client.get(rescored_url(draft))
    assertRedirects(response, reverse("assessments:edit", kwargs={"pk": draft.pk}))


def test_profile_without_a_target_has_no_target_section(user_client, user, catalogue, submit):
    assessment = submit(user, levels_for(catalogue, 1))
    root = page(user_client.get(profile_url(assessment)))
    assert root.find_all(id="target-title") == []


def test_profile_stays_as_submitted_when_the_catalogue_changes(
    user_client, profile, expected, catalogue
):
    def frozen_part(response):
        # The ratings table names each competency as the catalogue does today: the ratings
        # are the person's own record, not part of the scored profile.
        root = page(response)
        return root.by_id("main").text.replace(root.by_id("evidence").text, "")

    before = frozen_part(user_client.get(profile_url(profile)))

    director = Role.objects.get(slug="marketing-director")
    director.name = "Chief Marketing Strategist"
    director.save()
    Role.objects.filter(slug="seo-specialist").update(name="Search Specialist")
    Competency.objects.filter(slug="strategic-planning").update(
        is_active=False, name="Renamed planning"
    )
    LearningResource.objects.filter(competency__slug="strategic-planning").update(
        title="Another book"
    )
    Competency.objects.filter(slug="keyword-research").update(is_active=False)

    response = user_client.get(profile_url(profile))
    after = frozen_part(response)
    assert after == before
    assert "Renamed planning" in page(response).by_id("evidence").text
    assert "Head of Digital / Marketing Director" in after
    assert "Chief Marketing Strategist" not in after
    profile.refresh_from_db()
    assert (profile.depth, profile.breadth) == (expected.depth, expected.breadth)


def test_profile_of_a_retired_role_keeps_its_name_without_a_link(user_client, profile):
    Role.objects.filter(slug="seo-specialist").update(is_active=False)
    root = page(user_client.get(profile_url(profile)))
    first = root.find_all("section", aria_labelledby="roles-title")[0].find_all("article")[0]
    heading = first.find_all("h3")[0]
    assert (heading.text, heading.find_all("a")) == ("SEO Specialist", [])


def test_profile_links_to_the_comparison_with_the_previous_one(
    user_client, user, catalogue, submit
):
    first = submit(user, levels_for(catalogue, 1))
    second = submit(user, levels_for(catalogue, 2))
    root = page(user_client.get(profile_url(second)))
    link = [a for a in root.find_all("a") if a.text == "Compare with your previous assessment"]
    assert [a.attrs["href"] for a in link] == [compare_url(first.pk, second.pk)]
    root = page(user_client.get(profile_url(first)))
    assert not [a for a in root.find_all("a") if a.text.startswith("Compare with")]


def test_profile_of_a_draft_goes_to_the_form(user_client, user, catalogue):
    draft = start_assessment(user)[0]
    response = user_client.get(profile_url(draft))
    assertRedirects(
        response,
        reverse("assessments:edit", kwargs={"pk": draft.pk}),
        fetch_redirect_response=False,
    )


# --- history ----------------------------------------------------------------------------


@pytest.fixture
def three(user, catalogue, submit):
    """Three submitted assessments a week apart, growing deeper in SEO; and a draft."""
    done = [
        submit(user, levels_for(catalogue, 1, keyword_research=3)),
        submit(user, levels_for(catalogue, 2, keyword_research=5, technical_seo=5)),
        submit(user, levels_for(catalogue, 2, **SEO_PEAK)),
    ]
    save_draft(start_assessment(user)[0], levels={"ab-testing": 5})
    return done


def test_history_lists_every_submitted_assessment_oldest_first(user_client, three):
    root = page(user_client.get(reverse("assessments:history")))
    table = root.find_all("table")[0]
    assert cells(table.find_all("thead")[0].find_all("tr")[0]) == [
        "Submitted",
        "Shape",
        "Phase",
        "Depth",
        "Breadth",
        "Producers",
        "Distributors",
        "Converters & Nurturers",
        "Architects",
    ]
    rows = table.find_all("tbody")[0].find_all("tr")
    assert [cells(row) for row in rows] == [
        ["6 Jan 2025", "Emerging", "1", "33", "52", "20", "23", "20", "20"],
        ["13 Jan 2025", "T-shaped (changed)", "3 (changed)", "80", "100", "40", "50", "40", "40"],
        ["20 Jan 2025", "T-shaped", "3", "93", "100", "40", "55", "40", "40"],
    ]
    assert [row.find_all("a")[0].attrs["href"] for row in rows] == [profile_url(a) for a in three]


def test_history_chart_draws_depth_and_breadth(user_client, three):
    root = page(user_client.get(reverse("assessments:history")))
    svg = root.find_all("svg", class_="chart")[0]
    assert svg.by_id("history-chart-title").text == "Depth and breadth over time"
    paths = [(p.attrs["stroke"], p.attrs["d"]) for p in svg.find_all("path")]
    # Depth 33, 80, 93; breadth 52, 100, 100; x at 46, 212 and 378.
    assert paths == [
        ("#1d3557", "M46.0,155.3 L212.0,66.0 L378.0,41.3"),
        ("#b5451b", "M46.0,119.2 L212.0,28.0 L378.0,28.0"),
    ]
    # Every point is labelled with its value.
    values = [t.text for g in svg.find_all("g", class_="history-line") for t in g.find_all("text")]
    assert values == ["33", "80", "93", "52", "100", "100"]
    legend = root.find_all("ul", class_="history-legend")[0]
    assert [li.text.strip() for li in legend.find_all("li")][:4] == [
        "Depth, dots with their values",
        "Breadth, squares with their values",
        "Deep (80), for depth",
        "Broad (75), for breadth",
    ]
    assert [t.text for t in svg.find_all("text")][-3:] == [
        "6 Jan 2025",
        "13 Jan 2025",
        "20 Jan 2025",
    ]
    assert [t.attrs["x"] for t in svg.find_all("text")][-3:] == ["46.0", "212.0", "355.9"]


def test_history_offers_to_compare_the_last_two(user_client, three):
    root = page(user_client.get(reverse("assessments:history")))
    form = root.find_all("section", aria_labelledby="compare-title")[0].find_all("form")[0]
    assert form.attrs["action"] == reverse("assessments:compare")
    for select, chosen in [("compare-a", three[1]), ("compare-b", three[2])]:
        options = root.by_id(select).find_all("option")
        assert [(o.attrs["value"], o.text) for o in options] == [
            (str(three[0].pk), "6 Jan 2025"),
            (str(three[1].pk), "13 Jan 2025"),
            (str(three[2].pk), "20 Jan 2025"),
        ]
        assert [o.attrs["value"] for o in options if "selected" in o.attrs] == [str(chosen.pk)]


def test_history_dates_follow_the_site_time_zone(user_client, user, catalogue, submit, settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    late = dt.datetime(2025, 1, 6, 22, 30, tzinfo=dt.UTC)  # 7 January in Auckland
    submit(user, levels_for(catalogue, 1), when=late)
    submit(user, levels_for(catalogue, 2), when=late + dt.timedelta(days=1))
    root = page(user_client.get(reverse("assessments:history")))
    table_dates = [
        row.find_all("th")[0].text
        for row in root.find_all("table")[0].find_all("tbody")[0].find_all("tr")
    ]
    chart_dates = [t.text for t in root.find_all("svg", class_="chart")[0].find_all("text")][-2:]
    options = [o.text for o in root.by_id("compare-a").find_all("option")]
    assert table_dates == chart_dates == options == ["7 Jan 2025", "8 Jan 2025"]


@pytest.fixture
def same_day(user, catalogue, submit):
    """Two assessments submitted on 25 November 2026 (in the afternoon and the evening) and
    one the next week: only the first two need their time to be told apart."""
    afternoon = dt.datetime(2026, 11, 25, 14, 5, tzinfo=dt.UTC)
    return [
        submit(user, levels_for(catalogue, 1), when=afternoon),
        submit(user, levels_for(catalogue, 2), when=afternoon + dt.timedelta(hours=4)),
        submit(user, levels_for(catalogue, 3), when=afternoon + dt.timedelta(weeks=1)),
    ]


SAME_DAY_LABELS = ["25 Nov 2026, 14:05", "25 Nov 2026, 18:05", "2 Dec 2026"]


def test_history_gives_the_time_of_assessments_submitted_on_the_same_day(user_client, same_day):
    root = page(user_client.get(reverse("assessments:history")))
    rows = root.find_all("table")[0].find_all("tbody")[0].find_all("tr")
    assert [row.find_all("th")[0].text for row in rows] == SAME_DAY_LABELS
    for select in ("compare-a", "compare-b"):
        options = root.by_id(select).find_all("option")
        assert [(o.attrs["value"], o.text) for o in options] == [
            (str(a.pk), label) for a, label in zip(same_day, SAME_DAY_LABELS, strict=True)
        ]


def test_same_day_times_follow_the_site_time_zone(user_client, same_day, settings):
    # 14:05 and 18:05 UTC are 03:05 and 07:05 on 26 November in Auckland.
    settings.TIME_ZONE = "Pacific/Auckland"
    root = page(user_client.get(reverse("assessments:history")))
    rows = root.find_all("table")[0].find_all("tbody")[0].find_all("tr")
    assert [row.find_all("th")[0].text for row in rows] == [
        "26 Nov 2026, 03:05",
        "26 Nov 2026, 07:05",
        "3 Dec 2026",
    ]


def test_history_with_one_assessment_draws_a_single_point(user_client, user, catalogue, submit):
    submit(user, levels_for(catalogue, 2))
    root = page(user_client.get(reverse("assessments:history")))
    svg = root.find_all("svg", class_="chart")[0]
    assert [p.attrs["d"] for p in svg.find_all("path")][:2] == ["M212.0,142.0", "M212.0,28.0"]
    section = root.find_all("section", aria_labelledby="compare-title")[0]
    assert section.find_all("p")[0].text == "Submit a second assessment to compare what changed."


def test_history_of_someone_with_only_a_draft_is_empty(user_client, user, catalogue):
    save_draft(start_assessment(user)[0], levels={"ab-testing": 1})
    root = page(user_client.get(reverse("assessments:history")))
    assert root.find_all("svg", class_="chart") == []
    assert root.find_all("p", class_="lead")[0].text == (
        "Nothing here yet: your history starts with your first submitted assessment."
    )


def test_history_shows_only_the_owners_assessments(user_client, stranger, catalogue, submit):
    submit(stranger, levels_for(catalogue, 3))
    root = page(user_client.get(reverse("assessments:history")))
    assert root.find_all("table") == []


# --- comparison -------------------------------------------------------------------------


@pytest.fixture
def pair(user, catalogue, submit):
    before = submit(user, levels_for(catalogue, 2, ab_testing=1, paid_search=3, brand_voice=4))
    after = submit(
        user,
        levels_for(catalogue, 2, ab_testing=4, paid_search=2, brand_voice=0, go_to_market=3),
    )
    return before, after


def test_comparison_across_model_versions_says_so(user_client, pair):
    before, after = pair
    Assessment.objects.filter(pk=before.pk).update(scoring_version="0")
    root = page(user_client.get(compare_url(before.pk, after.pk)))
    assert root.by_id("compare-versions").text == (
        f"These two were scored with different versions of the scoring model (0 and"
        f" {SCORING_VERSION}), so their depth, breadth, shape and phase are not like for like;"
        " the ratings below are."
    )


def comparison_rows(root):
    body = root.by_id("comparison").find_all("tbody")[0]
    return {cells(row)[0]: cells(row)[1:] for row in body.find_all("tr")}


def test_comparison_lists_the_competencies_that_changed(user_client, pair, catalogue):
    before, after = pair
    root = page(user_client.get(compare_url(before.pk, after.pk)))

    block = root.by_id("comparison")
    assert block.find_all("h2")[0].text == "6 Jan 2025 → 13 Jan 2025"
    sentences = summary(
        Side(SHAPE_LABELS[before.shape], before.phase, before.depth, before.breadth),
        Side(SHAPE_LABELS[after.shape], after.phase, after.depth, after.breadth),
        Counts(2, 2, 44),
    )
    assert sentences[0] == "2 competencies rose, 2 fell and 44 stayed the same."
    assert sentences[1].startswith("The shape ")
    assert block.by_id("compare-summary").text == " ".join(sentences)
    assert root.find_all(id="compare-versions") == []
    assert comparison_rows(root) == {
        "Brand voice and editing": ["Copywriting", "4", "0", "▼ fell by 4"],
        "Paid search campaigns": ["Paid media (PPC)", "3", "2", "▼ fell by 1"],
        "Experiment design and A/B testing": ["Conversion optimisation", "1", "4", "▲ rose by 3"],
        "Go-to-market strategy": ["Marketing strategy", "2", "3", "▲ rose by 1"],
    }
    toggle = block.by_id("rows-toggle")
    assert toggle.text == "Show all 48 competencies, the 44 unchanged included"
    assert toggle.attrs["href"] == compare_url(before.pk, after.pk) + "&rows=all"
    assert toggle.attrs["hx-get"] == toggle.attrs["href"]


def test_comparison_shows_every_competency_when_asked(user_client, pair, catalogue):
    before, after = pair
    root = page(user_client.get(compare_url(before.pk, after.pk) + "&rows=all"))
    rows = comparison_rows(root)
    assert list(rows) == [c.name for c in catalogue.competencies]
    assert rows["Technical SEO"] == ["Search engine optimisation", "2", "2", "unchanged"]
    toggle = root.by_id("rows-toggle")
    assert toggle.text == "Show only the competencies that changed"
    assert toggle.attrs["href"] == compare_url(before.pk, after.pk)
    # Choosing another pair keeps every row.
    assert root.find_all("input", type="hidden", value="all")[0].attrs["name"] == "rows"


def test_comparison_draws_the_later_t_over_the_earlier(user_client, pair):
    before, after = pair
    root = page(user_client.get(compare_url(before.pk, after.pk)))
    svg = root.find_all("svg", class_="t-chart")[0]
    assert svg.by_id("overlay-chart-title").text == (
        "Your T on 13 Jan 2025, over your T on 6 Jan 2025"
    )
    layers = ", ".join(f"{layer['name']} {layer['score']}" for layer in before.result["layers"])
    assert f"Dashed outline, your T on 6 Jan 2025: {layers}; stem" in (
        svg.by_id("overlay-chart-desc").text
    )
    assert len(svg.find_all("rect", class_="t-outline")) >= 8


def test_comparison_puts_the_older_first_whatever_the_order_asked(user_client, pair):
    before, after = pair
    forwards = page(user_client.get(compare_url(before.pk, after.pk))).by_id("comparison")
    backwards = page(user_client.get(compare_url(after.pk, before.pk))).by_id("comparison")
    assert forwards.text == backwards.text


def test_comparison_partial_for_htmx_is_only_the_comparison(user_client, pair):
    before, after = pair
    response = user_client.get(compare_url(before.pk, after.pk), headers=HTMX)
    root = page(response)
    top = [node for node in root.children if not isinstance(node, str)]
    assert [node.attrs.get("id") for node in top] == ["comparison"]
    assert root.find_all("form") == []
    assert root.find_all("html") == []
    full = page(user_client.get(compare_url(before.pk, after.pk))).by_id("comparison")
    assert top[0].text == full.text
    assert "HX-Request" in response["Vary"]


def test_comparison_page_offers_every_submitted_assessment(user_client, pair):
    before, after = pair
    root = page(user_client.get(compare_url(before.pk, after.pk)))
    options = root.by_id("compare-a").find_all("option")
    assert [(o.attrs["value"], o.text, "selected" in o.attrs) for o in options] == [
        (str(before.pk), "6 Jan 2025", True),
        (str(after.pk), "13 Jan 2025", False),
    ]
    form = root.find_all("form", method="get")[0]
    assert (form.attrs["action"], form.attrs["hx-get"]) == ("/me/compare/", "/me/compare/")


def test_comparison_gives_the_time_of_assessments_submitted_on_the_same_day(user_client, same_day):
    first, second, _third = same_day
    root = page(user_client.get(compare_url(first.pk, second.pk)))
    for select, chosen in [("compare-a", first), ("compare-b", second)]:
        options = root.by_id(select).find_all("option")
        assert [(o.attrs["value"], o.text, "selected" in o.attrs) for o in options] == [
            (str(a.pk), label, a == chosen)
            for a, label in zip(same_day, SAME_DAY_LABELS, strict=True)
        ]
    assert root.by_id("comparison").find_all("h2")[0].text == (
        "25 Nov 2026, 14:05 → 25 Nov 2026, 18:05"
    )


def test_a_competency_rated_in_only_one_neither_rose_nor_fell(user_client, user, catalogue, submit):
    before = submit(user, levels_for(catalogue, 2, link_building=4))
    Competency.objects.filter(slug="link-building").update(is_active=False)
    after = submit(user, levels_for(catalogue_snapshot(), 2, keyword_research=3))

    root = page(user_client.get(compare_url(before.pk, after.pk)))

    assert (
        root.by_id("comparison")
        .find_all("p")[0]
        .text.startswith(
            "1 competency rose, 0 fell and 46 stayed the same; 1 was rated in only one of the two."
        )
    )
    assert comparison_rows(root)["Link building and digital PR"] == [
        "Search engine optimisation",
        "4",
        "—",
        "rated in one only",
    ]


@pytest.mark.parametrize(
    "query",
    ["", "?a=1", "?a=x&b=2", "?a=1&b=", "?a=1.5&b=2"],
)
def test_a_malformed_choice_goes_back_to_history_with_a_message(user_client, pair, query):
    response = user_client.get(reverse("assessments:compare") + query)
    assertRedirects(response, reverse("assessments:history"), fetch_redirect_response=False)
    root = page(user_client.get(reverse("assessments:history")))
    assert root.by_id("messages").text == "Pick two of your submitted assessments to compare."


def test_the_same_assessment_twice_goes_back_to_history_asking_for_two(user_client, pair):
    response = user_client.get(compare_url(pair[0].pk, pair[0].pk))
    assertRedirects(response, reverse("assessments:history"), fetch_redirect_response=False)
    root = page(user_client.get(reverse("assessments:history")))
    assert root.by_id("messages").text == "Choose two different assessments to compare."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?a={first}&b={first}", "Choose two different assessments to compare."),
        ("?a={first}&b=x", "Pick two of your submitted assessments to compare."),
        ("", "Pick two of your submitted assessments to compare."),
    ],
)
def test_a_choice_that_is_not_a_pair_answers_htmx_in_the_comparison_area(
    user_client, pair, query, message
):
    url = reverse("assessments:compare") + query.format(first=pair[0].pk)
    response = user_client.get(url, headers=HTMX)
    assert response.status_code == 422
    root = page(response)
    top = [node for node in root.children if not isinstance(node, str)]
    assert [node.attrs.get("id") for node in top] == ["comparison"]
    assert [(p.attrs["role"], p.text) for p in top[0].find_all("p")] == [("alert", message)]
    assert root.find_all("main") == root.find_all("header") == root.find_all("form") == []
    # The address stays that of the comparison shown before, and nothing is left queued.
    assert response["HX-Push-Url"] == "false"
    assert "HX-Request" in response["Vary"]
    assert page(user_client.get(reverse("assessments:history"))).by_id("messages").text == ""


def test_comparing_with_someone_elses_assessment_is_not_found(
    user_client, pair, stranger, catalogue, submit
):
    theirs = submit(stranger, levels_for(catalogue, 1))
    assert user_client.get(compare_url(pair[0].pk, theirs.pk)).status_code == 404
    assert user_client.get(compare_url(theirs.pk, pair[1].pk), headers=HTMX).status_code == 404


def test_comparing_with_a_draft_or_a_missing_assessment_is_not_found(user_client, user, pair):
    draft = start_assessment(user)[0]
    assert user_client.get(compare_url(pair[0].pk, draft.pk)).status_code == 404
    assert user_client.get(compare_url(pair[0].pk, 987654)).status_code == 404


# --- owner only -------------------------------------------------------------------------


def test_another_person_gets_404_for_every_page_of_an_assessment(
    client, user, stranger, catalogue, submit
):
    first = submit(user, levels_for(catalogue, 1))
    second = submit(user, levels_for(catalogue, 2))
    draft = start_assessment(user)[0]
    client.force_login(stranger)
    urls = [
        reverse("assessments:edit", kwargs={"pk": draft.pk}),
        reverse("assessments:edit", kwargs={"pk": second.pk}),
        profile_url(draft),
        profile_url(second),
        compare_url(first.pk, second.pk),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.get(url, headers=HTMX).status_code == 404, url
    # Their own pages show nothing of the other person's.
    root = page(client.get(reverse("assessments:dashboard")))
    assert root.find_all("button")[-1].text == "Rate every competency"


# --- dashboard --------------------------------------------------------------------------


def dashboard(client):
    return page(client.get(reverse("assessments:dashboard")))


def start_button(root):
    form = root.find_all("form", action=reverse("assessments:start"))[0]
    return form.find_all("button")[0].text


def test_dashboard_of_a_new_person_invites_them_to_rate(user_client, catalogue):
    root = dashboard(user_client)
    assert start_button(root) == "Rate every competency"
    assert root.find_all("a", href=reverse("assessments:quick-start"))[0].text == (
        "Get your first T in three minutes"
    )
    assert root.find_all("p", class_="lead")[0].text.startswith(
        "You have not rated your skills yet."
    )
    assert root.find_all("div", class_="alert-info") == []
    assert root.find_all(id="latest-title") == []


def test_dashboard_with_a_draft_offers_to_continue_it(user_client, user, catalogue):
    draft = start_assessment(user)[0]
    root = dashboard(user_client)
    assert start_button(root) == "Continue your draft"
    alert = root.find_all("div", class_="alert-info")[0]
    assert alert.text.startswith(
        f"You have a draft started {draft.created_at:%-d %B %Y}, saved just now. "
    )
    assert [(a.text, a.attrs["href"]) for a in alert.find_all("a")] == [
        ("Continue rating", reverse("assessments:edit", kwargs={"pk": draft.pk})),
        ("rate disciplines as a whole", reverse("assessments:quick-start")),
    ]
    assert root.find_all("p", class_="lead") == []


def test_dashboard_says_how_long_ago_an_older_draft_was_saved(user_client, user, catalogue):
    draft = start_assessment(user)[0]
    Assessment.objects.filter(pk=draft.pk).update(
        updated_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2, minutes=3)
    )
    alert = dashboard(user_client).find_all("div", class_="alert-info")[0]
    assert ", last saved 2 hours, 3 minutes ago. " in alert.text


def test_dashboard_with_submitted_assessments_shows_the_latest(
    user_client, user, catalogue, submit, profile
):
    older = Assessment.objects.get(pk=profile.pk)
    latest = submit(user, levels_for(catalogue, 3), when=FIRST_SUBMIT + dt.timedelta(days=30))
    root = dashboard(user_client)

    assert start_button(root) == "Reassess my skills"
    assert root.by_id("latest-title").text == "Your latest profile, 5 February 2025"
    numbers = root.find_all("section", aria_labelledby="numbers-title")[0].find_all("dl")[0]
    assert [
        (dt_.text, dd.text)
        for dt_, dd in zip(numbers.find_all("dt"), numbers.find_all("dd"), strict=True)
    ] == [
        ("Shape", latest.result["shape_label"]),
        ("Depth", f"{latest.depth} in {latest.result['depth_discipline_name']}"),
        ("Breadth", str(latest.breadth)),
        ("Roadmap phase", f"{latest.phase}: {latest.result['phase_name']}"),
        (
            "Best-fitting role",
            f"{latest.result['matches'][0]['name']} ({latest.result['matches'][0]['fit']}%)",
        ),
    ]
    recent = root.find_all("section", aria_labelledby="recent-title")[0].find_all("li")
    assert [li.text for li in recent] == [
        f"5 February 2025 — {latest.result['shape_label']}, depth {latest.depth},"
        f" breadth {latest.breadth}",
        f"6 January 2025 — T-shaped, depth {older.depth}, breadth {older.breadth}",
    ]
    assert root.by_id("latest-chart-title").text == "Your latest T"


def test_dashboard_with_both_a_draft_and_a_profile(user_client, user, profile):
    start_assessment(user)
    root = dashboard(user_client)
    assert start_button(root) == "Continue your draft"
    assert root.by_id("latest-title").text == "Your latest profile, 6 January 2025"
    # One profile only: no list of recent ones.
    assert root.find_all(id="recent-title") == []
