"""The assessment form: rating, autosave, plain save, bad input, submit and starting anew.

Every rejected request is checked to have stored nothing; every accepted one to have stored
exactly what was posted and nothing else.
"""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertRedirects

from assessments.domain import scoring
from assessments.domain.profile import SCORING_VERSION
from assessments.models import Assessment, Rating
from assessments.pages.assessments import NO_EXPOSURE
from assessments.services.assessments import save_draft, start_assessment, submit_assessment
from careers.choices import Level
from careers.models import Competency, Discipline, LevelAnchor, Role
from tests.assessments.conftest import HTMX, form_data, levels_for, page, ratings_of, stored

pytestmark = pytest.mark.django_db


def edit_url(assessment, query=""):
    return reverse("assessments:edit", kwargs={"pk": assessment.pk}) + query


def profile_url(assessment):
    return reverse("assessments:profile", kwargs={"pk": assessment.pk})


@pytest.fixture
def draft(user):
    return start_assessment(user)[0]


def messages_text(response) -> str:
    return page(response).by_id("messages").text


# --- the rating page ------------------------------------------------------------------------


def test_each_competency_has_labelled_level_radios_with_its_anchors(user_client, draft, catalogue):
    steps = {
        d.slug: page(user_client.get(edit_url(draft, f"?step={d.slug}")))
        for d in catalogue.disciplines
    }
    anchors = {
        (slug, level): text
        for slug, level, text in LevelAnchor.objects.values_list(
            "competency__slug", "level", "description"
        )
    }
    for competency in catalogue.competencies:
        row = steps[competency.discipline].by_id(f"row-{competency.slug}")
        radios = row.find_all("input", type="radio")
        assert [(r.attrs["name"], r.attrs["value"]) for r in radios] == [
            (f"level-{competency.slug}", str(level)) for level in range(6)
        ]
        assert not any("checked" in r.attrs for r in radios)
        for radio, level in zip(radios, range(6), strict=True):
            label = row.find_all("label", **{"for": radio.attrs["id"]})
            anchor = anchors[(competency.slug, level)] if level else NO_EXPOSURE
            assert [node.text for node in label] == [f"{level} · {Level(level).label} — {anchor}"]
        evidence = row.by_id(f"evidence-{competency.slug}")
        assert evidence.attrs == {
            "class": "form-control form-control-sm",
            "type": "text",
            "name": f"evidence-{competency.slug}",
            "id": f"evidence-{competency.slug}",
            "value": "",
            "maxlength": "500",
            "aria-describedby": f"evidence-count-{competency.slug}",
        }
        # The limit is shown before it is reached.
        assert row.by_id(f"evidence-count-{competency.slug}").text == "0 / 500 characters"
        assert row.by_id(f"version-{competency.slug}").attrs["value"] == "0"
        assert row.find_all("label", **{"for": f"evidence-{competency.slug}"})[0].text == (
            "Evidence (optional): a note or a link"
        )
    for discipline in catalogue.disciplines:
        root = steps[discipline.slug]
        box = root.by_id(f"interest-{discipline.slug}")
        assert box.attrs["type"] == "checkbox"
        assert "checked" not in box.attrs
        assert root.find_all("label", **{"for": f"interest-{discipline.slug}"})[0].text == (
            f"I want to grow in {discipline.name}"
        )
        assert root.find_all("input", type="hidden", name=f"interest-{discipline.slug}-shown")


def test_a_level_without_an_anchor_shows_only_its_name(user_client, draft, small_catalogue):
    root = page(user_client.get(edit_url(draft, "?step=copywriting")))
    labels = [label.text for label in root.by_id("row-landing-copy").find_all("label")][:6]
    assert labels == [
        f"0 · No exposure — {NO_EXPOSURE}",
        "1 · Aware",
        "2 · Working",
        "3 · Proficient",
        "4 · Advanced",
        "5 · Expert",
    ]


def test_edit_page_shows_saved_ratings_evidence_interests_and_progress(
    user_client, draft, catalogue
):
    save_draft(
        draft,
        levels={"keyword-research": 0, "technical-seo": 4, "paid-search": 2},
        evidence={"technical-seo": "Ran the site migration <2024>"},
        interests={"seo": True},
    )
    root = page(user_client.get(edit_url(draft, "?step=seo")))

    checked = {
        r.attrs["name"]: r.attrs["value"]
        for r in root.find_all("input", type="radio")
        if "checked" in r.attrs
    }
    # One step at a time: SEO's rows only.
    assert checked == {"level-keyword-research": "0", "level-technical-seo": "4"}
    assert root.by_id("evidence-technical-seo").attrs["value"] == "Ran the site migration <2024>"
    assert "checked" in root.by_id("interest-seo").attrs
    paid = page(user_client.get(edit_url(draft, "?step=paid-media")))
    assert "checked" in paid.by_id("level-paid-search-2").attrs
    assert "checked" not in paid.by_id("interest-paid-media").attrs
    assert root.by_id("progress").find_all("strong")[0].text == "Rated 3 of 48"
    assert root.by_id("count-seo").text == "2 of 3 rated"
    assert root.by_id("count-paid-media").text == "1 of 3 rated"
    assert root.by_id("count-copywriting").text == "0 of 3 rated"


