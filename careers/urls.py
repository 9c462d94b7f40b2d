from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("ecosystem/", views.ecosystem, name="ecosystem"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("layers/<slug:slug>/", views.layer, name="layer"),
    path("disciplines/<slug:slug>/", views.discipline, name="discipline"),
    path("roles/", views.roles, name="roles"),
    path("salaries/", views.salaries, name="salaries"),
    # Before the role pages: "compare" is not a role's slug (careers.models.RESERVED_SLUGS).
    path("roles/compare/", views.compare, name="compare"),
    path("roles/<slug:slug>/", views.role, name="role"),
]
