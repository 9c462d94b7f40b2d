"""CSV sheets of the catalogue for the admin's import and export (django-import-export).

Each sheet names its rows and their references by natural keys, never database ids: roles and
competencies by slug, requirements by (role, competency), salary bands by (role, country,
experience level). A sheet exported from one database therefore imports into another.

An import is all or nothing. Every problem in a row (an unknown slug, a level outside 1–5, a
low end above the high end, a key the sheet repeats) is reported as that row's error, and one
bad row means nothing is saved. Saved rows go through save(), so the catalogue's history
records each with the curator and a "CSV import" change reason.
"""

from __future__ import annotations

from typing import Any

from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader

from careers.choices import REQUIRED_LEVELS, WEIGHTS, Basis
from careers.models import (
    ROLE_NAME_TAKEN,
    Competency,
    Discipline,
    Layer,
    Role,
    RoleRequirement,
    SalaryBand,
)

IMPORT_REASON = "CSV import"
REASON_LENGTH = 100  # simple-history's change reason column


# --- Widgets: strict, with messages a curator can act on --------------------------------------


class SlugWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related entry's slug.

    All entries of the related model are read once per import, so a sheet of any length costs
    one query per reference column. An unknown slug is an error of the row.
    """

    def __init__(self, model: type[models.Model]) -> None:
        super().__init__(model, field="slug")
        self._by_slug: dict[str, models.Model] | None = None

    def clean(self, value: Any, row=None, **kwargs):
        slug = force_str(value if value is not None else "").strip()
        if not slug:
            raise ValueError(f"Name the {self.model._meta.verbose_name} by its slug.")
        if self._by_slug is None:
            self._by_slug = {obj.slug: obj for obj in self.model._default_manager.all()}
        try:
            return self._by_slug[slug]
        except KeyError:
            raise ValueError(
                f"There is no {self.model._meta.verbose_name} with the slug “{slug}”."
            ) from None


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number; anything else (“3.5”, “four”) is an error of the row."""

    def clean(self, value: Any, row=None, **kwargs):
        text = force_str(value if value is not None else "").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"“{text}” is not a whole number.")
        return int(text)


class YesNoWidget(widgets.BooleanWidget):
    """1/0, true/false or yes/no; anything else is an error of the row, never a silent no."""

    TRUE = {"1", "true", "yes"}
    FALSE = {"0", "false", "no"}

    def clean(self, value: Any, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = force_str(value if value is not None else "").strip().lower()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"“{value}” is neither 1 (yes) nor 0 (no).")


# --- The import machinery shared by every sheet -----------------------------------------------


class NaturalKeyInstanceLoader(BaseInstanceLoader):
    """Find each row's existing entry by its natural key, reading them all in one query.

    The key is built from the row's raw text (slugs, codes), so a row whose reference is
    unknown is simply not found here; the reference column then reports the error.
    """

    resource: CatalogueResource

    def __init__(self, resource: CatalogueResource, dataset=None) -> None:
        super().__init__(resource, dataset)
        self.by_key = {
            resource.instance_key(obj): obj for obj in resource.get_queryset().iterator()
        }

    def get_instance(self, row):
        return self.by_key.get(self.resource.row_key(row))


class CatalogueDiff(resources.Diff):
    """The preview's before/after cells, marked up without inline styles (the CSP forbids them).

    Removed text is struck through (<del>) and added text underlined (<ins>).
    """

    def as_html(self):
        dmp = diff_match_patch()
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            if self.new:
                before = ""
            diff = dmp.diff_main(force_str(before), force_str(after))
            dmp.diff_cleanupSemantic(diff)
            parts = []
            for op, text in diff:
                text = escape(text).replace("\n", "<br>")
                if op == dmp.DIFF_INSERT:
                    parts.append(f"<ins>{text}</ins>")
                elif op == dmp.DIFF_DELETE:
                    parts.append(f"<del>{text}</del>")
                else:
                    parts.append(text)
            cells.append(mark_safe("".join(parts)))  # noqa: S308 -- every part is escaped
        return cells


class CatalogueResource(resources.ModelResource):
    """A catalogue sheet keyed by natural keys; subclasses name them in `key_columns`."""

    key_columns: tuple[str, ...] = ()

    class Meta:
        instance_loader_class = NaturalKeyInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    @classmethod
    def get_diff_class(cls):
        return CatalogueDiff

    def instance_key(self, obj: models.Model) -> tuple[str, ...]:
        return tuple(self.fields[column].export(obj) for column in self.key_columns)

    def row_key(self, row) -> tuple[str, ...]:
        return tuple(force_str(row.get(column) or "").strip() for column in self.key_columns)

    def get_import_fields(self):
        # Read-only columns (a band's currency) are exported for reading, never imported.
        return [field for field in super().get_import_fields() if not field.readonly]

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.first_row_of_key: dict[tuple[str, ...], int | None] = {}
        file_name = kwargs.get("file_name")
        reason = f"{IMPORT_REASON} of {file_name}" if file_name else IMPORT_REASON
        self.change_reason = reason[:REASON_LENGTH]
        self.user = kwargs.get("user")

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        key = self.row_key(row)
        number = kwargs.get("row_number")
        if all(key) and key in self.first_row_of_key:
            raise ValidationError(
                {
                    self.key_columns[-1]: (
                        f"Row {self.first_row_of_key[key]} already has "
                        + ", ".join(
                            f"{column} “{value}”"
                            for column, value in zip(self.key_columns, key, strict=True)
                        )
                        + "; each entry may appear once in a sheet."
                    )
                }
            )
        self.first_row_of_key[key] = number

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        problems = {**basis_problem(instance), **self.check_row(instance, errors)}
        for name, message in problems.items():
            errors.setdefault(name, []).append(ValidationError(message))
        # References were found by slug just now, so Django need not query each one again.
        # The model's constraints are checked by its clean(), check_row() and the natural
        # keys, in words
        # a curator can act on, and the database enforces them on save in any case; Django's
        # own validation would cost a query and two savepoints per constraint and row.
        resolved = {
            field.attribute
            for field in self.get_import_fields()
            if isinstance(field.widget, SlugWidget)
        }
        if self._meta.clean_model_instances:
            try:
                instance.full_clean(
                    exclude=set(errors) | resolved,
                    validate_unique=validate_unique,
                    validate_constraints=False,
                )
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, errors: dict) -> dict[str, str]:
        """Rules the model's own validation states less clearly; by field name."""
        return {}

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        instance._change_reason = self.change_reason
        if self.user is not None and self.user.is_authenticated:
            instance._history_user = self.user


