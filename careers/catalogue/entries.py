"""The shipped catalogue as plain, frozen entries, one tuple per model, ready to be written.

`parse_catalogue` checks the files against careers.catalogue.schema, then that no slug or key
is used twice, and that every salary row names a role.
It never touches the database, so a broken file is caught before anything is written. A
file with several faults is refused for the first its tables show; a slug or key used twice
is looked for once every table is sound.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from careers.catalogue import files, schema, validation
from careers.catalogue.files import CatalogueError
from careers.choices import SALARY_RANGE


@dataclass(frozen=True)
class LayerData:
    slug: str
    name: str
    order: int
    purpose: str
    metaphor: str
    description: str
    depends_on: str
    basis: str


@dataclass(frozen=True)
class DisciplineData:
    slug: str
    name: str
    order: int
    layer: str
    summary: str
    basis: str


@dataclass(frozen=True)
class DisciplineAnchorData:
    discipline: str
    level: int
    description: str


@dataclass(frozen=True)
class CompetencyData:
    slug: str
    name: str
    order: int
    discipline: str
    description: str
    basis: str


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
    aliases: str
    order: int
    layer: str
    discipline: str
    stage: str
    focus: str
    summary: str
    goals: str
    tools: str
    key_metrics: str
    basis: str


@dataclass(frozen=True)
class RequirementData:
    role: str
    competency: str
    level: int
    weight: int
    basis: str


@dataclass(frozen=True)
class TransitionData:
    from_role: str
    to_role: str
    kind: str
    note: str
    basis: str


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
    basis: str


@dataclass(frozen=True)
class Catalogue:
    layers: tuple[LayerData, ...]
    disciplines: tuple[DisciplineData, ...]
    discipline_anchors: tuple[DisciplineAnchorData, ...]
    competencies: tuple[CompetencyData, ...]
    anchors: tuple[AnchorData, ...]
    resources: tuple[ResourceData, ...]
    roles: tuple[RoleData, ...]
    requirements: tuple[RequirementData, ...]
    transitions: tuple[TransitionData, ...]
    salary_bands: tuple[SalaryBandData, ...]


def read_catalogue(directory: Path | None = None) -> Catalogue:
    """Read and check the catalogue files in `directory` (the shipped ones by default)."""
    return parse_catalogue(*files.read_texts(directory))


def parse_catalogue(toml_text: str, salaries_csv: str) -> Catalogue:
    """Turn the catalogue's TOML and salary CSV text into checked plain data.

    Raises CatalogueError naming the first entry at fault.
    """
    checked = validation.validate_toml(files.toml_tables(toml_text))
    layers, disciplines, discipline_anchors, competencies, anchors, resources = _layers(
        checked.layers
    )
    roles, requirements = _roles(checked.roles)
    return Catalogue(
        layers=layers,
        disciplines=disciplines,
        discipline_anchors=discipline_anchors,
        competencies=competencies,
        anchors=anchors,
        resources=resources,
        roles=roles,
        requirements=requirements,
        transitions=_transitions(checked.transitions),
        salary_bands=_salary_bands(checked.salaries, salaries_csv, {role.slug for role in roles}),
    )


class _Slugs:
    """The slugs of one kind of entry met so far; a second use is refused."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def add(self, slug: str, where: str) -> None:
        if slug in self.seen:
            raise CatalogueError(f'{where}: slug "{slug}" is used twice.')
        self.seen.add(slug)


def _layers(tables: tuple[schema.LayerTable, ...]):
    layers, disciplines, competencies, anchors, resources = [], [], [], [], []
    discipline_anchors = []
    layer_slugs, discipline_slugs, competency_slugs = _Slugs(), _Slugs(), _Slugs()
    for layer_order, layer in enumerate(tables, start=1):
        layer_slugs.add(layer.slug, f"layer #{layer_order}")
        layers.append(
            LayerData(
                slug=layer.slug,
                name=layer.name,
                order=layer_order,
                purpose=layer.purpose,
                metaphor=layer.metaphor,
                description=layer.description,
                depends_on=layer.depends_on,
                basis=layer.basis,
            )
        )
        where = f'layer "{layer.slug}"'
        for discipline_order, discipline in enumerate(layer.disciplines, start=1):
            discipline_slugs.add(discipline.slug, f"{where}, discipline #{discipline_order}")
            disciplines.append(
                DisciplineData(
                    slug=discipline.slug,
                    name=discipline.name,
                    order=discipline_order,
                    layer=layer.slug,
                    summary=discipline.summary,
                    basis=discipline.basis,
                )
            )
            discipline_anchors += [
                DisciplineAnchorData(discipline=discipline.slug, level=level, description=text)
                for level, text in enumerate(discipline.anchors, start=1)
            ]
            d_where = f'discipline "{discipline.slug}"'
            for order, competency in enumerate(discipline.competencies, start=1):
                competency_slugs.add(competency.slug, f"{d_where}, competency #{order}")
                competencies.append(
                    CompetencyData(
                        slug=competency.slug,
                        name=competency.name,
                        order=order,
                        discipline=discipline.slug,
                        description=competency.description,
                        basis=competency.basis,
                    )
                )
                anchors += [
                    AnchorData(competency=competency.slug, level=level, description=text)
                    for level, text in enumerate(competency.anchors, start=1)
                ]
                resources += _resources(competency)
    return (
        tuple(layers),
        tuple(disciplines),
        tuple(discipline_anchors),
        tuple(competencies),
        tuple(anchors),
        tuple(resources),
    )


