"""The default catalogue's content once loaded: its shape, its salary figures, its roles."""

import re
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings

from careers.models import (
    Competency,
    Discipline,
    DisciplineAnchor,
    Layer,
    LearningResource,
    LevelAnchor,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
)
from tests.careers.source_fingerprint import known_fingerprints, runs

LAYERS = [
    ("producers", "Producers"),
    ("distributors", "Distributors"),
    ("converters", "Converters & Nurturers"),
    ("architects", "Architects"),
]

DISCIPLINES = {
    "producers": ["content-strategy", "copywriting", "graphic-design", "ux-ui-design"],
    "distributors": ["seo", "social-media", "email-marketing", "paid-media"],
    "converters": [
        "conversion-optimisation",
        "marketing-analytics",
        "demand-generation",
        "community-management",
    ],
    "architects": [
        "marketing-management",
        "project-management",
        "marketing-strategy",
        "executive-leadership",
    ],
}

# slug: (layer, discipline, stage, focus)
ROLES = {
    "content-strategist": ("producers", "content-strategy", "specialist", "tactical"),
    "copywriter": ("producers", "copywriting", "specialist", "tactical"),
    "graphic-designer": ("producers", "graphic-design", "specialist", "tactical"),
    "ux-ui-designer": ("producers", "ux-ui-design", "specialist", "tactical"),
    "seo-specialist": ("distributors", "seo", "specialist", "tactical"),
    "social-media-manager": ("distributors", "social-media", "specialist", "tactical"),
    "social-media-marketer": ("distributors", "social-media", "specialist", "strategic"),
    "email-marketing-manager": ("distributors", "email-marketing", "specialist", "tactical"),
    "ppc-specialist": ("distributors", "paid-media", "specialist", "tactical"),
    "cro-specialist": ("converters", "conversion-optimisation", "specialist", "tactical"),
    "marketing-analytics-specialist": (
        "converters",
        "marketing-analytics",
        "specialist",
        "tactical",
    ),
    "demand-generation-marketer": ("converters", "demand-generation", "specialist", "strategic"),
    "community-manager": ("converters", "community-management", "specialist", "tactical"),
    "digital-marketing-manager": ("architects", "marketing-management", "manager", "tactical"),
    "marketing-manager": ("architects", "marketing-management", "manager", "tactical"),
    "project-manager": ("architects", "project-management", "manager", "tactical"),
    "marketing-director": ("architects", "marketing-strategy", "director", "strategic"),
    "cmo": ("architects", "executive-leadership", "executive", "strategic"),
}

