"""Share links: how long they last, when they stop working, and that they show the T and
the scores, and beyond them only what the person ticked."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.scoring import score
from assessments.domain.sharing import (
    SHARED_ROLES,
    Include,
    expires_at,
    is_live,
    shared_profile,
)
from tests.assessments.domain.scoring_support import CATALOGUE, T_SHAPED

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
RESULT = score(CATALOGUE, T_SHAPED, interests=["seo"], target_role="cmo").to_dict()
RATINGS = [
    {"discipline": "SEO", "name": "Keyword research", "level": 4, "evidence": "An audit"},
    {"discipline": "SEO", "name": "Link building", "level": 4, "evidence": ""},
]


@pytest.mark.parametrize(
    ("days", "expected"),
    [(7, NOW + timedelta(days=7)), (30, NOW + timedelta(days=30)), (90, NOW + timedelta(days=90))],
)
def test_expires_at(days, expected):
    assert expires_at(NOW, days) == expected


@pytest.mark.parametrize("days", [0, 1, 31, 365, -7])
def test_only_the_offered_expiries(days):
    with pytest.raises(ValueError, match=r"^A share link lasts 7, 30, 90 days\.$"):
        expires_at(NOW, days)


@pytest.mark.parametrize(
    ("expires", "revoked", "now", "live"),
    [
        (NOW + timedelta(days=1), None, NOW, True),
        (NOW + timedelta(seconds=1), None, NOW, True),
        (NOW, None, NOW, False),
        (NOW - timedelta(seconds=1), None, NOW, False),
        (NOW + timedelta(days=1), NOW, NOW, False),
        (NOW + timedelta(days=1), NOW - timedelta(days=2), NOW, False),
    ],
)
def test_is_live(expires, revoked, now, live):
    assert is_live(expires=expires, revoked=revoked, now=now) is live


def test_by_default_a_link_shows_the_t_and_the_scores_only():
    shown = shared_profile(RESULT, RATINGS, "Ada Lovelace", Include())
    assert shown == {
        "layers": [
            {"slug": layer["slug"], "name": layer["name"], "score": layer["score"]}
            for layer in RESULT["layers"]
        ],
        "disciplines": [
            {"slug": d["slug"], "name": d["name"], "layer": d["layer"], "score": d["score"]}
            for d in RESULT["disciplines"]
        ],
        "depth": RESULT["depth"],
        "depth_discipline": "seo",
        "depth_discipline_name": "SEO",
        "breadth": RESULT["breadth"],
        "shape": RESULT["shape"],
        "shape_label": RESULT["shape_label"],
        "peaks": RESULT["peaks"],
        "phase": RESULT["phase"],
        "phase_name": RESULT["phase_name"],
        "name": None,
        "evidence": [],
        "roles": [],
    }


def test_what_is_ticked_is_shown():
    shown = shared_profile(RESULT, RATINGS, "Ada Lovelace", Include(True, True, True))
    assert shown["name"] == "Ada Lovelace"
    assert shown["evidence"] == [RATINGS[0]]
    assert shown["roles"] == [
        {"role": m["role"], "name": m["name"], "fit": m["fit"]}
        for m in RESULT["matches"][:SHARED_ROLES]
    ]
    assert len(shown["roles"]) == 3


@pytest.mark.parametrize(
    ("include", "labels"),
    [
        (Include(), []),
        (Include(name=True), ["name"]),
        (Include(evidence=True, roles=True), ["evidence", "top roles"]),
        (Include(True, True, True), ["name", "evidence", "top roles"]),
    ],
)
def test_labels(include, labels):
    assert include.labels() == labels


SECRET = "SECRET-7f3a"


def with_secrets(result: dict) -> dict:
    """The profile with a marker in everything a link must never show."""
    marked = json.loads(json.dumps(result))
    marked["target"] = {"role": SECRET, "name": SECRET, "fit": 1, "gaps": []}
    marked["focus_discipline"] = SECRET
    marked["next_actions"] = [{"competency": SECRET, "name": SECRET, "reason": SECRET}]
    marked["warnings"] = [{"code": SECRET, "message": SECRET}]
    marked["explanations"]["depth"] = SECRET
    for discipline in marked["disciplines"]:
        discipline["interest"] = SECRET
    for match in marked["matches"]:
        match["gaps"] = [{"competency": SECRET, "name": SECRET}]
    return marked


@given(
    st.builds(Include, st.booleans(), st.booleans(), st.booleans()),
    st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["", "x", "https://a.example"]))),
)
def test_a_link_never_shows_more_than_was_ticked(include, rated):
    ratings = [
        {"discipline": "SEO", "name": f"C{i}", "level": level, "evidence": note}
        for i, (level, note) in enumerate(rated)
    ]
    shown = shared_profile(with_secrets(RESULT), ratings, "Ada Lovelace", include)
    assert SECRET not in json.dumps(shown)
    assert (shown["name"] is not None) is include.name
    assert shown["evidence"] == (
        [rating for rating in ratings if rating["evidence"]] if include.evidence else []
    )
    assert bool(shown["roles"]) is include.roles
    assert all(set(role) == {"role", "name", "fit"} for role in shown["roles"])
