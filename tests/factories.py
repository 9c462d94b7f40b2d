"""factory-boy factories: plain defaults, no hidden side effects."""

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from assessments.models import Assessment, Membership, Rating, Team
from assessments.queries.catalogue import catalogue_snapshot
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
from tests.assessments.support import SUBMITTED, submitted


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"marketer{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class LayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Layer
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"layer-{n}")
    name = factory.LazyAttribute(lambda layer: layer.slug.replace("-", " ").title())
    order = factory.Sequence(lambda n: n)
    purpose = "Does one thing for the ecosystem."
    metaphor = "A part of the ecosystem."
    description = "What the layer does."


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline
        django_get_or_create = ("slug",)

    layer = factory.SubFactory(LayerFactory)
    slug = factory.Sequence(lambda n: f"discipline-{n}")
    name = factory.LazyAttribute(lambda discipline: discipline.slug.replace("-", " ").title())
    order = factory.Sequence(lambda n: n)
    summary = "A specialism."


class DisciplineAnchorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplineAnchor

    discipline = factory.SubFactory(DisciplineFactory)
    level = 1
    description = factory.LazyAttribute(lambda anchor: f"Level {anchor.level} of the discipline.")


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("slug",)

    discipline = factory.SubFactory(DisciplineFactory)
    slug = factory.Sequence(lambda n: f"competency-{n}")
    name = factory.LazyAttribute(lambda competency: competency.slug.replace("-", " ").title())
    order = factory.Sequence(lambda n: n)
    description = "A rateable skill."


class LevelAnchorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LevelAnchor

    competency = factory.SubFactory(CompetencyFactory)
    level = 1
    description = factory.LazyAttribute(lambda anchor: f"What level {anchor.level} looks like.")


class LearningResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningResource

    competency = factory.SubFactory(CompetencyFactory)
    title = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.Sequence(lambda n: f"https://example.com/resource-{n}")
    kind = LearningResource.Kind.GUIDE


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"role-{n}")
    name = factory.LazyAttribute(lambda role: role.slug.replace("-", " ").title())
    discipline = factory.SubFactory(DisciplineFactory)
    layer = factory.LazyAttribute(lambda role: role.discipline.layer)
    stage = Role.Stage.SPECIALIST
    focus = Role.Focus.TACTICAL
    order = factory.Sequence(lambda n: n)
    summary = "What the role does."
    goals = "Grow something\nImprove something"
    tools = "A tool\nAnother tool"
    key_metrics = "A metric"


class RoleRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleRequirement

    role = factory.SubFactory(RoleFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 3
    weight = RoleRequirement.Weight.IMPORTANT


class RoleTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleTransition

    from_role = factory.SubFactory(RoleFactory)
    to_role = factory.SubFactory(RoleFactory)
    kind = RoleTransition.Kind.PROMOTION


class SalaryBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalaryBand

    role = factory.SubFactory(RoleFactory)
    country = "US"
    experience_level = "entry"
    low = 50_000
    high = 70_000
    high_is_open = False
    year = 2025
    source = "Test figures"


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A draft with no ratings and the model's default settings."""

    class Meta:
        model = Assessment

    owner = factory.SubFactory(UserFactory)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    assessment = factory.SubFactory(AssessmentFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 3
    evidence = ""


class SubmittedAssessmentFactory(factory.Factory):
    """A submitted assessment, rated, scored and stored by the app's own submit.

    `levels` maps competency slugs to levels (by default every competency of the catalogue
    in the database at 3). Created only: scoring reads the catalogue from the database.
    """

    class Meta:
        model = Assessment

    owner = factory.SubFactory(UserFactory)
    levels = factory.LazyFunction(
        lambda: {competency.slug: 3 for competency in catalogue_snapshot().competencies}
    )
    evidence = None
    interests = None
    settings = None
    submitted_at = SUBMITTED

    @classmethod
    def _create(cls, model_class, owner, levels, submitted_at, **options):
        return submitted(owner, levels, when=submitted_at, **options)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("A submitted assessment is scored from the database: create it.")


class TeamFactory(factory.django.DjangoModelFactory):
    """A team with no members (the model draws its invite code)."""

    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.LazyAttribute(lambda team: slugify(team.name))


class MembershipFactory(factory.django.DjangoModelFactory):
    """A member of a team; `manager=True` for a manager."""

    class Meta:
        model = Membership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER

    class Params:
        manager = factory.Trait(role=Membership.Role.MANAGER)
