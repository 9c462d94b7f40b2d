"""Share links and the print view: the owner makes a link (shown once) and revokes it; the
link opens a read-only page for anyone, out of search engines and caches, and answers the
site's plain 404 once revoked or expired; the print view puts the profile on one page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.domain.evidence import LINK_REL
from assessments.models import ShareLink
from assessments.services.assessments import start_assessment
from assessments.tokens import hash_token
from tests.assessments.conftest import page
from tests.factories import SubmittedAssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

EVIDENCE = {"headlines": "Spring campaign: https://example.com/spring"}
LEVELS = {"headlines": 4, "landing-copy": 2, "keyword-research": 1}
ROLES = ["Copywriter: 81% fit", "Content Strategist: 0% fit", "SEO Specialist: 0% fit"]


@pytest.fixture
def owner(db):
    return UserFactory(username="ada", first_name="Ada", last_name="Lovelace")


@pytest.fixture
def profile(small_catalogue, owner):
    return SubmittedAssessmentFactory(owner=owner, levels=LEVELS, evidence=EVIDENCE)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def share_url(profile):
    return reverse("assessments:share", kwargs={"pk": profile.pk})


def make_link(client, profile, **fields) -> str:
    """The path of a new link made through the share page's form."""
    response = client.post(share_url(profile), {"days": "30", **fields})
    assert response.status_code == 200
    address = page(response).by_id("share-url").attrs["value"]
    assert address.startswith("http://testserver/shared/")
    return address.removeprefix("http://testserver")


def test_the_share_page_starts_with_no_link_and_nothing_personal_ticked(owner_client, profile):
    root = page(owner_client.get(share_url(profile)))
    assert root.by_id("live-link").text == "This profile has no working share link."
    boxes = root.find_all("input", type="checkbox")
    assert [(box.attrs["name"], box.has("checked")) for box in boxes] == [
        ("name", False),
        ("evidence", False),
        ("roles", False),
    ]
    checked = [r.attrs["value"] for r in root.find_all("input", type="radio") if r.has("checked")]
    assert checked == ["30"]
    assert root.find_all(id="new-link") == []


def test_a_new_link_is_shown_once_and_stored_as_a_digest(owner_client, profile, client):
    before = timezone.now()
    path = make_link(owner_client, profile)
    token = path.removeprefix("/shared/").removesuffix("/")
    assert len(token) == 43
    link = ShareLink.objects.get()
    assert link.key_hash == hash_token(token)
    assert (link.show_name, link.show_evidence, link.show_roles) == (False, False, False)
    assert before + dt.timedelta(days=30) <= link.expires_at <= timezone.now() + dt.timedelta(30)
    again = page(owner_client.get(share_url(profile)))
    assert again.find_all(id="share-url") == []
    assert again.by_id("live-link").text.startswith("A link made on ")
    assert again.by_id("live-link").text.endswith(". It shows your T and scores.")


def test_the_shared_page_shows_the_t_and_scores_and_nothing_personal_by_default(
    owner_client, profile, client
):
    path = make_link(owner_client, profile)
    owner_client.logout()
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    root = page(response)
    assert root.find_all("meta", name="robots")[0].attrs["content"] == "noindex, nofollow"
    assert root.by_id("sheet-title").text == "A marketer’s T"
    assert root.find_all("svg", class_="t-chart")
    scores = [
        (row.find_all("th")[0].text, row.find_all("td")[0].text)
        for row in root.by_id("sheet-scores").find_all("tr")[1:]
    ]
    assert [name for name, _score in scores] == [
        "Producers",
        "Copywriting",
        "Graphic design",
        "Distributors",
        "SEO",
    ]
    text = root.by_id("main").text
    for private in ("Ada", "Lovelace", "example.com/spring", "Copywriter", "Salary"):
        assert private not in text
    assert root.find_all(id="sheet-evidence") == root.find_all(id="sheet-roles") == []


def test_what_the_owner_ticks_is_shown(owner_client, profile, client):
    path = make_link(owner_client, profile, name="on", evidence="on", roles="on")
    assert (
        page(owner_client.get(share_url(profile)))
        .by_id("live-link")
        .text.endswith("It shows your T and scores, and your name, evidence and top roles.")
    )
    root = page(client.get(path))
    assert root.by_id("sheet-title").text == "Ada Lovelace’s T"
    rows = root.by_id("sheet-evidence").find_all("tr")[1:]
    assert [
        [row.find_all("th")[0].text, *(td.text for td in row.find_all("td"))] for row in rows
    ] == [
        ["Headlines (Copywriting)", "4 · Advanced", "Spring campaign: https://example.com/spring"]
    ]
    assert [(a.attrs["href"], a.attrs["rel"]) for a in rows[0].find_all("a")] == [
        ("https://example.com/spring", LINK_REL)
    ]
    assert [li.text for li in root.by_id("sheet-roles").find_all("li")] == ROLES


