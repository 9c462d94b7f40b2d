"""Write the shipped catalogue to the database, by natural key.

The files are read and checked first (careers.catalogue.entries), so a broken file is caught
before anything is written. A load creates what is missing and leaves every existing row
alone, because a catalogue admin may have edited it since; only `reset=True` puts a default
entry's fields back to the shipped values. Rows an admin added are never touched. Rows are
written one by one with save(), so the catalogue's history records every row the load creates
or restores, with the command as its change reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from django.db import models, transaction

from careers.catalogue.entries import Catalogue, read_catalogue
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


@dataclass
class ModelCounts:
    """What a load did to the default entries of one model."""

    created: int = 0
    restored: int = 0
    kept: int = 0  # differ from the default and were left as edited
    unchanged: int = 0


@dataclass
class LoadReport:
    """The outcome of one load, per model (keyed by its plural name, in load order)."""

    reset: bool
    counts: dict[str, ModelCounts] = field(default_factory=dict)

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def restored(self) -> int:
        return sum(c.restored for c in self.counts.values())

    @property
    def kept(self) -> int:
        return sum(c.kept for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return bool(self.created or self.restored)

    def summary_lines(self) -> list[str]:
        width = max(len(name) for name in self.counts)
        lines = ["Reset the default catalogue." if self.reset else "Loaded the default catalogue."]
        for name, c in self.counts.items():
            lines.append(
                f"  {name + ':':<{width + 1}} {c.created} created, {c.restored} restored, "
                f"{c.kept} kept as edited, {c.unchanged} unchanged"
            )
        lines.append(
            f"Total: {self.created} created, {self.restored} restored, "
            f"{self.kept} kept as edited, {self.unchanged} unchanged."
        )
        if self.kept:
            lines.append(
                f"{self.kept} default entries differ from the shipped values and were left as "
                "edited; run with --reset to restore them."
            )
        return lines


class Writer(Protocol):
    """Where the summary lines go: a file, or a management command's stdout."""

    def write(self, text: str, /) -> object: ...


def load_catalogue(
    reset: bool = False,
    stdout: Writer | None = None,
    catalogue: Catalogue | None = None,
) -> LoadReport:
    """Write the default catalogue to the database and report what was done.

    Missing entries are created. Existing ones are left as they are, unless `reset` is true,
    in which case every default entry's fields are put back to the shipped values. Entries an
    admin added are never touched. Raises CatalogueError if the shipped data is malformed.
    """
    catalogue = catalogue or read_catalogue()
    report = LoadReport(reset=reset)
    with transaction.atomic():
        _Writer(report, reset).write(catalogue)
    if stdout is not None:
        for line in report.summary_lines():
            stdout.write(line + "\n")
    return report


# The change reasons a load writes into the catalogue's history.
LOAD_REASON = "load_catalogue"
RESET_REASON = "load_catalogue --reset"


@dataclass(frozen=True)
class Table:
    """How one model's default rows are written: by which natural key (field attnames, the
    first narrowing the rows read back), from which entries, with which slugs standing for
    which related rows, and with which fixed values."""

    model: type[models.Model]
    key: tuple[str, ...]
    entries: tuple[Any, ...]
    references: Mapping[str, type[models.Model]] = field(default_factory=dict)
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def values(self, entry: Any, ids: Mapping[type[models.Model], Mapping[str, Any]]) -> dict:
        """The entry's field values by attname, a reference as the related row's id."""
        values = {}
        for name, value in asdict(entry).items():
            related = self.references.get(name)
            if related is None:
                values[name] = value
            else:
                values[f"{name}_id"] = ids[related][value]
        return {**values, **self.fixed}


def tables(catalogue: Catalogue) -> list[Table]:
    """Every model's default rows, in the order they are written: parents first."""
    active = {"is_active": True}
    return [
        Table(Layer, ("slug",), catalogue.layers, fixed=active),
        Table(Discipline, ("slug",), catalogue.disciplines, {"layer": Layer}, active),
        Table(
            DisciplineAnchor,
            ("discipline_id", "level"),
            catalogue.discipline_anchors,
            {"discipline": Discipline},
        ),
        Table(Competency, ("slug",), catalogue.competencies, {"discipline": Discipline}, active),
        Table(
            LevelAnchor, ("competency_id", "level"), catalogue.anchors, {"competency": Competency}
        ),
        Table(
            LearningResource,
            ("competency_id", "url"),
            catalogue.resources,
            {"competency": Competency},
        ),
        Table(
            Role,
            ("slug",),
            catalogue.roles,
            {"layer": Layer, "discipline": Discipline},
            active,
        ),
        Table(
            RoleRequirement,
            ("role_id", "competency_id"),
            catalogue.requirements,
            {"role": Role, "competency": Competency},
        ),
        Table(
            RoleTransition,
            ("from_role_id", "to_role_id"),
            catalogue.transitions,
            {"from_role": Role, "to_role": Role},
        ),
        Table(
            SalaryBand,
            ("role_id", "country", "experience_level"),
            catalogue.salary_bands,
            {"role": Role},
        ),
    ]


class _Writer:
    def __init__(self, report: LoadReport, reset: bool) -> None:
        self.report = report
        self.reset = reset
        self.reason = RESET_REASON if reset else LOAD_REASON
        self.ids: dict[type[models.Model], dict[str, Any]] = {}

    def write(self, catalogue: Catalogue) -> None:
        for table in tables(catalogue):
            rows = self.sync(table)
            if table.key == ("slug",):
                self.ids[table.model] = {obj.slug: obj.pk for obj in rows}

    def sync(self, table: Table) -> list[Any]:
        """Create the table's missing default rows; restore edited ones when resetting.

        Values are compared by attname, so foreign keys are compared by id without fetching
        the related rows. Returns the model's default rows, in the table's order.
        """
        model = table.model
        counts = self.report.counts.setdefault(
            str(model._meta.verbose_name_plural).capitalize(), ModelCounts()
        )
        field_names = {f.attname: f.name for f in model._meta.concrete_fields}
        rows = [table.values(entry, self.ids) for entry in table.entries]
        first = table.key[0]
        existing = model._default_manager.filter(**{f"{first}__in": {row[first] for row in rows}})
        by_key = {tuple(getattr(obj, name) for name in table.key): obj for obj in existing}
        result = []
        for values in rows:
            obj = by_key.get(tuple(values[name] for name in table.key))
            if obj is None:
                obj = model(**values)
                obj._change_reason = self.reason  # type: ignore[attr-defined]
                obj.save()
                counts.created += 1
            else:
                differing = [name for name, value in values.items() if getattr(obj, name) != value]
                if not differing:
                    counts.unchanged += 1
                elif self.reset:
                    for name in differing:
                        setattr(obj, name, values[name])
                    obj._change_reason = self.reason  # type: ignore[attr-defined]
                    obj.save(update_fields=[field_names[name] for name in differing])
                    counts.restored += 1
                else:
                    counts.kept += 1
            result.append(obj)
        return result
