"""The catalogue loader: parsing the shipped files, loading them, re-runs, edits and --reset."""

import io
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict

from careers.catalogue import entries, files
from careers.catalogue.entries import parse_catalogue, read_catalogue
from careers.catalogue.files import CatalogueError
from careers.catalogue.loader import LoadReport, ModelCounts, load_catalogue
from careers.models import (
    Competency,
    Discipline,
    DisciplineAnchor,
    Layer,
    LearningResource,
    LevelAnchor,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
)

CATALOGUE_MODELS = [
    Layer,
    Discipline,
    DisciplineAnchor,
    Competency,
    LevelAnchor,
    LearningResource,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
]

FRESH_LOAD_OUTPUT = """\
Loaded the default catalogue.
  Layers:             4 created, 0 restored, 0 kept as edited, 0 unchanged
  Disciplines:        16 created, 0 restored, 0 kept as edited, 0 unchanged
  Discipline anchors: 80 created, 0 restored, 0 kept as edited, 0 unchanged
  Competencies:       48 created, 0 restored, 0 kept as edited, 0 unchanged
  Level anchors:      240 created, 0 restored, 0 kept as edited, 0 unchanged
  Learning resources: 111 created, 0 restored, 0 kept as edited, 0 unchanged
  Roles:              18 created, 0 restored, 0 kept as edited, 0 unchanged
  Role requirements:  132 created, 0 restored, 0 kept as edited, 0 unchanged
  Role transitions:   35 created, 0 restored, 0 kept as edited, 0 unchanged
  Salary bands:       164 created, 0 restored, 0 kept as edited, 0 unchanged
Total: 848 created, 0 restored, 0 kept as edited, 0 unchanged.
"""

RERUN_OUTPUT = """\
Loaded the default catalogue.
  Layers:             0 created, 0 restored, 0 kept as edited, 4 unchanged
  Disciplines:        0 created, 0 restored, 0 kept as edited, 16 unchanged
  Discipline anchors: 0 created, 0 restored, 0 kept as edited, 80 unchanged
  Competencies:       0 created, 0 restored, 0 kept as edited, 48 unchanged
  Level anchors:      0 created, 0 restored, 0 kept as edited, 240 unchanged
  Learning resources: 0 created, 0 restored, 0 kept as edited, 111 unchanged
  Roles:              0 created, 0 restored, 0 kept as edited, 18 unchanged
  Role requirements:  0 created, 0 restored, 0 kept as edited, 132 unchanged
  Role transitions:   0 created, 0 restored, 0 kept as edited, 35 unchanged
  Salary bands:       0 created, 0 restored, 0 kept as edited, 164 unchanged
Total: 0 created, 0 restored, 0 kept as edited, 848 unchanged.
"""

RERUN_AFTER_EDITS_OUTPUT = """\
Loaded the default catalogue.
  Layers:             0 created, 0 restored, 0 kept as edited, 4 unchanged
  Disciplines:        0 created, 0 restored, 0 kept as edited, 16 unchanged
  Discipline anchors: 0 created, 0 restored, 0 kept as edited, 80 unchanged
  Competencies:       0 created, 0 restored, 0 kept as edited, 48 unchanged
  Level anchors:      0 created, 0 restored, 0 kept as edited, 240 unchanged
  Learning resources: 0 created, 0 restored, 0 kept as edited, 111 unchanged
  Roles:              0 created, 0 restored, 1 kept as edited, 17 unchanged
  Role requirements:  0 created, 0 restored, 0 kept as edited, 132 unchanged
  Role transitions:   0 created, 0 restored, 0 kept as edited, 35 unchanged
  Salary bands:       0 created, 0 restored, 1 kept as edited, 163 unchanged
Total: 0 created, 0 restored, 2 kept as edited, 846 unchanged.
2 default entries differ from the shipped values and were left as edited; \
run with --reset to restore them.
"""

