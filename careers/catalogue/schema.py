"""What the shipped catalogue files must hold, as pydantic models of catalogue.toml's tables
and of a salaries.csv row.

Each field checks its value the way the catalogue's messages describe it ("name must be a
non-empty text", "level 6 is not a whole number from 1 to 5"), and each table knows the order
a reader checks its fields in and how a message names it (careers.catalogue.validation runs
the models and names the first fault). A reference (a role's layer, a requirement's
competency) is checked against the slugs the file gives, passed as the validation context.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Annotated, Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import models
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from careers.catalogue.files import CATALOGUE_FILE
from careers.choices import (
    REQUIRED_LEVELS,
    WEIGHTS,
    Basis,
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
    DisciplineAnchor,
    Layer,
    LearningResource,
    LevelAnchor,
    Role,
    RoleTransition,
    SalaryBand,
)
from careers.validators import SLUG_RULE, is_slug

YEARS = range(1900, 3000)
EXTRA = "<unknown field>"
"""Where an unknown field comes in a table's order of checks."""


class Refusal(ValueError):
    """A value the catalogue refuses; the message starts with the field's name."""


# --- One check per kind of field ----------------------------------------------------------


def _max_length(model: type[models.Model], name: str) -> int | None:
    return model._meta.get_field(name).max_length  # type: ignore[union-attr]


def text(model: type[models.Model]) -> BeforeValidator:
    """A non-empty text, stripped, within the length the model's field of that name allows."""

    def check(value: object, info: ValidationInfo) -> str:
        key = info.field_name or ""
        if not isinstance(value, str) or not value.strip():
            raise Refusal(f"{key} must be a non-empty text.")
        limit = _max_length(model, key)
        if limit is not None and len(value.strip()) > limit:
            raise Refusal(f"{key} is longer than {limit} characters.")
        return value.strip()

    return BeforeValidator(check)


def _lines(value: object, info: ValidationInfo) -> str:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(line, str) and line.strip() and "\n" not in line for line in value)
    ):
        raise Refusal(f"{info.field_name} must be a list of one-line texts.")
    return "\n".join(line.strip() for line in value)


def choice(vocabulary: type[TextChoice]) -> BeforeValidator:
    def check(value: object, info: ValidationInfo) -> str:
        if value not in vocabulary.values:
            allowed = ", ".join(vocabulary.values)
            raise Refusal(f"{info.field_name} {value!r} is not one of {allowed}.")
        return str(value)

    return BeforeValidator(check)


def _basis(value: object, info: ValidationInfo) -> str:
    # Left out: the entry is editorial, T-Profile's own; "source" marks the source's facts.
    if value is None:
        return Basis.EDITORIAL.value
    if value not in Basis.values:
        raise Refusal(f"{info.field_name} {value!r} is not one of {', '.join(Basis.values)}.")
    return str(value)


OptionalBasis = Annotated[str, BeforeValidator(_basis)]


def number(allowed: range) -> BeforeValidator:
    def check(value: object, info: ValidationInfo) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise Refusal(
                f"{info.field_name} {value!r} is not a whole number from {allowed.start} "
                f"to {allowed.stop - 1}."
            )
        return value

    return BeforeValidator(check)


def _slug(value: object) -> str:
    if not is_slug(value):
        raise Refusal(f"slug {value!r} must be {SLUG_RULE}.")
    return value


def _tables(value: object, info: ValidationInfo) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(table, dict) for table in value):
        raise Refusal(f"{info.field_name} must be a list of tables.")
    return value


def anchors(model: type[models.Model]) -> BeforeValidator:
    """Five texts, one for each level 1 to 5, each within the length of the model's
    description."""

    def check(value: object) -> tuple[str, ...]:
        count, first = len(REQUIRED_LEVELS), REQUIRED_LEVELS.start
        last = REQUIRED_LEVELS.stop - 1
        if not isinstance(value, list) or len(value) != count:
            raise Refusal(
                f"anchors must be a list of {count} texts, one for each level {first} to {last}."
            )
        limit = _max_length(model, "description")
        for level, anchor in zip(REQUIRED_LEVELS, value, strict=True):
            if not isinstance(anchor, str) or not anchor.strip():
                raise Refusal(f"the anchor for level {level} must be a text.")
            if limit is not None and len(anchor.strip()) > limit:
                raise Refusal(f"the anchor for level {level} is longer than {limit} characters.")
        return tuple(anchor.strip() for anchor in value)

    return BeforeValidator(check)