def _resources(competency: schema.CompetencyTable) -> list[ResourceData]:
    resources: list[ResourceData] = []
    urls: set[str] = set()
    for order, resource in enumerate(competency.resources, start=1):
        if resource.url in urls:
            raise CatalogueError(
                f'competency "{competency.slug}", resource #{order}: '
                f"{resource.url} is listed twice."
            )
        urls.add(resource.url)
        resources.append(
            ResourceData(
                competency=competency.slug,
                title=resource.title,
                url=resource.url,
                kind=resource.kind,
                order=order,
            )
        )
    return resources


def _roles(
    tables: tuple[schema.RoleTable, ...],
) -> tuple[tuple[RoleData, ...], tuple[RequirementData, ...]]:
    roles: list[RoleData] = []
    requirements: list[RequirementData] = []
    slugs = _Slugs()
    names: dict[str, str] = {}  # a name, compared without regard to case → its role's slug
    order_in_layer: dict[str, int] = {}
    for index, role in enumerate(tables, start=1):
        slugs.add(role.slug, f"role #{index}")
        where, layer = f'role "{role.slug}"', role.layer
        other = names.setdefault(role.name.casefold(), role.slug)
        if other != role.slug:
            raise CatalogueError(
                f'{where}: the name "{role.name}" is already the name of role "{other}" '
                "(names are compared without regard to case)."
            )
        order_in_layer[layer] = order_in_layer.get(layer, 0) + 1
        roles.append(
            RoleData(
                slug=role.slug,
                name=role.name,
                aliases=role.aliases,
                order=order_in_layer[layer],
                layer=layer,
                discipline=role.discipline,
                stage=role.stage,
                focus=role.focus,
                summary=role.summary,
                goals=role.goals,
                tools=role.tools,
                key_metrics=role.key_metrics,
                basis=role.basis,
            )
        )
        required: set[str] = set()
        for requirement in role.requirements:
            competency = requirement.competency
            if competency in required:
                raise CatalogueError(
                    f'{where}, requirement "{competency}": the competency is required twice.'
                )
            required.add(competency)
            requirements.append(
                RequirementData(
                    role=role.slug,
                    competency=competency,
                    level=requirement.level,
                    weight=requirement.weight,
                    basis=requirement.basis,
                )
            )
    return tuple(roles), tuple(requirements)


def _transitions(tables: tuple[schema.TransitionTable, ...]) -> tuple[TransitionData, ...]:
    transitions: list[TransitionData] = []
    seen: set[tuple[str, str]] = set()
    for transition in tables:
        from_role, to_role = transition.from_role, transition.to_role
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
                kind=transition.kind,
                note=transition.note,
                basis=transition.basis,
            )
        )
    return tuple(transitions)


def _salary_bands(
    salaries: schema.SalariesTable, text: str, role_slugs: set[str]
) -> tuple[SalaryBandData, ...]:
    bands: list[SalaryBandData] = []
    seen: set[tuple[str, str, str]] = set()
    for where, row in files.salary_rows(text):
        role = row["role"]
        if role not in role_slugs:
            raise CatalogueError(f"{where}: role names unknown {role!r}.")
        checked, refusals = validation.row_refusals(row)
        _refuse_any(refusals, where, "country", "experience_level")
        key = (role, row["country"], row["experience_level"])
        where = f'{where} ("{role}", {key[1]}, {key[2]})'
        if key in seen:
            raise CatalogueError(f"{where}: listed twice.")
        seen.add(key)
        _refuse_any(refusals, where, "low", "high")
        low, high = int(row["low"]), int(row["high"])
        for name, value in (("low", low), ("high", high)):
            if value not in SALARY_RANGE:
                raise CatalogueError(
                    f"{where}: {name} {value:,} is not a yearly salary: it must be from "
                    f"{SALARY_RANGE.start:,} to {SALARY_RANGE.stop - 1:,}."
                )
        if low > high:
            raise CatalogueError(f"{where}: low {low} is above high {high}.")
        _refuse_any(refusals, where, "high_is_open", "experience_note")
        assert checked is not None
        bands.append(
            SalaryBandData(
                role=role,
                country=checked.country,
                experience_level=checked.experience_level,
                experience_note=checked.experience_note,
                low=checked.low,
                high=checked.high,
                high_is_open=checked.high_is_open,
                year=salaries.year,
                source=salaries.source,
                basis=salaries.basis,
            )
        )
    return tuple(bands)


def _refuse_any(refusals: dict[str, str], where: str, *columns: str) -> None:
    """Raise the refusal of the first of `columns` that has one."""
    for column in columns:
        if column in refusals:
            raise CatalogueError(f"{where}: {refusals[column]}")