RESET_AFTER_EDITS_OUTPUT = """\
Reset the default catalogue.
  Layers:             0 created, 0 restored, 0 kept as edited, 4 unchanged
  Disciplines:        0 created, 0 restored, 0 kept as edited, 16 unchanged
  Discipline anchors: 0 created, 0 restored, 0 kept as edited, 80 unchanged
  Competencies:       0 created, 0 restored, 0 kept as edited, 48 unchanged
  Level anchors:      0 created, 0 restored, 0 kept as edited, 240 unchanged
  Learning resources: 0 created, 0 restored, 0 kept as edited, 111 unchanged
  Roles:              0 created, 1 restored, 0 kept as edited, 17 unchanged
  Role requirements:  0 created, 0 restored, 0 kept as edited, 132 unchanged
  Role transitions:   0 created, 0 restored, 0 kept as edited, 35 unchanged
  Salary bands:       0 created, 1 restored, 0 kept as edited, 163 unchanged
Total: 0 created, 2 restored, 0 kept as edited, 846 unchanged.
"""


def dump_catalogue() -> dict[str, list[dict]]:
    """Every field of every catalogue row, by model, in primary-key order."""
    return {
        model.__name__: [
            {**model_to_dict(obj, fields=[f.name for f in model._meta.concrete_fields])}
            for obj in model.objects.order_by("pk")
        ]
        for model in CATALOGUE_MODELS
    }


def run_command(*args: str) -> str:
    out = io.StringIO()
    call_command("load_catalogue", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(db):
    return load_catalogue()


# --- The pure parser --------------------------------------------------------------------------

MINIMAL_TOML = """
[salaries]
year = 2025
source = "Test source"

[[layers]]
slug = "producers"
name = "Producers"
purpose = "Make things."
metaphor = "Biomass."
description = "Long text."
depends_on = "Others."

[[layers.disciplines]]
slug = "copywriting"
name = "Copywriting"
summary = "Words."
anchors = ["Seen it.", "Helps.", "Alone.", "Leads.", "Sets the bar."]

[[layers.disciplines.competencies]]
slug = "ad-copywriting"
name = "Ad copy"
description = "Short copy."
anchors = ["one", "two", "three", "four", "five"]
resources = [
  { title = "A guide", url = "https://example.com/guide", kind = "guide" },
]

[[roles]]
slug = "copywriter"
name = "Copywriter"
basis = "source"
layer = "producers"
discipline = "copywriting"
stage = "specialist"
focus = "tactical"
summary = "Writes."
goals = ["Sell"]
tools = ["Docs"]
key_metrics = ["Clicks"]
requirements = [
  { competency = "ad-copywriting", level = 4, weight = 3 },
]
"""

MINIMAL_CSV = (
    "role,experience_level,experience_note,country,low,high,high_is_open\n"
    "copywriter,entry,,GB,28000,35000,false\n"
    "copywriter,senior,5+ years,US,95000,130000,true\n"
)


def test_parser_reads_minimal_catalogue_into_plain_data():
    catalogue = parse_catalogue(MINIMAL_TOML, MINIMAL_CSV)

    assert catalogue.layers == (
        entries.LayerData(
            slug="producers",
            name="Producers",
            order=1,
            purpose="Make things.",
            metaphor="Biomass.",
            description="Long text.",
            depends_on="Others.",
            basis="editorial",
        ),
    )
    assert catalogue.discipline_anchors == tuple(
        entries.DisciplineAnchorData(discipline="copywriting", level=level, description=text)
        for level, text in enumerate(
            ["Seen it.", "Helps.", "Alone.", "Leads.", "Sets the bar."], start=1
        )
    )
    assert [(a.level, a.description) for a in catalogue.anchors] == [
        (1, "one"),
        (2, "two"),
        (3, "three"),
        (4, "four"),
        (5, "five"),
    ]
    assert catalogue.requirements == (
        entries.RequirementData(
            role="copywriter", competency="ad-copywriting", level=4, weight=3, basis="editorial"
        ),
    )
    assert (catalogue.roles[0].goals, catalogue.roles[0].basis) == ("Sell", "source")
    assert catalogue.salary_bands == (
        entries.SalaryBandData(
            role="copywriter",
            country="GB",
            experience_level="entry",
            experience_note="",
            low=28000,
            high=35000,
            high_is_open=False,
            year=2025,
            source="Test source",
            basis="editorial",
        ),
        entries.SalaryBandData(
            role="copywriter",
            country="US",
            experience_level="senior",
            experience_note="5+ years",
            low=95000,
            high=130000,
            high_is_open=True,
            year=2025,
            source="Test source",
            basis="editorial",
        ),
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'competency = "ad-copywriting", level = 4',
            'competency = "ad-copy", level = 4',
            "role \"copywriter\", requirement #1: competency names unknown 'ad-copy'.",
        ),
        (
            'basis = "source"',
            'basis = "guess"',
            "role \"copywriter\": basis 'guess' is not one of source, editorial.",
        ),
        (
            "level = 4, weight = 3",
            "level = 6, weight = 3",
            'role "copywriter", requirement "ad-copywriting": level 6 is not a whole number '
            "from 1 to 5.",
        ),
        (
            "level = 4, weight = 3",
            "level = 4, weight = 0",
            'role "copywriter", requirement "ad-copywriting": weight 0 is not a whole number '
            "from 1 to 3.",
        ),
        (
            '"four", "five"]',
            '"four"]',
            'competency "ad-copywriting": anchors must be a list of 5 texts, one for each '
            "level 1 to 5.",
        ),
        (
            '"Leads.", "Sets the bar."]',
            '"Leads."]',
            'discipline "copywriting": anchors must be a list of 5 texts, one for each '
            "level 1 to 5.",
        ),
        (
            '"Alone.",',
            '"",',
            'discipline "copywriting": the anchor for level 3 must be a text.',
        ),
        (
            'anchors = ["Seen it.",',
            'anchor = ["Seen it.",',
            "discipline \"copywriting\": unknown field 'anchor'.",
        ),
        (
            'discipline = "copywriting"',
            'discipline = "seo"',
            "role \"copywriter\": discipline names unknown 'seo'.",
        ),
        (
            'stage = "specialist"',
            'stage = "intern"',
            "role \"copywriter\": stage 'intern' is not one of specialist, manager, director, "
            "executive.",
        ),
        (
            'kind = "guide"',
            'kind = "podcast"',
            "competency \"ad-copywriting\", resource #1: kind 'podcast' is not one of course, "
            "book, guide, video, practice, tool.",
        ),
        (
            "https://example.com/guide",
            "http://example.com/guide",
            "competency \"ad-copywriting\", resource #1: 'http://example.com/guide' is not an "
            "https address.",
        ),
        (
            'summary = "Words."',
            'sumary = "Words."',
            "discipline \"copywriting\": unknown field 'sumary'.",
        ),
        (
            'slug = "producers"',
            'slug = "Producers!"',
            "layer #1: slug 'Producers!' must be lowercase words joined by hyphens.",
        ),
        (
            'goals = ["Sell"]',
            "goals = []",
            'role "copywriter": goals must be a list of one-line texts.',
        ),
        (
            'year = 2025\nsource = "Test source"',
            "year = 2025",
            "[salaries]: source must be a non-empty text.",
        ),
    ],
)
def test_parser_refuses_bad_catalogue_naming_the_entry(old, new, message):
    assert old in MINIMAL_TOML
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(MINIMAL_TOML.replace(old, new), MINIMAL_CSV)
    assert str(error.value) == message


