"""A large, realistic and deterministic data set for load tests (``generate_load_data``).

People are numbered 1..N and everything about person *i* is drawn from a random generator
seeded by (seed, i) alone, so the same options always make the same people, ratings and
teams, whatever the batch size. Rows are written with ``bulk_create`` in batches; every
submitted assessment is scored with ``scoring.score`` against one catalogue snapshot and
stored with the fields ``services.assessments.profile_fields`` gives.
"""

import math
import multiprocessing
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F

from assessments.domain import scoring
from assessments.domain.catalogue import Catalogue
from assessments.models import Assessment, Membership, Rating, Team
from assessments.services.assessments import profile_fields
from careers.choices import Country, ExperienceLevel
from careers.models import Competency, Discipline, Role

USERNAME_PREFIX = "load-"
TEAM_SLUG_PREFIX = "load-team-"
EMAIL_DOMAIN = "load.t-profile.test"
BIG_TEAM = 5_000
SMALL_TEAM = 50
MIN_TEAM = 5
HISTORY_DAYS = 365
DRAFT_SHARE = 0.1
"""About one person in ten has a draft in progress."""
BATCH = 250
"""People written per batch: bounds memory (a stored result is about 19 KB of JSON)."""

FIRST_NAMES = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Iris",
    "Jamal",
    "Kira",
    "Leo",
    "Maya",
    "Nils",
    "Olga",
    "Pablo",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
    "Umar",
    "Vera",
    "Wes",
    "Xia",
    "Yusuf",
    "Zara",
]
LAST_NAMES = [
    "Abbott",
    "Brown",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ito",
    "Jensen",
    "Khan",
    "Lopez",
    "Meyer",
    "Novak",
    "Olsen",
    "Patel",
    "Quist",
    "Rossi",
    "Silva",
    "Tanaka",
    "Ueda",
    "Vargas",
    "Weber",
    "Young",
    "Zhou",
]


def username(index: int) -> str:
    """The username of person `index` (1-based)."""
    return f"{USERNAME_PREFIX}{index:05d}"


def team_slug(index: int) -> str:
    """The slug of team `index` (1-based): team 1 is the largest, team 2 has 50 members."""
    return f"{TEAM_SLUG_PREFIX}{index:03d}"


def team_sizes(people: int, teams: int, seed: int) -> list[int]:
    """Team sizes: one of min(5,000, people), one of min(50, people), and the rest
    log-uniform between 5 and 500 (never more than there are people)."""
    rng = random.Random(f"{seed}:teams")  # noqa: S311 - load data, not security
    fixed = [min(BIG_TEAM, people), min(SMALL_TEAM, people)]
    others = [
        min(people, round(math.exp(rng.uniform(math.log(MIN_TEAM), math.log(500)))))
        for _ in range(max(teams - 2, 0))
    ]
    return (fixed + others)[:teams]


def team_members(people: int, sizes: list[int], seed: int) -> list[list[int]]:
    """The members of each team (person indexes, the first one manages it): the largest
    team is people 1..5,000, the team of 50 the next 50, the others a run of people from a
    random start, wrapping round."""
    rng = random.Random(f"{seed}:members")  # noqa: S311
    teams = []
    start = 0
    for number, size in enumerate(sizes):
        if number >= 2:
            start = rng.randrange(people)
        teams.append([(start + k) % people + 1 for k in range(size)])
        if number < 2:
            start += size
    return teams


@dataclass(frozen=True)
class Options:
    people: int = 10_000
    teams: int = 100
    history: int = 4
    seed: int = 1


@dataclass
class Summary:
    people: int = 0
    teams: int = 0
    memberships: int = 0
    submitted: int = 0
    drafts: int = 0
    ratings: int = 0
    team_sizes: list[int] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True)
class _Catalogue:
    """The catalogue as the generator needs it: the snapshot plus database ids."""

    snapshot: Catalogue
    competency_ids: dict[str, int]
    discipline_ids: dict[str, int]
    role_ids: dict[str, int]
    roles: list[str]


def _catalogue(snapshot: Catalogue) -> _Catalogue:
    return _Catalogue(
        snapshot,
        dict(Competency.objects.values_list("slug", "pk")),
        dict(Discipline.objects.values_list("slug", "pk")),
        dict(Role.objects.values_list("slug", "pk")),
        [role.slug for role in snapshot.roles],
    )


@dataclass(frozen=True)
class Person:
    """Everything drawn for one person before anything is written."""

    index: int
    first_name: str
    last_name: str
    joined: datetime
    country: str
    experience_level: str
    target_role: str | None
    interests: tuple[str, ...]
    submissions: tuple[tuple[datetime, dict[str, int]], ...]
    draft: dict[str, int] | None


