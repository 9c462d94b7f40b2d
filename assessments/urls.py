from django.urls import path

from assessments.views import assessments

app_name = "assessments"

urlpatterns = [
    path("me/", assessments.dashboard, name="dashboard"),
    path("me/history/", assessments.history, name="history"),
]
