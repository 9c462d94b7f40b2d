"""The rating form's POST keys, read in one place (posted.PostedRatings), and the forms
offering only what the catalogue offers."""

import pytest
from django.http import QueryDict

from assessments.forms import AssessmentSettingsForm, RatingsForm, TeamForm
from assessments.posted import PostedRatings
from assessments.queries.catalogue import catalogue_snapshot
from tests.factories import CompetencyFactory, DisciplineFactory, LayerFactory, RoleFactory


def posted(text: str) -> PostedRatings:
    return PostedRatings(QueryDict(text))


def test_keys_are_named_by_slug():
    assert PostedRatings.level_key("seo") == "level-seo"
    assert PostedRatings.evidence_key("seo") == "evidence-seo"
    assert PostedRatings.interest_key("seo") == "interest-seo"
    assert PostedRatings.interest_shown_key("seo") == "interest-seo-shown"


def test_a_competency_is_named_by_its_level_or_its_evidence():
    given = posted("level-a=3&evidence-b=note&interest-c=on")
    assert given.names_competency("a")
    assert given.names_competency("b")
    assert not given.names_competency("c")


def test_a_discipline_is_named_by_its_box_or_its_hidden_shown_field():
    given = posted("interest-a=on&interest-b-shown=1&level-c=2")
    assert given.names_discipline("a")
    assert given.names_discipline("b")
    assert not given.names_discipline("c")


def test_competency_keys_in_the_order_posted():
    given = posted("evidence-b=x&csrfmiddlewaretoken=t&level-a=1&level-=2&interest-c=on")
    assert list(given.competency_keys()) == [("evidence-b", "b"), ("level-a", "a"), ("level-", "")]
    assert given.first_competency() == "b"
    assert posted("level-=2").first_competency() is None


def test_a_posted_level_counts_only_from_0_to_5():
    given = posted("level-a=4&level-b=9&level-c=x&level-d=0")
    assert given.level("a", None) == 4
    assert given.level("b", 2) == 2
    assert given.level("c", None) is None
    assert given.level("d", 3) == 0
    assert given.level("e", 1) == 1


def test_evidence_as_posted_or_as_saved():
    given = posted("evidence-a=new")
    assert given.evidence("a", "old") == "new"
    assert given.evidence("b", "old") == "old"


def test_an_interest_changes_only_where_the_page_showed_its_box():
    given = posted("interest-a-shown=1&interest-b-shown=1&interest-b=on&interest-c=on")
    assert given.interest("a", True) is False
    assert given.interest("b", False) is True
    assert given.interest("c", False) is False


# --- Only what the catalogue offers -----------------------------------------------------------


@pytest.fixture
def split_catalogue(db):
    """A usable competency and role, and the same under a discipline whose layer is retired
    (the role's own home layer stays active)."""
    live = DisciplineFactory(slug="live-discipline", layer=LayerFactory(slug="live"))
    hidden = DisciplineFactory(
        slug="hidden-discipline", layer=LayerFactory(slug="retired", is_active=False)
    )
    return {
        "competency": CompetencyFactory(slug="live-competency", discipline=live),
        "hidden competency": CompetencyFactory(slug="hidden-competency", discipline=hidden),
        "role": RoleFactory(slug="live-role", discipline=live),
        "hidden role": RoleFactory(slug="hidden-role", discipline=hidden, layer=live.layer),
    }


def settings_form(role) -> AssessmentSettingsForm:
    return AssessmentSettingsForm(
        {"target_role": str(role.pk), "country": "GB", "experience_level": "mid"}
    )


def test_settings_form_offers_only_roles_whose_discipline_and_its_layer_are_active(
    split_catalogue,
):
    offered = AssessmentSettingsForm().fields["target_role"].queryset

    assert list(offered) == [split_catalogue["role"]]


def test_settings_form_refuses_a_role_whose_discipline_sits_in_a_retired_layer(split_catalogue):
    refused = settings_form(split_catalogue["hidden role"])
    accepted = settings_form(split_catalogue["role"])

    assert not refused.is_valid()
    assert refused.errors["target_role"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert accepted.is_valid()
    assert accepted.cleaned_data["target_role"] == split_catalogue["role"]


def test_ratings_form_refuses_a_competency_under_a_retired_layer(split_catalogue):
    catalogue = catalogue_snapshot()
    refused = RatingsForm.for_post(QueryDict("level-hidden-competency=3"), catalogue)
    accepted = RatingsForm.for_post(QueryDict("level-live-competency=3"), catalogue)

    assert [c.slug for c in catalogue.competencies] == ["live-competency"]
    assert not refused.is_valid()
    assert refused.non_field_errors() == [
        "“hidden-competency” is not a competency in the catalogue; nothing was saved. "
        "Reload the page and try again."
    ]
    assert accepted.is_valid()
    assert accepted.posted_levels() == {"live-competency": 3}


LOOKALIKE = (
    "This name mixes letters that look alike from different alphabets, so it could pass for "
    "another name. Write it in one alphabet."
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "error"),
    [
        (
            "North\u202ewind",
            "Remove the invisible characters (such as direction marks) from this name.",
        ),
        (
            "Studio\u200b",
            "Remove the invisible characters (such as direction marks) from this name.",
        ),
        ("N\u043erthwind Studio", LOOKALIKE),
    ],
)
def test_a_team_name_cannot_pass_for_another(name, error):
    form = TeamForm(data={"name": name})
    assert not form.is_valid()
    assert form.errors["name"] == [error]


@pytest.mark.django_db
def test_a_team_name_is_kept_in_its_plain_form():
    form = TeamForm(data={"name": "\uff2eorthwind  "})
    assert form.is_valid()
    assert form.cleaned_data["name"] == "Northwind"
