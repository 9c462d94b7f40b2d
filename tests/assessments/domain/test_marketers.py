"""Realistic marketers on the shipped catalogue: shape, phase, best-matching role and first
three next actions, as docs/scoring.md's worked table gives them (keep the two in step).

Each row was read as a marketing career coach would: a specialist deep in one discipline
broadens by learning what the manager role one stage up needs; someone with a stem forming
goes deep in it; a target role or a senior profile hears what its role needs, never a lower
stage's; a newcomer starts with their interests.
"""

import pytest

from assessments.domain.scoring import score
from tests.assessments.domain.default_catalogue import default_catalogue, levels

MARKETERS = [
    pytest.param(
        levels(
            0,
            [("seo", 4)],
            editorial_planning=2,
            information_architecture=2,
            keyword_research=5,
            reporting_dashboards=2,
            tracking_implementation=2,
        ),
        ["seo"],
        None,
        ("i-shaped", 3, "seo-specialist"),
        [
            ("integrated-campaigns", 0, 4),
            ("team-leadership", 0, 3),
            ("briefing-and-coordination", 0, 4),
        ],
        id="Pure SEO specialist",
    ),
    pytest.param(
        levels(
            0,
            [("copywriting", 4)],
            ad_copywriting=3,
            audience_research=2,
            editorial_planning=2,
            keyword_research=1,
            social_content_publishing=1,
        ),
        ["copywriting"],
        None,
        ("emerging", 2, "copywriter"),
        [("ad-copywriting", 3, 4), ("persuasive-copywriting", 4, 5), ("brand-voice", 4, 5)],
        id="Content writer",
    ),
    pytest.param(
        levels(
            1,
            [("content-strategy", 4)],
            brand_voice=3,
            keyword_research=2,
            reporting_dashboards=2,
            social_content_publishing=2,
        ),
        [],
        None,
        ("i-shaped", 3, "content-strategist"),
        [
            ("integrated-campaigns", 1, 4),
            ("team-leadership", 1, 4),
            ("briefing-and-coordination", 1, 4),
        ],
        id="Content strategist",
    ),
    pytest.param(
        levels(
            2,
            [
                ("social-media", 3),
                ("email-marketing", 3),
                ("marketing-management", 1),
                ("marketing-strategy", 1),
                ("executive-leadership", 1),
            ],
        ),
        [],
        None,
        ("generalist", 2, "social-media-manager"),
        [
            ("social-content-publishing", 3, 4),
            ("social-engagement", 3, 4),
            ("social-strategy", 3, 4),
        ],
        id="Generalist marketing coordinator",
    ),
    pytest.param(
        levels(
            1, [("marketing-analytics", 4)], ab_testing=3, email_automation=3, lead_management=2
        ),
        ["marketing-analytics"],
        None,
        ("i-shaped", 3, "marketing-analytics-specialist"),
        [
            ("integrated-campaigns", 1, 4),
            ("team-leadership", 1, 3),
            ("briefing-and-coordination", 1, 4),
        ],
        id="Marketing ops / analytics",
    ),
    pytest.param(
        levels(
            1,
            [("social-media", 4)],
            ad_copywriting=3,
            campaign_assets=2,
            community_building=2,
            social_strategy=3,
        ),
        [],
        None,
        ("i-shaped", 2, "social-media-manager"),
        [
            ("social-strategy", 3, 4),
            ("social-content-publishing", 4, 5),
            ("social-engagement", 4, 5),
        ],
        id="Social media manager",
    ),
    pytest.param(
        levels(
            1,
            [("social-media", 4)],
            ad_copywriting=3,
            campaign_assets=2,
            community_building=2,
            social_strategy=3,
        ),
        [],
        "social-media-marketer",
        ("i-shaped", 2, "social-media-manager"),
        [("paid-social", 1, 4), ("attribution-and-roi", 1, 3), ("reporting-dashboards", 1, 3)],
        id="Social media manager targeting Social Media Marketer",
    ),
    pytest.param(
        levels(
            1,
            [
                ("seo", 5),
                ("content-strategy", 3),
                ("marketing-analytics", 3),
                ("marketing-management", 3),
            ],
            paid_search=2,
        ),
        [],
        "marketing-director",
        ("i-shaped", 3, "seo-specialist"),
        [("strategic-planning", 1, 5), ("market-positioning", 1, 4), ("budget-and-finance", 1, 4)],
        id="SEO lead targeting Marketing Director",
    ),
    pytest.param(
        levels(
            1,
            [("paid-media", 4)],
            ad_copywriting=3,
            keyword_research=2,
            landing_page_optimisation=2,
            paid_search=5,
            tracking_implementation=3,
        ),
        [],
        None,
        ("i-shaped", 3, "ppc-specialist"),
        [
            ("integrated-campaigns", 1, 4),
            ("team-leadership", 1, 3),
            ("briefing-and-coordination", 1, 4),
        ],
        id="PPC specialist",
    ),
    pytest.param(
        levels(
            1,
            [("email-marketing", 4)],
            ab_testing=3,
            layout_typography=2,
            lead_management=2,
            persuasive_copywriting=2,
        ),
        [],
        None,
        ("i-shaped", 3, "email-marketing-manager"),
        [
            ("integrated-campaigns", 1, 4),
            ("team-leadership", 1, 3),
            ("briefing-and-coordination", 1, 4),
        ],
        id="Email marketing manager",
    ),
    pytest.param(
        levels(
            1,
            [("conversion-optimisation", 4)],
            persuasive_copywriting=2,
            reporting_dashboards=2,
            tracking_implementation=3,
            user_research=2,
        ),
        [],
        None,
        ("i-shaped", 3, "cro-specialist"),
        [
            ("integrated-campaigns", 1, 4),
            ("team-leadership", 1, 4),
            ("briefing-and-coordination", 1, 4),
        ],
        id="CRO specialist",
    ),
    pytest.param(
        levels(
            0,
            [("ux-ui-design", 4)],
            ab_testing=2,
            conversion_research=2,
            layout_typography=3,
            technical_seo=2,
        ),
        ["ux-ui-design"],
        None,
        ("i-shaped", 3, "ux-ui-designer"),
        [("integrated-campaigns", 0, 2), ("project-planning", 0, 2), ("market-positioning", 0, 2)],
        id="UX/UI designer",
    ),
    pytest.param(
        levels(
            1,
            [("demand-generation", 4)],
            attribution_and_roi=2,
            editorial_planning=2,
            email_automation=3,
            paid_social=2,
            sales_alignment=2,
        ),
        [],
        "marketing-manager",
        ("i-shaped", 3, "demand-generation-marketer"),
        [
            ("integrated-campaigns", 1, 4),
            ("team-leadership", 1, 4),
            ("briefing-and-coordination", 1, 4),
        ],
        id="Demand generation marketer targeting Marketing Manager",
    ),
    pytest.param(
        levels(
            2,
            [("marketing-management", 4)],
            brand_voice=3,
            demand_campaigns=2,
            market_positioning=3,
            project_planning=3,
        ),
        [],
        None,
        ("t-shaped", 3, "marketing-manager"),
        [("strategic-planning", 2, 5), ("budget-and-finance", 2, 4), ("go-to-market", 2, 4)],
        id="Marketing manager",
    ),
    pytest.param(
        levels(
            2,
            [("marketing-strategy", 5), ("executive-leadership", 4), ("marketing-management", 4)],
            attribution_and_roi=3,
            bidding_and_budgets=3,
        ),
        [],
        None,
        ("t-shaped", 3, "marketing-director"),
        [("budget-and-finance", 4, 5), ("sales-alignment", 4, 5), ("executive-influence", 4, 5)],
        id="Director-level strategist",
    ),
    pytest.param(
        levels(
            2,
            [("executive-leadership", 5), ("marketing-strategy", 5), ("marketing-management", 4)],
            attribution_and_roi=3,
            layout_typography=1,
            link_building=1,
            team_leadership=5,
        ),
        [],
        None,
        ("t-shaped", 3, "cmo"),
        [],
        id="CMO",
    ),
    pytest.param(
        levels(0, persuasive_copywriting=1, social_content_publishing=1),
        ["copywriting", "social-media"],
        None,
        ("emerging", 1, "email-marketing-manager"),
        [("ad-copywriting", 0, 2), ("social-engagement", 0, 2), ("brand-voice", 0, 2)],
        id="Graduate with interests",
    ),
    pytest.param(
        levels(1),
        [],
        None,
        ("emerging", 1, "seo-specialist"),
        [("audience-research", 1, 2), ("persuasive-copywriting", 1, 2), ("visual-identity", 1, 2)],
        id="Career changer, aware of everything",
    ),
]


@pytest.mark.parametrize(("ratings", "interests", "target", "expected", "first_actions"), MARKETERS)
def test_a_realistic_marketer_gets_advice_a_coach_would_sign(
    ratings, interests, target, expected, first_actions
):
    profile = score(default_catalogue(), ratings, interests, target)
    assert (profile.shape, profile.phase, profile.matches[0].role) == expected
    assert [(a.competency, a.have, a.target) for a in profile.next_actions[:3]] == first_actions
