"""Public catalogue pages: anyone may read them, signed in or not."""

from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from careers import queries
from careers.models import Layer


@require_GET
def home(request):
    return render(request, "careers/home.html", {"layers": Layer.objects.active()})


@require_GET
def ecosystem(request):
    return render(
        request, "careers/ecosystem.html", {"layers": queries.layers_with_disciplines_and_roles()}
    )


@require_GET
def catalogue(request):
    return render(
        request, "careers/catalogue.html", {"layers": queries.layers_with_disciplines_and_roles()}
    )


@require_GET
def layer(request, slug):
    return render(request, "careers/layer.html", {"layer": queries.layer_detail(slug)})


@require_GET
def discipline(request, slug):
    return render(
        request, "careers/discipline.html", {"discipline": queries.discipline_detail(slug)}
    )


@require_GET
def roles(request):
    return render(request, "careers/roles.html", {"layers": queries.roles_by_layer()})


@require_GET
@vary_on_headers("HX-Request")
def role(request, slug):
    role = queries.role_detail(slug)
    salaries = queries.salary_view(role, request.GET.get("country"))
    template = "careers/role.html#salaries" if request.htmx else "careers/role.html"
    return render(request, template, {"role": role, "salaries": salaries})