def test_parser_refuses_a_transition_to_itself():
    toml = MINIMAL_TOML + '[[transitions]]\nfrom = "copywriter"\nto = "copywriter"\n'
    toml += 'kind = "sideways"\nnote = "Nowhere."\n'

    with pytest.raises(CatalogueError) as error:
        parse_catalogue(toml, MINIMAL_CSV)
    assert str(error.value) == (
        'transition "copywriter" → "copywriter": a role cannot lead to itself.'
    )


def test_parser_refuses_two_roles_of_one_name_whatever_the_case():
    start = MINIMAL_TOML.index("[[roles]]")
    second = MINIMAL_TOML[start:].replace('slug = "copywriter"', 'slug = "senior-copywriter"')
    toml = MINIMAL_TOML + "\n" + second.replace('name = "Copywriter"', 'name = "COPYWRITER"')

    with pytest.raises(CatalogueError) as error:
        parse_catalogue(toml, MINIMAL_CSV)
    assert str(error.value) == (
        'role "senior-copywriter": the name "COPYWRITER" is already the name of role '
        '"copywriter" (names are compared without regard to case).'
    )


def test_parser_refuses_invalid_toml():
    with pytest.raises(CatalogueError, match=r"^catalogue\.toml is not valid TOML: "):
        parse_catalogue("[[layers]\nslug = ", MINIMAL_CSV)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "copyeditor,entry,,GB,1,2,false",
            "salaries.csv line 4: role names unknown 'copyeditor'.",
        ),
        (
            "copywriter,junior,,GB,1,2,false",
            "salaries.csv line 4: experience_level 'junior' is not one of entry, mid, senior, "
            "executive.",
        ),
        (
            "copywriter,mid,,FR,1,2,false",
            "salaries.csv line 4: country 'FR' is not one of US, CA, GB, AU.",
        ),
        (
            "copywriter,mid,,GB,50000,40000,false",
            'salaries.csv line 4 ("copywriter", GB, mid): low 50000 is above high 40000.',
        ),
        (
            "copywriter,mid,,GB,0,0,false",
            'salaries.csv line 4 ("copywriter", GB, mid): low 0 is not a yearly salary: it '
            "must be from 1,000 to 5,000,000.",
        ),
        (
            "copywriter,mid,,GB,40000,9999999999,false",
            'salaries.csv line 4 ("copywriter", GB, mid): high 9,999,999,999 is not a yearly '
            "salary: it must be from 1,000 to 5,000,000.",
        ),
        (
            "copywriter,mid,,GB,40000,£50000,false",
            "salaries.csv line 4 (\"copywriter\", GB, mid): high '£50000' is not a whole number.",
        ),
        (
            "copywriter,mid,,GB,4²000,50000,false",
            "salaries.csv line 4 (\"copywriter\", GB, mid): low '4²000' is not a whole number.",
        ),
        (
            "copywriter,mid,,GB,40000,50000,yes",
            'salaries.csv line 4 ("copywriter", GB, mid): high_is_open must be true or false.',
        ),
        (
            "copywriter,entry,,GB,28000,35000,false",
            'salaries.csv line 4 ("copywriter", GB, entry): listed twice.',
        ),
        (
            "copywriter,mid,,GB,40000",
            "salaries.csv line 4: expected 7 columns.",
        ),
    ],
)
def test_parser_refuses_bad_salary_rows_naming_the_line(row, message):
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(MINIMAL_TOML, MINIMAL_CSV + row + "\n")
    assert str(error.value) == message


