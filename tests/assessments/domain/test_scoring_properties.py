"""Properties of scoring that hold for any catalogue and any ratings."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.domain.catalogue import Catalogue, Competency, Discipline, Layer, Requirement, Role
from assessments.domain.profile import Profile, contract
from assessments.domain.scoring import score
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
    assert profile.phase == {"emerging": 1, "generalist": 2}.get(profile.shape, 3)


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