def test_preview_shows_the_score_of_the_saved_ratings(user_client, user, draft, catalogue):
    levels = {"keyword-research": 5, "technical-seo": 5, "link-building": 4, "paid-search": 2}
    save_draft(draft, levels=levels)
    expected = scoring.score(catalogue, levels)

    root = page(user_client.get(edit_url(draft)))

    preview = root.by_id("preview")
    assert preview.find_all("p", class_="mb-1")[0].text == (
        f"Depth {expected.depth} (Search engine optimisation) · Breadth {expected.breadth}"
        f" · {expected.shape_label}"
    )
    # SEO (5, 5, 4) = 93 counts in full for a quarter of distributors' 25 (6.25), PPC (2, 0,
    # 0) = 13 for 6.25 × 13 / 40 = 2.03: 8.28, shown as 8.
    assert (expected.depth, expected.breadth) == (93, 8)
    assert preview.by_id("preview-chart-desc").text == (
        "Layers: Producers 0, Distributors 27, Converters & Nurturers 0, Architects 0."
        " Below working level (40): Producers, Distributors, Converters & Nurturers and"
        " Architects. Breadth 8, 67 short of broad (75). Deep (80 or more): Search engine"
        " optimisation 93. Next mark: broad (75), 67 points away."
    )


# --- autosave -------------------------------------------------------------------------------


def autosave(client, assessment, data):
    return client.post(edit_url(assessment), data, headers=HTMX)


def oob_ids(response) -> list[str]:
    """The ids of the top-level elements of an htmx answer, all swapped out of band."""
    root = page(response)
    top = [child for child in root.children if not isinstance(child, str)]
    assert all(node.attrs.get("hx-swap-oob") == "true" for node in top)
    return [node.attrs["id"] for node in top]


def test_autosave_saves_one_rating_and_updates_status_count_progress_and_preview(
    user_client, draft, catalogue
):
    save_draft(
        draft,
        levels={"keyword-research": 2, "paid-search": 3},
        evidence={"keyword-research": "Audit for a shop"},
    )

    response = autosave(user_client, draft, {"level-technical-seo": "4"})

    assert response.status_code == 200
    assert ratings_of(draft) == {
        "keyword-research": (2, "Audit for a shop"),
        "paid-search": (3, ""),
        "technical-seo": (4, ""),
    }
    assert oob_ids(response) == [
        "status-technical-seo",
        "version-technical-seo",
        "count-seo",
        "progress",
        "preview",
    ]
    root = page(response)
    assert root.by_id("status-technical-seo").text == "Saved."
    # The row's next autosave posts the version just written.
    assert root.by_id("version-technical-seo").attrs == {
        "type": "hidden",
        "name": "version-technical-seo",
        "id": "version-technical-seo",
        "value": "1",
        "hx-swap-oob": "true",
    }
    assert root.by_id("count-seo").text == "2 of 3 rated"
    assert root.by_id("progress").find_all("strong")[0].text == "Rated 3 of 48"
    expected = scoring.score(
        catalogue, {"keyword-research": 2, "paid-search": 3, "technical-seo": 4}
    )
    assert root.by_id("preview").find_all("p", class_="mb-1")[0].text == (
        f"Depth {expected.depth} (Search engine optimisation) · Breadth {expected.breadth}"
        f" · {expected.shape_label}"
    )
    assert "HX-Request" in response["Vary"]


def test_autosave_asks_for_a_summary_once_saves_settle(user_client, draft, catalogue):
    response = autosave(user_client, draft, {"level-ab-testing": "3"})
    assert response["HX-Trigger"] == "autosaved"
    refused = autosave(user_client, draft, {"level-ab-testing": "9"})
    assert "HX-Trigger" not in refused

    # The refresh names the step shown, to say where it now stands among the steps.
    for query, step in [("", "content-strategy"), ("?step=seo", "seo")]:
        refresher = page(user_client.get(edit_url(draft, query))).find_all(
            "div", hx_trigger="autosaved from:body delay:300ms"
        )
        assert [(node.attrs["hx-get"], node.attrs["hx-swap"]) for node in refresher] == [
            (f"{edit_url(draft)}?part=summary&step={step}", "none")
        ]
        assert "hidden" in refresher[0].attrs