def test_shipped_catalogue_parses():
    catalogue = read_catalogue()

    assert (
        len(catalogue.layers),
        len(catalogue.disciplines),
        len(catalogue.discipline_anchors),
        len(catalogue.competencies),
        len(catalogue.anchors),
        len(catalogue.resources),
        len(catalogue.roles),
        len(catalogue.requirements),
        len(catalogue.transitions),
        len(catalogue.salary_bands),
    ) == (4, 16, 80, 48, 240, 111, 18, 132, 35, 164)


# --- Loading ----------------------------------------------------------------------------------


def test_command_prints_summary_of_a_fresh_load(db):
    assert run_command() == FRESH_LOAD_OUTPUT


def test_command_prints_summary_of_a_rerun(loaded):
    assert run_command() == RERUN_OUTPUT


def test_load_returns_report_per_model(db):
    report = load_catalogue()

    assert isinstance(report, LoadReport)
    assert report.reset is False
    assert report.counts["Roles"] == ModelCounts(created=18)
    assert report.counts["Salary bands"] == ModelCounts(created=164)
    assert (report.created, report.restored, report.kept, report.unchanged) == (848, 0, 0, 0)
    assert report.changed is True


def test_second_run_changes_nothing(loaded):
    before = dump_catalogue()

    report = load_catalogue()

    assert dump_catalogue() == before
    assert (report.created, report.restored, report.kept, report.unchanged) == (0, 0, 0, 848)
    assert report.changed is False


def test_second_run_reads_each_model_once(loaded, django_assert_max_num_queries):
    # One SELECT per model (10), plus the savepoint around them.
    with django_assert_max_num_queries(12):
        load_catalogue()


def test_missing_default_row_is_created_again(loaded):
    RoleTransition.objects.get(from_role__slug="marketing-director", to_role__slug="cmo").delete()

    report = load_catalogue()

    assert report.counts["Role transitions"] == ModelCounts(created=1, unchanged=34)
    transition = RoleTransition.objects.get(
        from_role__slug="marketing-director", to_role__slug="cmo"
    )
    assert transition.kind == RoleTransition.Kind.PROMOTION