_https = URLValidator(schemes=["https"])


def _https_address(url: str) -> str:
    try:
        _https(url)
    except DjangoValidationError as error:
        raise Refusal(f"{url!r} is not an https address.") from error
    return url


def _some_resources(resources: tuple[Any, ...]) -> tuple[Any, ...]:
    if not resources:
        raise Refusal("needs at least one learning resource.")
    return resources


Slug = Annotated[str, BeforeValidator(_slug)]
Lines = Annotated[str, BeforeValidator(_lines)]


def _optional_lines(value: object, info: ValidationInfo) -> str:
    # Left out of a role, or an empty list: the role has no other names.
    return "" if value in ([], None, "") else _lines(value, info)


OptionalLines = Annotated[str, BeforeValidator(_optional_lines)]


def reference(kind: str, key: str | None = None) -> BeforeValidator:
    """The slug of an entry of `kind` ("layer", "discipline", "competency", "role") that the
    file has; validate_toml passes the file's slugs of each kind as the context."""

    def check(value: object, info: ValidationInfo) -> str:
        known: Container[object] = (info.context or {}).get(kind, ())
        if not isinstance(value, str) or value not in known:
            raise Refusal(f"{key or info.field_name} names unknown {value!r}.")
        return value

    return BeforeValidator(check)


def _in_the_roles_layer(discipline: str, info: ValidationInfo) -> str:
    layer = info.data.get("layer")
    home = (info.context or {}).get("discipline", {}).get(discipline)
    if layer is not None and home != layer:
        raise Refusal(f'discipline "{discipline}" is not in layer "{layer}".')
    return discipline


# --- The tables -----------------------------------------------------------------------------