def test_summary_gives_every_count_the_progress_and_the_preview_as_saved(
    user_client, draft, catalogue
):
    save_draft(
        draft,
        levels={"keyword-research": 5, "technical-seo": 5, "link-building": 4, "ab-testing": 0},
    )
    response = user_client.get(edit_url(draft, "?part=summary"), headers=HTMX)

    assert response.status_code == 200
    assert oob_ids(response) == [
        "steps-list",
        "step-line",
        "step-moves",
        "enter-default",
        "progress",
        "preview",
    ]
    root = page(response)
    assert [b.attrs["value"] for b in root.by_id("steps-list").find_all("button")] == [
        d.slug for d in catalogue.disciplines
    ]
    assert root.by_id("count-seo").text == "3 of 3 rated ✓"
    assert root.by_id("count-conversion-optimisation").text == "1 of 3 rated"
    assert root.by_id("count-copywriting").text == "0 of 3 rated"
    assert root.by_id("progress").find_all("strong")[0].text == "Rated 4 of 48"
    assert root.by_id("preview").find_all("p", class_="mb-1")[0].text == (
        # SEO 93 alone gives a quarter of distributors' 25: 6.25, shown as 6.
        "Depth 93 (Search engine optimisation) · Breadth 6 · I-shaped specialist"
    )
    assert "HX-Request" in response["Vary"]


def test_after_a_new_target_the_summary_gives_the_steps_in_their_new_order(
    user_client, draft, catalogue
):
    autosave(user_client, draft, {"target_role": Role.objects.get(slug="copywriter").pk})
    response = user_client.get(edit_url(draft, "?part=summary&step=seo"), headers=HTMX)
    root = page(response)
    order = [b.attrs["value"] for b in root.by_id("steps-list").find_all("button")]
    assert order[:4] == ["copywriting", "content-strategy", "conversion-optimisation", "seo"]
    assert root.by_id("step-line").text == "Step 4 of 16 · Search engine optimisation"
    current = [b.attrs["value"] for b in root.find_all("button") if "aria-current" in b.attrs]
    assert current == ["seo"]
    # The neighbours move with it: Back, "Save and continue", and what Enter does.
    moves = root.by_id("step-moves").find_all("button")
    assert [(b.attrs["value"], b.text) for b in moves] == [
        ("conversion-optimisation", "Back: Conversion optimisation"),
        (order[4], f"Save and continue: {catalogue.discipline_by_slug[order[4]].name}"),
    ]
    assert root.by_id("enter-default").attrs["value"] == order[4]


def test_the_summary_without_htmx_is_the_form(user_client, draft, catalogue):
    response = user_client.get(edit_url(draft, "?part=summary"))
    assert page(response).by_id("step-title").text == "Content strategy · Producers"
    assert len(page(response).find_all("fieldset", class_="rating-row")) == 3


def test_autosave_changes_a_level_and_keeps_its_evidence(user_client, draft, catalogue):
    save_draft(draft, levels={"ab-testing": 1}, evidence={"ab-testing": "Ran 12 tests"})
    response = autosave(user_client, draft, {"level-ab-testing": "3"})
    assert response.status_code == 200
    assert ratings_of(draft) == {"ab-testing": (3, "Ran 12 tests")}


def test_autosave_of_the_last_rating_in_a_discipline_marks_it_complete(
    user_client, draft, catalogue
):
    save_draft(draft, levels={"keyword-research": 1, "technical-seo": 1})
    response = autosave(user_client, draft, {"level-link-building": "0"})
    assert page(response).by_id("count-seo").text == "3 of 3 rated ✓"


def test_autosave_with_level_and_evidence_of_one_row(user_client, draft, catalogue):
    response = autosave(
        user_client,
        draft,
        {"level-paid-social": "2", "evidence-paid-social": "  Ran our Meta ads  "},
    )
    assert response.status_code == 200
    assert ratings_of(draft) == {"paid-social": (2, "Ran our Meta ads")}


def test_autosave_of_evidence_alone_for_a_rated_competency(user_client, draft, catalogue):
    save_draft(draft, levels={"ab-testing": 4, "paid-search": 2})
    response = autosave(
        user_client, draft, {"evidence-ab-testing": "https://example.com/case-study"}
    )
    assert response.status_code == 200
    assert page(response).by_id("status-ab-testing").text == "Saved."
    assert ratings_of(draft) == {
        "ab-testing": (4, "https://example.com/case-study"),
        "paid-search": (2, ""),
    }

    autosave(user_client, draft, {"evidence-ab-testing": ""})
    assert ratings_of(draft)["ab-testing"] == (4, "")


def test_autosave_refuses_evidence_for_an_unrated_competency(user_client, draft, catalogue):
    save_draft(draft, levels={"paid-search": 2})
    before = stored(draft)

    response = autosave(user_client, draft, {"evidence-ab-testing": "Ran 12 tests"})

    assert response.status_code == 422
    status = page(response).by_id("status-ab-testing")
    assert (
        status.text
        == "Choose a level before adding evidence for: Experiment design and A/B testing."
    )
    assert status.attrs["class"] == "small mb-0 autosave-status text-danger"
    assert stored(draft) == before


