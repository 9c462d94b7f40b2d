"""Print a stable digest of everything a backup must keep, to check a restore against.

Two databases with the same content print the same output, whatever their backend and
whatever primary keys their rows received: rows are named by what identifies them to
people (usernames, slugs, team slugs), never by their ids, and every list is sorted.
Compare the output of the live database with that of a restored backup (docs/backups.md).

Every column of every table below is included, so a field added later is covered without
touching this command; only ids (and the ids that catalogue history rows keep of the row
they record) are left out.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import models

from assessments.models import ApiToken, Assessment, Membership, Rating, RetiredInvite, Team
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

FORMAT = 1
# Users are read this many at a time, so memory stays flat on large databases.
USER_BATCH = 500
# Catalogue tables by the name they carry in the output; their rows refer to each other by slug.
CatalogueModel = type[
    Layer
    | Discipline
    | DisciplineAnchor
    | Competency
    | LevelAnchor
    | LearningResource
    | Role
    | RoleRequirement
    | RoleTransition
    | SalaryBand
]
CATALOGUE: dict[str, CatalogueModel] = {
    "layers": Layer,
    "disciplines": Discipline,
    "discipline_anchors": DisciplineAnchor,
    "competencies": Competency,
    "level_anchors": LevelAnchor,
    "learning_resources": LearningResource,
    "roles": Role,
    "role_requirements": RoleRequirement,
    "role_transitions": RoleTransition,
    "salary_bands": SalaryBand,
}
# Sessions are left out of the counts: a portable dump leaves them out on purpose
# (docs/backups.md), and nobody's profile or history lives in them.
UNCOUNTED = {"sessions.session"}


def plain(value):
    """A value as JSON types, the same on every backend."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def dumps(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1)


class Keys:
    """What each referenced row is called in the output: a username, a slug, "app.model"."""

    def __init__(self) -> None:
        user_model = get_user_model()
        self.by_model: dict[type[models.Model], dict] = {
            user_model: dict(
                user_model._default_manager.values_list("pk", user_model.USERNAME_FIELD)
            ),
            Team: dict(Team.objects.values_list("pk", "slug")),
            ContentType: {
                pk: f"{app}.{model}"
                for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")
            },
        }
        for model in (Layer, Discipline, Competency, Role):
            # History rows may point at rows deleted since: their history still names them.
            names = {}
            for pk, slug in model.history.order_by("history_date", "history_id").values_list(
                "id", "slug"
            ):
                names[pk] = slug
            names.update(model.objects.values_list("pk", "slug"))
            self.by_model[model] = names

    def name(self, model: type[models.Model], pk):
        if pk is None:
            return None
        names = self.by_model.get(model)
        if names is None:
            raise LookupError(f"No natural name for rows of {model._meta.label}.")
        return names.get(pk, "<missing>")


def row_fields(model: type[models.Model], leave_out: tuple[str, ...] = ()) -> list:
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in leave_out
    ]


def rows(queryset, keys: Keys, leave_out: tuple[str, ...] = ()) -> Iterator[tuple]:
    """(pk, {field: value}) for every row, foreign keys replaced by their natural names."""
    fields = row_fields(queryset.model, leave_out)
    for pk, *values in queryset.order_by().values_list("pk", *(f.attname for f in fields)):
        row = {}
        for field, value in zip(fields, values, strict=True):
            if field.is_relation:
                row[field.name] = keys.name(field.related_model, value)
            else:
                row[field.name] = plain(value)
        yield pk, row


def sorted_rows(items) -> list[dict]:
    return sorted(items, key=dumps)


def catalogue(keys: Keys) -> dict:
    return {
        name: sorted_rows(row for _, row in rows(model.objects.all(), keys))
        for name, model in CATALOGUE.items()
    }


def catalogue_history(keys: Keys) -> dict:
    """Every recorded change of the catalogue, as it was, by whom and why."""
    result = {}
    for name, model in CATALOGUE.items():
        history = model.history.model
        # `id` is the id the changed row had; the row's own fields say which one it was.
        result[name] = sorted(
            (row for _, row in rows(history.objects.all(), keys, leave_out=("id",))),
            key=lambda row: (row["history_date"], dumps(row)),
        )
    return result


def permission_names(queryset) -> list[str]:
    return sorted(
        f"{app}.{codename}"
        for app, codename in queryset.values_list("content_type__app_label", "codename")
    )


def groups() -> list[dict]:
    return [
        {"name": group.name, "permissions": permission_names(group.permissions.all())}
        for group in Group.objects.order_by("name")
    ]


def teams(keys: Keys) -> list[dict]:
    members = defaultdict(list)
    for _, row in rows(Membership.objects.all(), keys):
        members[row.pop("team")].append(row)
    retired = defaultdict(list)
    for _, row in rows(RetiredInvite.objects.all(), keys):
        retired[row.pop("team")].append(row)
    result = []
    for _, row in rows(Team.objects.all(), keys):
        row["memberships"] = sorted(members[row["slug"]], key=lambda m: (m["user"], dumps(m)))
        row["retired_invites"] = sorted_rows(retired[row["slug"]])
        result.append(row)
    return sorted(result, key=lambda team: team["slug"])


