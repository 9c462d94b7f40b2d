from django.urls import path

from assessments.views import (
    assessments,
    imports,
    quick_start,
    roles,
    shares,
    teams,
    teams_manage,
)

app_name = "assessments"

urlpatterns = [
    path("me/", assessments.dashboard, name="dashboard"),
    path("me/assessments/start/", assessments.start, name="start"),
    path("me/quick-start/", quick_start.quick_start, name="quick-start"),
    path("me/assessments/<id:pk>/edit/", assessments.edit, name="edit"),
    path("me/assessments/<id:pk>/", assessments.profile, name="profile"),
    path("me/assessments/<id:pk>/rescored/", assessments.rescored, name="rescored"),
    path("me/assessments/<id:pk>/share/", shares.share, name="share"),
    path("me/assessments/<id:pk>/share/revoke/", shares.revoke, name="share-revoke"),
    path("me/assessments/<id:pk>/print/", shares.print_view, name="print"),
    path("shared/<str:token>/", shares.shared, name="shared"),
    path("me/history/", assessments.history, name="history"),
    path("me/compare/", assessments.compare, name="compare"),
    path("me/roles/<slug:slug>/", roles.role_fit, name="role-fit"),
    path("me/roles/<slug:slug>/target/", roles.role_target, name="role-target"),
    path("me/notices/<id:pk>/dismiss/", teams_manage.dismiss_notice, name="notice-dismiss"),
    path("teams/", teams.team_list, name="teams"),
    path("teams/join/<str:code>/", teams.join_link, name="team-join-link"),
    path("teams/<slug:slug>/", teams.team_detail, name="team"),
    path("teams/<slug:slug>/leave/", teams.leave, name="team-leave"),
    path("teams/<slug:slug>/invite/rotate/", teams.rotate_invite, name="team-rotate-invite"),
    path("teams/<slug:slug>/rename/", teams_manage.rename, name="team-rename"),
    path("teams/<slug:slug>/delete/", teams_manage.delete, name="team-delete"),
    path("teams/<slug:slug>/coverage/", teams.dashboard, name="team-dashboard"),
    path("teams/<slug:slug>/people/", teams.people, name="team-people"),
    path("teams/<slug:slug>/export/<str:kind>.csv", teams.export, name="team-export"),
    path("teams/<slug:slug>/import/", imports.upload, name="team-import"),
    path(
        "teams/<slug:slug>/import/template.<str:kind>",
        imports.template,
        name="team-import-template",
    ),
    path(
        "teams/<slug:slug>/import/<slug:token>/",
        imports.preview,
        name="team-import-preview",
    ),
    path(
        "teams/<slug:slug>/import/<slug:token>/status/",
        imports.status,
        name="team-import-status",
    ),
    path(
        "teams/<slug:slug>/import/<slug:token>/discard/",
        imports.discard,
        name="team-import-discard",
    ),
    path(
        "teams/<slug:slug>/members/<id:member_id>/",
        teams.member_profile,
        name="team-member",
    ),
    path(
        "teams/<slug:slug>/members/<id:member_id>/history/",
        teams.member_history,
        name="team-member-history",
    ),
    path(
        "teams/<slug:slug>/members/<id:member_id>/remove/",
        teams_manage.remove_member,
        name="team-member-remove",
    ),
    path(
        "teams/<slug:slug>/members/<id:member_id>/restore/",
        teams_manage.restore_member,
        name="team-member-restore",
    ),
    path(
        "teams/<slug:slug>/members/<id:member_id>/role/",
        teams.set_role,
        name="team-member-role",
    ),
]
