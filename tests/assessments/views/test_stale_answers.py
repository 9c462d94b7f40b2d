"""Two tabs (or devices) on one draft: every rating carries a version, the form posts the
version it showed, and a write over a newer value is refused instead of overwriting it, by
the autosave (409 with the newer value) and by the plain form (the page again, listing what
changed, with nothing lost)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from assessments.models import Assessment, Rating
from assessments.services.assessments import StaleRatings, save_draft, start_assessment
from tests.assessments.conftest import HTMX, form_data, levels_for, page, ratings_of, stored

pytestmark = pytest.mark.django_db

CONFLICT = "Changed in another tab or device: now level 3 — yours was 4. Keep yours?"


@pytest.fixture
def draft(user):
    return start_assessment(user)[0]


def edit_url(assessment):
    return reverse("assessments:edit", kwargs={"pk": assessment.pk})


# The form's step with the rating the tests change.
STEP = "?step=conversion-optimisation"


def versions(assessment) -> dict[str, int]:
    return dict(
        Rating.objects.filter(assessment=assessment).values_list("competency__slug", "version")
    )


# --- the service -----------------------------------------------------------------------------


def test_every_write_of_a_rating_raises_its_version_and_an_unchanged_one_keeps_it(draft, catalogue):
    save_draft(draft, levels={"ab-testing": 2})
    assert versions(draft) == {"ab-testing": 1}
    save_draft(draft, levels={"ab-testing": 3}, versions={"ab-testing": 1})
    assert versions(draft) == {"ab-testing": 2}
    save_draft(draft, evidence={"ab-testing": "Ran 12 tests"}, versions={"ab-testing": 2})
    assert versions(draft) == {"ab-testing": 3}
    # The same values again write nothing: other pages showing them stay current.
    save_draft(draft, levels={"ab-testing": 3}, evidence={"ab-testing": "Ran 12 tests"})
    assert versions(draft) == {"ab-testing": 3}
    assert ratings_of(draft) == {"ab-testing": (3, "Ran 12 tests")}


def test_a_write_over_a_newer_rating_is_refused_and_changes_nothing(draft, catalogue):
    save_draft(draft, levels={"ab-testing": 3, "keyword-research": 1})
    before = stored(draft)

    with pytest.raises(StaleRatings) as refused:
        save_draft(
            draft,
            levels={"ab-testing": 4, "keyword-research": 2, "paid-search": 5},
            versions={"ab-testing": 0, "keyword-research": 1, "paid-search": 0},
        )

    assert [
        (item.slug, item.name, item.saved_level, item.posted_level, item.version)
        for item in refused.value.stale
    ] == [("ab-testing", "Experiment design and A/B testing", 3, 4, 1)]
    assert refused.value.stale[0].message == (
        "Changed in another tab or device: now level 3 — yours was 4."
    )
    assert str(refused.value) == (
        "Changed in another tab or device since the page was shown: "
        "Experiment design and A/B testing: now level 3 — yours was 4"
    )
    assert stored(draft) == before


def test_a_stale_page_posting_what_is_saved_now_is_not_refused(draft, catalogue):
    save_draft(draft, levels={"ab-testing": 3})
    save_draft(draft, levels={"ab-testing": 3}, versions={"ab-testing": 0})
    assert (ratings_of(draft), versions(draft)) == ({"ab-testing": (3, "")}, {"ab-testing": 1})


def test_evidence_changed_elsewhere_is_named_as_evidence(draft, catalogue):
    save_draft(draft, levels={"ab-testing": 3}, evidence={"ab-testing": "Newer"})
    with pytest.raises(StaleRatings) as refused:
        save_draft(draft, evidence={"ab-testing": "Older"}, versions={"ab-testing": 0})
    assert refused.value.stale[0].message == (
        "Changed in another tab or device: the evidence is now “Newer” — yours was “Older”."
    )


# --- the autosave ----------------------------------------------------------------------------


def test_a_stale_autosave_is_a_409_showing_the_newer_value_and_a_way_to_keep_yours(
    user_client, draft, catalogue
):
    # Both tabs show ab-testing unrated (version 0); tab B saves 3 first.
    assert (
        user_client.post(
            edit_url(draft), {"level-ab-testing": "3", "version-ab-testing": "0"}, headers=HTMX
        ).status_code
        == 200
    )

    response = user_client.post(
        edit_url(draft),
        {"level-ab-testing": "4", "evidence-ab-testing": "", "version-ab-testing": "0"},
        headers=HTMX,
    )

    assert response.status_code == 409
    assert ratings_of(draft) == {"ab-testing": (3, "")}
    root = page(response)
    row = root.by_id("row-ab-testing")
    assert row.attrs["hx-swap-oob"] == "true"
    assert [
        radio.attrs["value"]
        for radio in row.find_all("input", type="radio")
        if "checked" in radio.attrs
    ] == ["3"]
    assert row.by_id("version-ab-testing").attrs["value"] == "1"
    assert "hx-swap-oob" not in row.by_id("version-ab-testing").attrs
    status = row.by_id("status-ab-testing")
    assert status.text == f"{CONFLICT} Keep yours (4)"
    assert "hx-swap-oob" not in status.attrs
    button = status.find_all("button")[0]
    assert (button.attrs["type"], button.attrs["data-keep-yours"], button.attrs["data-level"]) == (
        "button",
        "ab-testing",
        "4",
    )
    assert button.attrs["data-evidence"] == ""
    # The rest of the answer is as for any autosave: count, progress and preview.
    assert root.by_id("progress").find_all("strong")[0].text == "Rated 1 of 48"
    assert "HX-Trigger" not in response

    # "Keep yours" posts the page's value with the version now shown.
    kept = user_client.post(
        edit_url(draft),
        {"level-ab-testing": "4", "evidence-ab-testing": "", "version-ab-testing": "1"},
        headers=HTMX,
    )
    assert kept.status_code == 200
    assert page(kept).by_id("status-ab-testing").text == "Saved."
    assert (ratings_of(draft), versions(draft)) == ({"ab-testing": (4, "")}, {"ab-testing": 2})


def test_autosaves_from_one_page_in_a_row_are_never_stale(user_client, draft, catalogue):
    version = "0"
    for level in ["1", "2", "5"]:
        response = user_client.post(
            edit_url(draft),
            {"level-ab-testing": level, "version-ab-testing": version},
            headers=HTMX,
        )
        assert response.status_code == 200
        version = page(response).by_id("version-ab-testing").attrs["value"]
    assert (ratings_of(draft), versions(draft)) == ({"ab-testing": (5, "")}, {"ab-testing": 3})


# --- the plain form --------------------------------------------------------------------------


def test_a_plain_save_over_a_newer_rating_shows_the_page_again_and_loses_nothing(
    user_client, draft, catalogue
):
    save_draft(draft, levels={"conversion-research": 1})
    tab_a = page(user_client.get(edit_url(draft) + STEP))
    save_draft(draft, levels={"ab-testing": 3}, versions={"ab-testing": 0})  # tab B
    data = form_data(tab_a, "assessment-form", ("action", "save"))
    data |= {"level-ab-testing": "4", "level-conversion-research": "2", "evidence-ab-testing": ""}

    response = user_client.post(edit_url(draft), data)

    assert response.status_code == 409
    assert ratings_of(draft) == {"conversion-research": (1, ""), "ab-testing": (3, "")}
    root = page(response)
    notice = root.by_id("stale-answers")
    assert notice.text == (
        "Nothing was saved: 1 answer was changed in another tab or device since this page was "
        "shown. Experiment design and A/B testing: now level 3 — yours was 4. Your answers "
        "are still in the form below. Save again to keep them, or change them first."
    )
    assert [a.attrs["href"] for a in notice.find_all("a")] == ["#row-ab-testing"]
    # Every answer of the page is still there, and saving again keeps them.
    again = form_data(root, "assessment-form", ("action", "save"))
    assert (again["level-ab-testing"], again["level-conversion-research"]) == ("4", "2")
    assert again["version-ab-testing"] == "1"
    assertRedirects(
        user_client.post(edit_url(draft), again),
        edit_url(draft) + STEP,
        fetch_redirect_response=False,
    )
    assert ratings_of(draft) == {"conversion-research": (2, ""), "ab-testing": (4, "")}


def test_a_plain_submit_over_a_newer_rating_is_not_submitted(user_client, draft, catalogue):
    save_draft(draft, levels=levels_for(catalogue, 2))
    tab_a = page(user_client.get(edit_url(draft) + STEP))
    save_draft(draft, levels={"ab-testing": 3}, versions={"ab-testing": 1})  # tab B
    data = form_data(tab_a, "assessment-form", ("action", "submit"))

    response = user_client.post(edit_url(draft), data)

    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT
    assert page(response).by_id("stale-answers").find_all("li")[0].text == (
        "Experiment design and A/B testing: now level 3 — yours was 2."
    )
    assert ratings_of(draft)["ab-testing"] == (3, "")


def test_a_submit_from_the_autosaving_page_submits_what_is_saved_and_says_the_page_was_stale(
    user_client, draft, catalogue
):
    save_draft(draft, levels=levels_for(catalogue, 2))
    tab_a = page(user_client.get(edit_url(draft) + STEP))
    save_draft(draft, levels={"ab-testing": 3}, versions={"ab-testing": 1})  # tab B
    data = form_data(tab_a, "assessment-form", ("action", "submit")) | {"autosave": "1"}

    response = user_client.post(edit_url(draft), data, follow=True)

    assert response.redirect_chain == [
        (reverse("assessments:profile", kwargs={"pk": draft.pk}), 302)
    ]
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED
    assert ratings_of(draft)["ab-testing"] == (3, "")
    assert page(response).by_id("messages").text == (
        "Submitted. Here is your T. The page was out of date; what was saved in another tab or "
        "device was submitted. Experiment design and A/B testing: now level 3 — yours was 2."
    )
