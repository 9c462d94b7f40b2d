"""Quick ratings: a whole discipline rated at once, and scored with the same model."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.inputs import ScoringInputError, parse_input
from assessments.domain.quick_ratings import (
    REFINE_ORDER,
    combined,
    form_steps,
    from_quick,
    refinement_order,
    unrated,
)
from assessments.domain.scoring import score
from tests.assessments.domain.scoring_support import ALL, CATALOGUE, SHIPPED

DISCIPLINES = [d.slug for d in CATALOGUE.disciplines]

COMBINED = {
    # name: (own ratings, quick ratings, combined ratings of SEO's three competencies)
    "nothing": ({}, {}, {}),
    "quick only": ({}, {"seo": 3}, {"keyword-research": 3, "technical-seo": 3, "link-building": 3}),
    "own rating wins": (
        {"technical-seo": 5},
        {"seo": 2},
        {"keyword-research": 2, "technical-seo": 5, "link-building": 2},
    ),
    "an own 0 wins too": (
        {"link-building": 0},
        {"seo": 4},
        {"keyword-research": 4, "technical-seo": 4, "link-building": 0},
    ),
    "own ratings without a quick one": ({"technical-seo": 1}, {}, {"technical-seo": 1}),
}


@pytest.mark.parametrize(("own", "quick", "seo"), COMBINED.values(), ids=COMBINED)
def test_a_quick_rating_stands_for_the_competencies_not_rated_on_their_own(own, quick, seo):
    seo_slugs = {"keyword-research", "technical-seo", "link-building"}
    result = combined(CATALOGUE, own, quick)
    assert {slug: level for slug, level in result.items() if slug in seo_slugs} == seo
    assert {slug: level for slug, level in result.items() if slug not in seo_slugs} == {}


def test_how_many_competencies_take_each_quick_rating():
    own = {"technical-seo": 5, "headlines": 1, "long-form": 2}
    quick = {"seo": 2, "copywriting": 3, "social-media": 0}
    # Copywriting is rated in full on its own: its quick rating stands for nothing.
    assert from_quick(CATALOGUE, own, quick) == {"seo": 2, "social-media": 2}
    assert from_quick(CATALOGUE, own, {}) == {}


def test_what_is_rated_neither_way():
    quick = dict.fromkeys(DISCIPLINES, 0)
    assert unrated(CATALOGUE, {}, quick) == ()
    del quick["seo"], quick["copywriting"]
    assert unrated(CATALOGUE, {"technical-seo": 3, "headlines": 2, "long-form": 2}, quick) == (
        "keyword-research",
        "link-building",
    )
    assert unrated(CATALOGUE, {}, {}) == tuple(ALL)


def test_a_quick_start_is_scored_as_its_levels_and_marked_provisional():
    quick = dict.fromkeys(DISCIPLINES, 0) | {"seo": 4, "copywriting": 3, "marketing-analytics": 2}
    profile = score(CATALOGUE, {}, quick=quick)
    scores = {d.slug: d.score for d in profile.disciplines}
    assert scores["seo"] == 80
    assert scores["copywriting"] == 60
    assert scores["marketing-analytics"] == 40
    assert (profile.depth, profile.depth_discipline) == (80, "seo")
    seo = next(d for d in profile.disciplines if d.slug == "seo")
    assert (seo.rated, seo.total, seo.quick) == (0, 3, 4)
    assert profile.explanations.disciplines["seo"] == (
        "SEO is 80: your quick rating of the whole discipline, level 4 × 20. "
        "Rate its 3 competencies one by one to make it exact."
    )
    assert [w.code for w in profile.warnings] == ["quick-ratings"]
    assert profile.warnings[0].message == (
        "This profile is provisional: 17 of its 17 competencies take the quick rating of "
        "their discipline (every discipline). A quick rating is an overall impression, so "
        "the scores, fits and gaps that read those competencies are estimates. Rate the "
        "competencies one by one to make them exact."
    )


def test_a_discipline_refined_in_part_names_which_ratings_are_quick():
    profile = score(CATALOGUE, {"technical-seo": 5}, quick={"seo": 2, "copywriting": 1})
    seo = next(d for d in profile.disciplines if d.slug == "seo")
    assert (seo.score, seo.rated, seo.quick) == (60, 1, 2)
    assert profile.explanations.disciplines["seo"] == (
        "SEO is 60: the mean of Keyword research 2 (your quick rating), Technical seo 5 and "
        "Link building 2 (your quick rating) is 3.0 of 5."
    )
    assert profile.warnings[0].message.startswith(
        "This profile is provisional: 4 of its 17 competencies take the quick rating of "
        "their discipline (Copywriting and SEO)."
    )


def test_a_quick_rating_that_stands_for_nothing_changes_nothing():
    own = dict.fromkeys(ALL, 3)
    assert score(CATALOGUE, own, quick={"seo": 0}) == score(CATALOGUE, own)


def test_flat_quick_ratings_are_not_called_flat_ratings():
    # Quick ratings are one level per discipline by design; the flat-ratings warning reads
    # the ratings given one by one (SHIPPED has 48 competencies in 16 disciplines).
    quick = {d.slug: 3 for d in SHIPPED.disciplines}
    assert [w.code for w in score(SHIPPED, {}, quick=quick).warnings] == ["quick-ratings"]


LEVELS = st.integers(min_value=0, max_value=5)


@given(
    own=st.dictionaries(st.sampled_from(ALL), LEVELS),
    quick=st.dictionaries(st.sampled_from(DISCIPLINES), LEVELS),
)
def test_quick_ratings_score_exactly_as_the_ratings_they_stand_for(own, quick):
    with_quick = score(CATALOGUE, own, quick=quick)
    spelled_out = score(CATALOGUE, combined(CATALOGUE, own, quick))
    for field in ("depth", "breadth", "shape", "phase", "layers", "matches", "next_actions"):
        assert getattr(with_quick, field) == getattr(spelled_out, field), field
    assert [d.score for d in with_quick.disciplines] == [d.score for d in spelled_out.disciplines]
    counts = from_quick(CATALOGUE, own, quick)
    for d in with_quick.disciplines:
        assert d.rated == sum(
            1 for c in CATALOGUE.discipline_by_slug[d.slug].competencies if c.slug in own
        )
        assert d.quick == (quick[d.slug] if d.slug in counts else None)
        assert d.rated + counts.get(d.slug, 0) <= d.total
    assert ("quick-ratings" in [w.code for w in with_quick.warnings]) == bool(counts)


@given(
    own=st.dictionaries(st.sampled_from(ALL), LEVELS),
    quick=st.dictionaries(st.sampled_from(DISCIPLINES), LEVELS),
)
def test_every_competency_is_rated_one_way_or_the_other_or_unrated(own, quick):
    missing = set(unrated(CATALOGUE, own, quick))
    assert missing.isdisjoint(combined(CATALOGUE, own, quick))
    assert missing | set(combined(CATALOGUE, own, quick)) == set(ALL)


BAD = {
    "not an object": (
        {"ratings": {}, "quick_ratings": [3]},
        ['"quick_ratings" must be an object of discipline slug to level, not a list'],
    ),
    "unknown discipline": (
        {"ratings": {}, "quick_ratings": {"seo": 2, "astrology": 3}},
        ["unknown discipline 'astrology' in the quick ratings"],
    ),
    "level out of range": (
        {"ratings": {}, "quick_ratings": {"seo": 6}},
        ["the level for 'seo' must be a whole number from 0 to 5, not 6"],
    ),
    "a level that is not a whole number": (
        {"ratings": {}, "quick_ratings": {"seo": True, "copywriting": "2"}},
        [
            "the level for 'seo' must be a whole number from 0 to 5, not True",
            "the level for 'copywriting' must be a whole number from 0 to 5, not '2'",
        ],
    ),
}


@pytest.mark.parametrize(("data", "problems"), BAD.values(), ids=BAD)
def test_bad_quick_ratings_are_refused_with_every_reason(data, problems):
    with pytest.raises(ScoringInputError) as refused:
        parse_input(data, CATALOGUE)
    assert list(refused.value.problems) == problems


def test_quick_ratings_are_read_from_the_scoring_input():
    parsed = parse_input({"ratings": {"headlines": 4}, "quick_ratings": {"seo": 3}}, CATALOGUE)
    assert dict(parsed.quick) == {"seo": 3}
    assert dict(parsed.ratings) == {"headlines": 4}
    assert dict(parse_input({"ratings": {}}, CATALOGUE).quick) == {}


# --- what to refine first ---------------------------------------------------------------

QUICK_START = {
    "content-strategy": 2,  # 40: on a threshold
    "copywriting": 3,  # 60: among the strongest
    "seo": 4,  # 80: the strongest
    "social-media": 1,  # 20: nowhere near
    "conversion-optimisation": 0,  # 0: its competencies are 0 already
    "marketing-analytics": 3,  # 60
    "marketing-management": 2,  # 40
    "marketing-strategy": 1,  # 20
}

REFINE = {
    # name: (own ratings, target, [(discipline, reason)] in order)
    "no target": (
        {},
        None,
        [
            ("seo", "depth"),
            ("copywriting", "depth"),
            ("marketing-analytics", "depth"),
            ("content-strategy", "threshold"),
            ("marketing-management", "threshold"),
            ("social-media", "other"),
            ("marketing-strategy", "other"),
            ("conversion-optimisation", "zero"),
        ],
    ),
    "the target's disciplines first, most weight first": (
        {},
        "marketing-director",
        [
            # positioning 3 + planning 3 / budgeting 2 / attribution 1
            ("marketing-strategy", "target"),
            ("marketing-management", "target"),
            ("marketing-analytics", "target"),
            ("seo", "depth"),
            ("copywriting", "depth"),
            ("content-strategy", "threshold"),
            ("social-media", "other"),
            ("conversion-optimisation", "zero"),
        ],
    ),
    "disciplines rated one by one drop out; a part-rated one stays with what is left": (
        {"keyword-research": 5, "technical-seo": 5, "headlines": 1, "long-form": 1},
        None,
        [
            ("seo", "depth"),
            ("marketing-analytics", "depth"),
            ("content-strategy", "threshold"),
            ("marketing-management", "threshold"),
            ("social-media", "other"),
            ("marketing-strategy", "other"),
            ("conversion-optimisation", "zero"),
        ],
    ),
}


@pytest.mark.parametrize(("own", "target", "expected"), REFINE.values(), ids=REFINE)
def test_refinement_starts_where_it_changes_the_result_most(own, target, expected):
    order = refinement_order(CATALOGUE, own, QUICK_START, target)
    assert [(r.discipline, r.reason) for r in order] == expected


def test_refinement_lists_the_competencies_still_taking_the_quick_rating():
    order = refinement_order(CATALOGUE, {"keyword-research": 5}, {"seo": 4})
    assert [(r.discipline, r.competencies) for r in order] == [
        ("seo", ("technical-seo", "link-building"))
    ]
    # (5 + 4 + 4) / 3 × 20 = 86.67: still among the strongest.
    assert order[0].reason == "depth"


@given(
    own=st.dictionaries(st.sampled_from(ALL), LEVELS),
    quick=st.dictionaries(st.sampled_from(DISCIPLINES), LEVELS),
    target=st.sampled_from([None, *(r.slug for r in CATALOGUE.roles)]),
)
def test_refinement_covers_exactly_what_takes_a_quick_rating(own, quick, target):
    order = refinement_order(CATALOGUE, own, quick, target)
    assert {r.discipline: len(r.competencies) for r in order} == from_quick(CATALOGUE, own, quick)
    reasons = [REFINE_ORDER.index(r.reason) for r in order]
    assert reasons == sorted(reasons)
    assert all((r.reason == "zero") == (quick[r.discipline] == 0) for r in order)


# --- the form's steps -------------------------------------------------------------------

STEPS = {
    # name: (quick ratings, target, [(discipline, reason)] in order)
    "a quick start: the strongest first, near a threshold next, rated 0 last": (
        QUICK_START,
        None,
        [
            ("seo", "depth"),
            ("copywriting", "depth"),
            ("marketing-analytics", "depth"),
            ("content-strategy", "threshold"),
            ("marketing-management", "threshold"),
            ("social-media", "other"),
            ("marketing-strategy", "other"),
            ("conversion-optimisation", "zero"),
        ],
    ),
    "a quick start with a target: its disciplines first, most weight first": (
        QUICK_START,
        "marketing-director",
        [
            ("marketing-strategy", "target"),
            ("marketing-management", "target"),
            ("marketing-analytics", "target"),
            ("seo", "depth"),
            ("copywriting", "depth"),
            ("content-strategy", "threshold"),
            ("social-media", "other"),
            ("conversion-optimisation", "zero"),
        ],
    ),
    "no quick rating: catalogue order": (
        {},
        None,
        [(slug, "other") for slug in DISCIPLINES],
    ),
    "no quick rating, a target: its disciplines first, the rest in catalogue order": (
        {},
        "marketing-director",
        [
            ("marketing-strategy", "target"),
            ("marketing-management", "target"),
            ("marketing-analytics", "target"),
            ("content-strategy", "other"),
            ("copywriting", "other"),
            ("seo", "other"),
            ("social-media", "other"),
            ("conversion-optimisation", "other"),
        ],
    ),
    "some disciplines quick-rated: the others take their catalogue place among the rest": (
        {"seo": 5, "social-media": 1},
        None,
        [
            ("seo", "depth"),
            ("content-strategy", "other"),
            ("copywriting", "other"),
            ("social-media", "other"),
            ("conversion-optimisation", "other"),
            ("marketing-analytics", "other"),
            ("marketing-management", "other"),
            ("marketing-strategy", "other"),
        ],
    ),
}


@pytest.mark.parametrize(("quick", "target", "expected"), STEPS.values(), ids=STEPS)
def test_the_form_asks_first_where_refining_changes_the_result_most(quick, target, expected):
    assert [(s.discipline, s.reason) for s in form_steps(CATALOGUE, quick, target)] == expected


def test_a_target_the_catalogue_no_longer_has_orders_nothing():
    assert form_steps(CATALOGUE, QUICK_START, "a-retired-role") == form_steps(
        CATALOGUE, QUICK_START
    )


@given(
    quick=st.dictionaries(st.sampled_from(DISCIPLINES), LEVELS),
    target=st.sampled_from([None, *(r.slug for r in CATALOGUE.roles)]),
)
def test_every_discipline_is_one_step_in_the_order_of_refinement(quick, target):
    steps = form_steps(CATALOGUE, quick, target)
    assert sorted(s.discipline for s in steps) == sorted(DISCIPLINES)
    reasons = [REFINE_ORDER.index(s.reason) for s in steps]
    assert reasons == sorted(reasons)
    # Before any competency is rated on its own, what is left to refine comes in the
    # steps' order, for the same reasons.
    by_discipline = {s.discipline: s.reason for s in steps}
    refine = refinement_order(CATALOGUE, {}, quick, target)
    assert [r.discipline for r in refine] == [s.discipline for s in steps if s.discipline in quick]
    assert all(by_discipline[r.discipline] == r.reason for r in refine)
