"""The catalogue's vocabularies: one definition each, read the way models and pages read them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.choices import (
    CURRENCY_BY_COUNTRY,
    CURRENCY_SYMBOL,
    MAX_LEVEL,
    MIN_LEVEL,
    RATING_LEVELS,
    REQUIRED_LEVEL_CHOICES,
    REQUIRED_LEVELS,
    STAGES,
    WEIGHTS,
    Country,
    ExperienceLevel,
    Focus,
    Level,
    ResourceKind,
    Stage,
    TransitionKind,
    Weight,
    position,
)
from careers.models import (
    DisciplineAnchor,
    LearningResource,
    LevelAnchor,
    Role,
    RoleRequirement,
    SalaryBand,
)


def test_the_rating_scale_runs_from_no_exposure_to_expert():
    assert Level.choices == [
        (0, "No exposure"),
        (1, "Aware"),
        (2, "Working"),
        (3, "Proficient"),
        (4, "Advanced"),
        (5, "Expert"),
    ]
    assert (MIN_LEVEL, MAX_LEVEL) == (0, 5)
    assert list(RATING_LEVELS) == [0, 1, 2, 3, 4, 5]
    assert list(REQUIRED_LEVELS) == [1, 2, 3, 4, 5]
    assert Level.choices[1:] == REQUIRED_LEVEL_CHOICES


@pytest.mark.parametrize(
    ("vocabulary", "values", "labels"),
    [
        (Weight, [1, 2, 3], ["Useful", "Important", "Essential"]),
        (
            Stage,
            ["specialist", "manager", "director", "executive"],
            ["Specialist", "Manager", "Director", "Executive"],
        ),
        (
            Focus,
            ["tactical", "strategic"],
            ["Tactical: the how", "Strategic: the why and the what"],
        ),
        (TransitionKind, ["promotion", "sideways"], ["Step up", "Sideways move"]),
        (
            ResourceKind,
            ["course", "book", "guide", "video", "practice", "tool"],
            ["Course", "Book", "Guide", "Video", "Practice", "Tool"],
        ),
        (
            Country,
            ["US", "CA", "GB", "AU"],
            ["United States", "Canada", "United Kingdom", "Australia"],
        ),
        (
            ExperienceLevel,
            ["entry", "mid", "senior", "executive"],
            ["Entry level", "Mid level", "Senior level", "Executive level"],
        ),
    ],
)
def test_each_vocabulary_lists_its_values_and_labels_in_order(vocabulary, values, labels):
    assert vocabulary.values == values
    assert vocabulary.labels == labels
    assert vocabulary.choices == list(zip(values, labels, strict=True))


@pytest.mark.parametrize(
    ("member", "value", "label", "text"),
    [
        (Level.PROFICIENT, 3, "Proficient", "3"),
        (Level(0), 0, "No exposure", "0"),
        (Weight.ESSENTIAL, 3, "Essential", "3"),
        (Country("GB"), "GB", "United Kingdom", "GB"),
        (Stage.MANAGER, "manager", "Manager", "manager"),
    ],
)
def test_a_member_equals_its_value_and_prints_as_it(member, value, label, text):
    assert member == value
    assert member.value == value
    assert member.label == label
    assert str(member) == text
    assert f"{member}" == text


def test_an_unknown_value_is_refused():
    with pytest.raises(ValueError, match="is not a valid Level"):
        Level(6)
    with pytest.raises(ValueError, match="is not a valid Country"):
        Country("FR")


def test_templates_read_members_off_the_class_without_calling_it():
    assert Level.do_not_call_in_templates is True
    assert Country.do_not_call_in_templates is True


def test_stages_run_from_first_to_last():
    assert STAGES == ("specialist", "manager", "director", "executive")
    assert list(WEIGHTS) == [1, 2, 3]


def test_every_country_has_a_currency_and_every_currency_a_symbol():
    assert CURRENCY_BY_COUNTRY == {"US": "USD", "CA": "CAD", "GB": "GBP", "AU": "AUD"}
    assert set(CURRENCY_BY_COUNTRY) == set(Country.values)
    assert set(CURRENCY_SYMBOL) == set(CURRENCY_BY_COUNTRY.values())


@pytest.mark.parametrize(
    ("vocabulary", "value", "expected"),
    [
        (Country, "US", 0),
        (Country, "AU", 3),
        (Country, "FR", 4),
        (ExperienceLevel, "entry", 0),
        (ExperienceLevel, "executive", 3),
        (ExperienceLevel, "junior", 4),
        (Level, 5, 5),
        (Level, None, 6),
    ],
)
def test_position_orders_known_values_first(vocabulary, value, expected):
    assert position(vocabulary, value) == expected


@pytest.mark.parametrize(
    ("field", "choices"),
    [
        (LevelAnchor._meta.get_field("level"), REQUIRED_LEVEL_CHOICES),
        (DisciplineAnchor._meta.get_field("level"), REQUIRED_LEVEL_CHOICES),
        (RoleRequirement._meta.get_field("level"), REQUIRED_LEVEL_CHOICES),
        (RoleRequirement._meta.get_field("weight"), Weight.choices),
        (Role._meta.get_field("stage"), Stage.choices),
        (Role._meta.get_field("focus"), Focus.choices),
        (LearningResource._meta.get_field("kind"), ResourceKind.choices),
        (SalaryBand._meta.get_field("country"), Country.choices),
        (SalaryBand._meta.get_field("experience_level"), ExperienceLevel.choices),
    ],
)
def test_models_offer_the_vocabularies_as_choices(field, choices):
    assert list(field.choices) == list(choices)


@given(st.sampled_from([Level, Weight, Stage, Focus, TransitionKind, ResourceKind, Country]))
def test_position_numbers_a_vocabulary_in_its_order(vocabulary):
    assert [position(vocabulary, value) for value in vocabulary.values] == list(
        range(len(vocabulary.values))
    )