def test_autosave_of_blank_evidence_for_an_unrated_competency_stores_nothing(
    user_client, draft, catalogue
):
    response = autosave(user_client, draft, {"evidence-ab-testing": ""})
    assert response.status_code == 200
    assert ratings_of(draft) == {}


@pytest.mark.parametrize("shown", [True, False])
def test_autosave_ticks_and_unticks_an_interest(user_client, draft, catalogue, shown):
    save_draft(draft, interests={"copywriting": True})
    hidden = {"interest-seo-shown": "1"} if shown else {}

    response = autosave(user_client, draft, {**hidden, "interest-seo": "on"})
    assert response.status_code == 200
    assert oob_ids(response) == ["status-interest-seo", "progress", "preview"]
    assert page(response).by_id("status-interest-seo").text == "Saved."
    assert stored(draft)["interests"] == {"copywriting", "seo"}

    if shown:
        # An unticked box is not posted; the hidden field says it was on the page.
        response = autosave(user_client, draft, {"interest-seo-shown": "1"})
        assert response.status_code == 200
        assert stored(draft)["interests"] == {"copywriting"}


def test_autosave_of_an_interest_changes_no_rating(user_client, draft, catalogue):
    save_draft(draft, levels={"ab-testing": 4}, evidence={"ab-testing": "A note"})
    autosave(user_client, draft, {"interest-seo-shown": "1", "interest-seo": "on"})
    assert ratings_of(draft) == {"ab-testing": (4, "A note")}


def test_autosave_of_the_settings(user_client, draft, catalogue):
    save_draft(draft, levels={"ab-testing": 4})
    role = Role.objects.get(slug="cro-specialist")

    response = autosave(
        user_client,
        draft,
        {"target_role": str(role.pk), "country": "GB", "experience_level": "senior"},
    )

    assert response.status_code == 200
    assert oob_ids(response) == ["status-settings", "progress", "preview"]
    assert page(response).by_id("status-settings").text == "Saved."
    assert stored(draft)["settings"] == (role.pk, "GB", "senior")
    assert ratings_of(draft) == {"ab-testing": (4, "")}

    response = autosave(
        user_client, draft, {"target_role": "", "country": "GB", "experience_level": "senior"}
    )
    assert response.status_code == 200
    assert stored(draft)["settings"] == (None, "GB", "senior")


def test_autosave_of_the_target_role_updates_the_preview(user_client, draft, catalogue):
    role = Role.objects.get(slug="cro-specialist")
    autosave(
        user_client,
        draft,
        {"target_role": str(role.pk), "country": "US", "experience_level": "mid"},
    )
    draft.refresh_from_db()
    assert draft.target_role == role


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "XX", "Select a valid choice. XX is not one of the available choices."),
        (
            "experience_level",
            "guru",
            "Select a valid choice. guru is not one of the available choices.",
        ),
        (
            "target_role",
            "999999",
            "Select a valid choice. That choice is not one of the available choices.",
        ),
    ],
)
def test_autosave_refuses_invalid_settings_and_keeps_the_saved_ones(
    user_client, draft, catalogue, field, value, message
):
    save_draft(draft, settings={"country": "CA", "experience_level": "entry"})
    before = stored(draft)
    data = {"target_role": "", "country": "AU", "experience_level": "senior", field: value}

    response = autosave(user_client, draft, data)

    assert response.status_code == 422
    assert oob_ids(response) == ["status-settings", "progress", "preview", "messages"]
    assert page(response).by_id("messages").text == message
    assert page(response).by_id("status-settings").text == "Not saved: see the message above."
    assert stored(draft) == before


def test_autosave_refuses_a_retired_target_role(user_client, draft, catalogue):
    role = Role.objects.get(slug="cro-specialist")
    Role.objects.filter(pk=role.pk).update(is_active=False)
    response = autosave(
        user_client,
        draft,
        {"target_role": str(role.pk), "country": "US", "experience_level": "mid"},
    )
    assert response.status_code == 422
    assert stored(draft)["settings"] == (None, "US", "mid")


# --- plain Save, without JavaScript --------------------------------------------------------


def test_plain_save_posts_the_whole_form_and_comes_back_with_a_message(
    user_client, draft, catalogue
):
    save_draft(
        draft,
        levels={"keyword-research": 2, "technical-seo": 3},
        evidence={"technical-seo": "Fixed crawl errors"},
        interests={"seo": True},
    )
    data = form_data(
        page(user_client.get(edit_url(draft, "?step=seo"))), "assessment-form", ("action", "save")
    )
    role = Role.objects.get(slug="seo-specialist")
    data |= {
        "level-keyword-research": "4",
        "level-paid-search": "1",
        "evidence-paid-search": "Managed a small budget",
        "interest-paid-media": "on",
        "target_role": str(role.pk),
        "country": "AU",
        "experience_level": "entry",
    }
    del data["interest-seo"]

    response = user_client.post(edit_url(draft), data)

    assertRedirects(response, edit_url(draft, "?step=seo"), fetch_redirect_response=False)
    assert messages_text(user_client.get(edit_url(draft, "?step=seo"))) == "Draft saved."
    after = stored(draft)
    assert after["ratings"] == {
        "keyword-research": (4, ""),
        "technical-seo": (3, "Fixed crawl errors"),
        "paid-search": (1, "Managed a small budget"),
    }
    assert after["interests"] == {"paid-media"}
    assert after["settings"] == (role.pk, "AU", "entry")
    assert after["status"] == "draft"


