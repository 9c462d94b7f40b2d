"""Read the default catalogue shipped with the app and write it to the database.

The two halves stay apart. `parse_catalogue` turns the TOML and CSV text into plain, frozen,
validated dataclasses and never touches the database, so a broken file is caught before
anything is written. `load_catalogue` writes those entries by natural key: it creates what is
missing and leaves every existing row alone, because a catalogue admin may have edited it since;
only `reset=True` puts a default entry's fields back to the shipped values. Rows an admin added
are never touched. Rows are written one by one with save(), so the catalogue's history records
every row the load creates or restores, with the command as its change reason.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction

from careers.choices import (
    REQUIRED_LEVELS,
    WEIGHTS,
    Country,
    ExperienceLevel,
    Focus,
    ResourceKind,
    Stage,
    TextChoice,
    TransitionKind,
)
from careers.models import (
    Competency,
    Discipline,
    Layer,
    LearningResource,
    LevelAnchor,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
)
from careers.validators import SLUG_RULE, is_slug

CATALOGUE_DIR = Path(__file__).resolve().parent
CATALOGUE_FILE = "catalogue.toml"
SALARIES_FILE = "salaries.csv"
SALARY_COLUMNS = (
    "role",
    "experience_level",
    "experience_note",
    "country",
    "low",
    "high",
    "high_is_open",
)

LEVELS = REQUIRED_LEVELS


class CatalogueError(ValueError):
    """The shipped catalogue data is malformed; the message names the entry at fault."""


# --- Plain data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LayerData:
    slug: str
    name: str
    order: int
    purpose: str
    metaphor: str
    description: str
    depends_on: str


@dataclass(frozen=True)
class DisciplineData:
    slug: str
    name: str
    order: int
    layer: str
    summary: str


@dataclass(frozen=True)
class CompetencyData:
    slug: str
    name: str
    order: int
    discipline: str
    description: str


@dataclass(frozen=True)
class AnchorData:
    competency: str
    level: int
    description: str


@dataclass(frozen=True)
class ResourceData:
    competency: str
    title: str
    url: str
    kind: str
    order: int


@dataclass(frozen=True)
class RoleData:
    slug: str
    name: str
    order: int
    layer: str
    discipline: str
    stage: str
    focus: str
    summary: str
    goals: str
    tools: str
    key_metrics: str


@dataclass(frozen=True)
class RequirementData:
    role: str
    competency: str
    level: int
    weight: int


@dataclass(frozen=True)
class TransitionData:
    from_role: str
    to_role: str
    kind: str
    note: str


@dataclass(frozen=True)
class SalaryBandData:
    role: str
    country: str
    experience_level: str
    experience_note: str
    low: int
    high: int
    high_is_open: bool
    year: int
    source: str


@dataclass(frozen=True)
class Catalogue:
    layers: tuple[LayerData, ...]
    disciplines: tuple[DisciplineData, ...]
    competencies: tuple[CompetencyData, ...]
    anchors: tuple[AnchorData, ...]
    resources: tuple[ResourceData, ...]
    roles: tuple[RoleData, ...]
    requirements: tuple[RequirementData, ...]
    transitions: tuple[TransitionData, ...]
    salary_bands: tuple[SalaryBandData, ...]


# --- Parsing ----------------------------------------------------------------------------------


def read_catalogue(directory: Path | None = None) -> Catalogue:
    """Read and validate the catalogue files in `directory` (the shipped ones by default)."""
    directory = directory or CATALOGUE_DIR
    try:
        toml_text = (directory / CATALOGUE_FILE).read_text(encoding="utf-8")
        salaries_text = (directory / SALARIES_FILE).read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogueError(f"Cannot read the catalogue: {error}") from error
    return parse_catalogue(toml_text, salaries_text)


def parse_catalogue(toml_text: str, salaries_csv: str) -> Catalogue:
    """Turn the catalogue's TOML and salary CSV text into validated plain data.

    Raises CatalogueError naming the first entry at fault.
    """
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{CATALOGUE_FILE} is not valid TOML: {error}") from error
    _only_keys(data, {"salaries", "layers", "roles", "transitions"}, CATALOGUE_FILE)

    layers, disciplines, competencies, anchors, resources = _parse_layers(data)
    roles, requirements = _parse_roles(data, layers, disciplines, competencies)
    transitions = _parse_transitions(data, roles)
    salary_bands = _parse_salaries(data, salaries_csv, roles)
    return Catalogue(
        layers=layers,
        disciplines=disciplines,
        competencies=competencies,
        anchors=anchors,
        resources=resources,
        roles=roles,
        requirements=requirements,
        transitions=transitions,
        salary_bands=salary_bands,
    )


def _parse_layers(data: Mapping[str, Any]):
    layers: list[LayerData] = []
    disciplines: list[DisciplineData] = []
    competencies: list[CompetencyData] = []
    anchors: list[AnchorData] = []
    resources: list[ResourceData] = []
    seen_layers: set[str] = set()
    seen_disciplines: set[str] = set()
    seen_competencies: set[str] = set()

    for layer_order, table in enumerate(_tables(data, "layers", CATALOGUE_FILE), start=1):
        where = f"layer #{layer_order}"
        slug = _slug(table, where, seen_layers)
        where = f'layer "{slug}"'
        _only_keys(
            table,
            {"slug", "name", "purpose", "metaphor", "description", "depends_on", "disciplines"},
            where,
        )
        layers.append(
            LayerData(
                slug=slug,
                name=_text(table, "name", where, Layer),
                order=layer_order,
                purpose=_text(table, "purpose", where, Layer),
                metaphor=_text(table, "metaphor", where, Layer),
                description=_text(table, "description", where, Layer),
                depends_on=_text(table, "depends_on", where, Layer),
            )
        )
        for discipline_order, d_table in enumerate(_tables(table, "disciplines", where), start=1):
            d_where = f"{where}, discipline #{discipline_order}"
            d_slug = _slug(d_table, d_where, seen_disciplines)
            d_where = f'discipline "{d_slug}"'
            _only_keys(d_table, {"slug", "name", "summary", "competencies"}, d_where)
            disciplines.append(
                DisciplineData(
                    slug=d_slug,
                    name=_text(d_table, "name", d_where, Discipline),
                    order=discipline_order,
                    layer=slug,
                    summary=_text(d_table, "summary", d_where, Discipline),
                )
            )
            for competency_order, c_table in enumerate(
                _tables(d_table, "competencies", d_where), start=1
            ):
                c_where = f"{d_where}, competency #{competency_order}"
                c_slug = _slug(c_table, c_where, seen_competencies)
                c_where = f'competency "{c_slug}"'
                _only_keys(
                    c_table, {"slug", "name", "description", "anchors", "resources"}, c_where
                )
                competencies.append(
                    CompetencyData(
                        slug=c_slug,
                        name=_text(c_table, "name", c_where, Competency),
                        order=competency_order,
                        discipline=d_slug,
                        description=_text(c_table, "description", c_where, Competency),
                    )
                )
                anchors.extend(_parse_anchors(c_table, c_slug, c_where))
                resources.extend(_parse_resources(c_table, c_slug, c_where))

    return (
        tuple(layers),
        tuple(disciplines),
        tuple(competencies),
        tuple(anchors),
        tuple(resources),
    )


def _parse_anchors(table: Mapping[str, Any], competency: str, where: str) -> list[AnchorData]:
    texts = table.get("anchors")
    if not isinstance(texts, list) or len(texts) != len(LEVELS):
        raise CatalogueError(
            f"{where}: anchors must be a list of {len(LEVELS)} texts, one for each level "
            f"{LEVELS.start} to {LEVELS.stop - 1}."
        )
    limit = _max_length(LevelAnchor, "description")
    anchors = []
    for level, text in zip(LEVELS, texts, strict=True):
        if not isinstance(text, str) or not text.strip():
            raise CatalogueError(f"{where}: the anchor for level {level} must be a text.")
        if len(text.strip()) > limit:
            raise CatalogueError(
                f"{where}: the anchor for level {level} is longer than {limit} characters."
            )
        anchors.append(AnchorData(competency=competency, level=level, description=text.strip()))
    return anchors


def _parse_resources(table: Mapping[str, Any], competency: str, where: str) -> list[ResourceData]:
    resources = []
    seen_urls: set[str] = set()
    validate_url = URLValidator(schemes=["https"])
    for order, r_table in enumerate(_tables(table, "resources", where), start=1):
        r_where = f"{where}, resource #{order}"
        _only_keys(r_table, {"title", "url", "kind"}, r_where)
        url = _text(r_table, "url", r_where, LearningResource)
        try:
            validate_url(url)
        except ValidationError as error:
            raise CatalogueError(f"{r_where}: {url!r} is not an https address.") from error
        if url in seen_urls:
            raise CatalogueError(f"{r_where}: {url} is listed twice.")
        seen_urls.add(url)
        resources.append(
            ResourceData(
                competency=competency,
                title=_text(r_table, "title", r_where, LearningResource),
                url=url,
                kind=_choice(r_table, "kind", r_where, ResourceKind),
                order=order,
            )
        )
    if not resources:
        raise CatalogueError(f"{where}: needs at least one learning resource.")
    return resources


def _parse_roles(
    data: Mapping[str, Any],
    layers: tuple[LayerData, ...],
    disciplines: tuple[DisciplineData, ...],
    competencies: tuple[CompetencyData, ...],
):
    layer_slugs = {layer.slug for layer in layers}
    layer_of_discipline = {d.slug: d.layer for d in disciplines}
    competency_slugs = {c.slug for c in competencies}
    roles: list[RoleData] = []
    requirements: list[RequirementData] = []
    seen: set[str] = set()
    order_in_layer: dict[str, int] = {}

    for index, table in enumerate(_tables(data, "roles", CATALOGUE_FILE), start=1):
        slug = _slug(table, f"role #{index}", seen)
        where = f'role "{slug}"'
        _only_keys(
            table,
            {
                "slug",
                "name",
                "layer",
                "discipline",
                "stage",
                "focus",
                "summary",
                "goals",
                "tools",
                "key_metrics",
                "requirements",
            },
            where,
        )
        layer = _reference(table, "layer", where, layer_slugs)
        discipline = _reference(table, "discipline", where, set(layer_of_discipline))
        if layer_of_discipline[discipline] != layer:
            raise CatalogueError(f'{where}: discipline "{discipline}" is not in layer "{layer}".')
        order_in_layer[layer] = order_in_layer.get(layer, 0) + 1
        roles.append(
            RoleData(
                slug=slug,
                name=_text(table, "name", where, Role),
                order=order_in_layer[layer],
                layer=layer,
                discipline=discipline,
                stage=_choice(table, "stage", where, Stage),
                focus=_choice(table, "focus", where, Focus),
                summary=_text(table, "summary", where, Role),
                goals=_lines(table, "goals", where),
                tools=_lines(table, "tools", where),
                key_metrics=_lines(table, "key_metrics", where),
            )
        )
        required: set[str] = set()
        for r_index, r_table in enumerate(_tables(table, "requirements", where), start=1):
            r_where = f"{where}, requirement #{r_index}"
            _only_keys(r_table, {"competency", "level", "weight"}, r_where)
            competency = _reference(r_table, "competency", r_where, competency_slugs)
            r_where = f'{where}, requirement "{competency}"'
            if competency in required:
                raise CatalogueError(f"{r_where}: the competency is required twice.")
            required.add(competency)
            requirements.append(
                RequirementData(
                    role=slug,
                    competency=competency,
                    level=_number(r_table, "level", r_where, LEVELS),
                    weight=_number(r_table, "weight", r_where, WEIGHTS),
                )
            )
    return tuple(roles), tuple(requirements)


def _parse_transitions(
    data: Mapping[str, Any], roles: tuple[RoleData, ...]
) -> tuple[TransitionData, ...]:
    role_slugs = {role.slug for role in roles}
    transitions: list[TransitionData] = []
    seen: set[tuple[str, str]] = set()
    for index, table in enumerate(_tables(data, "transitions", CATALOGUE_FILE), start=1):
        where = f"transition #{index}"
        _only_keys(table, {"from", "to", "kind", "note"}, where)
        from_role = _reference(table, "from", where, role_slugs)
        to_role = _reference(table, "to", where, role_slugs)
        where = f'transition "{from_role}" → "{to_role}"'
        if from_role == to_role:
            raise CatalogueError(f"{where}: a role cannot lead to itself.")
        if (from_role, to_role) in seen:
            raise CatalogueError(f"{where}: listed twice.")
        seen.add((from_role, to_role))
        transitions.append(
            TransitionData(
                from_role=from_role,
                to_role=to_role,
                kind=_choice(table, "kind", where, TransitionKind),
                note=_text(table, "note", where, RoleTransition),
            )
        )
    return tuple(transitions)


def _parse_salaries(
    data: Mapping[str, Any], salaries_csv: str, roles: tuple[RoleData, ...]
) -> tuple[SalaryBandData, ...]:
    meta = data.get("salaries")
    if not isinstance(meta, dict):
        raise CatalogueError(f"{CATALOGUE_FILE}: needs a [salaries] table with year and source.")
    _only_keys(meta, {"year", "source"}, "[salaries]")
    year = _number(meta, "year", "[salaries]", range(1900, 3000))
    source = _text(meta, "source", "[salaries]", SalaryBand)

    reader = csv.DictReader(io.StringIO(salaries_csv))
    if tuple(reader.fieldnames or ()) != SALARY_COLUMNS:
        raise CatalogueError(
            f"{SALARIES_FILE}: the columns must be {','.join(SALARY_COLUMNS)}, "
            f"not {','.join(reader.fieldnames or ())}."
        )
    role_slugs = {role.slug for role in roles}
    bands: list[SalaryBandData] = []
    seen: set[tuple[str, str, str]] = set()
    for row in reader:
        where = f"{SALARIES_FILE} line {reader.line_num}"
        if None in row or any(value is None for value in row.values()):
            raise CatalogueError(f"{where}: expected {len(SALARY_COLUMNS)} columns.")
        role = _reference(row, "role", where, role_slugs)
        country = _choice(row, "country", where, Country)
        level = _choice(row, "experience_level", where, ExperienceLevel)
        where = f'{where} ("{role}", {country}, {level})'
        if (role, country, level) in seen:
            raise CatalogueError(f"{where}: listed twice.")
        seen.add((role, country, level))
        low = _whole_number(row["low"], "low", where)
        high = _whole_number(row["high"], "high", where)
        if low > high:
            raise CatalogueError(f"{where}: low {low} is above high {high}.")
        if row["high_is_open"] not in {"true", "false"}:
            raise CatalogueError(f"{where}: high_is_open must be true or false.")
        note = row["experience_note"].strip()
        if len(note) > _max_length(SalaryBand, "experience_note"):
            raise CatalogueError(f"{where}: experience_note is too long.")
        bands.append(
            SalaryBandData(
                role=role,
                country=country,
                experience_level=level,
                experience_note=note,
                low=low,
                high=high,
                high_is_open=row["high_is_open"] == "true",
                year=year,
                source=source,
            )
        )
    return tuple(bands)


def _tables(data: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise CatalogueError(f"{where}: {key} must be a list of tables.")
    return tables


def _only_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise CatalogueError(f"{where}: unknown field {unknown[0]!r}.")


def _max_length(model: type[models.Model], name: str) -> int | None:
    return model._meta.get_field(name).max_length


def _text(table: Mapping[str, Any], key: str, where: str, model: type[models.Model]) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key} must be a non-empty text.")
    value = value.strip()
    limit = _max_length(model, key)
    if limit is not None and len(value) > limit:
        raise CatalogueError(f"{where}: {key} is longer than {limit} characters.")
    return value


def _lines(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(line, str) and line.strip() and "\n" not in line for line in value)
    ):
        raise CatalogueError(f"{where}: {key} must be a list of one-line texts.")
    return "\n".join(line.strip() for line in value)


def _slug(table: Mapping[str, Any], where: str, seen: set[str]) -> str:
    slug = table.get("slug")
    if not is_slug(slug):
        raise CatalogueError(f"{where}: slug {slug!r} must be {SLUG_RULE}.")
    if slug in seen:
        raise CatalogueError(f'{where}: slug "{slug}" is used twice.')
    seen.add(slug)
    return slug


def _reference(table: Mapping[str, Any], key: str, where: str, known: set[str]) -> str:
    value = table.get(key)
    if value not in known:
        raise CatalogueError(f"{where}: {key} names unknown {value!r}.")
    return value


def _choice(table: Mapping[str, Any], key: str, where: str, choices: type[TextChoice]) -> str:
    value = table.get(key)
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise CatalogueError(f"{where}: {key} {value!r} is not one of {allowed}.")
    return str(value)


def _number(table: Mapping[str, Any], key: str, where: str, allowed: range) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise CatalogueError(
            f"{where}: {key} {value!r} is not a whole number from {allowed.start} "
            f"to {allowed.stop - 1}."
        )
    return value


def _whole_number(text: str, key: str, where: str) -> int:
    if not text.isdigit():
        raise CatalogueError(f"{where}: {key} {text!r} is not a whole number.")
    return int(text)


# --- Writing ----------------------------------------------------------------------------------


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


def load_catalogue(
    reset: bool = False,
    stdout: IO[str] | None = None,
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


class _Writer:
    def __init__(self, report: LoadReport, reset: bool) -> None:
        self.report = report
        self.reset = reset
        self.reason = RESET_REASON if reset else LOAD_REASON

    def write(self, catalogue: Catalogue) -> None:
        active = {"is_active": True}

        layers = self.sync(
            Layer,
            Layer.objects.filter(slug__in=[x.slug for x in catalogue.layers]),
            key=lambda obj: obj.slug,
            rows=(
                (
                    x.slug,
                    {
                        "slug": x.slug,
                        "name": x.name,
                        "order": x.order,
                        "purpose": x.purpose,
                        "metaphor": x.metaphor,
                        "description": x.description,
                        "depends_on": x.depends_on,
                        **active,
                    },
                )
                for x in catalogue.layers
            ),
        )
        disciplines = self.sync(
            Discipline,
            Discipline.objects.filter(slug__in=[x.slug for x in catalogue.disciplines]),
            key=lambda obj: obj.slug,
            rows=(
                (
                    x.slug,
                    {
                        "slug": x.slug,
                        "name": x.name,
                        "order": x.order,
                        "layer_id": layers[x.layer].pk,
                        "summary": x.summary,
                        **active,
                    },
                )
                for x in catalogue.disciplines
            ),
        )
        competencies = self.sync(
            Competency,
            Competency.objects.filter(slug__in=[x.slug for x in catalogue.competencies]),
            key=lambda obj: obj.slug,
            rows=(
                (
                    x.slug,
                    {
                        "slug": x.slug,
                        "name": x.name,
                        "order": x.order,
                        "discipline_id": disciplines[x.discipline].pk,
                        "description": x.description,
                        **active,
                    },
                )
                for x in catalogue.competencies
            ),
        )
        competency_ids = [obj.pk for obj in competencies.values()]
        self.sync(
            LevelAnchor,
            LevelAnchor.objects.filter(competency__in=competency_ids),
            key=lambda obj: (obj.competency_id, obj.level),
            rows=(
                (
                    (competencies[x.competency].pk, x.level),
                    {
                        "competency_id": competencies[x.competency].pk,
                        "level": x.level,
                        "description": x.description,
                    },
                )
                for x in catalogue.anchors
            ),
        )
        self.sync(
            LearningResource,
            LearningResource.objects.filter(competency__in=competency_ids),
            key=lambda obj: (obj.competency_id, obj.url),
            rows=(
                (
                    (competencies[x.competency].pk, x.url),
                    {
                        "competency_id": competencies[x.competency].pk,
                        "url": x.url,
                        "title": x.title,
                        "kind": x.kind,
                        "order": x.order,
                    },
                )
                for x in catalogue.resources
            ),
        )
        roles = self.sync(
            Role,
            Role.objects.filter(slug__in=[x.slug for x in catalogue.roles]),
            key=lambda obj: obj.slug,
            rows=(
                (
                    x.slug,
                    {
                        "slug": x.slug,
                        "name": x.name,
                        "order": x.order,
                        "layer_id": layers[x.layer].pk,
                        "discipline_id": disciplines[x.discipline].pk,
                        "stage": x.stage,
                        "focus": x.focus,
                        "summary": x.summary,
                        "goals": x.goals,
                        "tools": x.tools,
                        "key_metrics": x.key_metrics,
                        **active,
                    },
                )
                for x in catalogue.roles
            ),
        )
        role_ids = [obj.pk for obj in roles.values()]
        self.sync(
            RoleRequirement,
            RoleRequirement.objects.filter(role__in=role_ids),
            key=lambda obj: (obj.role_id, obj.competency_id),
            rows=(
                (
                    (roles[x.role].pk, competencies[x.competency].pk),
                    {
                        "role_id": roles[x.role].pk,
                        "competency_id": competencies[x.competency].pk,
                        "level": x.level,
                        "weight": x.weight,
                    },
                )
                for x in catalogue.requirements
            ),
        )
        self.sync(
            RoleTransition,
            RoleTransition.objects.filter(from_role__in=role_ids),
            key=lambda obj: (obj.from_role_id, obj.to_role_id),
            rows=(
                (
                    (roles[x.from_role].pk, roles[x.to_role].pk),
                    {
                        "from_role_id": roles[x.from_role].pk,
                        "to_role_id": roles[x.to_role].pk,
                        "kind": x.kind,
                        "note": x.note,
                    },
                )
                for x in catalogue.transitions
            ),
        )
        self.sync(
            SalaryBand,
            SalaryBand.objects.filter(role__in=role_ids),
            key=lambda obj: (obj.role_id, obj.country, obj.experience_level),
            rows=(
                (
                    (roles[x.role].pk, x.country, x.experience_level),
                    {
                        "role_id": roles[x.role].pk,
                        "country": x.country,
                        "experience_level": x.experience_level,
                        "experience_note": x.experience_note,
                        "low": x.low,
                        "high": x.high,
                        "high_is_open": x.high_is_open,
                        "year": x.year,
                        "source": x.source,
                    },
                )
                for x in catalogue.salary_bands
            ),
        )

    def sync(
        self,
        model: type[models.Model],
        existing: models.QuerySet,
        key: Callable[[Any], Hashable],
        rows: Iterable[tuple[Hashable, dict[str, Any]]],
    ) -> dict[Hashable, Any]:
        """Create the missing default rows of `model`; restore edited ones when resetting.

        `rows` pairs each default entry's natural key with its field values (by attribute
        name, so foreign keys are compared by id without fetching the related rows).
        Returns the model's default rows by natural key.
        """
        counts = self.report.counts.setdefault(
            str(model._meta.verbose_name_plural).capitalize(), ModelCounts()
        )
        field_names = {f.attname: f.name for f in model._meta.concrete_fields}
        by_key = {key(obj): obj for obj in existing}
        result = {}
        for natural_key, values in rows:
            obj = by_key.get(natural_key)
            if obj is None:
                obj = model(**values)
                obj._change_reason = self.reason
                obj.save()
                counts.created += 1
            else:
                differing = [name for name, value in values.items() if getattr(obj, name) != value]
                if not differing:
                    counts.unchanged += 1
                elif self.reset:
                    for name in differing:
                        setattr(obj, name, values[name])
                    obj._change_reason = self.reason
                    obj.save(update_fields=[field_names[name] for name in differing])
                    counts.restored += 1
                else:
                    counts.kept += 1
            result[natural_key] = obj
        return result
