"""Hypothesis properties of team coverage, the ecosystem diagnostics, the trend and the people
search (no database)."""

from datetime import date
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.domain.coverage import (
    HEATMAP_SORT_KEYS,
    SHAPES,
    THRESHOLDS,
    MemberProfile,
    sort_heatmap,
)
from assessments.domain.dashboard import PendingMember, team_coverage
from assessments.domain.diagnostics import DIAGNOSTIC_KEYS, format_number
from assessments.domain.people import CompetencyLevel, find_people
from assessments.domain.trend import AssessmentPoint, team_trend

from .coverage_support import LAYERS, STRUCTURE

SLUGS = [d.slug for d in STRUCTURE.disciplines]
NAMES = ["Ann", "ann", "Bo", "Cy", "Dee", "Émile", "zoe"]
TODAY = date(2026, 5, 20)
# Values at and around every threshold turn up far more often than uniform draws allow.
BOUNDARIES = [0, 1, 20, 39, 40, 41, 59, 60, 61, 79, 80, 81, 99, 100]

scores = st.one_of(st.sampled_from(BOUNDARIES), st.integers(0, 100))
days = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31))

settings.register_profile("coverage", deadline=None)
settings.load_profile("coverage")


# Layer caps that steer a team toward each failure pattern (or none); unnamed layers are free.
PATTERNS = [
    {},
    {"producers": 80, "distributors": 39},
    {"producers": 60, "converters": 20},
    {"distributors": 80, "producers": 39},
    {"producers": 60, "distributors": 60, "converters": 39},
    {"architects": 39},
]


def capped(cap):
    """A score at most ``cap``, often exactly at it or at a threshold below it."""
    below = [b for b in BOUNDARIES if b <= cap]
    return st.one_of(st.just(cap), st.sampled_from(below), st.integers(0, cap))


@st.composite
def profiles(draw, min_size=0, max_size=8):
    """Teams whose scores are capped per layer (and per conversion discipline), so that
    strong and weak layers, and so every diagnostic, turn up often."""
    ids = draw(st.lists(st.integers(1, 10_000), min_size=min_size, max_size=max_size, unique=True))
    caps = {}
    pattern = draw(st.sampled_from(PATTERNS))
    for layer, disciplines in LAYERS.items():
        layer_cap = pattern.get(layer) or draw(st.sampled_from(BOUNDARIES))
        for slug in disciplines:
            caps[slug] = draw(st.one_of(st.just(layer_cap), st.sampled_from(BOUNDARIES)))
    return [
        MemberProfile(
            member_id=member_id,
            display_name=draw(st.sampled_from(NAMES)),
            discipline_scores={slug: draw(capped(cap)) for slug, cap in caps.items()},
            layer_scores={layer: draw(scores) for layer in LAYERS},
            depth=draw(scores),
            breadth=draw(scores),
            shape=draw(st.sampled_from(SHAPES)),
            submitted_on=draw(days),
        )
        for member_id in ids
    ]


def pending_for(team):
    return [PendingMember(20_000 + i, NAMES[i % len(NAMES)]) for i in range(len(team) % 3)]


def cover(team, pending=(), history=()):
    return team_coverage(STRUCTURE, team, pending, TODAY, history=history)


@settings(deadline=None)
@given(profiles())
def test_counts_never_exceed_the_members_and_proficient_includes_advanced(team):
    result = cover(team, pending_for(team))
    assert result.submitted_count == len(team)
    for d in result.disciplines:
        assert 0 <= d.advanced_count <= d.proficient_count <= len(team)
        assert len(d.go_to) == d.proficient_count
        assert [g.score for g in d.go_to] == sorted((g.score for g in d.go_to), reverse=True)
        assert all(g.score >= THRESHOLDS.proficient_score for g in d.go_to)
        assert d.best_score == max((p.discipline_scores[d.discipline] for p in team), default=0)
        assert d.single_point_of_failure == (d.proficient_count == 1)
        assert d.uncovered == (d.proficient_count == 0)
    for layer in result.layers:
        assert 0 <= layer.covered_count <= layer.discipline_count
        assert 0 <= layer.strength <= 100
        assert 0 <= layer.covered_percent <= 100
    assert sum(s.count for s in result.shape_mix) == len(team)
    assert [s.shape for s in result.shape_mix] == list(SHAPES)


@settings(deadline=None)
@given(profiles(), profiles(min_size=1, max_size=1))
def test_adding_a_member_never_lowers_coverage(team, newcomer):
    (extra,) = newcomer
    extra = MemberProfile(
        member_id=max((p.member_id for p in team), default=0) + 1,
        display_name=extra.display_name,
        discipline_scores=extra.discipline_scores,
        layer_scores=extra.layer_scores,
        depth=extra.depth,
        breadth=extra.breadth,
        shape=extra.shape,
        submitted_on=extra.submitted_on,
    )
    before = cover(team)
    after = cover([*team, extra])
    for old, new in zip(before.disciplines, after.disciplines, strict=True):
        assert new.proficient_count >= old.proficient_count
        assert new.advanced_count >= old.advanced_count
        assert new.best_score >= old.best_score
    for old, new in zip(before.layers, after.layers, strict=True):
        assert new.strength >= old.strength
        assert new.covered_count >= old.covered_count


