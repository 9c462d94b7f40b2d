"""Roles: what each asks of a person, where it leads and what it pays."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.choices import (
    CURRENCY_BY_COUNTRY,
    CURRENCY_SYMBOL,
    MAX_LEVEL,
    REQUIRED_LEVEL_CHOICES,
    REQUIRED_LEVELS,
    SALARY_RANGE,
    WEIGHTS,
    Country,
    ExperienceLevel,
    Focus,
    Stage,
    TransitionKind,
    Weight,
)
from careers.models.skills import CatalogueEntry, Competency, Discipline, Layer, basis_field

ROLE_NAME_TAKEN = (
    "Another role already has this name (names are compared without regard to case). "
    "Choose a name that tells the two apart."
)


RESERVED_SLUGS = frozenset({"compare"})
"""Role slugs taken by pages under /roles/ (careers.urls): /roles/compare/ compares roles."""


class Role(CatalogueEntry):
    parent_lookups = ("layer__", "discipline__", "discipline__layer__")

    Stage = Stage
    Focus = Focus

    layer = models.ForeignKey(Layer, on_delete=models.PROTECT, related_name="roles")
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="roles")
    aliases = models.TextField(
        blank=True,
        help_text="Other names people use for the role, one per line: shown on its page and "
        "found by the roles list's search.",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices)
    focus = models.CharField(max_length=20, choices=Focus.choices)
    summary = models.TextField()
    goals = models.TextField(help_text="Typical goals, one per line.")
    tools = models.TextField(help_text="Typical tools, one per line.")
    key_metrics = models.TextField(help_text="Key metrics, one per line.")
    transitions = models.ManyToManyField(
        "self",
        through="RoleTransition",
        symmetrical=False,
        related_name="reached_from",
        blank=True,
    )

    history = HistoricalRecords()

    _loaded_slug: str | None = None
    """The slug as read from the database (from_db), to tell a changed address on save."""

    class Meta(CatalogueEntry.Meta):
        ordering = ["layer__order", "order", "name"]
        indexes = [models.Index(fields=["layer", "order"])]
        constraints = [
            # One name per role, whatever its case: two "Content marketers" would read as
            # one role in every list, match and comparison.
            models.UniqueConstraint(
                Lower("name"),
                name="careers_role_name_unique",
                violation_error_message=ROLE_NAME_TAKEN,
            )
        ]

    def save(self, *args, **kwargs) -> None:
        """Saved with a new slug, the role's old address keeps leading to it
        (FormerRoleSlug); a slug given to a role again no longer leads elsewhere."""
        loaded = self._loaded_slug
        renamed = loaded is not None and loaded != self.slug
        adding = self._state.adding
        super().save(*args, **kwargs)
        if renamed:
            FormerRoleSlug.objects.update_or_create(slug=loaded, defaults={"role": self})
        if renamed or adding:
            FormerRoleSlug.objects.filter(slug=self.slug).delete()
        self._loaded_slug = self.slug

    def get_absolute_url(self) -> str:
        return reverse("careers:role", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        role = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        role._loaded_slug = role.__dict__.get("slug")
        return role

    def clean(self) -> None:
        """A role sits in its discipline's layer (the catalogue file is checked the same
        way), so a role page and every list of roles by layer agree; and its slug is not
        one of the addresses under /roles/ that are pages of their own."""
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is the address of another page: choose another slug."}
            )
        if self.layer_id and self.discipline_id:
            discipline = self.discipline
            if discipline.layer_id != self.layer_id:
                raise ValidationError(
                    {
                        "discipline": f"{discipline.name} is a discipline of "
                        f"{discipline.layer.name}: choose that layer, or a discipline of "
                        "this role's layer."
                    }
                )

    @property
    def alias_list(self) -> list[str]:
        return _lines(self.aliases)

    @property
    def goal_list(self) -> list[str]:
        return _lines(self.goals)

    @property
    def tool_list(self) -> list[str]:
        return _lines(self.tools)

    @property
    def metric_list(self) -> list[str]:
        return _lines(self.key_metrics)

    @property
    def is_leadership(self) -> bool:
        return self.stage != self.Stage.SPECIALIST


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RoleRequirement(models.Model):
    """A competency a role needs, at a level from 1 to 5, weighted by how much it matters."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="requirements"
    )
    level = models.PositiveSmallIntegerField(
        choices=REQUIRED_LEVEL_CHOICES, help_text="Required level, 1 to 5."
    )

    Weight = Weight

    weight = models.PositiveSmallIntegerField(
        choices=Weight.choices,
        default=Weight.IMPORTANT,
        help_text="How much it matters for the role.",
    )
    basis = basis_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "-weight", "-level", "competency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "competency"],
                name="requirement_unique_competency",
                violation_error_message="The role already requires this competency: change "
                "the level or weight of that row instead of adding another.",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=REQUIRED_LEVELS.start, level__lte=MAX_LEVEL),
                name="requirement_level_1_to_5",
                violation_error_message=f"The level must be from {REQUIRED_LEVELS.start} to "
                f"{MAX_LEVEL}.",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=WEIGHTS.start, weight__lte=WEIGHTS.stop - 1),
                name="requirement_weight_1_to_3",
                violation_error_message=f"The weight must be from {WEIGHTS.start} (useful) to "
                f"{WEIGHTS.stop - 1} (essential).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.competency} at {self.level}"