def test_plain_save_errors_show_again_with_what_was_typed_and_store_nothing(
    user_client, draft, catalogue
):
    save_draft(draft, levels={"keyword-research": 2})
    before = stored(draft)
    data = form_data(
        page(user_client.get(edit_url(draft, "?step=seo"))), "assessment-form", ("action", "save")
    )
    data |= {
        "level-keyword-research": "5",
        "level-technical-seo": "7",
        "evidence-technical-seo": "Fixed crawl errors",
        "interest-seo": "on",
        "country": "GB",
    }

    response = user_client.post(edit_url(draft), data)

    assert response.status_code == 422
    root = page(response)
    alert = root.find_all("div", class_="alert alert-danger")[0]
    assert alert.text == (
        "Nothing was saved from that change: Choose a level from 0 to 5 for Technical SEO."
    )
    assert "checked" in root.by_id("level-keyword-research-5").attrs
    assert root.by_id("evidence-technical-seo").attrs["value"] == "Fixed crawl errors"
    assert "checked" in root.by_id("interest-seo").attrs
    assert root.by_id("id_country").find_all("option", value="GB")[0].attrs.get(
        "selected", "x"
    ) in {None, ""}
    assert stored(draft) == before


def test_plain_save_refuses_evidence_without_a_level(user_client, draft, catalogue):
    step = page(user_client.get(edit_url(draft, "?step=paid-media")))
    data = form_data(step, "assessment-form", ("action", "save"))
    data |= {"level-paid-search": "2", "evidence-paid-social": "Ran our Meta ads"}

    response = user_client.post(edit_url(draft), data)

    assert response.status_code == 422
    assert page(response).find_all("div", class_="alert alert-danger")[0].text == (
        "Nothing was saved from that change: Choose a level before adding evidence for:"
        " Paid social campaigns."
    )
    assert page(response).by_id("evidence-paid-social").attrs["value"] == "Ran our Meta ads"
    assert ratings_of(draft) == {}


def test_plain_save_with_an_invalid_country_keeps_the_choices_typed(user_client, draft, catalogue):
    before = stored(draft)
    step = page(user_client.get(edit_url(draft, "?step=paid-media")))
    data = form_data(step, "assessment-form", ("action", "save"))
    data |= {"level-paid-search": "2", "country": "ZZ"}

    response = user_client.post(edit_url(draft), data)

    assert response.status_code == 422
    root = page(response)
    assert root.find_all("div", class_="alert alert-danger")[0].text == (
        "Nothing was saved from that change:"
        " Select a valid choice. ZZ is not one of the available choices."
    )
    assert "checked" in root.by_id("level-paid-search-2").attrs
    assert stored(draft) == before


# --- bad input ------------------------------------------------------------------------------

BAD_LEVELS = [
    ("6", "Choose a level from 0 to 5 for Technical SEO."),
    ("-1", "Choose a level from 0 to 5 for Technical SEO."),
    ("x", "Choose a level from 0 to 5 for Technical SEO."),
    ("2.5", "Choose a level from 0 to 5 for Technical SEO."),
]


@pytest.mark.parametrize(("value", "message"), BAD_LEVELS)
def test_autosave_refuses_a_level_outside_the_scale(user_client, draft, catalogue, value, message):
    save_draft(draft, levels={"technical-seo": 3, "keyword-research": 1})
    before = stored(draft)

    response = autosave(user_client, draft, {"level-technical-seo": value})

    assert response.status_code == 422
    status = page(response).by_id("status-technical-seo")
    assert status.text == message
    assert stored(draft) == before


@pytest.mark.parametrize(("value", "message"), BAD_LEVELS)
def test_plain_save_refuses_a_level_outside_the_scale(
    user_client, draft, catalogue, value, message
):
    before = stored(draft)
    response = user_client.post(
        edit_url(draft), {"level-technical-seo": value, "level-keyword-research": "3"}
    )
    assert response.status_code == 422
    assert message in page(response).find_all("div", class_="alert alert-danger")[0].text
    assert stored(draft) == before