# The source's four salary tables, typed from the guide row by row:
# role, experience level, then USA (USD), Canada (CAD), UK (GBP), Australia (AUD).
# "low-high+" marks a high end given as a floor.
SALARY_TABLES = """
content-strategist             entry     45000-65000    45000-60000    25000-32000    65000-80000
content-strategist             mid       65000-90000    60000-80000    32000-45000    80000-110000
content-strategist             senior    90000-120000+  80000-100000+  45000-60000+   110000-150000+
copywriter                     entry     50000-70000    50000-65000    28000-35000    70000-85000
copywriter                     mid       70000-95000    65000-85000    35000-50000    85000-120000
copywriter                     senior    95000-130000+  85000-110000+  50000-70000+   120000-160000+
graphic-designer               entry     50000-65000    48000-60000    25000-33000    65000-80000
graphic-designer               mid       65000-85000    60000-75000    33000-45000    80000-110000
graphic-designer               senior    85000-115000+  75000-95000+   45000-65000+   110000-140000+
ux-ui-designer                 entry     75000-95000    65000-85000    35000-50000    80000-100000
ux-ui-designer                 mid       95000-125000   85000-110000   50000-70000    100000-140000
ux-ui-designer                 senior    125000-160000+ 110000-140000+ 70000-90000+   140000-180000+
seo-specialist                 entry     55000-70000    50000-65000    30000-38000    70000-90000
seo-specialist                 mid       70000-95000    65000-85000    38000-50000    90000-120000
seo-specialist                 senior    95000-125000+  85000-110000+  50000-70000+   120000-150000+
social-media-manager           entry     50000-65000    48000-60000    26000-34000    65000-85000
social-media-manager           mid       65000-85000    60000-80000    34000-48000    85000-115000
social-media-manager           senior    85000-110000+  80000-105000+  48000-65000+   115000-145000+
email-marketing-manager        entry     55000-70000    55000-70000    30000-40000    75000-95000
email-marketing-manager        mid       70000-90000    70000-90000    40000-55000    95000-125000
email-marketing-manager        senior    90000-120000+  90000-115000+  55000-75000+   125000-160000+
ppc-specialist                 entry     58000-75000    55000-70000    32000-42000    75000-95000
ppc-specialist                 mid       75000-100000   70000-90000    42000-58000    95000-130000
ppc-specialist                 senior    100000-135000+ 90000-120000+  58000-80000+   130000-170000+
cro-specialist                 entry     60000-80000    60000-75000    35000-45000    80000-100000
cro-specialist                 mid       80000-110000   75000-95000    45000-60000    100000-130000
cro-specialist                 senior    110000-140000+ 95000-120000+  60000-80000+   130000-170000+
marketing-analytics-specialist entry     65000-85000    60000-80000    38000-50000    85000-110000
marketing-analytics-specialist mid       85000-115000   80000-105000   50000-65000    110000-140000
marketing-analytics-specialist senior    115000-150000+ 105000-135000+ 65000-85000+   140000-185000+
demand-generation-marketer     entry     60000-80000    55000-75000    35000-45000    80000-105000
demand-generation-marketer     mid       80000-115000   75000-100000   45000-60000    105000-140000
demand-generation-marketer     senior    115000-160000+ 100000-130000+ 60000-85000+   140000-190000+
community-manager              entry     55000-70000    50000-65000    30000-40000    70000-90000
community-manager              mid       70000-90000    65000-85000    40000-55000    90000-120000
community-manager              senior    90000-120000+  85000-110000+  55000-75000+   120000-150000+
digital-marketing-manager      mid       85000-115000   80000-105000   45000-60000    100000-130000
digital-marketing-manager      senior    115000-150000+ 105000-130000+ 60000-80000+   130000-160000+
marketing-director             senior    140000-190000  115000-150000  75000-100000   150000-200000
marketing-director             executive 190000-250000+ 150000-190000+ 100000-140000+ 200000-250000+
cmo                            executive 200000-300000+ 180000-250000+ 120000-180000+ 220000-300000+
"""

COUNTRIES = ("US", "CA", "GB", "AU")


def expected_salary_bands() -> set[tuple[str, str, str, int, int, bool]]:
    bands = set()
    for line in SALARY_TABLES.strip().splitlines():
        role, level, *figures = line.split()
        assert len(figures) == len(COUNTRIES), line
        for country, figure in zip(COUNTRIES, figures, strict=True):
            low, high = figure.rstrip("+").split("-")
            bands.add((role, level, country, int(low), int(high), figure.endswith("+")))
    return bands


def test_four_layers_in_order(catalogue):
    assert list(Layer.objects.values_list("slug", "name")) == LAYERS
    assert list(Layer.objects.values_list("order", flat=True)) == [1, 2, 3, 4]


def test_each_layer_has_its_four_disciplines_in_order(catalogue):
    by_layer = defaultdict(list)
    for layer, slug in Discipline.objects.values_list("layer__slug", "slug"):
        by_layer[layer].append(slug)

    assert dict(by_layer) == DISCIPLINES
    assert Discipline.objects.count() == 16


def test_three_competencies_per_discipline(catalogue):
    per_discipline = Counter(Competency.objects.values_list("discipline__slug", flat=True))

    assert Competency.objects.count() == 48
    assert set(per_discipline.values()) == {3}
    assert len(per_discipline) == 16


def test_every_competency_has_an_anchor_for_each_level_1_to_5(catalogue):
    levels = defaultdict(list)
    for slug, level in LevelAnchor.objects.order_by("level").values_list(
        "competency__slug", "level"
    ):
        levels[slug].append(level)

    assert len(levels) == 48
    assert all(found == [1, 2, 3, 4, 5] for found in levels.values())


def test_anchors_differ_within_a_competency_and_fit_their_field(catalogue):
    for competency in Competency.objects.prefetch_related("anchors"):
        texts = [anchor.description for anchor in competency.anchors.all()]
        assert len(set(texts)) == 5, competency.slug
        assert all(len(text) <= 300 for text in texts), competency.slug
        assert len(competency.description) <= 300, competency.slug


def test_every_discipline_has_a_short_distinct_anchor_for_each_level_1_to_5(catalogue):
    anchors = defaultdict(list)
    for slug, level, text in DisciplineAnchor.objects.order_by("level").values_list(
        "discipline__slug", "level", "description"
    ):
        anchors[slug].append((level, text))

    assert set(anchors) == {slug for slugs in DISCIPLINES.values() for slug in slugs}
    for slug, found in anchors.items():
        assert [level for level, _text in found] == [1, 2, 3, 4, 5], slug
        texts = [text for _level, text in found]
        assert len(set(texts)) == 5, slug
        assert all(8 <= len(text.split()) <= 16 for text in texts), slug
        assert all(text.endswith(".") and text[0].isupper() for text in texts), slug