class FormerRoleSlug(models.Model):
    """An address a role had before its slug changed: the old page redirects to the role."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=80, unique=True)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.slug} → {self.role.slug}"


class RoleTransition(models.Model):
    Kind = TransitionKind

    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="transitions_out")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="transitions_in")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.CharField(max_length=300, blank=True)
    basis = basis_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_role", "kind", "to_role__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_role", "to_role"],
                name="transition_unique",
                violation_error_message="This move is already listed: edit that row instead "
                "of adding it twice.",
            ),
            models.CheckConstraint(
                condition=~Q(from_role=F("to_role")),
                name="transition_not_to_itself",
                violation_error_message="A role cannot lead to itself: choose another role.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_role} → {self.to_role}"


SALARY_VALIDATORS = [
    MinValueValidator(
        SALARY_RANGE.start,
        f"A yearly salary is at least {SALARY_RANGE.start:,}: check for a missing digit.",
    ),
    MaxValueValidator(
        SALARY_RANGE.stop - 1,
        f"A yearly salary is at most {SALARY_RANGE.stop - 1:,}: check for an extra digit.",
    ),
]


class SalaryBand(models.Model):
    """A yearly salary range for a role in one country at one experience level."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="salary_bands")
    country = models.CharField(max_length=2, choices=Country.choices)
    currency = models.GeneratedField(
        expression=Case(
            *(
                When(country=country, then=Value(code))
                for country, code in CURRENCY_BY_COUNTRY.items()
            ),
            default=Value(""),
        ),
        output_field=models.CharField(max_length=3),
        db_persist=True,
    )
    experience_level = models.CharField(max_length=20, choices=ExperienceLevel.choices)
    experience_note = models.CharField(
        max_length=40, blank=True, help_text="The source's wording of the level, e.g. 3–5 years."
    )
    low = models.PositiveIntegerField(
        help_text="Low end, in whole units of the currency.", validators=SALARY_VALIDATORS
    )
    high = models.PositiveIntegerField(
        help_text="High end, in whole units of the currency.", validators=SALARY_VALIDATORS
    )
    high_is_open = models.BooleanField(
        "open-ended", default=False, help_text="The source gives the high end as a floor (“+”)."
    )
    year = models.PositiveSmallIntegerField(default=2025)
    source = models.CharField(max_length=200)
    basis = basis_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "country", "low"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "country", "experience_level"],
                name="salary_band_unique",
                violation_error_message="The role already has a band for this country and "
                "experience level: edit that band instead of adding another.",
            ),
            models.CheckConstraint(
                condition=Q(low__lte=F("high")),
                name="salary_low_le_high",
                violation_error_message="The low end is above the high end: swap them, or "
                "correct the one that is wrong.",
            ),
            models.CheckConstraint(
                condition=Q(country__in=list(CURRENCY_BY_COUNTRY)),
                name="salary_known_country",
                violation_error_message="The catalogue has salaries for the United States, "
                "Canada, the United Kingdom and Australia only: choose one of them.",
            ),
        ]
        indexes = [models.Index(fields=["country", "experience_level"])]

    def __str__(self) -> str:
        return f"{self.role} · {self.country} · {self.get_experience_level_display()}"

    def clean(self) -> None:
        """The low end is not above the high end (the database refuses it too), said with
        the figures, for the admin and the import alike."""
        super().clean()
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValidationError(
                {"high": f"The high end ({self.high:,}) is below the low end ({self.low:,})."}
            )

    @property
    def symbol(self) -> str:
        return CURRENCY_SYMBOL.get(self.currency, "")