@pytest.mark.parametrize(
    "data",
    [
        {"level-nope": "3"},
        {"level-nope": "3", "level-technical-seo": "2"},
        {"evidence-nope": "A note"},
        {"level-": "3"},
    ],
)
@pytest.mark.parametrize("headers", [HTMX, {}])
def test_an_unknown_competency_is_refused_and_nothing_is_stored(
    user_client, draft, catalogue, data, headers
):
    before = stored(draft)
    response = user_client.post(edit_url(draft), data, headers=headers)
    assert response.status_code == 422
    slug = next(iter(data)).split("-", 1)[1]
    message = (
        f"“{slug}” is not a competency in the catalogue; nothing was saved."
        " Reload the page and try again."
    )
    assert message in messages_text(response) if headers else message in page(response).text
    assert stored(draft) == before


def test_a_retired_competency_cannot_be_rated(user_client, draft, catalogue):
    Competency.objects.filter(slug="link-building").update(is_active=False)
    response = autosave(user_client, draft, {"level-link-building": "3"})
    assert response.status_code == 422
    assert ratings_of(draft) == {}


def test_evidence_longer_than_500_characters_is_refused(user_client, draft, catalogue):
    save_draft(draft, levels={"ab-testing": 2})
    response = autosave(user_client, draft, {"evidence-ab-testing": "x" * 501})
    assert response.status_code == 422
    assert page(response).by_id("status-ab-testing").text == (
        "The evidence for Experiment design and A/B testing is 501 characters long; it can be "
        "at most 500. Shorten it (a link to a longer note works)."
    )
    assert ratings_of(draft) == {"ab-testing": (2, "")}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("submitted", [False, True])
def test_someone_elses_assessment_is_not_found(
    client, user, stranger, catalogue, submit, method, submitted
):
    if submitted:
        theirs = submit(user, levels_for(catalogue, 2))
    else:
        theirs = start_assessment(user)[0]
        save_draft(theirs, levels={"ab-testing": 2})
    before = stored(theirs)
    client.force_login(stranger)

    response = getattr(client, method)(edit_url(theirs), {"level-ab-testing": "5"})
    assert response.status_code == 404
    response = client.post(edit_url(theirs), {"level-ab-testing": "5"}, headers=HTMX)
    assert response.status_code == 404
    assert client.get(profile_url(theirs)).status_code == 404
    assert stored(theirs) == before


def test_an_assessment_that_does_not_exist_is_not_found(user_client, catalogue):
    assert user_client.get(reverse("assessments:edit", kwargs={"pk": 424242})).status_code == 404


def test_opening_a_submitted_assessment_for_editing_goes_to_its_profile(
    user_client, user, catalogue, submit
):
    assessment = submit(user, levels_for(catalogue, 2))
    response = user_client.get(edit_url(assessment))
    assertRedirects(response, profile_url(assessment), fetch_redirect_response=False)
    assert messages_text(user_client.get(profile_url(assessment))) == (
        "This assessment is submitted and can no longer change."
    )


def test_a_summary_refresh_that_arrives_after_the_submit_changes_nothing(
    user_client, draft, catalogue
):
    """The form asks for a summary 300 ms after its last autosave; a submit in between
    leaves that refresh arriving at a submitted assessment. It answers with nothing to
    swap and leaves the submit's own notice for the profile page."""
    save_draft(draft, levels=levels_for(catalogue, 2))
    submitted = user_client.post(edit_url(draft), {"action": "submit"})
    assertRedirects(submitted, profile_url(draft), fetch_redirect_response=False)

    late = user_client.get(edit_url(draft, "?part=summary"), headers=HTMX)

    assert (late.status_code, late.content) == (204, b"")
    assert messages_text(user_client.get(profile_url(draft))) == "Submitted. Here is your T."


@pytest.mark.parametrize("action", ["save", "submit"])
def test_saving_a_submitted_assessment_changes_nothing(
    user_client, user, catalogue, submit, action
):
    assessment = submit(user, levels_for(catalogue, 2))
    before = stored(assessment)

    response = user_client.post(
        edit_url(assessment), {"level-ab-testing": "5", "country": "GB", "action": action}
    )

    assertRedirects(response, profile_url(assessment), fetch_redirect_response=False)
    assert messages_text(user_client.get(profile_url(assessment))) == (
        "This assessment was already submitted; nothing was changed."
    )
    assert stored(assessment) == before


def test_autosave_to_a_submitted_assessment_gets_409_and_a_redirect(
    user_client, user, catalogue, submit
):
    assessment = submit(user, levels_for(catalogue, 2))
    before = stored(assessment)

    response = autosave(user_client, assessment, {"level-ab-testing": "5"})

    assert response.status_code == 409
    assert response["HX-Redirect"] == profile_url(assessment)
    assert page(response).by_id("messages").text == (
        "This assessment was already submitted; nothing was changed."
    )
    assert stored(assessment) == before


