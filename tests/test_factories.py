"""Each factory builds a valid object with exactly the values it promises."""

import pytest

from assessments.domain.profile import SCORING_VERSION
from assessments.models import Assessment, Membership
from careers.models import LearningResource, Role, RoleRequirement, RoleTransition
from tests.assessments.support import SUBMITTED
from tests.factories import (
    AssessmentFactory,
    CompetencyFactory,
    DisciplineAnchorFactory,
    DisciplineFactory,
    LayerFactory,
    LearningResourceFactory,
    LevelAnchorFactory,
    MembershipFactory,
    RatingFactory,
    RoleFactory,
    RoleRequirementFactory,
    RoleTransitionFactory,
    SalaryBandFactory,
    SubmittedAssessmentFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SEQUENCED = [
    UserFactory,
    LayerFactory,
    DisciplineFactory,
    CompetencyFactory,
    LearningResourceFactory,
    RoleFactory,
    TeamFactory,
]


@pytest.fixture(autouse=True)
def sequences_from_zero():
    """Other modules on the same worker have advanced the counters: start them afresh."""
    for factory in SEQUENCED:
        factory.reset_sequence(0)


def valid(instance):
    instance.full_clean()
    return instance


def test_user():
    user = valid(UserFactory())
    assert (user.username, user.email) == ("marketer0", "marketer0@example.com")
    assert user.check_password("correct horse battery staple")
    assert (user.is_staff, user.is_superuser, user.is_active) == (False, False, True)


def test_layer():
    layer = valid(LayerFactory())
    assert (layer.slug, layer.name, layer.order) == ("layer-0", "Layer 0", 0)
    assert layer.purpose == "Does one thing for the ecosystem."
    assert layer.metaphor == "A part of the ecosystem."
    assert layer.description == "What the layer does."


def test_discipline():
    discipline = valid(DisciplineFactory())
    assert (discipline.slug, discipline.name, discipline.order) == (
        "discipline-0",
        "Discipline 0",
        0,
    )
    assert discipline.summary == "A specialism."
    assert discipline.layer.slug == "layer-0"


def test_discipline_anchor():
    anchor = valid(DisciplineAnchorFactory())
    assert (anchor.level, anchor.description) == (1, "Level 1 of the discipline.")
    assert anchor.discipline.slug == "discipline-0"


def test_competency():
    competency = valid(CompetencyFactory())
    assert (competency.slug, competency.name, competency.order) == (
        "competency-0",
        "Competency 0",
        0,
    )
    assert competency.description == "A rateable skill."
    assert competency.discipline.slug == "discipline-0"


def test_level_anchor():
    anchor = valid(LevelAnchorFactory())
    assert (anchor.level, anchor.description) == (1, "What level 1 looks like.")
    assert anchor.competency.slug == "competency-0"


def test_learning_resource():
    resource = valid(LearningResourceFactory())
    assert (resource.title, resource.url, resource.kind) == (
        "Resource 0",
        "https://example.com/resource-0",
        LearningResource.Kind.GUIDE,
    )
    assert resource.competency.slug == "competency-0"


def test_role():
    role = valid(RoleFactory())
    assert (role.slug, role.name, role.order) == ("role-0", "Role 0", 0)
    assert (role.stage, role.focus) == (Role.Stage.SPECIALIST, Role.Focus.TACTICAL)
    assert role.summary == "What the role does."
    assert role.goals == "Grow something\nImprove something"
    assert role.tools == "A tool\nAnother tool"
    assert role.key_metrics == "A metric"
    assert role.discipline.slug == "discipline-0"
    assert role.layer == role.discipline.layer


def test_role_requirement():
    requirement = valid(RoleRequirementFactory())
    assert (requirement.level, requirement.weight) == (3, RoleRequirement.Weight.IMPORTANT)
    assert (requirement.role.slug, requirement.competency.slug) == ("role-0", "competency-0")


def test_role_transition():
    transition = valid(RoleTransitionFactory())
    assert transition.kind == RoleTransition.Kind.PROMOTION
    assert (transition.from_role.slug, transition.to_role.slug) == ("role-0", "role-1")


def test_salary_band():
    band = valid(SalaryBandFactory())
    assert (band.country, band.experience_level, band.year) == ("US", "entry", 2025)
    assert (band.low, band.high, band.high_is_open) == (50_000, 70_000, False)
    assert band.source == "Test figures"
    assert band.role.slug == "role-0"


def test_assessment_is_an_empty_draft_with_the_default_settings():
    draft = valid(AssessmentFactory())
    assert draft.owner.username == "marketer0"
    assert (draft.status, draft.source, draft.is_latest) == (
        Assessment.Status.DRAFT,
        Assessment.Source.FORM,
        False,
    )
    assert (draft.target_role, draft.country, draft.experience_level) == (None, "US", "mid")
    assert (draft.submitted_at, draft.result, draft.depth, draft.scoring_version) == (
        None,
        None,
        None,
        "",
    )
    assert not draft.ratings.exists()
    assert not draft.interests.exists()


def test_rating():
    rating = valid(RatingFactory())
    assert (rating.level, rating.evidence) == (3, "")
    assert rating.assessment.status == Assessment.Status.DRAFT
    assert rating.competency.slug == "competency-0"


def test_submitted_assessment_is_stored_as_a_submit_stores_it(small_catalogue):
    assessment = valid(
        SubmittedAssessmentFactory(
            levels={"headlines": 4, "landing-copy": 2, "keyword-research": 1},
            evidence={"headlines": "A launch page"},
        )
    )
    stored = Assessment.objects.get(pk=assessment.pk)
    assert stored.owner.username == "marketer0"
    assert (stored.status, stored.source, stored.is_latest, stored.submitted_at) == (
        Assessment.Status.SUBMITTED,
        Assessment.Source.FORM,
        True,
        SUBMITTED,
    )
    assert set(stored.ratings.values_list("competency__slug", "level", "evidence")) == {
        ("headlines", 4, "A launch page"),
        ("landing-copy", 2, ""),
        ("keyword-research", 1, ""),
    }
    assert stored.scoring_version == SCORING_VERSION
    # Copywriting (4, 2) = 60 in full for half of producers (25), graphic design 0, SEO (1) = 20
    # for half of distributors (25): breadth 50. Depth 60 is a stem forming: phase 2.
    assert (stored.depth, stored.breadth, stored.shape, stored.phase) == (60, 50, "emerging", 2)
    assert stored.discipline_scores == {"copywriting": 60, "graphic-design": 0, "seo": 20}
    assert stored.layer_scores == {"producers": 30, "distributors": 20}
    assert [stored.result[key] for key in ("depth", "breadth", "shape", "phase")] == [
        60,
        50,
        "emerging",
        2,
    ]
    assert {d["slug"]: d["score"] for d in stored.result["disciplines"]} == (
        stored.discipline_scores
    )


def test_submitted_assessment_rates_every_competency_3_by_default(small_catalogue):
    assessment = SubmittedAssessmentFactory()
    assert dict(assessment.ratings.values_list("competency__slug", "level")) == {
        "headlines": 3,
        "landing-copy": 3,
        "keyword-research": 3,
    }


def test_submitted_assessment_cannot_be_built_without_the_database():
    with pytest.raises(TypeError, match="scored from the database"):
        SubmittedAssessmentFactory.build(levels={})


def test_team_has_no_members():
    team = valid(TeamFactory())
    assert (team.name, team.slug) == ("Team 0", "team-0")
    assert len(team.invite_code) == 14
    assert not team.memberships.exists()


def test_membership_is_a_member():
    membership = valid(MembershipFactory())
    assert membership.role == Membership.Role.MEMBER
    assert (membership.team.slug, membership.user.username) == ("team-0", "marketer0")


def test_a_manager_membership():
    membership = valid(MembershipFactory(manager=True))
    assert membership.role == Membership.Role.MANAGER
    assert membership.is_manager
