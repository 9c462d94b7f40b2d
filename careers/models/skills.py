"""The skills side of the catalogue: layers, disciplines, competencies, the level anchors
that describe them, and learning resources; with what every catalogue entry shares."""

from collections.abc import Iterable
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.choices import (
    MAX_LEVEL,
    REQUIRED_LEVEL_CHOICES,
    REQUIRED_LEVELS,
    Basis,
    ResourceKind,
)
from careers.domain.publishing import anchors_missing
from careers.validators import validate_slug


def basis_field() -> models.CharField:
    """Where the row's facts come from, set by the curator; public pages and exports say it."""
    return models.CharField(
        "based on",
        max_length=10,
        choices=Basis.choices,
        default=Basis.EDITORIAL,
        help_text="“From the source” for facts the source documents state; “Editorial” for "
        "T-Profile's own judgement.",
    )


def usable_q(prefix: str = "", model: "type[CatalogueEntry] | None" = None) -> Q:
    """The catalogue entry at `prefix` is usable: active, and so is every parent it has
    (a competency's discipline and that discipline's layer; a role's layer, discipline and
    the discipline's layer). `model` is the entry's model, a competency by default.

    `Rating.objects.filter(usable_q("competency__"))` keeps the ratings of usable
    competencies; `Role.objects.filter(usable_q(model=Role))` the usable roles.
    """
    model = model or Competency
    return Q(**{f"{prefix}{parent}is_active": True for parent in ("", *model.parent_lookups)})


class CatalogueQuerySet(models.QuerySet["CatalogueEntry"]):
    def active(self):
        """Entries not retired themselves, whatever their parents; see usable()."""
        return self.filter(is_active=True)

    def usable(self):
        """Entries the product offers: active, under active parents (see usable_q)."""
        return self.filter(usable_q(model=self.model))


class CatalogueEntry(models.Model):
    """Fields every catalogue entry shares: a slug, an order and retirement."""

    parent_lookups: tuple[str, ...] = ()
    """The lookups of the entries above this one; it is usable only while they are active."""

    slug = models.SlugField(max_length=80, unique=True, validators=[validate_slug])
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Retire an entry instead of deleting it, so old assessments stay readable.",
    )
    basis = basis_field()

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Layer(CatalogueEntry):
    purpose = models.CharField(max_length=200, help_text="What the layer does, in a line.")
    metaphor = models.CharField(max_length=200, help_text="Its part in the ecosystem metaphor.")
    description = models.TextField()
    depends_on = models.TextField(
        blank=True, help_text="How this layer relies on the others, and they on it."
    )

    history = HistoricalRecords()

    class Meta(CatalogueEntry.Meta):
        pass

    def get_absolute_url(self) -> str:
        return reverse("careers:layer", kwargs={"slug": self.slug})


class Discipline(CatalogueEntry):
    parent_lookups = ("layer__",)

    layer = models.ForeignKey(Layer, on_delete=models.PROTECT, related_name="disciplines")
    summary = models.TextField()

    history = HistoricalRecords()

    class Meta(CatalogueEntry.Meta):
        ordering = ["layer__order", "order", "name"]
        indexes = [models.Index(fields=["layer", "order"])]

    def get_absolute_url(self) -> str:
        return reverse("careers:discipline", kwargs={"slug": self.slug})


class Competency(CatalogueEntry):
    parent_lookups = ("discipline__", "discipline__layer__")

    discipline = models.ForeignKey(
        Discipline, on_delete=models.PROTECT, related_name="competencies"
    )
    description = models.CharField(max_length=300)

    history = HistoricalRecords()

    class Meta(CatalogueEntry.Meta):
        verbose_name_plural = "competencies"
        ordering = ["discipline__layer__order", "discipline__order", "order", "name"]
        indexes = [models.Index(fields=["discipline", "order"])]

    def get_absolute_url(self) -> str:
        return reverse("careers:discipline", kwargs={"slug": self.discipline.slug})

    def anchors_problem(self, levels: Iterable[int] | None = None) -> str:
        """Why the competency cannot be active with the level descriptions it has saved
        (or with `levels`, those about to be), "" when it can (careers.domain.publishing)."""
        if levels is None:
            levels = self.anchors.values_list("level", flat=True) if self.pk else []
        return anchors_missing(self.name, levels)


class Anchor(models.Model):
    """What one level, 1 to 5, of a catalogue entry looks like in practice."""

    entry: ClassVar[str]
    """The name of the foreign key to the entry described."""

    level = models.PositiveSmallIntegerField(choices=REQUIRED_LEVEL_CHOICES)
    description = models.CharField(max_length=300)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{getattr(self, self.entry)} · level {self.level}"


def anchor_constraints(entry: str, prefix: str) -> list[models.BaseConstraint]:
    """One anchor per level of each `entry`, and only levels 1 to 5."""
    return [
        models.UniqueConstraint(
            fields=[entry, "level"],
            name=f"{prefix}_unique_level",
            violation_error_message="There is already a description of this level: edit it "
            "instead of adding another.",
        ),
        models.CheckConstraint(
            condition=Q(level__gte=REQUIRED_LEVELS.start, level__lte=MAX_LEVEL),
            name=f"{prefix}_level_1_to_5",
            violation_error_message=f"The level must be from {REQUIRED_LEVELS.start} to "
            f"{MAX_LEVEL}.",
        ),
    ]


class DisciplineAnchor(Anchor):
    """What a level of a whole discipline looks like in practice (levels 1 to 5)."""

    entry = "discipline"
    discipline = models.ForeignKey(Discipline, on_delete=models.CASCADE, related_name="anchors")

    history = HistoricalRecords()

    class Meta:
        ordering = ["discipline", "level"]
        constraints = anchor_constraints("discipline", "discipline_anchor")


class LevelAnchor(Anchor):
    """What a level of one competency looks like in practice (levels 1 to 5)."""

    entry = "competency"
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="anchors")

    history = HistoricalRecords()

    class Meta:
        ordering = ["competency", "level"]
        constraints = anchor_constraints("competency", "anchor")


class LearningResource(models.Model):
    Kind = ResourceKind

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GUIDE)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["competency", "order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "url"],
                name="resource_unique_url",
                violation_error_message="The competency already lists a resource at this address.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


@receiver(pre_save)
def one_kind_of_line_break(sender, instance, **kwargs) -> None:
    """Catalogue texts keep "\\n" line breaks, whatever sent them: a browser posts a
    textarea's lines with "\\r\\n", and without this a role saved for its name alone would
    record its goals, tools and metrics as changed."""
    if sender._meta.app_label != "careers":
        return
    for field in sender._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(value, str) and "\r" in value:
            setattr(instance, field.attname, value.replace("\r\n", "\n").replace("\r", "\n"))