def test_discipline_anchors_start_from_having_seen_the_work(catalogue):
    # Level 1 is reachable by a newcomer who has only watched the work being done.
    first = DisciplineAnchor.objects.filter(level=1).values_list("description", flat=True)
    assert all(text.startswith("Has ") for text in first)


def test_every_competency_has_one_to_three_resources(catalogue):
    per_competency = Counter(LearningResource.objects.values_list("competency__slug", flat=True))

    assert len(per_competency) == 48
    assert set(per_competency.values()) <= {1, 2, 3}
    assert LearningResource.objects.count() == 111
    assert all(
        url.startswith("https://") for url in LearningResource.objects.values_list("url", flat=True)
    )


def test_the_eighteen_roles_with_their_home_and_stage(catalogue):
    found = {
        role.slug: (role.layer.slug, role.discipline.slug, role.stage, role.focus)
        for role in Role.objects.select_related("layer", "discipline")
    }

    assert found == ROLES
    assert Role.objects.get(slug="cmo").name == "VP of Marketing / CMO"
    assert Role.objects.get(slug="ppc-specialist").name == "PPC / SEM Specialist"


def test_every_role_has_goals_tools_and_metrics_on_several_lines(catalogue):
    for role in Role.objects.all():
        assert len(role.goal_list) >= 3, role.slug
        assert len(role.tool_list) >= 3, role.slug
        assert len(role.metric_list) >= 3, role.slug


def test_every_role_has_five_to_nine_requirements(catalogue):
    per_role = Counter(RoleRequirement.objects.values_list("role__slug", flat=True))

    assert set(per_role) == set(ROLES)
    assert all(5 <= count <= 9 for count in per_role.values()), per_role
    assert RoleRequirement.objects.count() == 132


def requirement_sets() -> dict[str, frozenset[tuple[str, int]]]:
    sets = defaultdict(set)
    for role, competency, level in RoleRequirement.objects.values_list(
        "role__slug", "competency__slug", "level"
    ):
        sets[role].add((competency, level))
    return {role: frozenset(pairs) for role, pairs in sets.items()}


def test_no_two_roles_share_a_requirement_set(catalogue):
    sets = requirement_sets()

    assert len(set(sets.values())) == len(sets) == 18


def test_specialists_are_advanced_in_their_own_discipline(catalogue):
    # The two social roles split one discipline: presence for the manager, growth (with paid
    # social) for the marketer, so each is advanced in two competencies of its layer.
    shared_discipline = {"social-media-manager", "social-media-marketer"}
    for role in Role.objects.filter(stage=Role.Stage.SPECIALIST):
        requirements = role.requirements.select_related("competency__discipline")
        if role.slug in shared_discipline:
            advanced = [
                r.competency.slug
                for r in requirements
                if r.level == 4 and r.competency.discipline.layer_id == role.layer_id
            ]
            assert len(advanced) == 2, role.slug
        else:
            home_levels = [
                r.level for r in requirements if r.competency.discipline_id == role.discipline_id
            ]
            assert home_levels == [4, 4, 4], role.slug


def test_leaders_weigh_architect_competencies_highest(catalogue):
    for slug in ("marketing-director", "cmo"):
        requirements = RoleRequirement.objects.filter(role__slug=slug).select_related(
            "competency__discipline__layer"
        )
        architect = [r for r in requirements if r.competency.discipline.layer.slug == "architects"]
        others = [r for r in requirements if r.competency.discipline.layer.slug != "architects"]
        assert all(r.level >= 4 for r in architect), slug
        assert others, slug
        assert all(2 <= r.level <= 3 for r in others), slug


def test_social_media_manager_and_marketer_differ(catalogue):
    manager = Role.objects.get(slug="social-media-manager")
    marketer = Role.objects.get(slug="social-media-marketer")

    assert (manager.focus, marketer.focus) == ("tactical", "strategic")
    assert "Google Analytics" in marketer.tools
    assert "Meta Ads Manager" in marketer.tools
    assert "Google Analytics" not in manager.tools
    assert "Meta Ads Manager" not in manager.tools
    assert {"Engagement rate", "Reach and impressions"} <= set(manager.metric_list)
    for metric in ("CAC", "CLV", "Churn"):
        assert metric in marketer.key_metrics
        assert metric not in manager.key_metrics
    sets = requirement_sets()
    assert ("paid-social", 4) in sets["social-media-marketer"]
    assert ("social-engagement", 4) in sets["social-media-manager"]


