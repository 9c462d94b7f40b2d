"""Catalogue admin: every model, with the columns, filters and inlines curators need.

Changelists select their related rows up front and annotate their counts, and inline
choice fields are built once per form, so no page's query count grows with its rows.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import ngettext

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


@admin.action(description="Retire selected entries (hide them, keep their history)")
def retire(modeladmin, request, queryset):
    changed = queryset.filter(is_active=True).update(is_active=False)
    modeladmin.message_user(
        request,
        ngettext("Retired %d entry.", "Retired %d entries.", changed) % changed,
        messages.SUCCESS,
    )


@admin.action(description="Reactivate selected entries")
def reactivate(modeladmin, request, queryset):
    changed = queryset.filter(is_active=False).update(is_active=True)
    modeladmin.message_user(
        request,
        ngettext("Reactivated %d entry.", "Reactivated %d entries.", changed) % changed,
        messages.SUCCESS,
    )


class SelectRelatedInline(admin.TabularInline):
    """An inline whose rows come with the related objects their labels name."""

    list_select_related_inline: list[str] = []

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.list_select_related_inline:
            queryset = queryset.select_related(*self.list_select_related_inline)
        return queryset


class ChoicesOnceMixin:
    """Evaluate foreign-key choices once per form class instead of once per inline row.

    A ModelChoiceField re-runs its query every time a form renders; an inline with twenty
    rows would run it twenty times. Freezing the choices into a list keeps the page at one
    query per field, whatever the number of rows. Validation still uses the queryset.
    """

    grouped_choice_fields: dict[str, str] = {}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is None:
            return None
        group_by = self.grouped_choice_fields.get(db_field.name)
        queryset = formfield.queryset
        if group_by:
            queryset = queryset.select_related(group_by)
            groups: dict[str, list[tuple[int, str]]] = {}
            for obj in queryset:
                groups.setdefault(str(getattr(obj, group_by)), []).append((obj.pk, str(obj)))
            formfield.choices = [("", "---------"), *groups.items()]
        else:
            formfield.choices = [("", "---------"), *((obj.pk, str(obj)) for obj in queryset)]
        return formfield


class CatalogueEntryAdmin(admin.ModelAdmin):
    actions = [retire, reactivate]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name", "slug"]
    list_filter = ["is_active"]
    list_per_page = 50


class DisciplineInline(SelectRelatedInline):
    model = Discipline
    fields = ["name", "slug", "order", "is_active"]
    prepopulated_fields = {"slug": ("name",)}
    extra = 0
    show_change_link = True


@admin.register(Layer)
class LayerAdmin(CatalogueEntryAdmin):
    list_display = ["name", "slug", "order", "discipline_count", "role_count", "is_active"]
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


class CompetencyInline(SelectRelatedInline):
    model = Competency
    fields = ["name", "slug", "description", "order", "is_active"]
    prepopulated_fields = {"slug": ("name",)}
    extra = 0
    show_change_link = True


@admin.register(Discipline)
class DisciplineAdmin(ChoicesOnceMixin, CatalogueEntryAdmin):
    list_display = ["name", "layer", "slug", "order", "competency_count", "is_active"]
    list_filter = ["layer", "is_active"]
    list_select_related = ["layer"]
    search_fields = ["name", "slug", "summary"]
    inlines = [CompetencyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(competency_total=Count("competencies"))

    @admin.display(description="Competencies", ordering="competency_total")
    def competency_count(self, discipline):
        return discipline.competency_total


class LevelAnchorInline(SelectRelatedInline):
    model = LevelAnchor
    list_select_related_inline = ["competency"]
    extra = 0
    max_num = 5
    ordering = ["level"]


class LearningResourceInline(admin.TabularInline):
    model = LearningResource
    fields = ["title", "url", "kind", "order"]
    extra = 0


@admin.register(Competency)
class CompetencyAdmin(ChoicesOnceMixin, CatalogueEntryAdmin):
    list_display = ["name", "discipline", "layer", "order", "resource_count", "is_active"]
    list_filter = ["discipline__layer", "discipline", "is_active"]
    list_select_related = ["discipline__layer"]
    search_fields = ["name", "slug", "description", "discipline__name"]
    inlines = [LevelAnchorInline, LearningResourceInline]
    grouped_choice_fields = {"discipline": "layer"}

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
    fields = ["competency", "level", "weight"]
    extra = 0
    grouped_choice_fields = {"competency": "discipline"}
    list_select_related_inline = ["role", "competency"]


class RoleTransitionInline(ChoicesOnceMixin, SelectRelatedInline):
    model = RoleTransition
    fk_name = "from_role"
    fields = ["to_role", "kind", "note"]
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
    ]
    readonly_fields = ["currency"]
    extra = 0
    list_select_related_inline = ["role"]


@admin.register(Role)
class RoleAdmin(ChoicesOnceMixin, CatalogueEntryAdmin):
    list_display = [
        "name",
        "layer",
        "discipline",
        "stage",
        "focus",
        "requirement_count",
        "band_count",
        "is_active",
    ]
    list_filter = ["layer", "stage", "focus", "is_active"]
    list_select_related = ["layer", "discipline"]
    search_fields = ["name", "slug", "summary"]
    inlines = [RoleRequirementInline, RoleTransitionInline, SalaryBandInline]
    grouped_choice_fields = {"discipline": "layer"}
    fieldsets = [
        (None, {"fields": ["name", "slug", "layer", "discipline", "stage", "focus", "order"]}),
        ("Description", {"fields": ["summary", "goals", "tools", "key_metrics"]}),
        ("Status", {"fields": ["is_active"]}),
    ]

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
class SalaryBandAdmin(ChoicesOnceMixin, admin.ModelAdmin):
    list_display = [
        "role",
        "country",
        "currency",
        "experience_level",
        "low",
        "high",
        "high_is_open",
        "year",
    ]
    list_filter = ["country", "experience_level", "year", "high_is_open", "role__layer"]
    list_select_related = ["role"]
    search_fields = ["role__name", "role__slug", "source"]
    readonly_fields = ["currency"]
    list_per_page = 100


@admin.register(LevelAnchor)
class LevelAnchorAdmin(ChoicesOnceMixin, admin.ModelAdmin):
    list_display = ["competency", "level", "description"]
    list_filter = ["level", "competency__discipline__layer"]
    list_select_related = ["competency"]
    search_fields = ["competency__name", "description"]
    grouped_choice_fields = {"competency": "discipline"}


@admin.register(LearningResource)
class LearningResourceAdmin(ChoicesOnceMixin, admin.ModelAdmin):
    list_display = ["title", "competency", "kind", "url"]
    list_filter = ["kind", "competency__discipline__layer"]
    list_select_related = ["competency"]
    search_fields = ["title", "url", "competency__name"]
    grouped_choice_fields = {"competency": "discipline"}


@admin.register(RoleRequirement)
class RoleRequirementAdmin(ChoicesOnceMixin, admin.ModelAdmin):
    list_display = ["role", "competency", "level", "weight"]
    list_filter = ["role__layer", "role", "weight", "level"]
    list_select_related = ["role", "competency"]
    search_fields = ["role__name", "competency__name"]
    grouped_choice_fields = {"competency": "discipline"}


@admin.register(RoleTransition)
class RoleTransitionAdmin(ChoicesOnceMixin, admin.ModelAdmin):
    list_display = ["from_role", "to_role", "kind", "note"]
    list_filter = ["kind", "from_role__layer"]
    list_select_related = ["from_role", "to_role"]
    search_fields = ["from_role__name", "to_role__name", "note"]
