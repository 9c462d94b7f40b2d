"""Mark the facts the catalogue's source states, for databases loaded before entries said
where their facts come from (`load_catalogue` keeps existing entries as they are): the four
layers, the eighteen roles, five moves between roles and the salary bands taken from the
source's tables. Everything else stays editorial, the default. Entries a curator has
added since keep the default too: only the shipped slugs are marked."""

from django.db import migrations

LAYERS = ["producers", "distributors", "converters", "architects"]
ROLES = [
    "content-strategist",
    "copywriter",
    "graphic-designer",
    "ux-ui-designer",
    "seo-specialist",
    "social-media-manager",
    "social-media-marketer",
    "email-marketing-manager",
    "ppc-specialist",
    "cro-specialist",
    "marketing-analytics-specialist",
    "demand-generation-marketer",
    "community-manager",
    "digital-marketing-manager",
    "marketing-manager",
    "project-manager",
    "marketing-director",
    "cmo",
]
MOVES = [
    ("seo-specialist", "digital-marketing-manager"),
    ("social-media-manager", "social-media-marketer"),
    ("digital-marketing-manager", "marketing-director"),
    ("marketing-manager", "marketing-director"),
    ("marketing-director", "cmo"),
]
SALARY_SOURCE = (
    "Marketing ecosystem career guide: 2025 salary averages (Producer, Distributor, "
    "Converter & Nurturer and Architect tables)"
)


def mark(apps, schema_editor):
    get = apps.get_model
    get("careers", "Layer").objects.filter(slug__in=LAYERS).update(basis="source")
    get("careers", "Role").objects.filter(slug__in=ROLES).update(basis="source")
    transitions = get("careers", "RoleTransition").objects
    for from_slug, to_slug in MOVES:
        transitions.filter(from_role__slug=from_slug, to_role__slug=to_slug).update(
            basis="source"
        )
    get("careers", "SalaryBand").objects.filter(source=SALARY_SOURCE).update(basis="source")


class Migration(migrations.Migration):
    dependencies = [("careers", "0010_facts_basis")]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