def person(index: int, options: Options, catalogue: Catalogue, now: datetime) -> Person:
    """Person `index`: a profile of strengths that grows over their submissions.

    Most people are strong in one or two disciplines and weaker elsewhere, the way
    specialists are; a share are broad generalists and some are beginners.
    """
    rng = random.Random(f"{options.seed}:person:{index}")  # noqa: S311
    disciplines = catalogue.disciplines
    kind = rng.random()
    if kind < 0.15:
        baseline, strong = rng.uniform(0.2, 1.2), 0
    elif kind < 0.35:
        baseline, strong = rng.uniform(1.8, 2.8), 1
    else:
        baseline, strong = rng.uniform(0.6, 1.8), rng.choice((1, 1, 2))
    means = {d.slug: baseline + rng.uniform(-0.5, 0.5) for d in disciplines}
    for discipline in rng.sample(disciplines, k=min(strong, len(disciplines))):
        means[discipline.slug] = rng.uniform(3.2, 4.6)
    growth = {
        d.slug: rng.uniform(0.0, 1.2) for d in rng.sample(disciplines, k=min(3, len(disciplines)))
    }

    # Submissions spread over the last year: the first in its first months, the last in
    # its final weeks, the others between.
    count = options.history
    first = rng.uniform(HISTORY_DAYS * 0.7, HISTORY_DAYS)
    last = rng.uniform(0, 30)
    submissions = []
    for step in range(count):
        progress = step / max(count - 1, 1)
        days_ago = first + (last - first) * progress
        when = now - timedelta(days=days_ago, seconds=rng.randrange(86_400))
        submissions.append((when, _levels(catalogue, means, growth, progress, rng)))
    draft = None
    if rng.random() < DRAFT_SHARE:
        draft = dict(submissions[-1][1]) if submissions else {}
        for competency in rng.sample(catalogue.competencies, k=min(3, len(catalogue.competencies))):
            draft[competency.slug] = min(5, draft.get(competency.slug, 0) + 1)
    roles = [role.slug for role in catalogue.roles]
    return Person(
        index=index,
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
        joined=now - timedelta(days=(first if count else 30) + rng.uniform(1, 20)),
        country=rng.choice(Country.values),
        experience_level=rng.choice(ExperienceLevel.values),
        target_role=rng.choice(roles) if roles and rng.random() < 0.6 else None,
        interests=tuple(
            d.slug for d in rng.sample(disciplines, k=min(rng.randint(0, 2), len(disciplines)))
        ),
        submissions=tuple(submissions),
        draft=draft,
    )


def _levels(catalogue, means, growth, progress, rng) -> dict[str, int]:
    levels = {}
    for discipline in catalogue.disciplines:
        mean = means[discipline.slug] + growth.get(discipline.slug, 0.0) * progress
        for competency in discipline.competencies:
            levels[competency.slug] = max(0, min(5, round(mean + rng.uniform(-0.8, 0.8))))
    return levels


def scored_fields(
    catalogue: Catalogue,
    ratings: dict[str, int],
    interests: tuple[str, ...],
    target: str | None,
) -> dict:
    """The fields stored for a scored profile, as services.assessments stores them."""
    return profile_fields(scoring.score(catalogue, ratings, interests, target))


def existing_load_data() -> bool:
    return get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).exists()


@transaction.atomic
def delete_load_data() -> None:
    """Remove what an earlier run made (people named load-…, teams load-team-…)."""
    owners = get_user_model().objects.filter(username__startswith=USERNAME_PREFIX)
    Rating.objects.filter(assessment__owner__in=owners).delete()
    Assessment.interests.through.objects.filter(assessment__owner__in=owners).delete()
    Assessment.objects.filter(owner__in=owners).delete()
    Membership.objects.filter(team__slug__startswith=TEAM_SLUG_PREFIX).delete()
    Membership.objects.filter(user__in=owners).delete()
    Team.objects.filter(slug__startswith=TEAM_SLUG_PREFIX).delete()
    owners.delete()


def generate(
    options: Options,
    snapshot: Catalogue,
    now: datetime,
    password_hash: str,
    report: Callable[[str], None] = lambda _message: None,
    jobs: int = 1,
) -> Summary:
    """Write the data set (the caller checks the database is ready for it).

    With `jobs` > 1, that many processes draw and score people while this one writes
    (where processes can be forked); the result is the same either way.
    """
    started = time.perf_counter()
    catalogue = _catalogue(snapshot)
    summary = Summary()
    user_ids: dict[int, int] = {}
    batches = list(_batches(range(1, options.people + 1), BATCH))
    with _scorer(jobs, snapshot, options, now) as scored_batches:
        for people in scored_batches(batches):
            with transaction.atomic():
                user_ids.update(_write_people([p for p, _fields in people], password_hash))
                counts = _write_assessments(people, user_ids, catalogue)
            summary.people += len(people)
            summary.submitted += counts[0]
            summary.drafts += counts[1]
            summary.ratings += counts[2]
            if summary.people % 2_000 < BATCH or summary.people == options.people:
                elapsed = time.perf_counter() - started
                report(f"  {summary.people:,} people written ({elapsed:.1f} s)")
    # bulk_create stamps created_at and updated_at with the current time: put them back at
    # the submission, as if each assessment had been made then.
    Assessment.objects.filter(
        owner__username__startswith=USERNAME_PREFIX, status=Assessment.Status.SUBMITTED
    ).update(created_at=F("submitted_at") - timedelta(days=1), updated_at=F("submitted_at"))
    summary.team_sizes = team_sizes(options.people, options.teams, options.seed)
    members = team_members(options.people, summary.team_sizes, options.seed)
    summary.teams, summary.memberships = _write_teams(members, user_ids)
    # Fresh statistics, as the database would gather them soon after such a load: without
    # them PostgreSQL plans for the empty tables it saw last.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    summary.seconds = time.perf_counter() - started
    return summary