def admin_log(keys: Keys) -> list[dict]:
    # The object's id is left out: its name (object_repr) and type say what was changed.
    return sorted(
        (row for _, row in rows(LogEntry.objects.all(), keys, leave_out=("object_id",))),
        key=lambda row: (row["action_time"], dumps(row)),
    )


def counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in UNCOUNTED
    }


def users(keys: Keys) -> Iterator[dict]:
    """Each account with its assessments, ratings and API tokens, by username."""
    user_model = get_user_model()
    usernames = sorted(keys.by_model[user_model].items(), key=lambda item: item[1])
    for start in range(0, len(usernames), USER_BATCH):
        batch = [pk for pk, _ in usernames[start : start + USER_BATCH]]
        yield from _user_batch(user_model, batch, keys)


def _user_batch(user_model, pks: list, keys: Keys) -> Iterator[dict]:
    group_names = defaultdict(list)
    through = user_model.groups.through
    for user_id, name in through.objects.filter(user_id__in=pks).values_list(
        "user_id", "group__name"
    ):
        group_names[user_id].append(name)
    permissions = defaultdict(list)
    through = user_model.user_permissions.through
    for user_id, app, codename in through.objects.filter(user_id__in=pks).values_list(
        "user_id", "permission__content_type__app_label", "permission__codename"
    ):
        permissions[user_id].append(f"{app}.{codename}")

    assessments = defaultdict(list)
    owned = Assessment.objects.filter(owner_id__in=pks)
    ratings = defaultdict(list)
    for assessment_id, competency_id, level, evidence in Rating.objects.filter(
        assessment__in=owned
    ).values_list("assessment_id", "competency_id", "level", "evidence"):
        ratings[assessment_id].append(
            {
                "competency": keys.name(Competency, competency_id),
                "evidence": evidence,
                "level": level,
            }
        )
    interests = defaultdict(list)
    through = Assessment.interests.through
    for assessment_id, discipline_id in through.objects.filter(assessment__in=owned).values_list(
        "assessment_id", "discipline_id"
    ):
        interests[assessment_id].append(keys.name(Discipline, discipline_id))
    for pk, row in rows(owned, keys):
        row["ratings"] = sorted(ratings[pk], key=lambda rating: rating["competency"])
        row["interests"] = sorted(interests[pk])
        assessments[row.pop("owner")].append(row)

    tokens = defaultdict(list)
    for _, row in rows(ApiToken.objects.filter(user_id__in=pks), keys):
        tokens[row.pop("user")].append(row)

    # By username, not in the order the database returns them: a restore writes rows in
    # another order than years of updates left them in.
    accounts = sorted(
        rows(user_model._default_manager.filter(pk__in=pks), keys),
        key=lambda item: item[1][user_model.USERNAME_FIELD],
    )
    for pk, account in accounts:
        username = account[user_model.USERNAME_FIELD]
        if "password" in account:
            # Whether the password survived, without printing its hash.
            stored = account.pop("password")
            account["password_sha256"] = hashlib.sha256(stored.encode()).hexdigest()
        account["groups"] = sorted(group_names[pk])
        account["permissions"] = sorted(permissions[pk])
        account["assessments"] = sorted(
            assessments[username],
            key=lambda a: (a["created_at"], a["submitted_at"] or "", dumps(a)),
        )
        account["api_tokens"] = sorted_rows(tokens[username])
        yield account


def fingerprint() -> Iterator[str]:
    """The digest as JSON text, in pieces: one section, then one account at a time."""
    keys = Keys()
    sections = {
        "admin_log": admin_log(keys),
        "catalogue": catalogue(keys),
        "catalogue_history": catalogue_history(keys),
        "counts": counts(),
        "format": FORMAT,
        "groups": groups(),
        "teams": teams(keys),
    }
    yield "{\n"
    for name in sorted(sections):
        yield f"{json.dumps(name)}: {dumps(sections[name])},\n"
    yield '"users": ['
    for index, user in enumerate(users(keys)):
        yield ("\n" if index == 0 else ",\n") + dumps(user)
    yield "\n]\n}\n"


class Command(BaseCommand):
    help = (
        "Print a stable JSON digest of the accounts, assessments with their ratings and "
        "results, teams, API tokens and the catalogue with its history, without ids and "
        "sorted, so a database and its restored backup print the same text."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sha256",
            action="store_true",
            help="Print only the SHA-256 of the digest (no personal data), one line.",
        )

    def handle(self, *args, sha256: bool, **options):
        # Read without a transaction (on SQLite one would take the write lock): compare
        # databases nobody is writing to, such as a backup and its restore.
        pieces = fingerprint()
        if sha256:
            digest = hashlib.sha256()
            for piece in pieces:
                digest.update(piece.encode())
            self.stdout.write(digest.hexdigest())
        else:
            for piece in pieces:
                self.stdout.write(piece, ending="")
