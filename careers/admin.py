"""Catalogue admin: every model, with the columns, filters and inlines curators need.

Changelists select their related rows up front and annotate their counts, and inline
choice fields are built once per form, so no page's query count grows with its rows.
Every change is audited and the main sheets import and export as CSV (see
careers.admin_base).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from careers.admin_base import (
    CatalogueHistoryAdmin,
    CatalogueImportExportMixin,
    ChoicesOnceMixin,
    LabelledInlineFormSet,
    LabelledTabularInline,
    SelectRelatedInline,
    reactivate,
    retire,
)
from careers.audit_trail import Part
from careers.choices import ExperienceLevel, position
from careers.domain.salaries import Band, band_warnings
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
from careers.resources import (
    CompetencyResource,
    RoleRequirementResource,
    RoleResource,
    SalaryBandResource,
)


def this_year() -> int:
    return timezone.localdate().year


def band_problems(bands: Iterable[SalaryBand]) -> list[tuple[Role, str, str]]:
    """(role, country, warning) for each thing that looks wrong in `bands`, role by role and
    country by country (careers.domain.salaries); `bands` come with their roles selected."""
    groups: dict[tuple[str, str, int], list[Band]] = defaultdict(list)
    roles: dict[int, Role] = {}
    for band in bands:
        roles[band.role_id] = band.role
        groups[band.role.name, band.get_country_display(), band.role_id].append(
            Band(
                band.get_experience_level_display(),
                position(ExperienceLevel, band.experience_level),
                band.low,
                band.high,
                band.year,
            )
        )
    return [
        (roles[role_id], country, warning)
        for (_name, country, role_id), group in sorted(groups.items())
        for warning in band_warnings(group, this_year())
    ]


def warn_about_bands(request, role_ids: set[int]) -> None:
    """A warning for each thing that looks wrong in these roles' bands: shown after a save,
    which it does not stop."""
    bands = SalaryBand.objects.filter(role_id__in=role_ids).select_related("role")
    for role, country, warning in band_problems(bands):
        messages.warning(request, f"{role.name} in {country}: {warning}")


class CatalogueEntryAdmin(CatalogueHistoryAdmin):
    actions = [retire, reactivate]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name", "slug"]
    list_filter = ["is_active"]
    list_per_page = 50

    def has_delete_permission(self, request, obj=None) -> bool:
        """Curators retire entries (the Retire action, or "active" unticked), so past
        assessments stay readable; only a superuser deletes, after Django's confirmation
        page has listed everything that would go with the entry."""
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class DisciplineInline(SelectRelatedInline):
    model = Discipline
    fields = ["name", "slug", "order", "is_active"]
    prepopulated_fields = {"slug": ("name",)}
    extra = 0
    show_change_link = True


@admin.register(Layer)
class LayerAdmin(CatalogueEntryAdmin):
    list_display = [
        "name",
        "slug",
        "order",
        "discipline_count",
        "role_count",
        "basis",
        "is_active",
    ]
    list_filter = ["basis", "is_active"]
    list_editable = ["order"]
    inlines = [DisciplineInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                discipline_total=Count("disciplines", distinct=True),
                role_total=Count("roles", distinct=True),
            )
        )

    @admin.display(description="Disciplines", ordering="discipline_total")
    def discipline_count(self, layer):
        return layer.discipline_total

    @admin.display(description="Roles", ordering="role_total")
    def role_count(self, layer):
        return layer.role_total


class CompetenciesFormSet(LabelledInlineFormSet):
    """A discipline's competencies: one made active here must have its five level
    descriptions saved already (they are written on the competency's own page)."""

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            active = data.get("is_active") and not data.get("DELETE")
            if active and (problem := form.instance.anchors_problem()):
                form.add_error("is_active", problem)


class CompetencyInline(SelectRelatedInline):
    formset = CompetenciesFormSet
    model = Competency
    fields = ["name", "slug", "description", "order", "is_active"]
    prepopulated_fields = {"slug": ("name",)}
    extra = 0
    show_change_link = True


class AnchorInline(SelectRelatedInline):
    """The five level anchors of a discipline or a competency, in level order."""

    extra = 0
    max_num = 5
    ordering = ["level"]


class DisciplineAnchorInline(AnchorInline):
    model = DisciplineAnchor
    list_select_related_inline = ["discipline"]


@admin.register(Discipline)
class DisciplineAdmin(ChoicesOnceMixin, CatalogueEntryAdmin):
    list_display = ["name", "layer", "slug", "order", "competency_count", "basis", "is_active"]
    list_filter = ["layer", "basis", "is_active"]
    list_select_related = ["layer"]
    search_fields = ["name", "slug", "summary"]
    inlines = [DisciplineAnchorInline, CompetencyInline]
    history_parts = [Part(DisciplineAnchor, ("discipline",))]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(competency_total=Count("competencies"))

    @admin.display(description="Competencies", ordering="competency_total")
    def competency_count(self, discipline):
        return discipline.competency_total


class LevelAnchorsFormSet(LabelledInlineFormSet):
    """A competency's level descriptions: an active competency keeps all five."""

    def clean(self):
        super().clean()
        levels = [
            form.cleaned_data["level"]
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("level") is not None
            and not form.cleaned_data.get("DELETE")
        ]
        if self.instance.is_active and (problem := self.instance.anchors_problem(levels)):
            raise ValidationError(problem)


class LevelAnchorInline(AnchorInline):
    formset = LevelAnchorsFormSet
    model = LevelAnchor
    list_select_related_inline = ["competency"]


class LearningResourceInline(LabelledTabularInline):
    model = LearningResource
    fields = ["title", "url", "kind", "order"]
    extra = 0


@admin.register(Competency)
class CompetencyAdmin(ChoicesOnceMixin, CatalogueImportExportMixin, CatalogueEntryAdmin):
    resource_classes = [CompetencyResource]
    list_display = [
        "name",
        "discipline",
        "layer",
        "order",
        "resource_count",
        "basis",
        "is_active",
    ]
    list_filter = ["discipline__layer", "discipline", "basis", "is_active"]
    list_select_related = ["discipline__layer"]
    search_fields = ["name", "slug", "description", "discipline__name"]
    inlines = [LevelAnchorInline, LearningResourceInline]
    grouped_choice_fields = {"discipline": "layer"}
    history_parts = [
        Part(LevelAnchor, ("competency",)),
        Part(LearningResource, ("competency",)),
        Part(RoleRequirement, ("competency",)),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(resource_total=Count("resources"))

    @admin.display(description="Layer", ordering="discipline__layer__order")
    def layer(self, competency):
        return competency.discipline.layer

    @admin.display(description="Resources", ordering="resource_total")
    def resource_count(self, competency):
        return competency.resource_total


class RoleRequirementInline(ChoicesOnceMixin, SelectRelatedInline):
    model = RoleRequirement
    fields = ["competency", "level", "weight", "basis"]
    extra = 0
    grouped_choice_fields = {"competency": "discipline"}
    list_select_related_inline = ["role", "competency"]


class RoleTransitionInline(ChoicesOnceMixin, SelectRelatedInline):
    model = RoleTransition
    fk_name = "from_role"
    fields = ["to_role", "kind", "note", "basis"]
    extra = 0
    verbose_name = "transition to another role"
    verbose_name_plural = "where this role leads"
    list_select_related_inline = ["from_role", "to_role"]


class SalaryBandInline(SelectRelatedInline):
    model = SalaryBand
    fields = [
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
    readonly_fields = ["currency"]
    extra = 0
    list_select_related_inline = ["role"]


@admin.register(Role)
class RoleAdmin(ChoicesOnceMixin, CatalogueImportExportMixin, CatalogueEntryAdmin):
    resource_classes = [RoleResource]
    list_display = [
        "name",
        "layer",
        "discipline",
        "stage",
        "focus",
        "requirement_count",
        "band_count",
        "basis",
        "is_active",
    ]
    list_filter = ["layer", "stage", "focus", "basis", "is_active"]
    list_select_related = ["layer", "discipline"]
    search_fields = ["name", "slug", "aliases", "summary"]
    inlines = [RoleRequirementInline, RoleTransitionInline, SalaryBandInline]
    grouped_choice_fields = {"discipline": "layer"}
    history_parts = [
        Part(RoleRequirement, ("role",)),
        Part(RoleTransition, ("from_role", "to_role")),
        Part(SalaryBand, ("role",)),
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "aliases",
                    "slug",
                    "layer",
                    "discipline",
                    "stage",
                    "focus",
                    "order",
                    "basis",
                ]
            },
        ),
        ("Description", {"fields": ["summary", "goals", "tools", "key_metrics"]}),
        ("Status", {"fields": ["is_active"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        warn_about_bands(request, {form.instance.pk})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                requirement_total=Count("requirements", distinct=True),
                band_total=Count("salary_bands", distinct=True),
            )
        )

    @admin.display(description="Requirements", ordering="requirement_total")
    def requirement_count(self, role):
        return role.requirement_total

    @admin.display(description="Salary bands", ordering="band_total")
    def band_count(self, role):
        return role.band_total


@admin.register(SalaryBand)
class SalaryBandAdmin(ChoicesOnceMixin, CatalogueImportExportMixin, CatalogueHistoryAdmin):
    resource_classes = [SalaryBandResource]
    list_display = [
        "role",
        "country",
        "currency",
        "experience_level",
        "low",
        "high",
        "high_is_open",
        "year",
        "basis",
    ]
    list_filter = [
        "country",
        "experience_level",
        "year",
        "high_is_open",
        "basis",
        "role__layer",
    ]
    list_select_related = ["role"]
    search_fields = ["role__name", "role__slug", "source"]
    readonly_fields = ["currency"]
    list_per_page = 100

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_about_bands(request, {obj.role_id})


@admin.register(DisciplineAnchor)
class DisciplineAnchorAdmin(ChoicesOnceMixin, CatalogueHistoryAdmin):
    list_display = ["discipline", "level", "description"]
    list_filter = ["level", "discipline__layer"]
    list_select_related = ["discipline"]
    search_fields = ["discipline__name", "description"]
    grouped_choice_fields = {"discipline": "layer"}


@admin.register(LevelAnchor)
class LevelAnchorAdmin(ChoicesOnceMixin, CatalogueHistoryAdmin):
    list_display = ["competency", "level", "description"]
    list_filter = ["level", "competency__discipline__layer"]
    list_select_related = ["competency"]
    search_fields = ["competency__name", "description"]
    grouped_choice_fields = {"competency": "discipline"}
    # No bulk delete: a description is deleted on its own page, which checks its competency.
    actions = None

    def get_readonly_fields(self, request, obj=None):
        """A description stays with its competency and level: moving it would leave an
        active competency without one (edit the text, or retire the competency first)."""
        if obj is not None and obj.competency.is_active:
            return ["competency", "level"]
        return []

    def has_delete_permission(self, request, obj=None) -> bool:
        """An active competency keeps its five descriptions: retire it to remove one."""
        if obj is not None and obj.competency.is_active:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(LearningResource)
class LearningResourceAdmin(ChoicesOnceMixin, CatalogueHistoryAdmin):
    list_display = ["title", "competency", "kind", "url"]
    list_filter = ["kind", "competency__discipline__layer"]
    list_select_related = ["competency"]
    search_fields = ["title", "url", "competency__name"]
    grouped_choice_fields = {"competency": "discipline"}


@admin.register(RoleRequirement)
class RoleRequirementAdmin(ChoicesOnceMixin, CatalogueImportExportMixin, CatalogueHistoryAdmin):
    resource_classes = [RoleRequirementResource]
    list_display = ["role", "competency", "level", "weight", "basis"]
    list_filter = ["role__layer", "role", "weight", "level", "basis"]
    list_select_related = ["role", "competency"]
    search_fields = ["role__name", "competency__name"]
    grouped_choice_fields = {"competency": "discipline"}


@admin.register(RoleTransition)
class RoleTransitionAdmin(ChoicesOnceMixin, CatalogueHistoryAdmin):
    list_display = ["from_role", "to_role", "kind", "note", "basis"]
    list_filter = ["kind", "basis", "from_role__layer"]
    list_select_related = ["from_role", "to_role"]
    search_fields = ["from_role__name", "to_role__name", "note"]
