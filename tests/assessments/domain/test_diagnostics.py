"""Table tests for the ecosystem diagnostics (no database)."""

import pytest

from assessments.domain.dashboard import PendingMember
from assessments.domain.diagnostics import DIAGNOSTIC_KEYS

from .coverage_support import LAYERS, coverage, diagnostics_of, layered, make_structure, member

PD_CASES = [
    pytest.param(
        layered(producers=60, distributors=39),
        "Producers strength 60.0 is strong (60 or more), but Distributors strength 39.0 is "
        "weak (below 40).",
        {"producers_strength": 60.0, "distributors_strength": 39.0},
        id="strong-producers-weak-distributors-at-thresholds",
    ),
    pytest.param(
        layered(producers=95, converters=0),
        "Producers strength 95.0 is strong (60 or more), but Converters strength 0.0 is weak "
        "(below 40).",
        {"producers_strength": 95.0, "converters_strength": 0.0},
        id="weak-converters",
    ),
    pytest.param(
        layered(producers=80, distributors=39, converters=12),
        "Producers strength 80.0 is strong (60 or more), but Distributors strength 39.0 and "
        "Converters strength 12.0 are weak (below 40).",
        {"producers_strength": 80.0, "distributors_strength": 39.0, "converters_strength": 12.0},
        id="both-weak",
    ),
    pytest.param(
        # Distribution strong and converters weak, but optimisation and analytics are at
        # working level: not a leaky bucket, so the dilemma names the weak converters.
        layered(
            producers=60,
            distributors=60,
            converters=0,
            conversion_optimisation=40,
            marketing_analytics=40,
        ),
        "Producers strength 60.0 is strong (60 or more), but Converters strength 20.0 is weak "
        "(below 40).",
        {"producers_strength": 60.0, "converters_strength": 20.0},
        id="weak-converters-without-leaky-bucket",
    ),
]


@pytest.mark.parametrize(("scores", "message", "numbers"), PD_CASES)
def test_producers_dilemma_holds(scores, message, numbers):
    found = diagnostics_of(member(1, "Ann", scores))
    assert list(found) == ["producers_dilemma"]
    diagnostic = found["producers_dilemma"]
    assert diagnostic.title == "Producer's dilemma"
    assert diagnostic.message == message
    assert diagnostic.numbers == numbers | {"strong_from": 60, "weak_below": 40}
    assert diagnostic.explanation


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param(layered(producers=59, distributors=0, converters=0), id="producers-59"),
        pytest.param(
            layered(producers=60, distributors=0, converters=0, ux_ui_design=59),
            id="producers-59.8",
        ),
        pytest.param(layered(producers=60, distributors=40, converters=40), id="nothing-weak"),
        pytest.param(
            layered(producers=100, distributors=40, converters=39, community_management=43),
            id="converters-just-40",  # (39 + 39 + 39 + 43) / 4 = 40.0
        ),
        pytest.param(
            layered(producers=60, distributors=60, converters=39), id="leaky-bucket-instead"
        ),
    ],
)
def test_producers_dilemma_does_not_hold(scores):
    assert "producers_dilemma" not in diagnostics_of(member(1, "Ann", scores))


@pytest.mark.parametrize(
    ("scores", "message", "numbers"),
    [
        pytest.param(
            layered(distributors=60, producers=39),
            "Distributors strength 60.0 is strong (60 or more), but Producers strength 39.0 is "
            "weak (below 40).",
            {"distributors_strength": 60.0, "producers_strength": 39.0},
            id="at-thresholds",
        ),
        pytest.param(
            layered(distributors=100, producers=0, converters=0),
            "Distributors strength 100.0 is strong (60 or more), but Producers strength 0.0 is "
            "weak (below 40).",
            {"distributors_strength": 100.0, "producers_strength": 0.0},
            id="extremes",
        ),
        pytest.param(
            layered(distributors=60, producers=40, copywriting=39),
            "Distributors strength 60.0 is strong (60 or more), but Producers strength 39.8 is "
            "weak (below 40).",
            {"distributors_strength": 60.0, "producers_strength": 39.8},
            id="producers-39.75-is-weak",
        ),
    ],
)
def test_empty_megaphone_holds(scores, message, numbers):
    found = diagnostics_of(member(1, "Ann", scores))
    assert list(found) == ["empty_megaphone"]
    assert found["empty_megaphone"].title == "Empty megaphone"
    assert found["empty_megaphone"].message == message
    assert found["empty_megaphone"].numbers == numbers | {"strong_from": 60, "weak_below": 40}


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param(layered(distributors=59, producers=0), id="distributors-59"),
        pytest.param(layered(distributors=60, producers=40), id="producers-40"),
        pytest.param(layered(distributors=60, producers=40, seo=59), id="distributors-59.8"),
    ],
)
def test_empty_megaphone_does_not_hold(scores):
    assert "empty_megaphone" not in diagnostics_of(member(1, "Ann", scores))