type _Scored = list[tuple[Person, list[dict]]]
_worker: dict = {}


def _score_batch(indexes: list[int]) -> _Scored:
    """Draw and score a batch of people: plain data, no database."""
    snapshot, options, now = _worker["snapshot"], _worker["options"], _worker["now"]
    people = []
    for index in indexes:
        p = person(index, options, snapshot, now)
        fields = [
            scored_fields(snapshot, levels, p.interests, p.target_role)
            for _when, levels in p.submissions
        ]
        people.append((p, fields))
    return people


def _start_worker(snapshot, options, now) -> None:
    _worker.update(snapshot=snapshot, options=options, now=now)


@contextmanager
def _scorer(jobs, snapshot, options, now):
    _start_worker(snapshot, options, now)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda batches: map(_score_batch, batches)
        return
    # Forked workers inherit the snapshot as it is, so nothing of it needs pickling.
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker, initargs=(snapshot, options, now)) as pool:
        yield lambda batches: pool.imap(_score_batch, batches)


def _batches(items, size) -> Iterator[list]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_people(people: list[Person], password_hash: str) -> dict[int, int]:
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        [
            user_model(
                username=username(p.index),
                email=f"{username(p.index)}@{EMAIL_DOMAIN}",
                first_name=p.first_name,
                last_name=p.last_name,
                password=password_hash,
                date_joined=p.joined,
            )
            for p in people
        ]
    )
    return {p.index: user.pk for p, user in zip(people, users, strict=True)}


def _write_assessments(people: _Scored, user_ids, catalogue: _Catalogue) -> tuple[int, int, int]:
    assessments, ratings_of, interests_of = [], [], []
    submitted = drafts = 0
    for p, scored in people:
        owner = user_ids[p.index]
        target_id = catalogue.role_ids.get(p.target_role) if p.target_role else None
        common = {
            "owner_id": owner,
            "target_role_id": target_id,
            "country": p.country,
            "experience_level": p.experience_level,
        }
        for number, ((when, levels), fields) in enumerate(zip(p.submissions, scored, strict=True)):
            assessments.append(
                Assessment(
                    **common,
                    **fields,
                    status=Assessment.Status.SUBMITTED,
                    submitted_at=when,
                    is_latest=number == len(p.submissions) - 1,
                )
            )
            ratings_of.append(levels)
            interests_of.append(p.interests)
            submitted += 1
        if p.draft is not None:
            assessments.append(Assessment(**common, status=Assessment.Status.DRAFT))
            ratings_of.append(p.draft)
            interests_of.append(p.interests)
            drafts += 1
    Assessment.objects.bulk_create(assessments, batch_size=500)
    ratings = [
        (a.pk, catalogue.competency_ids[slug], level, "")
        for a, levels in zip(assessments, ratings_of, strict=True)
        for slug, level in levels.items()
    ]
    # Ratings are most of the rows: written without a model instance each, and with
    # PostgreSQL's COPY where there is one.
    table = connection.ops.quote_name(Rating._meta.db_table)
    columns = "(assessment_id, competency_id, level, evidence)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for row in ratings:
                    copy.write_row(row)
        else:
            cursor.executemany(
                f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s)",  # noqa: S608
                ratings,
            )
    through = Assessment.interests.through
    through.objects.bulk_create(
        [
            through(assessment_id=a.pk, discipline_id=catalogue.discipline_ids[slug])
            for a, slugs in zip(assessments, interests_of, strict=True)
            for slug in slugs
        ],
        batch_size=2_000,
    )
    return submitted, drafts, len(ratings)


@transaction.atomic
def _write_teams(members: list[list[int]], user_ids: dict[int, int]) -> tuple[int, int]:
    teams = Team.objects.bulk_create(
        [
            Team(name=f"Load team {number} ({len(people):,} people)", slug=team_slug(number))
            for number, people in enumerate(members, start=1)
        ]
    )
    memberships = [
        Membership(
            team_id=team.pk,
            user_id=user_ids[index],
            role=Membership.Role.MANAGER if position == 0 else Membership.Role.MEMBER,
        )
        for team, people in zip(teams, members, strict=True)
        for position, index in enumerate(people)
    ]
    Membership.objects.bulk_create(memberships, batch_size=2_000)
    return len(teams), len(memberships)