def test_an_expiry_not_offered_is_refused(owner_client, profile):
    response = owner_client.post(share_url(profile), {"days": "5"})
    assert response.status_code == 422
    assert page(response).by_id("share-errors").text == (
        "The link stops working after: Select a valid choice. 5 is not one of the available "
        "choices."
    )
    assert not ShareLink.objects.exists()


def not_found_text(client):
    return page(client.get("/shared/no-such-link/")).by_id("main").text


def test_a_revoked_link_is_a_plain_404(owner_client, profile, client):
    path = make_link(owner_client, profile)
    response = owner_client.post(reverse("assessments:share-revoke", kwargs={"pk": profile.pk}))
    assert response.status_code == 302
    assert response["Location"] == share_url(profile)
    followed = page(owner_client.get(share_url(profile)))
    assert followed.by_id("live-link").text == "This profile has no working share link."
    owner_client.logout()
    gone = client.get(path)
    assert gone.status_code == 404
    assert page(gone).by_id("main").text == not_found_text(client)


def test_a_new_link_replaces_the_one_before(owner_client, profile, client):
    first = make_link(owner_client, profile)
    second = make_link(owner_client, profile)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert ShareLink.objects.filter(revoked_at__isnull=True).count() == 1


def test_an_expired_link_is_a_plain_404(owner_client, profile, client):
    path = make_link(owner_client, profile)
    ShareLink.objects.update(
        created_at=timezone.now() - dt.timedelta(days=8),
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    response = client.get(path)
    assert response.status_code == 404
    assert page(response).by_id("main").text == not_found_text(client)


def test_a_draft_or_someone_elses_assessment_cannot_be_shared(client, profile, owner):
    draft, _ = start_assessment(owner)
    client.force_login(owner)
    assert client.get(share_url(draft)).status_code == 404
    assert client.post(share_url(draft), {"days": "7"}).status_code == 404
    client.force_login(UserFactory(username="mallory"))
    assert client.get(share_url(profile)).status_code == 404
    assert client.post(share_url(profile), {"days": "7"}).status_code == 404
    revoke = reverse("assessments:share-revoke", kwargs={"pk": profile.pk})
    assert client.post(revoke).status_code == 404
    print_url = reverse("assessments:print", kwargs={"pk": profile.pk})
    assert client.get(print_url).status_code == 404
    assert not ShareLink.objects.exists()


def test_the_profile_leads_to_sharing_and_printing(owner_client, profile):
    root = page(owner_client.get(profile.get_absolute_url()))
    links = [(a.text, a.attrs["href"]) for a in root.by_id("profile-actions").find_all("a")]
    assert links == [
        ("Share this profile with a link", share_url(profile)),
        ("Print it on one page", reverse("assessments:print", kwargs={"pk": profile.pk})),
    ]


def test_the_print_view_has_everything_on_one_page(owner_client, profile):
    root = page(owner_client.get(reverse("assessments:print", kwargs={"pk": profile.pk})))
    assert root.by_id("sheet-title").text == "Ada Lovelace’s T"
    assert root.by_id("print-help").attrs["class"] == "alert alert-info no-print"
    assert len(root.by_id("sheet-evidence").find_all("tr")) == 2
    assert [li.text for li in root.by_id("sheet-roles").find_all("li")] == ROLES
    assert root.find_all("svg", class_="t-chart")


@pytest.mark.parametrize("extra", [0, 6])
def test_the_pages_take_a_fixed_number_of_queries(
    owner_client, client, small_catalogue, owner, extra, django_assert_num_queries
):
    for days in range(extra):
        SubmittedAssessmentFactory(
            owner=owner, levels=LEVELS, submitted_at=timezone.now() - dt.timedelta(days=days + 1)
        )
    profile = SubmittedAssessmentFactory(owner=owner, levels=LEVELS, evidence=EVIDENCE)
    path = make_link(owner_client, profile, name="on", evidence="on", roles="on")
    # The user (the session comes from the cache), the assessment, its live link.
    with django_assert_num_queries(3):
        owner_client.get(share_url(profile))
    # The user, the assessment with its owner, the ratings with their evidence.
    with django_assert_num_queries(3):
        owner_client.get(reverse("assessments:print", kwargs={"pk": profile.pk}))
    owner_client.logout()
    # The link with its assessment and owner, the ratings with their evidence.
    with django_assert_num_queries(2):
        client.get(path)