def test_a_draft_submitted_meanwhile_is_not_changed_by_a_late_autosave(
    user_client, user, draft, catalogue, monkeypatch
):
    """The lock inside save_draft catches a submit that happened after the page check."""
    save_draft(draft, levels=levels_for(catalogue, 1))
    submit_assessment(draft, catalogue, timezone.now())
    before = stored(draft)
    stale = Assessment.objects.get(pk=draft.pk)
    stale.status = Assessment.Status.DRAFT
    monkeypatch.setattr("assessments.access.assessment_for_owner", lambda user, pk: stale)

    response = autosave(user_client, draft, {"level-ab-testing": "5"})

    assert response.status_code == 409
    assert response["HX-Redirect"] == profile_url(draft)
    assert stored(draft) == before


def test_submitting_twice_changes_nothing_the_second_time(user_client, draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 3))
    first = user_client.post(edit_url(draft), {"action": "submit"})
    assertRedirects(first, profile_url(draft), fetch_redirect_response=False)
    before = stored(draft)

    second = user_client.post(edit_url(draft), {"action": "submit", "level-ab-testing": "0"})

    assertRedirects(second, profile_url(draft), fetch_redirect_response=False)
    assert stored(draft) == before
    assert Assessment.objects.filter(owner=draft.owner).count() == 1


@pytest.mark.parametrize(
    ("method", "name", "kwargs"),
    [
        ("get", "assessments:dashboard", {}),
        ("post", "assessments:start", {}),
        ("get", "assessments:edit", {"pk": 1}),
        ("post", "assessments:edit", {"pk": 1}),
        ("get", "assessments:profile", {"pk": 1}),
        ("get", "assessments:history", {}),
        ("get", "assessments:compare", {}),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, db, method, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = getattr(client, method)(url)
    assertRedirects(response, f"/accounts/login/?next={url}", fetch_redirect_response=False)


def test_anonymous_autosave_changes_nothing(client, user, draft, catalogue):
    before = stored(draft)
    response = client.post(edit_url(draft), {"level-ab-testing": "3"}, headers=HTMX)
    # Not a redirect the browser would follow to the login page: a 401 the page's script
    # tells apart, naming where to sign in again.
    assert response.status_code == 401
    assert response.content.decode() == "You are signed out. Sign in again to save your changes."
    assert response["X-Login-URL"] == f"/accounts/login/?next={edit_url(draft)}"
    assert stored(draft) == before


def test_anonymous_plain_save_is_still_sent_to_the_login_page(client, user, draft, catalogue):
    response = client.post(edit_url(draft), {"level-ab-testing": "3"})
    assertRedirects(
        response, f"/accounts/login/?next={edit_url(draft)}", fetch_redirect_response=False
    )


@pytest.mark.parametrize(
    ("method", "name"),
    [("get", "assessments:start"), ("put", "assessments:edit"), ("post", "assessments:profile")],
)
def test_other_methods_are_not_allowed(user_client, draft, method, name):
    kwargs = {} if name == "assessments:start" else {"pk": draft.pk}
    assert getattr(user_client, method)(reverse(name, kwargs=kwargs)).status_code == 405


# --- submit ---------------------------------------------------------------------------------


def test_zero_counts_as_rated(user_client, draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 0))
    response = user_client.post(edit_url(draft), {"action": "submit"})
    assertRedirects(response, profile_url(draft), fetch_redirect_response=False)
    draft.refresh_from_db()
    assert (draft.status, draft.depth, draft.breadth, draft.shape, draft.phase) == (
        "submitted",
        0,
        0,
        "emerging",
        1,
    )


def test_submit_stores_the_scored_profile_of_the_same_ratings(user_client, draft, catalogue):
    levels = levels_for(
        catalogue,
        2,
        keyword_research=5,
        technical_seo=5,
        link_building=4,
        paid_search=4,
        strategic_planning=4,
    )
    cro = Role.objects.get(slug="seo-specialist")
    save_draft(
        draft,
        levels=levels,
        evidence={"technical-seo": "Led the migration"},
        interests={"marketing-strategy": True, "seo": True},
        settings={"target_role": cro, "country": "GB", "experience_level": "senior"},
    )
    before = timezone.now()

    response = user_client.post(edit_url(draft), {"action": "submit", "level-paid-social": "3"})

    after = timezone.now()
    assertRedirects(response, profile_url(draft), fetch_redirect_response=False)
    levels["paid-social"] = 3
    expected = scoring.score(catalogue, levels, ["seo", "marketing-strategy"], "seo-specialist")
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED
    assert draft.result == json.loads(json.dumps(expected.to_dict()))
    assert (draft.depth, draft.breadth, draft.shape, draft.phase) == (
        expected.depth,
        expected.breadth,
        expected.shape,
        expected.phase,
    )
    assert (draft.depth, draft.breadth, draft.shape, draft.phase) == (93, 100, "t-shaped", 3)
    assert draft.result["target"]["role"] == "seo-specialist"
    assert draft.scoring_version == SCORING_VERSION
    assert before <= draft.submitted_at <= after
    assert messages_text(user_client.get(profile_url(draft))) == "Submitted. Here is your T."


def test_submitted_result_leaves_out_retired_competencies(user_client, draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 3))
    Competency.objects.filter(slug="link-building").update(is_active=False)
    response = user_client.post(edit_url(draft), {"action": "submit"})
    assertRedirects(response, profile_url(draft), fetch_redirect_response=False)
    draft.refresh_from_db()
    seo = next(d for d in draft.result["disciplines"] if d["slug"] == "seo")
    assert (seo["rated"], seo["total"], seo["score"]) == (2, 2, 60)


