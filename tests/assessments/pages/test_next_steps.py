"""The profile's "Your next steps" section when the roadmap has nothing to raise: it says
why, and what to do instead, where the list would be."""

import pytest
from django.urls import reverse

from assessments.domain import scoring
from tests.assessments.conftest import levels_for, page

pytestmark = pytest.mark.django_db


def test_profile_with_nothing_to_raise_says_why_in_place_of_the_list(
    user_client, user, catalogue, submit
):
    # A CMO who meets every requirement of the CMO role: no stage above, so no actions.
    leading = {"executive-leadership": 5, "marketing-strategy": 5, "marketing-management": 4}
    ratings = levels_for(catalogue, 2) | {
        c.slug: level
        for slug, level in leading.items()
        for c in catalogue.discipline_by_slug[slug].competencies
    }
    ratings |= levels_for(
        catalogue,
        None,
        team_leadership=5,
        attribution_and_roi=3,
        link_building=1,
        layout_typography=1,
    )
    assessment = submit(user, ratings)
    expected = scoring.score(catalogue, ratings)
    assert (expected.matches[0].role, expected.next_actions) == ("cmo", ())
    response = user_client.get(reverse("assessments:profile", kwargs={"pk": assessment.pk}))
    section = page(response).find_all("section", aria_labelledby="actions-title")[0]
    assert section.find_all("li") == []
    assert section.find_all("p")[0].text == (
        "No competency to raise right now. Phase 3, Broaden again: your T is in place and your "
        "best match is VP of Marketing / CMO (100%); you meet every requirement of the executive "
        "roles, and no stage is above them, so no role is left to learn for and there is "
        "nothing to raise next. Keep your strengths current as channels and tools change, and "
        "coach the people who will step into your role."
    )
