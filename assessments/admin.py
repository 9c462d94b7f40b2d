"""Admin for support work: teams and their members, API tokens (which can be revoked
here but never created or read: only their digest is stored), and failed log-ins (which
can be forgotten here, lifting the pauses they hold)."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import ngettext

from assessments import lockout, tokens
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
    readonly_fields = ["invite_code", "invite_issued_at", "invite_issued_by", "created_at"]
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


def _counted(**match) -> Subquery:
    """The failures still counting of the rows that match (OuterRef names the listed row)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = AccessAttempt.objects.filter(attempt_time__gte=since, **match)
    return Subquery(
        rows.order_by()
        .values(*match)
        .annotate(total=Sum("failures_since_start"))
        .values("total")[:1],
        output_field=IntegerField(),
    )


@admin.action(description="Forget the selected failures (lift their pauses)")
def unlock(modeladmin, request, queryset):
    forgotten = queryset.aggregate(total=Sum("failures_since_start"))["total"] or 0
    queryset.delete()
    modeladmin.message_user(
        request,
        ngettext(
            "Forgot %d failed log-in: those accounts and addresses are open.",
            "Forgot %d failed log-ins: those accounts and addresses are open.",
            forgotten,
        )
        % forgotten,
        messages.SUCCESS,
    )


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginFailureAdmin(admin.ModelAdmin):
    """Failed log-ins by account name and address, with the pauses they hold
    (assessments.lockout); forgetting a row lifts what it holds."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "pauses"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time"]
    readonly_fields = [
        "username",
        "ip_address",
        "user_agent",
        "failures_since_start",
        "attempt_time",
    ]
    actions = [unlock]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                here=_counted(username=OuterRef("username"), ip_address=OuterRef("ip_address")),
                account=_counted(username=OuterRef("username")),
                address=_counted(ip_address=OuterRef("ip_address")),
            )
        )

    @admin.display(description="Pauses")
    def pauses(self, attempt) -> str:
        held = [
            text
            for kind, text in [
                ("here", "the account from this address"),
                ("account", "the account from everywhere"),
                ("address", "every account from this address"),
            ]
            if (getattr(attempt, kind) or 0) >= lockout.limits()[kind]
        ]
        return "; ".join(held) or "none"

    def changelist_view(self, request, extra_context=None):
        title = {"title": "Select failed log-ins to forget"}
        return super().changelist_view(request, {**title, **(extra_context or {})})

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