@pytest.fixture
def edited(loaded):
    """An admin's edits: a role summary, a salary figure, a new role and a new band."""
    Role.objects.filter(slug="copywriter").update(summary="Writes words that sell.")
    SalaryBand.objects.filter(role__slug="cmo", country="GB", experience_level="executive").update(
        high=185000
    )
    newcomer = Role.objects.create(
        slug="growth-lead",
        name="Growth Lead",
        layer=Layer.objects.get(slug="converters"),
        discipline=Discipline.objects.get(slug="demand-generation"),
        stage=Role.Stage.MANAGER,
        focus=Role.Focus.STRATEGIC,
        summary="Leads growth.",
        goals="Grow",
        tools="Spreadsheets",
        key_metrics="Revenue",
    )
    SalaryBand.objects.create(
        role=Role.objects.get(slug="project-manager"),
        country="GB",
        experience_level="mid",
        low=40000,
        high=55000,
        source="Admin's survey",
    )
    return newcomer


def test_admin_edits_survive_a_rerun(edited):
    output = run_command()

    assert output == RERUN_AFTER_EDITS_OUTPUT
    assert Role.objects.get(slug="copywriter").summary == "Writes words that sell."
    band = SalaryBand.objects.get(role__slug="cmo", country="GB", experience_level="executive")
    assert (band.low, band.high, band.high_is_open) == (120000, 185000, True)


def test_reset_restores_default_values(edited):
    output = run_command("--reset")

    assert output == RESET_AFTER_EDITS_OUTPUT
    assert Role.objects.get(slug="copywriter").summary.startswith(
        "Writes the words that ask people to do something"
    )
    band = SalaryBand.objects.get(role__slug="cmo", country="GB", experience_level="executive")
    assert (band.low, band.high, band.high_is_open) == (120000, 180000, True)
    assert run_command() == RERUN_OUTPUT


def test_reset_keeps_rows_an_admin_added(edited):
    run_command("--reset")

    assert Role.objects.filter(slug="growth-lead").exists()
    band = SalaryBand.objects.get(role__slug="project-manager")
    assert (band.country, band.experience_level, band.low, band.high) == ("GB", "mid", 40000, 55000)


def test_reset_reactivates_a_retired_default_entry(loaded):
    Competency.objects.filter(slug="link-building").update(is_active=False)

    assert load_catalogue().counts["Competencies"] == ModelCounts(kept=1, unchanged=47)
    assert not Competency.objects.get(slug="link-building").is_active

    assert load_catalogue(reset=True).counts["Competencies"] == ModelCounts(
        restored=1, unchanged=47
    )
    assert Competency.objects.get(slug="link-building").is_active


def test_an_edited_discipline_anchor_is_kept_until_a_reset(loaded):
    anchor = DisciplineAnchor.objects.filter(discipline__slug="seo", level=3)
    shipped = anchor.get().description
    anchor.update(description="Runs search work alone.")

    assert load_catalogue().counts["Discipline anchors"] == ModelCounts(kept=1, unchanged=79)
    assert anchor.get().description == "Runs search work alone."

    assert load_catalogue(reset=True).counts["Discipline anchors"] == ModelCounts(
        restored=1, unchanged=79
    )
    assert anchor.get().description == shipped


def test_reset_moves_an_edited_foreign_key_back(loaded):
    Competency.objects.filter(slug="link-building").update(
        discipline=Discipline.objects.get(slug="content-strategy")
    )

    load_catalogue(reset=True)

    assert Competency.objects.get(slug="link-building").discipline.slug == "seo"


def test_broken_data_file_gives_command_error(db, tmp_path, monkeypatch):
    shutil.copy(files.CATALOGUE_DIR / "salaries.csv", tmp_path / "salaries.csv")
    shipped = (files.CATALOGUE_DIR / "catalogue.toml").read_text(encoding="utf-8")
    broken = shipped.replace(
        '{ competency = "paid-search", level = 4, weight = 3 }',
        '{ competency = "paid-serach", level = 4, weight = 3 }',
    )
    assert broken != shipped
    (tmp_path / "catalogue.toml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(files, "CATALOGUE_DIR", tmp_path)

    with pytest.raises(CommandError) as error:
        call_command("load_catalogue", stdout=io.StringIO())

    assert str(error.value) == (
        'The catalogue data is invalid. role "ppc-specialist", requirement #1: '
        "competency names unknown 'paid-serach'."
    )
    assert Role.objects.count() == 0