# --- starting an assessment -----------------------------------------------------------------


def test_a_first_assessment_starts_empty(user_client, user, catalogue):
    response = user_client.post(reverse("assessments:start"))
    draft = Assessment.objects.get(owner=user)
    assertRedirects(response, edit_url(draft), fetch_redirect_response=False)
    assert messages_text(user_client.get(edit_url(draft))) == "A new assessment is ready."
    assert stored(draft) | {"updated_at": None} == {
        "status": "draft",
        "ratings": {},
        "interests": set(),
        "quick": {},
        "settings": (None, "US", "mid"),
        "updated_at": None,
        "submitted_at": None,
        "result": None,
    }


def test_starting_again_leads_to_the_same_draft(user_client, user, catalogue):
    first = user_client.post(reverse("assessments:start"))
    user_client.get(first["Location"])  # reads the message
    second = user_client.post(reverse("assessments:start"))
    assert first["Location"] == second["Location"]
    assert Assessment.objects.filter(owner=user).count() == 1
    assert messages_text(user_client.get(second["Location"])) == ""


def test_a_new_assessment_is_filled_in_from_the_last_submitted_one(
    user_client, user, catalogue, submit
):
    submit(user, levels_for(catalogue, 1), settings={"country": "CA"})
    role = Role.objects.get(slug="marketing-director")
    last = submit(
        user,
        levels_for(catalogue, 2, strategic_planning=5),
        evidence={"strategic-planning": "Wrote the 2025 plan"},
        interests={"marketing-strategy": True, "executive-leadership": True},
        settings={"target_role": role, "country": "AU", "experience_level": "executive"},
    )

    response = user_client.post(reverse("assessments:start"))

    draft = Assessment.objects.get(owner=user, status="draft")
    assertRedirects(response, edit_url(draft), fetch_redirect_response=False)
    assert messages_text(user_client.get(edit_url(draft))) == (
        "A new assessment is ready, filled in from your last one."
    )
    copied = stored(draft)
    assert copied["ratings"] == stored(last)["ratings"]
    assert copied["ratings"]["strategic-planning"] == (5, "Wrote the 2025 plan")
    assert copied["interests"] == {"marketing-strategy", "executive-leadership"}
    assert copied["settings"] == (role.pk, "AU", "executive")
    # The submitted one is untouched and still submitted.
    assert stored(last)["status"] == "submitted"


def test_the_filled_in_draft_shows_its_levels_and_every_step_done(
    user_client, user, catalogue, submit
):
    submit(user, levels_for(catalogue, 3))
    draft = start_assessment(user)[0]
    root = page(user_client.get(edit_url(draft)))
    assert root.by_id("progress").find_all("strong")[0].text == "Rated 48 of 48"
    assert all(
        root.by_id(f"count-{d.slug}").text == "3 of 3 rated ✓" for d in catalogue.disciplines
    )
    assert "checked" in root.by_id("level-audience-research-3").attrs


def test_a_filled_in_draft_leaves_out_what_the_catalogue_retired_since(user, catalogue, submit):
    submit(
        user,
        levels_for(catalogue, 3),
        interests={"seo": True, "paid-media": True},
        settings={"target_role": Role.objects.get(slug="ppc-specialist")},
    )
    Competency.objects.filter(slug="link-building").update(is_active=False)
    Discipline.objects.filter(slug="paid-media").update(is_active=False)
    Role.objects.filter(slug="ppc-specialist").update(is_active=False)

    draft = start_assessment(user)[0]

    copied = stored(draft)
    assert set(copied["ratings"]) == {c.slug for c in catalogue.competencies} - {
        "link-building",
        "paid-search",
        "paid-social",
        "bidding-and-budgets",
    }
    assert copied["interests"] == {"seo"}
    assert copied["settings"] == (None, "US", "mid")


def test_at_most_one_draft_per_person(user, catalogue):
    first, created = start_assessment(user)
    again, created_again = start_assessment(user)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Assessment.objects.filter(owner=user, status="draft").count() == 1


def test_a_new_draft_after_submitting_is_a_new_assessment(user_client, user, draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 2))
    user_client.post(edit_url(draft), {"action": "submit"})
    user_client.post(reverse("assessments:start"))
    assert sorted(Assessment.objects.filter(owner=user).values_list("status", flat=True)) == [
        "draft",
        "submitted",
    ]
    assert Rating.objects.filter(assessment__owner=user).count() == 96
