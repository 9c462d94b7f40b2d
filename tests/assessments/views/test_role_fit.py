"""A role page from the signed-in visitor's side: their fit, gaps and salary, their country's
figures by default, and making the role their target."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from assessments.domain import scoring
from assessments.models import Assessment
from assessments.services.assessments import save_draft, start_assessment
from careers import visitors
from careers.models import Role
from tests.assessments.conftest import HTMX, levels_for, page

pytestmark = pytest.mark.django_db

SEO_PEAK = {"keyword_research": 5, "technical_seo": 5, "link_building": 4, "paid_search": 3}


def fit_url(slug="copywriter"):
    return reverse("assessments:role-fit", kwargs={"slug": slug})


def target_url(slug="copywriter"):
    return reverse("assessments:role-target", kwargs={"slug": slug})


@pytest.fixture
def latest(user, catalogue, submit):
    return submit(user, levels_for(catalogue, 2, **SEO_PEAK), settings={"country": "GB"})


def test_a_visitor_sees_no_personal_part_on_a_role_page(client, catalogue):
    root = page(client.get("/roles/copywriter/"))
    assert root.find_all(id="your-fit") == []


def test_a_signed_in_visitor_gets_their_part_fetched_or_linked(user_client, catalogue):
    section = page(user_client.get("/roles/copywriter/")).by_id("your-fit")
    assert section.attrs["hx-get"] == fit_url()
    assert section.attrs["hx-trigger"] == "load"
    assert [(a.text, a.attrs["href"]) for a in section.find_all("a")] == [
        ("See your fit, your gaps and your salary for this role", fit_url())
    ]


def test_the_role_page_shows_the_visitors_country_by_default(client, user, latest):
    client.force_login(user)  # logging in reads the latest assessment's country
    assert client.session[visitors.COUNTRY_KEY] == "GB"
    caption = page(client.get("/roles/seo-specialist/")).find_all("caption")[-1].text
    assert caption.startswith("Yearly salary, GBP, 2025.")
    # An explicit choice still wins.
    chosen = page(client.get("/roles/seo-specialist/?country=US")).find_all("caption")[-1]
    assert chosen.text.startswith("Yearly salary, USD, 2025.")


def test_submitting_keeps_the_visitors_country(user_client, user, catalogue):
    draft, _ = start_assessment(user)
    save_draft(draft, levels=levels_for(catalogue, 1), settings={"country": "AU"})
    user_client.post(reverse("assessments:edit", kwargs={"pk": draft.pk}), {"action": "submit"})
    assert user_client.session[visitors.COUNTRY_KEY] == "AU"


def test_without_an_assessment_the_fit_invites_a_first_one(user_client, catalogue):
    section = page(user_client.get(fit_url())).by_id("your-fit")
    assert section.find_all("p")[0].text == (
        "Rate your skills once and this shows your fit, your gaps and your salary for Copywriter."
    )
    assert section.find_all("button")[0].text == "Rate my skills with this role as my target"


def test_the_fit_is_the_one_the_profile_shows(user_client, latest, catalogue):
    expected = scoring.score(catalogue, levels_for(catalogue, 2, **SEO_PEAK))
    match = next(m for m in expected.matches if m.role == "copywriter")
    root = page(user_client.get(fit_url()))
    section = root.by_id("your-fit")
    paragraphs = section.find_all("p")
    assert paragraphs[0].text == (
        f"{match.fit}% fit, from your assessment of 6 January 2025."
        f" {expected.explanations.fits['copywriter']}"
    )
    assert paragraphs[1].text.startswith("Salary in United Kingdom, mid level: £")
    assert paragraphs[1].text.endswith(" a year (GBP, 2025).")
    gaps = [
        [cell.text for cell in row.children if cell.name]
        for row in section.find_all("tbody")[0].find_all("tr")
    ]
    assert [row[0] for row in gaps] == [gap.name for gap in match.gaps]
    assert section.find_all("button")[0].text == "Make it my target role"


def test_htmx_gets_the_part_alone(user_client, latest):
    response = user_client.get(fit_url(), headers=HTMX)
    root = page(response)
    assert root.find_all("h1") == []
    assert [node.attrs["id"] for node in root.find_all("section")] == ["your-fit"]
    assert "HX-Request" in response["Vary"]


def test_a_role_newer_than_the_assessment_offers_it_scored_again(user_client, latest):
    result = dict(latest.result)
    result["matches"] = [m for m in result["matches"] if m["role"] != "copywriter"]
    Assessment.objects.filter(pk=latest.pk).update(result=result)
    link = page(user_client.get(fit_url())).by_id("your-fit").find_all("a")[-1]
    assert link.text == "See your ratings scored with today's catalogue"
    assert link.attrs["href"] == reverse("assessments:rescored", kwargs={"pk": latest.pk})


def test_making_a_role_the_target_opens_the_draft_on_what_it_asks(user_client, user, latest):
    response = user_client.post(target_url())

    draft = Assessment.objects.get(owner=user, status="draft")
    assertRedirects(
        response,
        reverse("assessments:edit", kwargs={"pk": draft.pk}),
        fetch_redirect_response=False,
    )
    assert draft.target_role.slug == "copywriter"
    assert draft.ratings.count() == 48  # started from the latest assessment
    section = page(user_client.get(fit_url())).by_id("your-fit")
    assert section.find_all("button") == []
    assert section.find_all("p")[-1].text == "This is your target role: rate what it asks for."


@pytest.mark.parametrize("retired", ["role", "layer"])
def test_a_retired_role_has_no_fit_and_cannot_be_aimed_at(user_client, user, catalogue, retired):
    role = Role.objects.select_related("layer").get(slug="copywriter")
    entry = role if retired == "role" else role.layer
    type(entry).objects.filter(pk=entry.pk).update(is_active=False)
    assert user_client.get(fit_url()).status_code == 404
    assert user_client.post(target_url()).status_code == 404
    assert not Assessment.objects.filter(owner=user).exists()


def test_the_compare_page_asks_for_one_side_with_ids_of_its_own(user_client, latest):
    section = page(user_client.get(fit_url() + "?side=b", headers=HTMX)).by_id("your-fit-b")
    assert section.attrs["aria-labelledby"] == "your-fit-b-title"
    assert section.find_all("h2")[0].text == "How you fit Copywriter"
    # Anything else than a side of the compare page is the role page's part.
    section = page(user_client.get(fit_url() + "?side=c", headers=HTMX)).by_id("your-fit")
    assert section.find_all("h2")[0].text == "How you fit this role"


def test_a_renamed_role_s_old_fit_address_leads_to_its_new_one(user_client, catalogue):
    role = Role.objects.get(slug="copywriter")
    role.slug = "conversion-copywriter"
    role.save()
    response = user_client.get(fit_url() + "?side=a")
    assert response.status_code == 301
    assert response["Location"] == fit_url("conversion-copywriter") + "?side=a"
    assert user_client.get(fit_url("no-such-role")).status_code == 404
