"""Demo marketers with months of history, so a newcomer sees filled pages at once.

Each persona has a starting level per discipline and how far it grows over the demo
period; levels are drawn deterministically (seeded by the username), so every run
creates the same people with the same ratings.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from assessments.models import Assessment, Membership, Team
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import save_draft, start_assessment, submit_assessment
from careers.models import Discipline, Role

DEMO_PASSWORD = "tprofile-demo"  # noqa: S105 - demo accounts only exist with DEBUG on
DEMO_EMAIL_DOMAIN = "demo.t-profile.test"
SUBMISSIONS_MONTHS_AGO = (9, 6, 3, 0)


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    target_role: str | None
    country: str
    experience_level: str
    start: dict[str, float]
    """Starting level per discipline (0–5); disciplines not named start at `baseline`."""
    growth: dict[str, float] = field(default_factory=dict)
    """Levels gained per discipline over the whole demo period."""
    baseline: float = 1.0
    interests: tuple[str, ...] = ()
    submissions: tuple[int, ...] = SUBMISSIONS_MONTHS_AGO


PERSONAS = (
    Persona(
        "alex",
        "Alex",
        "Morgan",
        target_role="marketing-director",
        country="GB",
        experience_level="senior",
        start={"seo": 4.3, "paid-media": 3.2, "content-strategy": 2.6, "marketing-analytics": 2.8},
        growth={
            "marketing-management": 1.6,
            "marketing-strategy": 1.5,
            "executive-leadership": 1.2,
        },
        baseline=1.6,
        interests=("marketing-strategy", "marketing-management"),
    ),
    Persona(
        "sam",
        "Sam",
        "Okafor",
        target_role="marketing-analytics-specialist",
        country="US",
        experience_level="mid",
        start={"social-media": 2.4, "email-marketing": 2.4, "content-strategy": 2.2},
        growth={"marketing-analytics": 2.4, "conversion-optimisation": 1.4},
        baseline=2.0,
        interests=("marketing-analytics",),
    ),
    Persona(
        "jordan",
        "Jordan",
        "Lee",
        target_role="ux-ui-designer",
        country="AU",
        experience_level="mid",
        start={"graphic-design": 4.2, "ux-ui-design": 3.0, "copywriting": 2.0},
        growth={"ux-ui-design": 1.2, "conversion-optimisation": 1.0},
        baseline=0.6,
        interests=("ux-ui-design",),
    ),
    Persona(
        "riley",
        "Riley",
        "Chen",
        target_role=None,
        country="CA",
        experience_level="entry",
        start={"social-media": 1.8, "copywriting": 1.5},
        growth={"social-media": 1.0, "email-marketing": 1.4, "content-strategy": 1.0},
        baseline=0.5,
        submissions=(4, 0),
    ),
)


def levels_at(persona: Persona, disciplines: dict[str, list[str]], progress: float, rng) -> dict:
    """Each competency's level for `persona` at `progress` (0 = first, 1 = last submission)."""
    levels = {}
    for discipline, competencies in disciplines.items():
        base = persona.start.get(discipline, persona.baseline)
        mean = base + persona.growth.get(discipline, 0.0) * progress
        for slug in competencies:
            levels[slug] = max(0, min(5, round(mean + rng.uniform(-0.6, 0.6))))
    return levels


