"""queries.assessments.saved_ratings, the one reader of a draft's ratings."""

from assessments.queries.assessments import SavedRating, interest_slugs, saved_ratings
from assessments.services.assessments import save_draft, start_assessment
from careers.models import Competency


def test_saved_ratings_by_slug_with_their_evidence_in_one_query(
    user, catalogue, django_assert_num_queries
):
    draft, _ = start_assessment(user)
    save_draft(
        draft,
        levels={"keyword-research": 3, "technical-seo": 0},
        evidence={"keyword-research": "Ran the audit"},
        interests={"seo": True},
    )
    with django_assert_num_queries(1):
        saved = saved_ratings(draft)
    assert saved == {
        "keyword-research": SavedRating(3, "Ran the audit"),
        "technical-seo": SavedRating(0, ""),
    }
    assert interest_slugs(draft) == ["seo"]


def test_ratings_of_retired_competencies_are_still_read(user, catalogue):
    draft, _ = start_assessment(user)
    save_draft(draft, levels={"keyword-research": 2})
    Competency.objects.filter(slug="keyword-research").update(is_active=False)
    assert saved_ratings(draft) == {"keyword-research": SavedRating(2, "")}