def rules_that_hold(team):
    """The diagnostic rules restated from scratch on exact fractions."""
    if not team:
        return set()
    best = {slug: max(p.discipline_scores.get(slug, 0) for p in team) for slug in SLUGS}
    strength = {layer: Fraction(sum(best[d] for d in ds), len(ds)) for layer, ds in LAYERS.items()}

    def strong(layer):
        return strength[layer] >= 60

    def weak(layer):
        return strength[layer] < 40

    leaky = (
        strong("producers")
        and strong("distributors")
        and best["conversion-optimisation"] < 40
        and best["marketing-analytics"] < 40
    )
    holding = set()
    if strong("producers") and (weak("distributors") or weak("converters")) and not leaky:
        holding.add("producers_dilemma")
    if strong("distributors") and weak("producers"):
        holding.add("empty_megaphone")
    if leaky:
        holding.add("leaky_bucket")
    if max(p.layer_scores.get("architects", 0) for p in team) < 40:
        holding.add("no_architect")
    return holding


@settings(deadline=None)
@given(profiles())
def test_diagnostics_hold_exactly_when_their_rule_holds(team):
    found = [d.key for d in cover(team, pending_for(team)).diagnostics]
    assert set(found) == rules_that_hold(team)
    assert found == [key for key in DIAGNOSTIC_KEYS if key in found]


@settings(deadline=None)
@given(profiles())
def test_diagnostics_carry_their_numbers(team):
    diagnostics = cover(team).diagnostics
    for d in diagnostics:
        assert d.numbers
        for name, value in d.numbers.items():
            assert isinstance(value, int | float), name
            assert format_number(value) in d.message, (name, value, d.message)
        assert d.title
        assert d.explanation
    # Creation, distribution and conversion problems are named once, by one diagnostic.
    layer_keys = {"producers_dilemma", "empty_megaphone", "leaky_bucket"}
    assert len(layer_keys & {d.key for d in diagnostics}) <= 1


@settings(deadline=None)
@given(profiles(), st.randoms(use_true_random=False), st.lists(days, max_size=10))
def test_result_is_deterministic_and_independent_of_member_order(team, rnd, history_days):
    pending = pending_for(team)
    history = [
        AssessmentPoint(team[i % len(team)].member_id, day, i % 101, (i * 7) % 101)
        for i, day in enumerate(history_days)
        if team
    ]
    first = cover(team, pending, history)
    assert cover(team, pending, history) == first
    shuffled = [team[:], pending[:], history[:]]
    for items in shuffled:
        rnd.shuffle(items)
    assert cover(*shuffled) == first


@settings(deadline=None)
@given(
    st.lists(st.builds(AssessmentPoint, st.integers(1, 6), days, scores, scores), max_size=30),
    st.integers(1, 12),
)
def test_trend_counts_members_from_their_first_assessment_on(points, quarters):
    trend = team_trend(points, TODAY, quarters)
    known = [p for p in points if p.submitted_on <= TODAY]
    assert bool(trend) == bool(known)
    assert len(trend) <= quarters
    counts = [t.member_count for t in trend]
    assert counts == sorted(counts)
    assert all(1 <= c <= len({p.member_id for p in known}) for c in counts)
    assert all(0 <= t.mean_depth <= 100 and 0 <= t.mean_breadth <= 100 for t in trend)
    if trend:
        indexes = [t.year * 4 + t.quarter for t in trend]
        assert indexes == list(range(indexes[0], indexes[0] + len(indexes)))
        assert trend[-1].label == "2026 Q2"
        first = min(p.submitted_on for p in known)
        assert trend[0].ends_on >= first
    assert team_trend(list(reversed(points)), TODAY, quarters) == trend


@settings(deadline=None)
@given(profiles(), st.sampled_from([*HEATMAP_SORT_KEYS, *SLUGS, "unknown", ""]))
def test_sorting_reorders_rows_and_never_loses_one(team, key):
    coverage = cover(team)
    rows = coverage.heatmap
    result = coverage.sorted_heatmap(key)
    assert sorted(r.member_id for r in result.rows) == sorted(r.member_id for r in rows)
    assert result.key == (key if key in {*HEATMAP_SORT_KEYS, *SLUGS} else "name")
    if rows:
        assert sort_heatmap(rows, key) == result
    if result.key in SLUGS:
        values = [r.score(result.key) for r in result.rows]
        assert values == sorted(values, reverse=True)
    elif result.key == "depth":
        assert [r.depth for r in result.rows] == sorted((r.depth for r in rows), reverse=True)


@settings(deadline=None)
@given(
    st.lists(
        st.builds(CompetencyLevel, st.integers(1, 8), st.sampled_from(NAMES), st.integers(0, 5))
    ),
    st.integers(0, 5),
)
def test_people_search_ranks_only_people_at_the_level(levels, min_level):
    found = find_people(levels, min_level)
    assert all(r.level >= min_level for r in found)
    assert len({r.member_id for r in found}) == len(found)
    assert [r.level for r in found] == sorted((r.level for r in found), reverse=True)
    expected = {r.member_id for r in levels if r.level >= min_level}
    assert {r.member_id for r in found} == expected
    assert find_people(list(reversed(levels)), min_level) == found
