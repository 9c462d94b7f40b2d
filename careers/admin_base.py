"""What every page of the catalogue admin is built from: audited history, the retire and
reactivate actions, CSV import and export, and inlines whose queries do not grow with rows.

Every change is audited (django-simple-history): admin edits, inline edits and the
retire/reactivate actions write a history row per entry with the curator and the changed
fields, shown on each entry's History page together with the changes to the rows that belong
to it (careers.audit_trail). Roles, competencies, role requirements and salary
bands also import and export as CSV (django-import-export), with a dry-run preview first.
"""

from collections.abc import Callable, Sequence

from django.contrib import admin, messages
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from careers.audit_trail import Part, history_label, part_name, trail, version_url

RETIRE_REASON = "Retired in the admin"
REACTIVATE_REASON = "Reactivated in the admin"


def set_active(request, queryset, active: bool, reason: str) -> int:
    """Retire or reactivate the entries of `queryset`, one history row each; return how many.

    Each entry is saved on its own, not updated in bulk, so every per-save hook sees the
    change: the history row with the curator and reason, and the catalogue's version.
    """
    entries = list(queryset.filter(is_active=not active))
    with transaction.atomic():
        for entry in entries:
            entry.is_active = active
            entry._history_user = request.user
            entry._change_reason = reason
            entry.save(update_fields=["is_active"])
    return len(entries)


@admin.action(description="Retire selected entries (hide them, keep their history)")
def retire(modeladmin, request, queryset):
    changed = set_active(request, queryset, active=False, reason=RETIRE_REASON)
    modeladmin.message_user(
        request,
        ngettext("Retired %d entry.", "Retired %d entries.", changed) % changed,
        messages.SUCCESS,
    )


@admin.action(description="Reactivate selected entries")
def reactivate(modeladmin, request, queryset):
    # A competency without its five level descriptions stays retired, and says why.
    refused = {}
    if hasattr(queryset.model, "anchors_problem"):
        for entry in queryset.filter(is_active=False):
            if problem := entry.anchors_problem():
                refused[entry.pk] = problem
    for problem in refused.values():
        modeladmin.message_user(request, problem, messages.ERROR)
    changed = set_active(
        request, queryset.exclude(pk__in=refused), active=True, reason=REACTIVATE_REASON
    )
    modeladmin.message_user(
        request,
        ngettext("Reactivated %d entry.", "Reactivated %d entries.", changed) % changed,
        messages.SUCCESS,
    )


class CatalogueHistoryAdmin(SimpleHistoryAdmin):
    """An admin whose History page lists every change: who, when, why, and each field's diff.

    The page's list template is the project's own: simple-history's carries an inline style,
    which the Content-Security-Policy refuses, and labels each row through its model's
    __str__, which for a requirement or band would fetch its role once per row.
    """

    object_history_list_template = "admin/careers/object_history_list.html"
    history_list_per_page = 50
    history_parts: Sequence[Part] = ()
    """The rows whose changes the entry's History page lists with its own."""

    def save_model(self, request, obj, form, change):
        # An edit of inline rows alone leaves the entry as it was: its history gets no
        # empty "changed" row, the inline rows get theirs. A revert is the exception: its
        # form is filled with the old values, so it looks unchanged but must be saved.
        if change and not form.has_changed() and not getattr(request, "reverting", False):
            return
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.reverting = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # The entry's own rows and those of its parts, with the curator and every tracked
        # foreign key selected (careers.audit_trail).
        return trail(self.model, object_id, self.history_parts)

    def get_historical_record_context_helper(self, request, historical_record):
        # A row of a part is described through its own model's fields, not the entry's.
        return HistoricalRecordContextHelper(historical_record.instance_type, historical_record)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        for record in historical_records:
            if record.previous_version is not None:
                delta = record.diff_against(record.previous_version, foreign_keys_are_objs=True)
                helper = self.get_historical_record_context_helper(request, record)
                record.history_delta_changes = helper.context_for_delta_changes(delta)
            record.label = history_label(record)
            record.part = part_name(record)
            record.url = version_url(record)


class CatalogueImportExportMixin(ImportExportMixin):
    """CSV import and export of one catalogue sheet, all or nothing.

    The upload first runs as a dry run: the page previews each row as new, updated or
    skipped, with a diff of what changes, or lists every row's errors; nothing is saved until
    the curator confirms. The confirmed import runs again in one transaction, which is rolled
    back if any row fails by then.
    """

    formats = [CSV]
    # The whole sheet, always: a partial export would not import back as the same entries.
    export_form_class = ExportForm

    # From the ModelAdmin this is mixed into.
    admin_site: admin.AdminSite
    has_add_permission: Callable[[HttpRequest], bool]
    has_change_permission: Callable[[HttpRequest], bool]
    has_view_permission: Callable[[HttpRequest], bool]

    def has_import_permission(self, request):
        # An import adds and changes entries, so it needs both rights, not just staff status.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        # The sheet or the catalogue changed since the preview; the transaction was rolled
        # back, so show the rows at fault the way the preview would have.
        messages.error(request, "Nothing was imported: the sheet has errors.")
        context = self.admin_site.each_context(request)
        context.update(
            {
                "title": "Import",
                "opts": self.model._meta,
                # The stubs call these a plain Form and format instances; they are an
                # ImportForm and format classes.
                "form": self.get_import_form_class(request)(
                    self.get_import_formats(),  # type: ignore[arg-type]
                    self.get_import_resource_classes(request),  # type: ignore[arg-type]
                ),
                "result": result,
                "import_error_display": self.import_error_display,
                "fields_list": [],
            }
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)


class LabelledInlineFormSet(BaseInlineFormSet):
    """Names each field of a tabular inline's rows for assistive technology.

    The admin's tabular inline shows a field's label only as its column's heading, which is
    not tied to the inputs below it, so screen readers announce them without a name.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "" if index is None else f", row {index + 1}"
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            # The admin wraps a related field's widget; the inner one is what renders.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", f"{capfirst(field.label or name)}{row}")


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledInlineFormSet


class SelectRelatedInline(LabelledTabularInline):
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
        # The admin class this comes before defines it; mypy sees only `object` here.
        formfield = super().formfield_for_foreignkey(  # type: ignore[misc]
            db_field, request, **kwargs
        )
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
