"""Properties of scoring that hold for any catalogue and any ratings."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.domain.catalogue import Catalogue, Competency, Discipline, Layer, Requirement, Role
from assessments.domain.profile import Profile, contract
from assessments.domain.roles import specialist_met
from assessments.domain.scoring import phase_of, score, shape_of
from assessments.domain.thresholds import THRESHOLDS
from careers.choices import STAGES

LAYER_SLUGS = ("producers", "distributors", "converters", "architects")
SHAPES = {"emerging", "i-shaped", "generalist", "t-shaped", "pi-shaped"}


@st.composite
def catalogues(draw) -> Catalogue:
    layers = []
    for layer_slug in LAYER_SLUGS[: draw(st.integers(1, 4))]:
        disciplines = []
        for d in range(draw(st.integers(1, 3))):
            discipline = f"{layer_slug}-d{d}"
            competencies = tuple(
                Competency(f"{discipline}-c{c}", f"Skill {c}", discipline)
                for c in range(draw(st.integers(1, 3)))
            )
            disciplines.append(Discipline(discipline, f"Discipline {d}", layer_slug, competencies))
        layers.append(Layer(layer_slug, layer_slug.title(), tuple(disciplines)))
    all_disciplines = [d for layer in layers for d in layer.disciplines]
    competencies = [c.slug for d in all_disciplines for c in d.competencies]
    roles = []
    for r in range(draw(st.integers(0, 5))):
        home = draw(st.sampled_from(all_disciplines))
        needs = draw(st.lists(st.sampled_from(competencies), max_size=4, unique=True))
        requirements = tuple(
            Requirement(slug, draw(st.integers(1, 5)), draw(st.integers(1, 3))) for slug in needs
        )
        stage = draw(st.sampled_from(STAGES))
        roles.append(Role(f"role-{r}", f"Role {r}", home.layer, home.slug, stage, requirements))
    return Catalogue(tuple(layers), tuple(roles))


@st.composite
def people(draw):
    """(catalogue, ratings, interests, target role) with some competencies left unrated."""
    catalogue = draw(catalogues())
    slugs = [c.slug for c in catalogue.competencies]
    rated = draw(st.lists(st.sampled_from(slugs), unique=True))
    ratings = {slug: draw(st.integers(0, 5)) for slug in rated}
    interests = draw(
        st.lists(st.sampled_from([d.slug for d in catalogue.disciplines]), unique=True)
    )
    roles = [r.slug for r in catalogue.roles]
    target = draw(st.one_of(st.none(), st.sampled_from(roles))) if roles else None
    return catalogue, ratings, interests, target


def scores_of(profile: Profile) -> dict[str, int]:
    numbers = {"depth": profile.depth, "breadth": profile.breadth}
    numbers |= {f"layer {x.slug}": x.score for x in profile.layers}
    numbers |= {f"discipline {x.slug}": x.score for x in profile.disciplines}
    numbers |= {f"fit {m.role}": m.fit for m in profile.matches}
    return numbers


@settings(deadline=None)
@given(people())
def test_every_score_is_between_0_and_100(person):
    profile = score(*person)
    assert all(0 <= value <= 100 for value in scores_of(profile).values())
    assert profile.shape in SHAPES
    qualified = specialist_met(person[0], profile.matches) is not None
    assert profile.phase == phase_of(profile.depth, profile.breadth, qualified)
    assert profile.shape == shape_of(
        profile.depth,
        profile.breadth,
        len({d.layer for d in profile.disciplines if d.score >= THRESHOLDS.deep}),
        qualified,
    )


@settings(deadline=None)
@given(people(), st.data())
def test_raising_one_rating_one_level_moves_the_phase_by_one_at_most_and_never_back(person, data):
    catalogue, ratings, interests, target = person
    slug = data.draw(st.sampled_from([c.slug for c in catalogue.competencies]))
    before = ratings.get(slug, 0)
    if before == THRESHOLDS.max_level:
        return
    old = score(catalogue, ratings, interests, target)
    new = score(catalogue, {**ratings, slug: before + 1}, interests, target)
    assert old.phase <= new.phase <= old.phase + 1
    assert new.depth - old.depth <= THRESHOLDS.points_per_level


@settings(deadline=None)
@given(people())
def test_nobody_qualified_for_a_specialist_role_is_a_beginner(person):
    catalogue, ratings, interests, target = person
    profile = score(catalogue, ratings, interests, target)
    if any(
        m.fit == 100 and catalogue.role_by_slug[m.role].stage == STAGES[0] for m in profile.matches
    ):
        assert profile.shape != "emerging"
        assert profile.phase >= 2


@settings(deadline=None)
@given(catalogues(), st.data())
def test_a_roles_own_profile_ranks_it_first_unless_a_narrower_role_weighs_more(catalogue, data):
    roles = [r for r in catalogue.roles if r.requirements]
    if not roles:
        return
    own = data.draw(st.sampled_from(roles))
    asks = {q.competency: q.level for q in own.requirements}
    order = {r.slug: i for i, r in enumerate(catalogue.roles)}
    matches = score(catalogue, asks).matches
    mine = next(i for i, m in enumerate(matches) if m.role == own.slug)
    assert matches[mine].fit == 100
    for above in matches[:mine]:
        # Only a role met in full by the same ratings (so asking for a part of the same
        # competencies at no higher level) can come first: with more coverage, or as much and
        # earlier in the catalogue.
        assert above.fit == 100
        assert (above.covered, order[own.slug]) > (matches[mine].covered, order[above.role])
        assert all(
            asks.get(q.competency, 0) >= q.level
            for q in catalogue.role_by_slug[above.role].requirements
        )


@settings(deadline=None)
@given(people())
def test_equal_fits_rank_by_coverage_then_catalogue_order(person):
    catalogue, ratings, interests, target = person
    matches = score(catalogue, ratings, interests, target).matches
    order = {r.slug: i for i, r in enumerate(catalogue.roles)}
    keys = [(-m.fit, -m.covered, order[m.role]) for m in matches]
    assert keys == sorted(keys)
    for m in matches:
        role = catalogue.role_by_slug[m.role]
        assert m.covered == sum(
            q.weight * q.level for q in role.requirements if ratings.get(q.competency, 0) >= q.level
        )


@settings(deadline=None)
@given(people())
def test_breadth_is_full_exactly_when_every_discipline_reaches_working_level(person):
    catalogue, ratings, interests, target = person
    profile = score(catalogue, ratings, interests, target)
    full = THRESHOLDS.discipline_counts_fully
    if all(d.score >= full for d in profile.disciplines):
        assert profile.breadth == 100
    if all(d.score == 0 for d in profile.disciplines):
        assert profile.breadth == 0
    # One layer's disciplines can give no more than that layer's share.
    share = 100 / len(catalogue.layers)
    working = sum(
        share
        * sum(1 for d in layer.disciplines if profile_score(profile, d.slug) >= full)
        / len(layer.disciplines)
        for layer in catalogue.layers
    )
    assert profile.breadth >= int(working)


def profile_score(profile: Profile, slug: str) -> int:
    return next(d.score for d in profile.disciplines if d.slug == slug)


@settings(deadline=None)
@given(people())
def test_flat_ratings_are_warned_about_exactly_when_most_share_one_level(person):
    catalogue, ratings, interests, target = person
    profile = score(catalogue, ratings, interests, target)
    above_zero = [level for level in ratings.values() if level > 0]
    most, level = max(((above_zero.count(x), -x) for x in set(above_zero)), default=(0, 0))
    flat = len(above_zero) >= 20 and most * 5 >= 4 * len(above_zero) and -level >= 2
    assert [w.code for w in profile.warnings] == (["flat-ratings"] if flat else [])


@settings(deadline=None)
@given(people(), st.data())
def test_raising_one_rating_never_lowers_a_score(person, data):
    catalogue, ratings, interests, target = person
    slug = data.draw(st.sampled_from([c.slug for c in catalogue.competencies]))
    before = ratings.get(slug, 0)
    raised = {**ratings, slug: data.draw(st.integers(before, 5))}
    old = scores_of(score(catalogue, ratings, interests, target))
    new = scores_of(score(catalogue, raised, interests, target))
    assert old.keys() == new.keys()
    lowered = {key: (old[key], new[key]) for key in old if new[key] < old[key]}
    assert not lowered


@settings(deadline=None)
@given(people())
def test_the_same_input_gives_the_same_profile(person):
    catalogue, ratings, interests, target = person
    first = score(catalogue, ratings, interests, target)
    again = score(catalogue, dict(reversed(ratings.items())), list(reversed(interests)), target)
    assert first == again
    assert first.to_dict() == score(catalogue, ratings, set(interests), target).to_dict()


@settings(deadline=None)
@given(people())
def test_the_stored_profile_survives_a_json_round_trip(person):
    data = score(*person).to_dict()
    text = json.dumps(data, sort_keys=True)  # jsonb keeps no key order either
    assert json.loads(text) == data
    assert contract(json.loads(text)) == contract(data)
    assert json.loads(json.dumps(contract(data))) == contract(data)


@settings(deadline=None)
@given(people())
def test_gaps_and_actions_are_consistent(person):
    catalogue, ratings, interests, target = person
    profile = score(catalogue, ratings, interests, target)
    for match in profile.matches:
        requirements = catalogue.role_by_slug[match.role].requirements
        assert all(gap.have < gap.need for gap in match.gaps)
        assert (match.fit == 100) == (bool(requirements) and not match.gaps)
        shortfalls = [gap.weight * (gap.need - gap.have) for gap in match.gaps]
        assert shortfalls == sorted(shortfalls, reverse=True)
    assert [m.fit for m in profile.matches] == sorted(
        (m.fit for m in profile.matches), reverse=True
    )
    assert len(profile.next_actions) <= THRESHOLDS.max_actions
    assert len({a.competency for a in profile.next_actions}) == len(profile.next_actions)
    for action in profile.next_actions:
        assert action.have == ratings.get(action.competency, 0) < action.target <= 5
    assert (profile.focus_discipline is not None) == (profile.phase == 2)
    assert str(profile.depth) in profile.explanations.depth
    assert str(profile.breadth) in profile.explanations.breadth
