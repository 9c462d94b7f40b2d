"""The rating form's POST keys, read in one place (forms.PostedRatings)."""

from django.http import QueryDict

from assessments.forms import PostedRatings


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