def basis_problem(instance: models.Model) -> dict[str, str]:
    """A basis other than the two the catalogue knows, said with both."""
    basis = getattr(instance, "basis", Basis.EDITORIAL)
    if basis in Basis.values:
        return {}
    return {
        "basis": f"The basis must be “{Basis.SOURCE}” (a fact the source states) or "
        f"“{Basis.EDITORIAL}” (T-Profile's own judgement), not “{basis}”."
    }


def slug_column(name: str, model: type[models.Model]) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=SlugWidget(model))


def number_column(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=WholeNumberWidget())


def yes_no_column(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=YesNoWidget())


# --- The four sheets --------------------------------------------------------------------------


class RoleResource(CatalogueResource):
    key_columns = ("slug",)

    layer = slug_column("layer", Layer)
    discipline = slug_column("discipline", Discipline)
    order = number_column("order")
    is_active = yes_no_column("is_active")

    class Meta(CatalogueResource.Meta):
        model = Role
        name = "Roles"
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "aliases",
            "basis",
            "layer",
            "discipline",
            "stage",
            "focus",
            "order",
            "summary",
            "goals",
            "tools",
            "key_metrics",
            "is_active",
        ]

    def get_queryset(self):
        return Role.objects.select_related("layer", "discipline")

    def check_row(self, instance, errors):
        """One name per role, whatever its case, as the database's constraint has it."""
        if "name" in errors or not instance.name:
            return {}
        taken = (
            Role.objects.alias(folded=Lower("name"))
            .filter(folded=Lower(Value(instance.name)))
            .exclude(slug=instance.slug)
            .exists()
        )
        return {"name": ROLE_NAME_TAKEN} if taken else {}


class CompetencyResource(CatalogueResource):
    key_columns = ("slug",)

    discipline = slug_column("discipline", Discipline)
    order = number_column("order")
    is_active = yes_no_column("is_active")

    class Meta(CatalogueResource.Meta):
        model = Competency
        name = "Competencies"
        import_id_fields = ["slug"]
        fields = ["slug", "name", "basis", "discipline", "order", "description", "is_active"]

    def get_queryset(self):
        return Competency.objects.select_related("discipline")

    def check_row(self, instance, errors):
        # The level descriptions are written in the admin: a new competency comes in retired.
        if instance.is_active and (problem := instance.anchors_problem()):
            return {"is_active": problem}
        return {}


class RoleRequirementResource(CatalogueResource):
    key_columns = ("role", "competency")

    role = slug_column("role", Role)
    competency = slug_column("competency", Competency)
    level = number_column("level")
    weight = number_column("weight")

    class Meta(CatalogueResource.Meta):
        model = RoleRequirement
        name = "Role requirements"
        import_id_fields = ["role", "competency"]
        fields = ["role", "competency", "level", "weight", "basis"]

    def get_queryset(self):
        return RoleRequirement.objects.select_related("role", "competency")

    def check_row(self, instance, errors):
        problems = {}
        for name, allowed in (("level", REQUIRED_LEVELS), ("weight", WEIGHTS)):
            value = getattr(instance, name)
            if name not in errors and value is not None and value not in allowed:
                problems[name] = (
                    f"The {name} must be from {allowed.start} to {allowed.stop - 1}, not {value}."
                )
        return problems


class SalaryBandResource(CatalogueResource):
    key_columns = ("role", "country", "experience_level")

    role = slug_column("role", Role)
    currency = fields.Field(attribute="currency", column_name="currency", readonly=True)
    low = number_column("low")
    high = number_column("high")
    high_is_open = yes_no_column("high_is_open")
    year = number_column("year")

    class Meta(CatalogueResource.Meta):
        model = SalaryBand
        name = "Salary bands"
        import_id_fields = ["role", "country", "experience_level"]
        fields = [
            "role",
            "country",
            "currency",
            "experience_level",
            "experience_note",
            "low",
            "high",
            "high_is_open",
            "year",
            "source",
            "basis",
        ]

    def get_queryset(self):
        return SalaryBand.objects.select_related("role")