def test_marketing_manager_is_tactical_and_director_strategic(catalogue):
    manager = Role.objects.get(slug="marketing-manager")
    director = Role.objects.get(slug="marketing-director")

    assert (manager.stage, manager.focus) == ("manager", "tactical")
    assert (director.stage, director.focus) == ("director", "strategic")
    director_needs = dict(
        director.requirements.values_list("competency__slug", "level"),
    )
    assert director_needs["budget-and-finance"] >= 4
    assert director_needs["strategic-planning"] == 5
    assert director_needs["executive-influence"] >= 4
    assert "budget-and-finance" not in set(
        manager.requirements.values_list("competency__slug", flat=True)
    )


def test_every_specialist_can_be_promoted_to_manager_then_director_then_cmo(catalogue):
    promotions = defaultdict(set)
    for from_role, to_role in RoleTransition.objects.filter(
        kind=RoleTransition.Kind.PROMOTION
    ).values_list("from_role__slug", "to_role__slug"):
        promotions[from_role].add(to_role)
    stage = dict(Role.objects.values_list("slug", "stage"))

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in promotions[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    for slug in (s for s, st in stage.items() if st == "specialist"):
        reached = reachable(slug)
        assert any(stage[r] == "manager" for r in reached), slug
        assert {"marketing-director", "cmo"} <= reached, slug
    for manager in ("digital-marketing-manager", "marketing-manager", "project-manager"):
        assert "marketing-director" in promotions[manager]
    assert promotions["marketing-director"] == {"cmo"}
    assert "social-media-marketer" in promotions["social-media-manager"]


def test_no_role_leads_to_itself(catalogue):
    assert not [
        (a, b)
        for a, b in RoleTransition.objects.values_list("from_role__slug", "to_role__slug")
        if a == b
    ]
    assert RoleTransition.objects.count() == 35


def test_salary_bands_match_the_source_tables_exactly(catalogue):
    found = set(
        SalaryBand.objects.values_list(
            "role__slug", "experience_level", "country", "low", "high", "high_is_open"
        )
    )

    assert len(expected_salary_bands()) == 164
    assert found == expected_salary_bands()
    assert SalaryBand.objects.count() == 164


def test_salary_bands_cover_fifteen_roles_and_four_countries(catalogue):
    roles_with_bands = set(SalaryBand.objects.values_list("role__slug", flat=True))

    assert len(roles_with_bands) == 15
    assert set(ROLES) - roles_with_bands == {
        "project-manager",
        "social-media-marketer",
        "marketing-manager",
    }
    per_role_level = Counter(SalaryBand.objects.values_list("role__slug", "experience_level"))
    assert set(per_role_level.values()) == {4}
    assert set(SalaryBand.objects.values_list("country", "currency")) == {
        ("US", "USD"),
        ("CA", "CAD"),
        ("GB", "GBP"),
        ("AU", "AUD"),
    }
    assert set(SalaryBand.objects.values_list("year", flat=True)) == {2025}


def test_salary_bands_keep_the_source_wording_of_years(catalogue):
    notes = set(
        SalaryBand.objects.exclude(experience_note="").values_list(
            "role__slug", "experience_level", "experience_note"
        )
    )

    assert notes == {
        ("digital-marketing-manager", "mid", "3–5 years"),
        ("digital-marketing-manager", "senior", "5+ years"),
        ("marketing-director", "senior", "7–10+ years"),
    }


def test_no_catalogue_or_page_text_repeats_six_words_of_the_source(catalogue):
    known = known_fingerprints()
    texts = [
        *Layer.objects.values_list("purpose", "metaphor", "description", "depends_on"),
        *Discipline.objects.values_list("summary"),
        *Competency.objects.values_list("description"),
        *DisciplineAnchor.objects.values_list("description"),
        *LevelAnchor.objects.values_list("description"),
        *Role.objects.values_list("summary", "goals", "tools", "key_metrics"),
        *RoleTransition.objects.values_list("note"),
        *(
            (re.sub(r"<[^>]+>|{[%{#].*?[%}#]}", " ", path.read_text(encoding="utf-8")),)
            for path in Path(settings.BASE_DIR).glob("**/templates/**/*.html")
            if ".venv" not in path.parts
        ),
    ]
    copied = [run for row in texts for text in row for print_, run in runs(text) if print_ in known]

    assert copied == []
