"""Rules a curator meets: a competency is live only with its five level descriptions (in
the admin's forms, its actions and the CSV import alike), and salary bands that look wrong
are saved with a warning."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

import careers.admin
from careers.models import Competency, LevelAnchor
from tests.careers.test_audit import form_data
from tests.careers.test_import_export import confirm, row_errors, upload
from tests.factories import CompetencyFactory, DisciplineFactory, LevelAnchorFactory

pytestmark = pytest.mark.django_db

MISSING_ALL = (
    "Describe levels 1, 2, 3, 4 and 5 of “Short copy” before making it active: people rate a "
    "competency against its five level descriptions. Keep it retired until then."
)


def described(competency, levels=range(1, 6)):
    for level in levels:
        LevelAnchorFactory(competency=competency, level=level, description=f"Level {level}.")
    return competency


def change_url(obj):
    return reverse(f"admin:careers_{obj._meta.model_name}_change", args=[obj.pk])


def test_a_competency_made_active_without_five_descriptions_is_refused(staff_client):
    competency = described(CompetencyFactory(name="Short copy", is_active=False), [1, 2, 3])
    data = form_data(staff_client.get(change_url(competency)))
    data["is_active"] = "on"
    response = staff_client.post(change_url(competency), data)
    assert response.status_code == 200
    assertContains(
        response,
        "Describe levels 4 and 5 of “Short copy” before making it active: people rate a "
        "competency against its five level descriptions. Keep it retired until then.",
    )
    assert Competency.objects.get(pk=competency.pk).is_active is False


def test_the_missing_descriptions_written_in_the_same_save_are_enough(staff_client):
    competency = described(CompetencyFactory(name="Short copy", is_active=False), [1, 2, 3])
    data = form_data(staff_client.get(change_url(competency)))
    data.update(
        {
            "is_active": "on",
            "anchors-TOTAL_FORMS": "5",
            "anchors-3-level": "4",
            "anchors-3-description": "Leads the copy.",
            "anchors-4-level": "5",
            "anchors-4-description": "Sets the standard.",
        }
    )
    response = staff_client.post(change_url(competency), data)
    assert response.status_code == 302
    competency.refresh_from_db()
    assert competency.is_active is True
    assert list(competency.anchors.values_list("level", flat=True)) == [1, 2, 3, 4, 5]


def test_an_active_competency_keeps_all_five(staff_client):
    competency = described(CompetencyFactory(name="Short copy"))
    data = form_data(staff_client.get(change_url(competency)))
    data["anchors-4-DELETE"] = "on"
    response = staff_client.post(change_url(competency), data)
    assertContains(response, "Describe level 5 of “Short copy” before making it active")
    assert competency.anchors.count() == 5


def test_a_description_of_an_active_competency_cannot_be_deleted_or_moved(staff_client):
    anchor = described(CompetencyFactory(name="Short copy")).anchors.get(level=5)
    response = staff_client.get(change_url(anchor))
    assert sorted(response.context["adminform"].readonly_fields) == ["competency", "level"]
    delete = reverse("admin:careers_levelanchor_delete", args=[anchor.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    assert LevelAnchor.objects.filter(pk=anchor.pk).exists()
    changelist = staff_client.get(reverse("admin:careers_levelanchor_changelist"))
    assert changelist.context["action_form"] is None


def test_a_new_competency_in_the_discipline_page_starts_retired(staff_client):
    discipline = DisciplineFactory()
    url = change_url(discipline)
    data = form_data(staff_client.get(url))
    data.update(
        {
            "competencies-TOTAL_FORMS": "1",
            "competencies-0-name": "Short copy",
            "competencies-0-slug": "short-copy",
            "competencies-0-description": "Writes short.",
            "competencies-0-order": "1",
            "competencies-0-is_active": "on",
        }
    )
    response = staff_client.post(url, data)
    assertContains(response, MISSING_ALL)
    assert not Competency.objects.filter(slug="short-copy").exists()
    del data["competencies-0-is_active"]
    assert staff_client.post(url, data).status_code == 302
    assert Competency.objects.get(slug="short-copy").is_active is False


def test_reactivating_keeps_an_undescribed_competency_retired_and_says_why(staff_client):
    ready = described(CompetencyFactory(name="Long copy", is_active=False))
    bare = CompetencyFactory(name="Short copy", is_active=False)
    response = staff_client.post(
        reverse("admin:careers_competency_changelist"),
        {"action": "reactivate", "_selected_action": [ready.pk, bare.pk]},
        follow=True,
    )
    assertContains(response, MISSING_ALL)
    assertContains(response, "Reactivated 1 entry.")
    assert sorted(Competency.objects.filter(is_active=True).values_list("name", flat=True)) == [
        "Long copy"
    ]


def test_a_sheet_brings_a_new_competency_in_retired_only(staff_client, small_catalogue):
    active = "slug,name,discipline,order,description,is_active\n" + (
        "short-copy,Short copy,copywriting,4,Writes short.,1\n"
    )
    assert row_errors(upload(staff_client, "competency", active)) == {1: [MISSING_ALL]}
    retired = active.replace("Writes short.,1", "Writes short.,0")
    confirm(staff_client, "competency", upload(staff_client, "competency", retired))
    assert Competency.objects.get(slug="short-copy").is_active is False


# --- salary bands: saved, with a warning for what looks wrong --------------------------------


@pytest.fixture(autouse=True)
def in_2026(monkeypatch):
    """The year the band checks count from, fixed for the tests."""
    monkeypatch.setattr(careers.admin, "this_year", lambda: 2026)


def test_a_band_that_overlaps_or_is_old_is_saved_with_a_warning(staff_client, small_catalogue):
    band = small_catalogue["copywriter"].salary_bands.get(country="GB", experience_level="senior")
    data = form_data(staff_client.get(change_url(band)))
    data.update({"low": "30000", "year": "2021"})
    response = staff_client.post(change_url(band), data, follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        "Copywriter in United Kingdom: Senior level starts at 30,000, below the top of Entry "
        "level (35,000): the source's bands meet end to end.",
        "Copywriter in United Kingdom: Figures from 2021 are 3 or more years old.",
        f'The salary band “<a href="{change_url(band)}">{band}</a>” was changed successfully.',
    ]
    band.refresh_from_db()
    assert (band.low, band.year) == (30_000, 2021)


def test_a_role_saved_with_sound_bands_gets_no_warning(staff_client, small_catalogue):
    role = small_catalogue["copywriter"]
    response = staff_client.post(
        change_url(role), form_data(staff_client.get(change_url(role))), follow=True
    )
    assert [message.level_tag for message in response.context["messages"]] == ["success"]
