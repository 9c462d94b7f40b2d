"""The other names the catalogue's source gives its roles, for databases loaded before roles
had them (`load_catalogue` keeps existing roles as they are). A role whose other names a
curator has already written is left alone."""

from django.db import migrations

ALIASES = {
    "content-strategist": ["Content Marketer", "Content Writer"],
    "graphic-designer": ["Visual Designer"],
    "ux-ui-designer": ["User Experience Designer", "User Interface Designer"],
    "seo-specialist": ["Search Engine Optimization Specialist"],
    "social-media-manager": ["Social Media Specialist"],
    "email-marketing-manager": ["Email Marketing Specialist"],
    "ppc-specialist": ["Pay-Per-Click Specialist", "Digital Advertising Specialist"],
    "cro-specialist": ["Conversion Rate Optimization Specialist"],
    "demand-generation-marketer": ["Demand Gen Marketer", "Growth Marketer"],
    "marketing-director": ["Head of Digital", "Marketing Director"],
    "cmo": ["Chief Marketing Officer", "VP of Marketing"],
}


def fill(apps, schema_editor):
    role = apps.get_model("careers", "Role")
    for slug, names in ALIASES.items():
        role.objects.filter(slug=slug, aliases="").update(aliases="\n".join(names))


class Migration(migrations.Migration):
    dependencies = [("careers", "0008_role_aliases")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
