"""The scored profile's stored form and its public contract."""

import json

from assessments.domain.profile import SCORING_VERSION, contract
from assessments.domain.scoring import score
from tests.assessments.domain.scoring_support import CATALOGUE, ROLES, T_SHAPED

# --- Output ---------------------------------------------------------------------------------


def test_to_dict_is_the_stored_schema():
    profile = score(CATALOGUE, T_SHAPED, interests=["seo"], target_role="cmo")
    data = profile.to_dict()
    assert list(data) == [
        "version",
        "layers",
        "disciplines",
        "depth",
        "depth_discipline",
        "depth_discipline_name",
        "breadth",
        "shape",
        "shape_label",
        "peaks",
        "phase",
        "phase_name",
        "focus_discipline",
        "matches",
        "target",
        "next_actions",
        "explanations",
        "warnings",
        "target_needs",
    ]
    assert data["version"] == SCORING_VERSION == "2"
    # CMO asks positioning 5 (one of two marketing strategy competencies), budgeting 4 and
    # team leadership 4 (both of marketing management's).
    assert data["target_needs"] == {"marketing-management": 80, "marketing-strategy": 50}
    assert score(CATALOGUE, T_SHAPED).to_dict()["target_needs"] == {}
    assert data["warnings"] == []
    assert data["layers"][1] == {"slug": "distributors", "name": "Distributors", "score": 60}
    assert data["disciplines"][2] == {
        "slug": "seo",
        "name": "SEO",
        "layer": "distributors",
        "score": 80,
        "rated": 3,
        "total": 3,
        "interest": True,
        "quick": None,
    }
    assert data["target"] == {
        "role": "cmo",
        "name": "CMO",
        "fit": 46,
        "gaps": [
            {"competency": "positioning", "name": "Positioning", "have": 2, "need": 5, "weight": 3},
            {"competency": "budgeting", "name": "Budgeting", "have": 2, "need": 4, "weight": 3},
            {
                "competency": "team-leadership",
                "name": "Team leadership",
                "have": 2,
                "need": 4,
                "weight": 2,
            },
        ],
    }
    assert data["next_actions"][0] == {
        "competency": "positioning",
        "name": "Positioning",
        "discipline": "marketing-strategy",
        "have": 2,
        "target": 5,
        "reason": "CMO needs level 5 (weight 3); you have 2.",
        "resources": [
            {
                "title": "Learn positioning",
                "url": "https://example.com/positioning",
                "kind": "guide",
            }
        ],
    }
    assert set(data["explanations"]) == {
        "depth",
        "breadth",
        "shape",
        "phase",
        "layers",
        "fits",
        "disciplines",
    }
    assert set(data["explanations"]["disciplines"]) == {d["slug"] for d in data["disciplines"]}
    assert set(data["explanations"]["fits"]) == {r.slug for r in ROLES}
    # Stored as jsonb, which reorders keys: everything ordered is a list.
    assert json.loads(json.dumps(data, sort_keys=True)) == data


def test_contract_is_the_public_result():
    data = score(CATALOGUE, T_SHAPED, target_role="cmo").to_dict()
    result = contract(json.loads(json.dumps(data, sort_keys=True)))
    assert result == {
        "scoring_version": "2",
        "depth": 80,
        "depth_discipline": "seo",
        "breadth": 100,
        "shape": "t-shaped",
        "phase": 3,
        "phase_name": "Broaden again",
        "layers": {"producers": 40, "distributors": 60, "converters": 40, "architects": 40},
        "disciplines": {
            "content-strategy": 40,
            "copywriting": 40,
            "seo": 80,
            "social-media": 40,
            "conversion-optimisation": 40,
            "marketing-analytics": 40,
            "marketing-management": 40,
            "marketing-strategy": 40,
        },
        "matches": [
            {"role": m["role"], "fit": m["fit"], "gaps": m["gaps"]} for m in data["matches"]
        ],
        "next_actions": data["next_actions"],
        "warnings": [],
    }
    assert [m["role"] for m in result["matches"]] == [
        "seo-specialist",
        "seo-manager",
        "marketing-director",
        "copywriter",
        "cmo",
    ]


def test_contract_of_a_stored_version_1_profile_keeps_its_version():
    # Stored before warnings existed: no "warnings" key and its own version.
    data = score(CATALOGUE, T_SHAPED).to_dict()
    del data["warnings"]
    data["version"] = "1"
    result = contract(data)
    assert (result["scoring_version"], result["warnings"]) == ("1", [])
    assert list(result) == [*list(contract(score(CATALOGUE, T_SHAPED).to_dict()))]


def test_contract_carries_the_stored_warnings():
    data = score(CATALOGUE, T_SHAPED).to_dict()
    data["warnings"] = [{"code": "flat-ratings", "message": "Flat."}]
    assert contract(data)["warnings"] == [{"code": "flat-ratings", "message": "Flat."}]
