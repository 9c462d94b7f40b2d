"""Public catalogue pages: anyone may read them, signed in or not."""

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from careers import comparison, fragments, queries, visitors
from careers.choices import Country
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


SEARCH_LENGTH = 60
"""Characters of a roles search kept: no role's name or other name is longer."""


@require_GET
def roles(request):
    """Every role by layer; `?q=` keeps those whose name or other names hold the words."""
    search = " ".join(request.GET.get("q", "").split())[:SEARCH_LENGTH]
    layers = queries.roles_by_layer(search)
    return render(
        request,
        "careers/roles.html",
        {
            "layers": layers,
            "search": search,
            "found": sum(len(layer.roles.all()) for layer in layers) if search else None,
            "featured": comparison.featured(),
        },
    )


@require_GET
@vary_on_headers("HX-Request")
def role(request, slug):
    # Without a choice in the address, a signed-in visitor sees their own country's figures.
    requested = request.GET.get("country") or visitors.country(request.session)
    part = "salaries" if request.htmx else "page"
    try:
        if requested and requested not in Country.values:
            # Named in the page ("no figures for …"), so not kept: any text could be asked for.
            page = _role_page(slug, requested, part)
        else:
            page = fragments.cached(
                "role", [slug, requested or "", part], lambda: _role_page(slug, requested, part)
            )
    except Http404:
        renamed = queries.renamed_role(slug)
        if renamed is None:
            raise
        # The role's address changed: links and bookmarks to the old one still lead to it.
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return HttpResponsePermanentRedirect(renamed.get_absolute_url() + query)
    if request.htmx:
        return HttpResponse(page["salaries"])
    return render(request, "careers/role.html", {"page": page})


def _role_page(slug: str, requested_country: str | None, part: str) -> dict:
    """The role page's parts as HTML: the salary section alone for htmx, or the whole page."""
    role = queries.role_detail(slug)
    context = {"role": role, "salaries": queries.salary_view(role, requested_country)}
    template = "careers/includes/role_parts.html"
    if part == "salaries":
        return {"salaries": render_to_string(template + "#salaries", context)}
    return {
        "name": role.name,
        "slug": role.slug,
        "breadcrumbs": render_to_string(template + "#breadcrumbs", context),
        "heading": render_to_string(template + "#heading", context),
        "content": render_to_string(template + "#content", context),
    }


@require_GET
@vary_on_headers("HX-Request")
def salaries(request):
    """Every role's salary bands in one country; htmx asks for the table alone."""
    requested = request.GET.get("country") or visitors.country(request.session)

    def build() -> str:
        context = {"salaries": queries.salary_table(requested)}
        return render_to_string("careers/includes/salary_table.html", context)

    if requested and requested not in Country.values:
        table = build()
    else:
        table = fragments.cached("salaries", [requested or ""], build)
    if request.htmx:
        return HttpResponse(table)
    return render(request, "careers/salaries.html", {"table": table})


@require_GET
@vary_on_headers("HX-Request")
def compare(request):
    """Two roles side by side (`?a=<slug>&b=<slug>`); without both, the page to pick them."""
    a, b = (request.GET.get(side, "").strip() for side in ("a", "b"))
    choices = comparison.choices()
    known = {role.slug for role in choices}
    renamed = {slug: queries.renamed_role(slug) for slug in (a, b) if slug and slug not in known}
    if any(renamed.values()):
        # A role's address changed: old links to a comparison still lead to it.
        query = request.GET.copy()
        for side, slug in (("a", a), ("b", b)):
            if (role := renamed.get(slug)) is not None:
                query[side] = role.slug
        return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")
    problem = _comparison_problem(a, b, known)
    context = {"choices": choices, "a": a, "b": b, "problem": problem}
    if problem or not (a and b):
        context["featured"] = comparison.featured()
        return render(request, "careers/compare.html", context)
    requested = request.GET.get("country") or visitors.country(request.session)
    part = "salaries" if request.htmx else "page"
    if requested and requested not in Country.values:
        page = _comparison_page(a, b, requested, part)
    else:
        page = fragments.cached(
            "compare",
            [a, b, requested or "", part],
            lambda: _comparison_page(a, b, requested, part),
        )
    if request.htmx:
        return HttpResponse(page["salaries"])
    return render(request, "careers/compare.html", {**context, "page": page})


def _comparison_problem(a: str, b: str, known: set[str]) -> str:
    """What stops the comparison asked for, said for the person who asked; "" if nothing."""
    unknown = [slug for slug in (a, b) if slug and slug not in known]
    if unknown:
        names = " or ".join(f"“{slug[:60]}”" for slug in unknown)
        return f"The catalogue has no role {names}. Choose the roles from the lists."
    if a and a == b:
        return "Choose two different roles to compare."
    return ""


def _comparison_page(a: str, b: str, requested_country: str | None, part: str) -> dict:
    """The comparison's parts as HTML: its salary section alone for htmx, or all of it."""
    context = {"comparison": comparison.compare(a, b, requested_country)}
    template = "careers/includes/compare_parts.html"
    if part == "salaries":
        return {"salaries": render_to_string(template + "#salaries", context)}
    return {
        "a_name": context["comparison"].a.name,
        "b_name": context["comparison"].b.name,
        "content": render_to_string(template + "#content", context),
    }