@pytest.mark.parametrize(
    ("scores", "message", "numbers"),
    [
        pytest.param(
            layered(
                producers=60,
                distributors=60,
                converters=80,
                conversion_optimisation=39,
                marketing_analytics=39,
            ),
            "Producers strength 60.0 and Distributors strength 60.0 are strong (60 or more), "
            "but the best Conversion optimisation score is 39 and the best Marketing analytics "
            "score is 39 (weak below 40).",
            {
                "producers_strength": 60.0,
                "distributors_strength": 60.0,
                "conversion_optimisation_best": 39,
                "marketing_analytics_best": 39,
            },
            id="at-thresholds",
        ),
        pytest.param(
            layered(producers=90, distributors=75, converters=0),
            "Producers strength 90.0 and Distributors strength 75.0 are strong (60 or more), "
            "but the best Conversion optimisation score is 0 and the best Marketing analytics "
            "score is 0 (weak below 40).",
            {
                "producers_strength": 90.0,
                "distributors_strength": 75.0,
                "conversion_optimisation_best": 0,
                "marketing_analytics_best": 0,
            },
            id="converters-empty-is-a-leaky-bucket-not-a-dilemma",
        ),
    ],
)
def test_leaky_bucket_holds(scores, message, numbers):
    found = diagnostics_of(member(1, "Ann", scores))
    assert list(found) == ["leaky_bucket"]
    assert found["leaky_bucket"].title == "Leaky bucket"
    assert found["leaky_bucket"].message == message
    assert found["leaky_bucket"].numbers == numbers | {"strong_from": 60, "weak_below": 40}


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"conversion_optimisation": 40}, id="optimisation-40"),
        pytest.param({"marketing_analytics": 40}, id="analytics-40"),
        pytest.param({"producers": 59}, id="producers-59"),
        pytest.param({"distributors": 59}, id="distributors-59"),
    ],
)
def test_leaky_bucket_does_not_hold(overrides):
    base = {
        "producers": 60,
        "distributors": 60,
        "converters": 80,
        "conversion_optimisation": 39,
        "marketing_analytics": 39,
    }
    assert "leaky_bucket" not in diagnostics_of(member(1, "Ann", layered(**base | overrides)))


def test_leaky_bucket_uses_the_teams_best_not_each_member():
    weak = layered(producers=60, distributors=60, converters=0)
    analyst = layered(producers=0, distributors=0, converters=0, marketing_analytics=45)
    assert "leaky_bucket" in diagnostics_of(member(1, "Ann", weak))
    assert "leaky_bucket" not in diagnostics_of(member(1, "Ann", weak), member(2, "Bo", analyst))


@pytest.mark.parametrize(
    ("architect_scores", "holds", "message"),
    [
        ([39], True, "The best Architects layer score among the 1 assessed members is 39 "),
        ([30, 39, 0], True, "The best Architects layer score among the 3 assessed members is 39 "),
        ([40], False, None),
        ([10, 40], False, None),
        ([100], False, None),
    ],
)
def test_no_architect(architect_scores, holds, message):
    profiles = [member(i, f"M{i}", layered(architects=s)) for i, s in enumerate(architect_scores)]
    found = diagnostics_of(*profiles)
    assert ("no_architect" in found) is holds
    if holds:
        diagnostic = found["no_architect"]
        assert diagnostic.title == "No architect"
        assert diagnostic.message == message + "(working level is 40)."
        assert diagnostic.numbers == {
            "architects_best_member_score": max(architect_scores),
            "assessed_members": len(architect_scores),
            "working_from": 40,
        }


def test_no_architect_reads_the_members_layer_score():
    # Strong in one architects discipline, but the layer as a whole is below working level.
    profile = member(1, "Ann", layered(architects=0, marketing_management=100))
    assert profile.layer_scores["architects"] == 25
    assert diagnostics_of(profile)["no_architect"].numbers["architects_best_member_score"] == 25


def test_diagnostics_come_in_a_fixed_order_with_their_numbers_in_the_message():
    found = coverage(member(1, "Ann", layered(producers=90, distributors=10, architects=5)))
    assert [d.key for d in found.diagnostics] == ["producers_dilemma", "no_architect"]
    assert DIAGNOSTIC_KEYS == (
        "producers_dilemma",
        "empty_megaphone",
        "leaky_bucket",
        "no_architect",
    )
    assert all(d.explanation and d.title for d in found.diagnostics)


def test_no_diagnostics_without_submitted_members():
    assert coverage(pending=[PendingMember(1, "Ann")]).diagnostics == ()


def test_a_healthy_team_has_no_diagnostics():
    assert coverage(member(1, "Ann", layered(70, 70, 70, 70))).diagnostics == ()


def test_diagnostics_about_layers_the_structure_lacks_are_skipped():
    structure = make_structure({k: v for k, v in LAYERS.items() if k != "architects"})
    result = coverage(member(1, "Ann", layered(architects=0)), structure=structure)
    assert result.diagnostics == ()
