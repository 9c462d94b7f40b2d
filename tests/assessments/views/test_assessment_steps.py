"""The assessment form one discipline at a time: which step shows, in what order the steps
come, moving between them, "set the rest", a refused submit, and the page's size."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from assessments.models import Assessment
from assessments.services.assessments import save_draft, start_assessment
from careers.models import Role
from tests.assessments.conftest import form_data, levels_for, page, ratings_of, stored

pytestmark = pytest.mark.django_db


def edit_url(assessment, query=""):
    return reverse("assessments:edit", kwargs={"pk": assessment.pk}) + query


@pytest.fixture
def draft(user):
    return start_assessment(user)[0]


def steps_of(root) -> list[tuple[str, str]]:
    """(button text, goto value) of each step in the list of steps."""
    return [
        (button.text, button.attrs["value"])
        for button in root.find_all("ol", class_="list-unstyled small mb-0 steps")[0].find_all(
            "button"
        )
    ]


def rows_of(root) -> list[str]:
    return [row.attrs["id"] for row in root.find_all("fieldset", class_="rating-row")]


def test_the_form_opens_at_the_first_step_and_lists_every_step(user_client, draft, catalogue):
    root = page(user_client.get(edit_url(draft)))

    assert root.by_id("step-title").text == "Content strategy · Producers"
    assert rows_of(root) == [
        "row-audience-research",
        "row-editorial-planning",
        "row-content-performance",
    ]
    assert steps_of(root) == [
        (f"{number}. {d.name}", d.slug) for number, d in enumerate(catalogue.disciplines, start=1)
    ]
    current = [b for b in root.find_all("button") if b.attrs.get("aria-current") == "step"]
    assert [b.attrs["value"] for b in current] == ["content-strategy"]
    assert root.find_all("p", class_="mb-1")[0].text == "Step 1 of 16 · Content strategy"
    assert root.by_id("progress").find_all("strong")[0].text == "Rated 0 of 48"
    assert all(root.by_id(f"count-{d.slug}").text == "0 of 3 rated" for d in catalogue.disciplines)
    # The step is named in the post, and Back does not exist on the first step.
    form = root.by_id("assessment-form")
    assert (
        form.find_all("input", type="hidden", name="step")[0].attrs["value"] == "content-strategy"
    )
    buttons = [(b.text, b.attrs.get("value")) for b in form.find_all("button", type="submit")]
    assert buttons == [
        ("Save and continue", "copywriting"),  # the hidden default, for Enter without script
        ("Set the rest", "fill"),
        ("Save and continue: Copywriting", "copywriting"),
        ("Save draft", "save"),
        ("Submit and see my T", "submit"),
    ]


def test_a_step_shows_its_discipline_only_and_offers_back_and_next(user_client, draft, catalogue):
    root = page(user_client.get(edit_url(draft, "?step=seo")))
    assert root.by_id("step-title").text == "Search engine optimisation · Distributors"
    assert rows_of(root) == ["row-keyword-research", "row-technical-seo", "row-link-building"]
    assert root.find_all("p", class_="mb-1")[0].text == "Step 5 of 16 · Search engine optimisation"
    buttons = [(b.text, b.attrs.get("value")) for b in root.find_all("button", type="submit")]
    assert ("Back: UX/UI design", "ux-ui-design") in buttons
    assert ("Save and continue: Social media", "social-media") in buttons
    assert root.by_id("interest-seo").attrs["type"] == "checkbox"
    assert root.find_all("input", id="interest-copywriting") == []


def test_an_unknown_step_shows_the_first(user_client, draft, catalogue):
    root = page(user_client.get(edit_url(draft, "?step=no-such-discipline")))
    assert root.by_id("step-title").text == "Content strategy · Producers"


def test_the_form_opens_at_the_first_step_not_rated_one_by_one(user_client, draft, catalogue):
    save_draft(
        draft,
        levels={"audience-research": 2, "editorial-planning": 1, "content-performance": 0},
    )
    root = page(user_client.get(edit_url(draft)))
    assert root.by_id("step-title").text == "Copywriting · Producers"
    assert root.by_id("count-content-strategy").text == "3 of 3 rated ✓"


def test_the_target_roles_disciplines_come_first(user_client, draft, catalogue):
    copywriter = Role.objects.get(slug="copywriter")
    save_draft(draft, settings={"target_role": copywriter})

    root = page(user_client.get(edit_url(draft)))

    # Copywriting 3 + 3 + 2, content strategy 2, conversion optimisation 1 + 1, SEO 1.
    assert [value for _text, value in steps_of(root)][:5] == [
        "copywriting",
        "content-strategy",
        "conversion-optimisation",
        "seo",
        "graphic-design",
    ]
    assert root.by_id("step-title").text == "Copywriting · Producers"
    assert root.find_all("section")[0].find_all("p", class_="small mb-2")[0].text == (
        "First, because your target role asks for these competencies: rating them one by "
        "one sharpens your fit."
    )
    required = dict(copywriter.requirements.values_list("competency__slug", "level"))
    for slug in ("persuasive-copywriting", "ad-copywriting", "brand-voice"):
        badge = root.by_id(f"row-{slug}").find_all("span", class_="badge text-bg-info")[0]
        assert badge.text == f"Target role needs {required[slug]}"


def test_after_a_quick_start_the_strongest_come_first_and_those_rated_0_last(
    user_client, draft, catalogue
):
    quick = {d.slug: 1 for d in catalogue.disciplines} | {"seo": 4, "email-marketing": 2}
    quick |= {"graphic-design": 0}
    save_draft(draft, quick=quick)

    root = page(user_client.get(edit_url(draft)))

    order = [value for _text, value in steps_of(root)]
    assert order[:2] == ["seo", "email-marketing"]
    assert order[-1] == "graphic-design"
    assert root.by_id("step-title").text == "Search engine optimisation · Distributors"
    assert root.by_id("count-seo").text == "0 of 3 rated, 3 counted as 4 (quick rating)"
    # "Set the rest" starts at the discipline's quick rating.
    options = root.by_id("rest-level").find_all("option")
    assert [option.attrs["value"] for option in options if "selected" in option.attrs] == ["4"]
    zero = page(user_client.get(edit_url(draft, "?step=graphic-design")))
    assert zero.find_all("section")[0].find_all("p", class_="small mb-2")[0].text == (
        "You rated this discipline 0 as a whole, so its competencies count as 0. "
        "Change any you do know."
    )


def test_going_to_another_step_saves_this_one_first(user_client, draft, catalogue):
    data = form_data(page(user_client.get(edit_url(draft, "?step=seo"))), "assessment-form")
    data |= {"level-keyword-research": "3", "goto": "paid-media"}

    response = user_client.post(edit_url(draft), data)

    assertRedirects(response, edit_url(draft, "?step=paid-media"), fetch_redirect_response=False)
    assert ratings_of(draft) == {"keyword-research": (3, "")}
    # No message on the way: moving on is not news.
    assert page(user_client.get(response.url)).by_id("messages").text == ""


def test_set_the_rest_fills_what_is_not_rated_and_keeps_the_rest(user_client, draft, catalogue):
    save_draft(draft, levels={"technical-seo": 5})
    data = form_data(page(user_client.get(edit_url(draft, "?step=seo"))), "assessment-form")
    data |= {"level-keyword-research": "4", "action": "fill", "rest_level": "1"}

    response = user_client.post(edit_url(draft), data)

    assertRedirects(response, edit_url(draft, "?step=seo"), fetch_redirect_response=False)
    assert ratings_of(draft) == {
        "technical-seo": (5, ""),  # saved before: kept
        "keyword-research": (4, ""),  # posted with it: kept
        "link-building": (1, ""),  # the rest
    }
    assert page(user_client.get(response.url)).by_id("messages").text == (
        "Every competency of Search engine optimisation not rated yet is now at level 1."
    )


def test_set_the_rest_is_offered_only_while_something_is_not_rated(user_client, draft, catalogue):
    save_draft(draft, levels={"keyword-research": 1, "technical-seo": 1})
    root = page(user_client.get(edit_url(draft, "?step=seo")))
    assert root.find_all("label", **{"for": "rest-level"})[0].text == "Set the 1 not rated yet to"
    save_draft(draft, levels={"link-building": 1})
    assert (
        page(user_client.get(edit_url(draft, "?step=seo"))).find_all("select", id="rest-level")
        == []
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"step": "seo", "rest_level": "7"},
            "Choose a level from 0 to 5 for the competencies not rated yet.",
        ),
        ({"step": "seo"}, "Choose the level for the competencies not rated yet."),
        (
            {"step": "nowhere", "rest_level": "2"},
            "The page did not say which discipline to fill in; nothing was saved. Reload the "
            "page and try again.",
        ),
    ],
)
def test_set_the_rest_refuses_bad_input_and_saves_nothing(
    user_client, draft, catalogue, data, message
):
    before = stored(draft)
    response = user_client.post(
        edit_url(draft), {"action": "fill", "level-keyword-research": "2"} | data
    )
    assert response.status_code == 422
    alert = page(response).find_all("div", class_="alert alert-danger")[0]
    assert alert.text == f"Nothing was saved from that change: {message}"
    assert stored(draft) == before


def test_a_refused_submit_shows_the_first_step_with_something_missing(
    user_client, draft, catalogue
):
    levels = levels_for(catalogue, 2)
    for slug in ("tracking-implementation", "attribution-and-roi", "budget-and-finance"):
        del levels[slug]
    save_draft(draft, levels=levels, quick={"seo": 3})

    response = user_client.post(edit_url(draft), {"action": "submit"})

    assert response.status_code == 422
    root = page(response)
    warning = root.by_id("missing")
    assert warning.find_all("p")[0].text == (
        "Not submitted yet: 2 disciplines have competencies with no level and no quick "
        "rating. Rate them, or set the rest of the discipline to one level (0 for what you "
        "have never done)."
    )
    assert [(li.text, li.find_all("a")[0].attrs["href"]) for li in warning.find_all("li")] == [
        (
            "Marketing analytics: Tracking and measurement set-up, Attribution and ROI analysis",
            edit_url(draft, "?step=marketing-analytics"),
        ),
        (
            "Executive leadership: Budget ownership and financial acumen",
            edit_url(draft, "?step=executive-leadership"),
        ),
    ]
    assert root.by_id("step-title").text == "Marketing analytics · Converters & Nurturers"
    badges = {
        row.attrs["id"]: [b.text for b in row.find_all("span", class_="badge text-bg-warning")]
        for row in root.find_all("fieldset", class_="rating-row")
    }
    assert badges == {
        "row-tracking-implementation": ["Not rated yet"],
        "row-reporting-dashboards": [],
        "row-attribution-and-roi": ["Not rated yet"],
    }
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_every_step_is_under_80_kb(user_client, draft, catalogue):
    """The budget for any page of the assessment: 80 KB of HTML, uncompressed, with every
    competency rated and evidence at its longest."""
    levels = levels_for(catalogue, 3)
    save_draft(
        draft,
        levels=levels,
        evidence=dict.fromkeys(levels, "x" * 500),
        interests={d.slug: True for d in catalogue.disciplines},
        settings={"target_role": Role.objects.get(slug="cmo")},
    )
    sizes = {
        d.slug: len(user_client.get(edit_url(draft, f"?step={d.slug}")).content)
        for d in catalogue.disciplines
    }
    assert max(sizes.values()) < 80 * 1024, sizes