class Table(BaseModel):
    """A table of the catalogue file. An absent field reads as None, so its own check
    refuses it in its own words; a field the table does not know is refused too."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ORDER: ClassVar[tuple[str, ...]]
    """The fields in the order a reader checks them (as named in the file)."""

    @model_validator(mode="before")
    @classmethod
    def _absent_is_none(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {
                **{field.alias or name: None for name, field in cls.model_fields.items()},
                **data,
            }
        return data

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        """How a message names this table (the `number`th in its list, under `parent`)
        when `field` is at fault."""
        return parent


class ResourceTable(Table):
    ORDER = (EXTRA, "url", "title", "kind")
    title: Annotated[str, text(LearningResource)]
    url: Annotated[str, text(LearningResource), AfterValidator(_https_address)]
    kind: Annotated[str, choice(ResourceKind)]

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        return f"{parent}, resource #{number}"


class CompetencyTable(Table):
    ORDER = ("slug", EXTRA, "name", "basis", "description", "anchors", "resources")
    slug: Slug
    name: Annotated[str, text(Competency)]
    basis: OptionalBasis
    description: Annotated[str, text(Competency)]
    anchors: Annotated[tuple[str, ...], anchors(LevelAnchor)]
    resources: Annotated[
        tuple[ResourceTable, ...], BeforeValidator(_tables), AfterValidator(_some_resources)
    ]

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        if field == "slug":
            return f"{parent}, competency #{number}"
        return f'competency "{raw.get("slug")}"'


class DisciplineTable(Table):
    ORDER = ("slug", EXTRA, "name", "basis", "summary", "anchors", "competencies")
    slug: Slug
    name: Annotated[str, text(Discipline)]
    basis: OptionalBasis
    summary: Annotated[str, text(Discipline)]
    anchors: Annotated[tuple[str, ...], anchors(DisciplineAnchor)]
    competencies: Annotated[tuple[CompetencyTable, ...], BeforeValidator(_tables)]

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        if field == "slug":
            return f"{parent}, discipline #{number}"
        return f'discipline "{raw.get("slug")}"'


class LayerTable(Table):
    ORDER = (
        "slug",
        EXTRA,
        "name",
        "basis",
        "purpose",
        "metaphor",
        "description",
        "depends_on",
        "disciplines",
    )
    slug: Slug
    name: Annotated[str, text(Layer)]
    basis: OptionalBasis
    purpose: Annotated[str, text(Layer)]
    metaphor: Annotated[str, text(Layer)]
    description: Annotated[str, text(Layer)]
    depends_on: Annotated[str, text(Layer)]
    disciplines: Annotated[tuple[DisciplineTable, ...], BeforeValidator(_tables)]

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        return f"layer #{number}" if field == "slug" else f'layer "{raw.get("slug")}"'


class RequirementTable(Table):
    ORDER = (EXTRA, "competency", "level", "weight", "basis")
    competency: Annotated[str, reference("competency")]
    level: Annotated[int, number(REQUIRED_LEVELS)]
    weight: Annotated[int, number(WEIGHTS)]
    basis: OptionalBasis

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        if field in (EXTRA, "competency"):
            return f"{parent}, requirement #{number}"
        return f'{parent}, requirement "{raw.get("competency")}"'


class RoleTable(Table):
    ORDER = (
        "slug",
        EXTRA,
        "layer",
        "discipline",
        "name",
        "basis",
        "aliases",
        "stage",
        "focus",
        "summary",
        "goals",
        "tools",
        "key_metrics",
        "requirements",
    )
    slug: Slug
    name: Annotated[str, text(Role)]
    basis: OptionalBasis
    aliases: OptionalLines = ""
    layer: Annotated[str, reference("layer")]
    discipline: Annotated[str, reference("discipline"), AfterValidator(_in_the_roles_layer)]
    stage: Annotated[str, choice(Stage)]
    focus: Annotated[str, choice(Focus)]
    summary: Annotated[str, text(Role)]
    goals: Lines
    tools: Lines
    key_metrics: Lines
    requirements: Annotated[tuple[RequirementTable, ...], BeforeValidator(_tables)]

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        return f"role #{number}" if field == "slug" else f'role "{raw.get("slug")}"'


class TransitionTable(Table):
    ORDER = (EXTRA, "from", "to", "kind", "basis", "note")
    from_role: Annotated[str, reference("role", "from")] = Field(alias="from")
    to_role: Annotated[str, reference("role", "to")] = Field(alias="to")
    kind: Annotated[str, choice(TransitionKind)]
    basis: OptionalBasis
    note: Annotated[str, text(RoleTransition)]

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        if field in (EXTRA, "from", "to"):
            return f"transition #{number}"
        return f'transition "{raw.get("from")}" → "{raw.get("to")}"'


def _salaries_table(value: object) -> object:
    if not isinstance(value, dict):
        raise Refusal("needs a [salaries] table with year and source.")
    return value


class SalariesTable(Table):
    ORDER = (EXTRA, "year", "source", "basis")
    year: Annotated[int, number(YEARS)]
    source: Annotated[str, text(SalaryBand)]
    basis: OptionalBasis

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        return "[salaries]"


class CatalogueTable(Table):
    """catalogue.toml: the layers with their disciplines and competencies, the roles with
    their requirements, the transitions between roles, and where the salaries come from."""

    ORDER = (EXTRA, "layers", "roles", "transitions", "salaries")
    salaries: Annotated[SalariesTable, BeforeValidator(_salaries_table)]
    layers: Annotated[tuple[LayerTable, ...], BeforeValidator(_tables)]
    roles: Annotated[tuple[RoleTable, ...], BeforeValidator(_tables)]
    transitions: Annotated[tuple[TransitionTable, ...], BeforeValidator(_tables)]

    @classmethod
    def where(cls, raw: Mapping[str, Any], number: int, parent: str, field: str) -> str:
        return CATALOGUE_FILE


# --- A salary row -------------------------------------------------------------------------


def _whole_number(value: object, info: ValidationInfo) -> int:
    # ASCII digits only: str.isdigit() also passes "²", which int() refuses.
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        raise Refusal(f"{info.field_name} {value!r} is not a whole number.")
    return int(value)


def _true_or_false(value: object) -> bool:
    if value not in ("true", "false"):
        raise Refusal("high_is_open must be true or false.")
    return value == "true"


def _experience_note(value: object) -> str:
    note = str(value).strip()
    limit = _max_length(SalaryBand, "experience_note")
    if limit is not None and len(note) > limit:
        raise Refusal("experience_note is too long.")
    return note


class SalaryRow(BaseModel):
    """A row of salaries.csv; its role is checked against the roles by entries.py."""

    model_config = ConfigDict(frozen=True)

    role: str
    country: Annotated[str, choice(Country)]
    experience_level: Annotated[str, choice(ExperienceLevel)]
    experience_note: Annotated[str, BeforeValidator(_experience_note)]
    low: Annotated[int, BeforeValidator(_whole_number)]
    high: Annotated[int, BeforeValidator(_whole_number)]
    high_is_open: Annotated[bool, BeforeValidator(_true_or_false)]
