"""Admin for support work: teams and their members, and API tokens (which can be revoked
here but never created or read: only their digest is stored)."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import ngettext

from assessments import tokens
from assessments.models import ApiToken, Membership, Team
from careers.admin_base import LabelledTabularInline


class MembershipInline(LabelledTabularInline):
    model = Membership
    fields = ["user", "role", "joined_at"]
    readonly_fields = ["joined_at"]
    raw_id_fields = ["user"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "member_count", "created_at"]
    search_fields = ["name", "slug"]
    readonly_fields = ["invite_code", "created_at"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_total=Count("memberships"))

    @admin.display(description="Members", ordering="member_total")
    def member_count(self, team):
        return team.member_total


@admin.action(description="Revoke selected tokens")
def revoke(modeladmin, request, queryset):
    now = timezone.now()
    revoked = sum(tokens.revoke_token(token, now=now) for token in queryset)
    modeladmin.message_user(
        request,
        ngettext("Revoked %d token.", "Revoked %d tokens.", revoked) % revoked,
        messages.SUCCESS,
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_select_related = ["user"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username", "user__email"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["key_hash"]
    actions = [revoke]

    def has_add_permission(self, request):
        return False
