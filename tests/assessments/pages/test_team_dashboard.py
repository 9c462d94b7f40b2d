"""The coverage dashboard, people search, member pages and CSV exports of a team."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from assessments.domain.profile import SCORING_VERSION
from assessments.models import Assessment
from assessments.pages import teams as team_pages
from assessments.services.assessments import save_draft, start_assessment
from assessments.services.teams import create_team, join_team
from tests.assessments.conftest import HTMX, levels_for, page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(catalogue, submit):
    """Ann (content 100, copy 80), Ben (SEO 100, social 60, copy 60) and Cat (a draft
    only), managed by Boss, who has not rated themselves."""
    boss = UserFactory(username="boss", first_name="Bea", last_name="Boss")
    team = create_team("Studio", boss)
    ann = UserFactory(username="ann", first_name="Ann", last_name="Archer")
    ben = UserFactory(username="ben", first_name="Ben", last_name="Baker")
    cat = UserFactory(username="cat", first_name="Cat", last_name="Cole")
    for person in (ann, ben, cat):
        join_team(team, person)
    submit(
        ann,
        levels_for(
            catalogue,
            audience_research=5,
            editorial_planning=5,
            content_performance=5,
            persuasive_copywriting=4,
            ad_copywriting=4,
            brand_voice=4,
        ),
    )
    submit(
        ben,
        levels_for(
            catalogue,
            keyword_research=5,
            technical_seo=5,
            link_building=5,
            social_content_publishing=3,
            social_engagement=3,
            social_strategy=3,
            persuasive_copywriting=3,
            ad_copywriting=3,
            brand_voice=3,
        ),
    )
    draft, _ = start_assessment(cat)
    save_draft(draft, levels=levels_for(catalogue, default=5))
    return {"team": team, "boss": boss, "ann": ann, "ben": ben, "cat": cat}


@pytest.fixture
def boss_client(client, team):
    client.force_login(team["boss"])
    return client


def test_heatmap_shows_latest_submitted_scores_and_lists_pending_apart(boss_client, team):
    response = boss_client.get("/teams/studio/coverage/")
    assert response.status_code == 200
    content = response.content.decode()
    # Bea manages and has not taken part: she is not waited for.
    assertContains(response, "3 members: 2 with a submitted profile, 1 still to submit.")
    heatmap = content[
        content.index('<section id="heatmap"') : content.index(
            "</section>", content.index('<section id="heatmap"')
        )
    ]
    assert heatmap.count("<tr>") == 3  # header + Ann + Ben
    assert heatmap.index("Ann Archer") < heatmap.index("Ben Baker")
    assertContains(response, '<td class="text-center band-expert">100</td>', count=2, html=True)
    assertContains(response, '<td class="text-center band-advanced">80</td>', count=1, html=True)
    # Cat's draft is never read: she is listed as not submitted, her 5s appear nowhere.
    assertContains(response, '<h3 class="h6">Not submitted yet (1)</h3>', html=True)
    assertContains(response, '<p class="small">Cat Cole</p>', html=True)


def test_sorting_by_a_discipline(boss_client, team):
    response = boss_client.get("/teams/studio/coverage/?sort=seo")
    content = response.content.decode()
    assert content.index("Ben Baker") < content.index("Ann Archer")
    assertContains(response, 'aria-sort="descending"')
    unknown = boss_client.get("/teams/studio/coverage/?sort=%3Cscript%3E")
    assert unknown.status_code == 200
    unknown_content = unknown.content.decode()
    assert unknown_content.index("Ann Archer") < unknown_content.index("Ben Baker")
    assert "<script>" not in unknown_content.split("</head>")[1]


def test_heatmap_partial_for_htmx(boss_client, team):
    response = boss_client.get(
        "/teams/studio/coverage/?sort=depth&part=heatmap", headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="heatmap"')
    assert "Ecosystem health" not in content
    assert response["Vary"] == "HX-Request, Cookie, Accept-Encoding"


@pytest.mark.parametrize(
    ("query", "caption"),
    [
        ("", "Discipline scores per member, sorted by name; page 1 of 1"),
        (
            "?sort=seo",
            "Discipline scores per member, sorted by Search engine optimisation; page 1 of 1",
        ),
        ("?sort=depth", "Discipline scores per member, sorted by depth; page 1 of 1"),
        ("?sort=breadth", "Discipline scores per member, sorted by breadth; page 1 of 1"),
        ("?sort=nope", "Discipline scores per member, sorted by name; page 1 of 1"),
    ],
)
def test_the_heatmap_caption_names_the_sort(boss_client, team, query, caption):
    for headers, url in [
        ({}, "/teams/studio/coverage/" + query),
        (HTMX, "/teams/studio/coverage/" + (query or "?") + "&part=heatmap"),
    ]:
        root = page(boss_client.get(url, headers=headers))
        captions = root.by_id("heatmap").find_all("caption")
        assert [node.text for node in captions] == [caption]


def test_sorting_with_htmx_puts_the_sort_in_the_address(boss_client, team, catalogue):
    root = page(boss_client.get("/teams/studio/coverage/"))
    links = root.by_id("heatmap").find_all("thead")[0].find_all("a")
    keys = ["name", *(d.slug for d in catalogue.disciplines), "depth", "breadth"]
    # Without JavaScript the link carries the sort; with htmx the swap asks for the heatmap
    # alone and the address becomes the page's own, so a reload or a shared link keeps it.
    assert [(a.attrs["href"], a.attrs["hx-get"], a.attrs["hx-push-url"]) for a in links] == [
        (f"?sort={key}#heatmap", f"?sort={key}&part=heatmap", f"/teams/studio/coverage/?sort={key}")
        for key in keys
    ]
    reloaded = page(boss_client.get(links[-2].attrs["hx-push-url"]))
    assert reloaded.by_id("heatmap").find_all("th", aria_sort="descending")[0].text == "Depth"


def test_paging_with_htmx_puts_the_page_in_the_address(boss_client, team, monkeypatch):
    monkeypatch.setattr(team_pages, "HEATMAP_PAGE_SIZE", 1)
    first = page(boss_client.get("/teams/studio/coverage/?sort=seo"))
    [next_link] = first.by_id("heatmap").find_all("nav")[0].find_all("a")
    assert (next_link.text, next_link.attrs["hx-push-url"]) == (
        "Next",
        "/teams/studio/coverage/?sort=seo&page=2",
    )
    second = page(
        boss_client.get("/teams/studio/coverage/?sort=seo&page=2&part=heatmap", headers=HTMX)
    )
    [previous_link] = second.by_id("heatmap").find_all("nav")[0].find_all("a")
    assert (previous_link.text, previous_link.attrs["hx-push-url"]) == (
        "Previous",
        "/teams/studio/coverage/?sort=seo&page=1",
    )


@pytest.mark.parametrize("page", ["0", "-3", "99", "x"])
def test_out_of_range_pages_fall_back_to_a_real_page(boss_client, team, page):
    response = boss_client.get(f"/teams/studio/coverage/?page={page}")
    assert response.status_code == 200
    assertContains(response, "Ann Archer")


def test_coverage_flags_single_points_of_failure_and_gaps(boss_client, team):
    response = boss_client.get("/teams/studio/coverage/")
    assertContains(
        response,
        "<li><strong>Single points of failure</strong> (one person at level 3+): "
        "Content strategy (Ann Archer), Search engine optimisation (Ben Baker), "
        "Social media (Ben Baker).</li>",
        html=True,
    )
    # Copywriting is covered twice (Ann 80, Ben 60): no flag, both go-to people listed.
    assertContains(response, "<td>Ann Archer (80), Ben Baker (60)</td>", html=True)


def test_no_architect_diagnostic_with_its_numbers(boss_client, team):
    response = boss_client.get("/teams/studio/coverage/")
    assertContains(response, '<h3 class="h5 alert-heading">No architect</h3>', html=True)
    assertContains(
        response,
        "The best Architects layer score among the 2 assessed members is 0 (working level is 40).",
    )
    assertNotContains(response, "Leaky bucket")


def test_layer_balance_and_shape_mix(boss_client, team):
    response = boss_client.get("/teams/studio/coverage/")
    # Producers: best content 100, copy 80, design 0, UX 0 → strength 45.
    assertContains(
        response,
        '<tr><th scope="row" class="fw-normal">Producers</th><td class="text-end">45.0</td>',
    )
    assertContains(
        response,
        '<tr><th scope="row" class="fw-normal">I-shaped specialist</th>'
        '<td class="text-end">2</td></tr>',
        html=True,
    )


def test_people_search_plain_and_htmx(boss_client, team):
    url = "/teams/studio/people/?competency=persuasive-copywriting&level=3"
    response = boss_client.get(url)
    assertContains(response, "2 members at level 3 or above in Persuasive copywriting")
    content = response.content.decode()
    assert content.index("Ann Archer") < content.index("Ben Baker")
    partial = boss_client.get(url.replace("level=3", "level=4"), headers={"HX-Request": "true"})
    partial_content = partial.content.decode()
    assert "<h1>" not in partial_content
    assert "1 member at level 4 or above in Persuasive copywriting" in partial_content
    assert "Ben Baker" not in partial_content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("competency=nope&level=3", "Choose a competency from the list."),
        ("competency=keyword-research&level=9", "Choose a level from 0 to 5."),
        ("competency=keyword-research&level=abc", "Choose a level from 0 to 5."),
    ],
)
def test_malformed_search_says_why(boss_client, team, query, message):
    response = boss_client.get(f"/teams/studio/people/?{query}")
    assert response.status_code == 422
    assertContains(response, message, status_code=422)


def test_manager_sees_a_members_latest_submitted_profile(boss_client, team, submit, catalogue):
    latest = submit(team["ann"], levels_for(catalogue, audience_research=2))
    response = boss_client.get(f"/teams/studio/members/{team['ann'].pk}/")
    assertContains(response, f"Ann Archer's T on {latest.submitted_at:%-d %B %Y}")
    assert response.context["assessment"] == latest
    history = boss_client.get(f"/teams/studio/members/{team['ann'].pk}/history/")
    assert [row["assessment"].pk for row in history.context["rows"]] == list(
        Assessment.objects.filter(owner=team["ann"], status="submitted")
        .order_by("submitted_at")
        .values_list("pk", flat=True)
    )
    assertNotContains(history, "Compare two assessments")


def test_a_manager_is_told_an_older_model_scored_a_profile_with_no_rescoring_link(
    boss_client, team, submit, catalogue
):
    latest = submit(team["ann"], levels_for(catalogue, audience_research=2))
    Assessment.objects.filter(pk=latest.pk).update(scoring_version="0")
    root = page(boss_client.get(f"/teams/studio/members/{team['ann'].pk}/"))
    note = root.by_id("scoring-version")
    assert note.text == (
        f"Scored with version 0 of the scoring model; the current model is version"
        f" {SCORING_VERSION}, and this profile stays as it was scored."
    )
    assert note.find_all("a") == []


def test_a_draft_only_member_has_no_profile_for_the_manager(boss_client, team):
    response = boss_client.get(f"/teams/studio/members/{team['cat'].pk}/")
    assert response.status_code == 404
    assertContains(response, "Cat Cole has not submitted an assessment yet", status_code=404)
    history = boss_client.get(f"/teams/studio/members/{team['cat'].pk}/history/")
    assert history.context["rows"] == []


def _read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_heatmap_export(boss_client, team):
    response = boss_client.get("/teams/studio/export/heatmap.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="studio-heatmap-')
    rows = _read_csv(response)
    assert rows[0][:3] == ["Member", "Content strategy", "Copywriting"]
    assert rows[0][-4:] == ["Depth", "Breadth", "Shape", "Submitted"]
    assert [row[0] for row in rows[1:]] == ["Ann Archer", "Ben Baker"]
    assert rows[1][1:3] == ["100", "80"]


def test_coverage_export(boss_client, team):
    rows = _read_csv(boss_client.get("/teams/studio/export/coverage.csv"))
    assert rows[0] == [
        "Discipline",
        "Layer",
        "Members at proficient (3+)",
        "Members at advanced (4+)",
        "Best score",
        "Single point of failure",
        "Nobody covers it",
        "Go-to people",
    ]
    assert rows[1] == [
        "Content strategy",
        "Producers",
        "1",
        "1",
        "100",
        "yes",
        "no",
        "Ann Archer (100)",
    ]
    assert rows[2] == [
        "Copywriting",
        "Producers",
        "2",
        "1",
        "80",
        "no",
        "no",
        "Ann Archer (80); Ben Baker (60)",
    ]


def test_exports_neutralise_formulas_in_names(boss_client, team):
    team["ann"].first_name = '=HYPERLINK("http://x")'
    team["ann"].last_name = ""
    team["ann"].save()
    rows = _read_csv(boss_client.get("/teams/studio/export/heatmap.csv"))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    coverage_rows = _read_csv(boss_client.get("/teams/studio/export/coverage.csv"))
    assert coverage_rows[1][-1] == '\'=HYPERLINK("http://x") (100)'


def test_unknown_export_is_404(boss_client, team):
    assert boss_client.get("/teams/studio/export/secrets.csv").status_code == 404


def _grow(team, catalogue, submit, count):
    for index in range(count):
        person = UserFactory()
        join_team(team["team"], person)
        if index % 3:
            submit(person, levels_for(catalogue, default=index % 6))


@pytest.mark.parametrize(
    "url",
    [
        "/teams/studio/coverage/",
        "/teams/studio/people/?competency=keyword-research&level=1",
        "/teams/studio/export/heatmap.csv",
        "/teams/studio/",
    ],
)
def test_team_pages_run_a_fixed_number_of_queries(
    boss_client, team, catalogue, submit, url, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as small:
        assert boss_client.get(url).status_code == 200
    _grow(team, catalogue, submit, 27)
    with django_assert_num_queries(len(small)):
        assert boss_client.get(url).status_code == 200