@transaction.atomic
def create_demo_marketer(persona: Persona, now: datetime, catalogue=None) -> User:
    """(Re)create one demo marketer with their submitted assessments, oldest first."""
    catalogue = catalogue or catalogue_snapshot()
    user_model = get_user_model()
    user_model.objects.filter(username=persona.username).delete()
    user = user_model.objects.create_user(
        persona.username,
        email=f"{persona.username}@{DEMO_EMAIL_DOMAIN}",
        password=DEMO_PASSWORD,
        first_name=persona.first_name,
        last_name=persona.last_name,
    )
    disciplines = {d.slug: [c.slug for c in d.competencies] for d in catalogue.disciplines}
    target = Role.objects.filter(slug=persona.target_role).first() if persona.target_role else None
    interest_ids = dict(Discipline.objects.values_list("slug", "pk"))
    rng = random.Random(persona.username)  # noqa: S311 - demo data, not security
    steps = len(persona.submissions)
    for index, months_ago in enumerate(persona.submissions):
        when = now - timedelta(days=30 * months_ago)
        draft, _created = start_assessment(user)
        save_draft(
            draft,
            levels=levels_at(persona, disciplines, index / max(steps - 1, 1), rng),
            interests={slug: True for slug in persona.interests if slug in interest_ids},
            settings={
                "target_role": target,
                "country": persona.country,
                "experience_level": persona.experience_level,
            },
        )
        submitted = submit_assessment(draft, catalogue, when)
        Assessment.objects.filter(pk=submitted.pk).update(created_at=when - timedelta(days=1))
    return user


def _team_member(username, first, last, start, growth=None, baseline=0.6, submissions=(6, 0)):
    return Persona(
        username,
        first,
        last,
        target_role=None,
        country="US",
        experience_level="mid",
        start=start,
        growth=growth or {},
        baseline=baseline,
        submissions=submissions,
    )


# A content agency's marketing team: strong creation and distribution, nobody measuring
# or optimising conversion, and nobody at working level in strategy and leadership — so
# its dashboard shows the leaky bucket and the missing architect.
TEAM_NAME = "Northwind Content Studio"
TEAM_SLUG = "northwind-content-studio"
TEAM_MANAGER = Persona(
    "morgan", "Morgan", "Diaz", "marketing-director", "US", "senior", start={}, submissions=()
)
TEAM_PERSONAS = (
    _team_member("priya", "Priya", "Nair", {"content-strategy": 4.4, "copywriting": 3.6}),
    _team_member("tom", "Tom", "Becker", {"copywriting": 4.5, "content-strategy": 3.0}),
    _team_member("lina", "Lina", "Haddad", {"graphic-design": 4.3, "ux-ui-design": 2.6}),
    _team_member("oscar", "Oscar", "Lindqvist", {"ux-ui-design": 4.2, "graphic-design": 3.1}),
    _team_member("mei", "Mei", "Tanaka", {"seo": 4.4, "content-strategy": 2.8}),
    _team_member("diego", "Diego", "Alvarez", {"social-media": 4.2, "copywriting": 2.6}),
    _team_member("hannah", "Hannah", "Okoye", {"email-marketing": 4.0, "copywriting": 2.4}),
    _team_member("felix", "Felix", "Brandt", {"paid-media": 4.3, "seo": 2.6}),
    _team_member("aisha", "Aisha", "Rahman", {"community-management": 3.8, "social-media": 3.0}),
    _team_member("noah", "Noah", "Kim", {"demand-generation": 3.4, "email-marketing": 2.8}),
    _team_member("zoe", "Zoe", "Martin", {"social-media": 2.2, "copywriting": 2.0}, baseline=0.4),
)
TEAM_PENDING = Persona("eli", "Eli", "Novak", None, "US", "entry", start={}, submissions=())


@transaction.atomic
def create_demo_team(now: datetime, catalogue=None) -> Team:
    """(Re)create the demo team: a manager, eleven members with history, one newcomer
    who has not submitted yet, plus the demo marketers Jordan and Riley."""
    catalogue = catalogue or catalogue_snapshot()
    Team.objects.filter(slug=TEAM_SLUG).delete()
    manager = create_demo_marketer(TEAM_MANAGER, now, catalogue)
    team = Team.objects.create(
        name=TEAM_NAME, slug=TEAM_SLUG, invite_issued_at=now, invite_issued_by=manager
    )
    Membership.objects.create(team=team, user=manager, role=Membership.Role.MANAGER)
    users = [create_demo_marketer(p, now, catalogue) for p in (*TEAM_PERSONAS, TEAM_PENDING)]
    users += list(get_user_model().objects.filter(username__in=["jordan", "riley"]))
    Membership.objects.bulk_create(
        Membership(team=team, user=user, role=Membership.Role.MEMBER) for user in users
    )
    return team
