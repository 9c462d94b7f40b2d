"""The database side of importing a team's ratings: who each row is, and saving the rows.

``assessments.domain.sheets`` checks the sheet without the database. Here its email addresses
become members of the team, and a sheet without problems becomes one submitted assessment
per row, scored exactly as a submitted form is, in one transaction: every row, or none.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import batched
from typing import cast

from django.db import connection, transaction

from assessments.domain import scoring
from assessments.domain.catalogue import Catalogue
from assessments.domain.names import person_name
from assessments.domain.sheets import EMAIL_COLUMN, Kind, Problem, Row, Sheet
from assessments.models import Assessment, Membership, Rating, Team
from assessments.services.assessments import store_profiles
from careers.models import Competency, Discipline, Role

CHUNK_ROWS = 250
"""Rows saved together: a few bulk inserts per chunk, and at most this many scored
profiles (about 10 KB each) and their ratings held in memory at once."""
RATINGS_PER_INSERT = 5_000


@dataclass(frozen=True, slots=True)
class Person:
    user_id: int
    name: str


class ImportRefused(Exception):
    """The sheet has problems (listed on it), so nothing was saved."""

    def __init__(self, sheet: Sheet):
        super().__init__(f"{sheet.problem_count} problems; nothing was saved.")
        self.sheet = sheet


def retired_competencies(catalogue: Catalogue) -> set[str]:
    """Slugs of the competencies that are no longer rated (one query)."""
    return set(
        Competency.objects.exclude(slug__in=catalogue.competency_by_slug).values_list(
            "slug", flat=True
        )
    )


def check_people(sheet: Sheet, team: Team) -> dict[str, Person]:
    """The team member each row names, by email address (case does not matter), in one query.

    A row whose address names no member gets a problem on the sheet. Whether some account
    outside the team has that address is never looked up: any signed-in person can create
    a team, so saying so would let anyone test addresses for accounts.
    """
    members: dict[str, list[Person]] = defaultdict(list)
    for user_id, email, username, first, last in Membership.objects.filter(team=team).values_list(
        "user_id", "user__email", "user__username", "user__first_name", "user__last_name"
    ):
        if email:
            members[email.lower()].append(Person(user_id, person_name(first, last, username)))

    found: dict[str, Person] = {}
    for row in sheet.rows:
        if not row.named:
            continue
        matches = members.get(row.key, [])
        if len(matches) == 1:
            found[row.key] = matches[0]
        elif matches:
            _problem(sheet, row, Kind.PERSON, f"Several members of {team.name} have this address.")
        else:
            message = (
                f"No member of {team.name} has the address {row.email}: "
                "they join with the team's invite code first."
            )
            _problem(sheet, row, Kind.MEMBERSHIP, message)
    sheet.sort_problems()
    return found


def _problem(sheet: Sheet, row: Row, kind: str, message: str) -> None:
    sheet.add_problem(
        Problem(kind, message, row=row.number, column=sheet.email_column, heading=EMAIL_COLUMN), row
    )


@dataclass(frozen=True, slots=True)
class CatalogueIds:
    """Database ids of the active catalogue entries an import writes or carries over."""

    competency: dict[str, int]
    discipline_slug: dict[int, str]
    role_slug: dict[int, str]

    @classmethod
    def load(cls, catalogue: Catalogue) -> "CatalogueIds":
        return cls(
            competency=dict(
                Competency.objects.filter(slug__in=catalogue.competency_by_slug).values_list(
                    "slug", "pk"
                )
            ),
            discipline_slug=dict(
                Discipline.objects.filter(slug__in=catalogue.discipline_by_slug).values_list(
                    "pk", "slug"
                )
            ),
            role_slug=dict(
                Role.objects.filter(slug__in=catalogue.role_by_slug).values_list("pk", "slug")
            ),
        )


def checked_owners(sheet: Sheet, team: Team, catalogue: Catalogue) -> list[int]:
    """The user id of each row's person, for a sheet to be imported now into `team`.

    Raises ImportRefused if the sheet has problems, including ones found now (someone left
    the team, the catalogue's competencies changed since the sheet was checked).
    """
    if sheet.ok and set(sheet.competencies) != set(catalogue.competency_by_slug):
        sheet.add_problem(
            Problem(
                Kind.COLUMN,
                "The catalogue's competencies changed since the sheet was checked: "
                "download the template again and fill it in.",
                row=1,
            )
        )
    if not sheet.ok:
        raise ImportRefused(sheet)
    people = check_people(sheet, team)
    if not sheet.ok:
        raise ImportRefused(sheet)
    return [people[row.key].user_id for row in sheet.rows]


@transaction.atomic
def import_sheet(
    sheet: Sheet,
    team: Team,
    *,
    imported_by,
    catalogue: Catalogue,
    now: datetime,
) -> int:
    """Save each row of a sheet without problems as a submitted assessment of its person,
    in one transaction; returns how many. Raises ImportRefused, saving nothing, if the
    sheet has problems (see `checked_owners`).

    Each assessment is scored with `catalogue` as `submit_assessment` scores a form, becomes
    its owner's latest, and records where it came from (source "import", `imported_by`).
    Like a new draft, it takes the owner's country, experience level, target role and
    growth wishes from their last submitted assessment, where the catalogue still has
    them. Drafts are left as they are.
    """
    owners = checked_owners(sheet, team, catalogue)
    ids = CatalogueIds.load(catalogue)
    imported_by_id = imported_by.pk if imported_by is not None else None
    for start, rows in enumerate(batched(sheet.rows, CHUNK_ROWS)):
        first = start * CHUNK_ROWS
        save_rows(
            rows, owners[first : first + len(rows)], sheet, imported_by_id, catalogue, ids, now
        )
    return len(sheet.rows)


def save_rows(
    rows: Sequence[Row],
    owners: Sequence[int],
    sheet: Sheet,
    imported_by_id: int | None,
    catalogue: Catalogue,
    ids: "CatalogueIds",
    now: datetime,
) -> None:
    """Save `rows` of a checked sheet as submitted assessments of `owners` (their user ids,
    row by row), each its owner's latest: a few bulk queries, whatever the number of rows.
    Call it inside a transaction."""
    previous = {
        latest["owner_id"]: latest
        for latest in Assessment.objects.filter(owner_id__in=owners, is_latest=True).values(
            "pk", "owner_id", "country", "experience_level", "target_role_id"
        )
    }
    # Growth wishes (interests) of those assessments: {assessment id: [discipline id]}.
    wishes: dict[int, list[int]] = defaultdict(list)
    interest = Assessment.interests.through
    for assessment_id, discipline_id in interest.objects.filter(
        assessment_id__in=[latest["pk"] for latest in previous.values()],
        discipline_id__in=ids.discipline_slug,
    ).values_list("assessment_id", "discipline_id"):
        wishes[assessment_id].append(discipline_id)
    scored, carried_wishes = [], []
    for row, owner in zip(rows, owners, strict=True):
        assessment = Assessment(
            owner_id=owner,
            source=Assessment.Source.IMPORT,
            imported_by_id=imported_by_id,
        )
        latest = previous.get(owner)
        wished = wishes[latest["pk"]] if latest else []
        target = None
        if latest:
            assessment.country = latest["country"]
            assessment.experience_level = latest["experience_level"]
            target = ids.role_slug.get(latest["target_role_id"])
            assessment.target_role_id = latest["target_role_id"] if target else None
        ratings = dict(zip(sheet.competencies, row.levels or (), strict=True))
        interests = [ids.discipline_slug[pk] for pk in wished]
        scored.append((assessment, scoring.score(catalogue, ratings, interests, target)))
        carried_wishes.append(wished)
    # Each becomes its owner's latest, as a submitted form does.
    store_profiles(scored, now, previous=[latest["pk"] for latest in previous.values()])
    assessments = [assessment for assessment, _profile in scored]

    competency_ids = [ids.competency[slug] for slug in sheet.competencies]
    _insert_ratings(
        (assessment.pk, competency_id, level, "")
        for assessment, row in zip(assessments, rows, strict=True)
        for competency_id, level in zip(competency_ids, row.levels or (), strict=True)
    )
    interest.objects.bulk_create(
        interest(assessment_id=assessment.pk, discipline_id=discipline_id)
        for assessment, wished in zip(assessments, carried_wishes, strict=True)
        for discipline_id in wished
    )


def _insert_ratings(values: Iterable[tuple[int, int, int, str]]) -> None:
    """Insert (assessment id, competency id, level, evidence) rows in bulk.

    A sheet of 10,000 people holds half a million ratings: building a model instance for
    each (as bulk_create needs) would take longer than all the scoring. PostgreSQL takes
    them with COPY, other databases in multi-row INSERTs. The database still checks every
    level (rating_level_0_to_5) and pair (rating_unique_competency).
    """
    meta = Rating._meta
    concrete = {field.name: field for field in meta.concrete_fields}
    fields = [concrete[name] for name in ("assessment", "competency", "level", "evidence")]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    # A concrete field always has a column; the stubs type it for every field.
    columns = ", ".join(quote(cast(str, field.column)) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Table and column names come from the model; the rows are data.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        per_insert = min(
            RATINGS_PER_INSERT, connection.ops.bulk_batch_size(fields, [None] * RATINGS_PER_INSERT)
        )
        for batch in batched(values, per_insert):
            placeholders = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
            # Table and column names come from the model; every value is a parameter.
            sql = f"INSERT INTO {table} ({columns}) VALUES {placeholders}"  # noqa: S608
            cursor.execute(sql, [value for row in batch for value in row])
