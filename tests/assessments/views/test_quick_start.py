"""The quick start: one question per discipline, and a provisional T straight away."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from assessments.models import Assessment
from assessments.services.assessments import save_draft, start_assessment
from careers.models import Role
from tests.assessments.conftest import HTMX, form_data, page, stored

pytestmark = pytest.mark.django_db

URL = "/me/quick-start/"
# With a target: the user, the catalogue snapshot (7), the draft, its ratings, interests,
# target and quick ratings, and the roles of the target choice.
QUICK_START_QUERIES = 16
# The same, with the posted target looked up, the draft locked, and its quick ratings and
# target written.
QUICK_START_ANSWER_QUERIES = 23


def answers(root, **levels):
    """What the page's form posts without JavaScript, with the named disciplines (slugs
    with underscores) set to a level."""
    data = form_data(root, "quick-form")
    for slug, level in levels.items():
        data[f"quick-{slug.replace('_', '-')}"] = str(level)
    return data


def test_the_reverse_name():
    assert reverse("assessments:quick-start") == URL


def test_a_newcomer_sees_every_discipline_at_0_and_no_t_yet(user_client, user, catalogue):
    root = page(user_client.get(URL))
    questions = root.find_all("fieldset", class_="quick-question")
    assert [q.find_all("legend")[0].text for q in questions] == [
        d.name for d in catalogue.disciplines
    ]
    for question in questions:
        radios = question.find_all("input", type="radio")
        assert [r.attrs["value"] for r in radios] == ["0", "1", "2", "3", "4", "5"]
        assert [r.attrs["value"] for r in radios if "checked" in r.attrs] == ["0"]
    first = questions[0].find_all("input", type="radio")[0]
    meaning = root.by_id(first.attrs["aria-describedby"])
    assert meaning.text == (
        "0 No exposure: You have not done this work yet, nor seen it done up close."
    )
    # Levels 1 to 5 read the discipline's own anchors.
    seo = root.by_id("question-seo")
    assert [p.text for p in seo.find_all("p", class_="quick-anchor")][1:] == [
        f"{level} {name}: {text}"
        for level, name, text in zip(
            range(1, 6),
            ["Aware", "Working", "Proficient", "Advanced", "Expert"],
            catalogue.discipline_by_slug["seo"].anchors,
            strict=True,
        )
    ]
    assert len(catalogue.discipline_by_slug["seo"].anchors) == 5
    assert root.by_id("your-t").find_all("p")[0].text == (
        "Choose a level for a discipline and your T appears here."
    )
    # Looking creates nothing.
    assert not Assessment.objects.filter(owner=user).exists()


def test_answers_without_javascript_save_a_draft_and_show_the_provisional_t(
    user_client, user, catalogue
):
    data = answers(page(user_client.get(URL)), seo=4, copywriting=3, paid_media=2)
    data["target_role"] = str(Role.objects.get(slug="seo-specialist").pk)
    response = user_client.post(URL, data)
    assertRedirects(response, URL + "#your-t", fetch_redirect_response=False)

    draft = Assessment.objects.get(owner=user)
    quick = stored(draft)["quick"]
    assert quick == {d.slug: 0 for d in catalogue.disciplines} | {
        "seo": 4,
        "copywriting": 3,
        "paid-media": 2,
    }
    assert draft.target_role.slug == "seo-specialist"

    root = page(user_client.get(URL))
    t = root.by_id("your-t")
    assert (
        t.find_all("p")[0].text
        == "Depth 80 (Search engine optimisation) · Breadth 19 · I-shaped specialist"
    )
    assert t.find_all("p")[1].text == "Phase 3: Broaden again"
    assert t.find_all("p")[2].text.startswith("Your target, SEO Specialist: ")
    assert len(t.find_all("ol")[0].find_all("li")) == 3
    # The answers are where they were left.
    checked = {
        r.attrs["name"]: r.attrs["value"]
        for r in root.find_all("input", type="radio")
        if "checked" in r.attrs
    }
    assert checked["quick-seo"] == "4"
    assert checked["quick-graphic-design"] == "0"
    # Every discipline has its quick rating: it can be kept as a profile at once.
    keep = t.find_all("form")[0]
    assert keep.attrs["action"] == reverse("assessments:edit", kwargs={"pk": draft.pk})
    assert keep.find_all("button")[0].text == "Keep this as my profile"


def test_an_htmx_answer_gets_the_t_in_place(user_client, user, catalogue):
    data = answers(page(user_client.get(URL)), marketing_analytics=3)
    response = user_client.post(URL, data, headers=HTMX)
    assert response.status_code == 200
    root = page(response)
    assert response.content.decode().lstrip().startswith('<div id="answer">')
    assert "<html" not in response.content.decode()
    assert root.by_id("your-t").find_all("p")[0].text.startswith("Depth 60 (Marketing analytics)")
    assert stored(Assessment.objects.get(owner=user))["quick"]["marketing-analytics"] == 3


def test_a_bad_level_is_refused_with_a_reason_and_nothing_is_saved(user_client, user, catalogue):
    data = answers(page(user_client.get(URL)), seo=7)
    response = user_client.post(URL, data)
    assert response.status_code == 422
    root = page(response)
    alert = root.by_id("answer").find_all("div", class_="alert-danger")[0]
    assert [li.text for li in alert.find_all("li")] == [
        "Choose a level from 0 to 5 for Search engine optimisation."
    ]
    assert not Assessment.objects.filter(owner=user).exists()

    response = user_client.post(URL, data, headers=HTMX)
    assert response.status_code == 422
    assert "Choose a level from 0 to 5 for Search engine optimisation." in response.content.decode()


def test_a_quick_start_kept_as_a_profile_is_provisional(user_client, user, catalogue):
    user_client.post(URL, answers(page(user_client.get(URL)), seo=4, copywriting=2))
    draft = Assessment.objects.get(owner=user)
    response = user_client.post(
        reverse("assessments:edit", kwargs={"pk": draft.pk}), {"action": "submit"}
    )
    profile = reverse("assessments:profile", kwargs={"pk": draft.pk})
    assertRedirects(response, profile, fetch_redirect_response=False)
    draft.refresh_from_db()
    assert (draft.status, draft.depth, draft.shape) == ("submitted", 80, "i-shaped")
    assert [w["code"] for w in draft.result["warnings"]] == ["quick-ratings"]
    root = page(user_client.get(profile))
    assert "This profile is provisional: 48 of its 48 competencies take the quick rating" in (
        root.by_id("warning-quick-ratings").text
    )
    seo_row = next(
        row
        for row in root.find_all("tr")
        if row.find_all("th") and row.find_all("th")[0].text.startswith("Search engine")
    )
    assert seo_row.find_all("td")[1].text == "0 of 3the rest by your quick rating, level 4"


def test_the_draft_keeps_what_was_rated_competency_by_competency(user_client, user, catalogue):
    draft, _ = start_assessment(user)
    save_draft(draft, levels={"technical-seo": 5})
    user_client.post(URL, answers(page(user_client.get(URL)), seo=1))
    assert stored(draft)["ratings"] == {"technical-seo": (5, "")}
    assert stored(draft)["quick"]["seo"] == 1
    # The page says what a discipline's answer stands for.
    notes = {
        q.attrs["id"]: q.find_all("p")[0].text
        for q in page(user_client.get(URL)).find_all("fieldset", class_="quick-question")
        if "one by one" in q.find_all("p")[0].text
    }
    assert notes == {
        "question-seo": "1 of 3 competencies already rated one by one: this level stands for "
        "the other 2."
    }


def test_a_discipline_rated_in_full_says_its_answer_changes_nothing(user_client, user, catalogue):
    draft, _ = start_assessment(user)
    seo = [c.slug for c in catalogue.discipline_by_slug["seo"].competencies]
    save_draft(draft, levels=dict.fromkeys(seo, 2))
    question = page(user_client.get(URL)).by_id("question-seo")
    assert question.find_all("p")[0].text == (
        "All 3 competencies already rated one by one: this level changes nothing."
    )


def test_refining_shows_what_still_counts_by_the_quick_ratings(user_client, user, catalogue):
    user_client.post(URL, answers(page(user_client.get(URL)), seo=4))
    draft = Assessment.objects.get(owner=user)
    edit = reverse("assessments:edit", kwargs={"pk": draft.pk})
    root = page(user_client.get(edit))
    assert root.by_id("progress").find_all("strong")[0].text == "Rated 0 of 48"
    assert root.by_id("progress").find_all("span")[0].text == (
        "· 48 more counted by your quick ratings"
    )
    assert root.by_id("count-seo").text == "0 of 3 rated, 3 counted as 4 (quick rating)"
    note = root.by_id("row-technical-seo").find_all("p", class_="quick-note")[0]
    assert note.text == (
        "Counts as 4, your quick rating of Search engine optimisation, until you rate it here."
    )

    # Rating one of them one by one: the autosave's counts say what is left.
    response = user_client.post(edit, {"level-technical-seo": "5"}, headers=HTMX)
    answer = page(response)
    assert answer.by_id("count-seo").text == "1 of 3 rated, 2 counted as 4 (quick rating)"
    root = page(user_client.get(edit))
    assert root.by_id("row-technical-seo").find_all("p", class_="quick-note") == []
    assert root.by_id("progress").find_all("span")[0].text == (
        "· 47 more counted by your quick ratings"
    )


def test_the_queries_do_not_grow_with_what_the_draft_holds(user_client, user, catalogue):
    def count(request):
        with CaptureQueriesContext(connection) as captured:
            assert request().status_code == 200
        return len(captured)

    cmo = str(Role.objects.get(slug="cmo").pk)
    user_client.post(URL, answers(page(user_client.get(URL)), seo=4) | {"target_role": cmo})
    draft = Assessment.objects.get(owner=user)
    small = count(lambda: user_client.get(URL))
    data = answers(page(user_client.get(URL)), seo=3)
    small_answer = count(lambda: user_client.post(URL, data, headers=HTMX))
    # Every competency rated one by one as well, and every discipline an interest.
    save_draft(
        draft,
        levels={c.slug: 2 for c in catalogue.competencies},
        interests={d.slug: True for d in catalogue.disciplines},
    )
    data = answers(page(user_client.get(URL)), seo=2)
    assert count(lambda: user_client.get(URL)) == small == QUICK_START_QUERIES
    assert count(lambda: user_client.post(URL, data, headers=HTMX)) == small_answer
    assert small_answer == QUICK_START_ANSWER_QUERIES
