"""One audit trail per catalogue entry: its own history and that of the rows that belong to it.

A role's History page lists the changes to the role itself together with those to its
requirements, its transitions (to and from it) and its salary bands; a competency's lists
its level descriptions, resources and the requirements that name it; a discipline's its
level descriptions. Rows deleted since keep their history, so a removed requirement still
shows when it went and who removed it.

Each history row is compared with the previous version of the same row (not with its
neighbour on the page, which may belong to another row), so every change lists its fields,
the oldest on a page included.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import ForeignKey, Model, Q
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst


@dataclass(frozen=True)
class Part:
    """Rows of `model` that belong to an entry through any of the foreign keys `through`."""

    model: type[Model]
    through: tuple[str, ...]


def history_rows(model: type[Model], condition: Q) -> list:
    """`model`'s history rows matching `condition`, with the curator selected."""
    history = model.history.model  # type: ignore[attr-defined]
    return list(history.objects.filter(condition).select_related("history_user"))


def attach_related(records: Sequence) -> None:
    """Give every history row its tracked foreign keys' entries, one query per model they
    point to, whatever the number of rows. An entry deleted since is attached as None,
    which simple-history compares as a deleted object; a join would drop such rows."""
    wanted: dict[type[Model], set] = defaultdict(set)
    links = []
    for record in records:
        for field in record.tracked_fields:
            if isinstance(field, ForeignKey):
                key = getattr(record, field.attname)
                links.append((record, field, key))
                if key is not None:
                    wanted[field.related_model].add(key)
    found = {model: model._base_manager.in_bulk(keys) for model, keys in wanted.items()}
    for record, field, key in links:
        field.set_cached_value(record, found[field.related_model].get(key) if key else None)


class Trail(list):
    """The merged history rows of an entry, newest first: what simple-history's History page
    pages through. `model` and `latest` are the two things of a queryset it asks for when the
    entry itself has been deleted."""

    model: Any
    """The entry's history model."""

    def __init__(self, records: Iterable, model: type[Model]):
        super().__init__(records)
        self.model = model

    def latest(self, field: str):
        own = [record for record in self if isinstance(record, self.model)]
        if not own:
            raise self.model.DoesNotExist
        return max(own, key=lambda record: getattr(record, field))


def trail(entry_model: type[Model], object_id, parts: Sequence[Part]) -> Trail:
    """Every history row of the entry `object_id` and of the rows its `parts` describe,
    newest first, each knowing the version before it (`previous_version`, or None)."""
    groups = [history_rows(entry_model, Q(**{entry_model._meta.pk.attname: object_id}))]
    for part in parts:
        condition = reduce(or_, (Q(**{f"{name}_id": object_id}) for name in part.through))
        groups.append(history_rows(part.model, condition))
    for records in groups:
        by_row: dict = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            key = getattr(record, record.instance_type._meta.pk.attname)
            record.previous_version = by_row.get(key)
            by_row[key] = record
    merged = sorted(
        (record for records in groups for record in records),
        key=lambda r: r.history_date,
        reverse=True,
    )
    attach_related(merged)
    return Trail(merged, entry_model.history.model)  # type: ignore[attr-defined]


def history_label(record) -> str:
    """The row as it was at `record`, named through the entries attach_related gave it; an
    entry deleted since is named as such."""
    row = record.instance_type(
        **{field.attname: getattr(record, field.attname) for field in record.tracked_fields}
    )
    for field in record.tracked_fields:
        if field.is_relation and field.is_cached(record):
            related = getattr(record, field.name)
            if related is None and getattr(record, field.attname) is not None:
                related = field.related_model(
                    pk=getattr(record, field.attname),
                    name=f"a deleted {field.related_model._meta.verbose_name}",
                )
            if related is not None:
                setattr(row, field.name, related)
    return str(row)


def part_name(record) -> str:
    """What the row is, as a curator reads it: "Role requirement", "Salary band"…"""
    return capfirst(record.instance_type._meta.verbose_name)


def version_url(record) -> str:
    """The admin page of this version of the row, or "" where the row has no admin."""
    opts = record.instance_type._meta
    object_id = getattr(record, opts.pk.attname)
    try:
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_simple_history",
            args=[object_id, record.history_id],
        )
    except NoReverseMatch:
        return ""
