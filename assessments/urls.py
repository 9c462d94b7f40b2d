from django.urls import path

from assessments.views import assessments

app_name = "assessments"

urlpatterns = [
    path("me/", assessments.dashboard, name="dashboard"),
    path("me/assessments/start/", assessments.start, name="start"),
    path("me/assessments/<int:pk>/edit/", assessments.edit, name="edit"),
    path("me/assessments/<int:pk>/", assessments.profile, name="profile"),
    path("me/history/", assessments.history, name="history"),
    path("me/compare/", assessments.compare, name="compare"),
]
