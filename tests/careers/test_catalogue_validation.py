"""The checks of the shipped catalogue's tables and rows (careers.catalogue.schema, run by
careers.catalogue.validation), and the table the loader writes from: plain data in, plain
data or a message out."""

import copy

import pytest

from careers.catalogue import validation
from careers.catalogue.entries import (
    AnchorData,
    DisciplineAnchorData,
    DisciplineData,
    TransitionData,
)
from careers.catalogue.files import CatalogueError
from careers.catalogue.loader import Table
from careers.models import (
    Competency,
    Discipline,
    DisciplineAnchor,
    Layer,
    LevelAnchor,
    Role,
    RoleTransition,
)

LAYER = {
    "slug": "producers",
    "name": "Producers",
    "purpose": "Make things.",
    "metaphor": "Biomass.",
    "description": "Long text.",
    "depends_on": "Others.",
    "disciplines": [
        {
            "slug": "copywriting",
            "name": "Copywriting",
            "summary": "Words.",
            "anchors": [" Has seen it. ", "Helps.", "Alone.", "Leads.", "Sets the standard."],
            "competencies": [
                {
                    "slug": "ad-copy",
                    "name": "Ad copy",
                    "description": "Short copy.",
                    "anchors": ["one", "two", "three", "four", " five "],
                    "resources": [
                        {"title": "A guide", "url": "https://example.com/", "kind": "guide"}
                    ],
                }
            ],
        }
    ],
}
ROLE = {
    "slug": "copywriter",
    "name": "Copywriter",
    "layer": "producers",
    "discipline": "copywriting",
    "stage": "specialist",
    "focus": "tactical",
    "summary": "Writes.",
    "goals": ["Sell", " Tell "],
    "tools": ["Docs"],
    "key_metrics": ["Clicks"],
    "requirements": [{"competency": "ad-copy", "level": 4, "weight": 3}],
}
FILE = {
    "salaries": {"year": 2025, "source": "A survey"},
    "layers": [LAYER],
    "roles": [ROLE],
    "transitions": [],
}


def changed(*edits):
    """The file with each (path, value) set; a value of None removes the key."""
    tables = copy.deepcopy(FILE)
    for path, value in edits:
        *parents, last = path
        target = tables
        for key in parents:
            target = target[key]
        if value is None:
            del target[last]
        else:
            target[last] = value
    return tables


def refusal(*edits) -> str:
    with pytest.raises(CatalogueError) as error:
        validation.validate_toml(changed(*edits))
    return str(error.value)


def test_a_sound_file_reads_into_stripped_values():
    checked = validation.validate_toml(FILE)

    discipline = checked.layers[0].disciplines[0]
    assert discipline.anchors == (
        "Has seen it.",
        "Helps.",
        "Alone.",
        "Leads.",
        "Sets the standard.",
    )
    competency = discipline.competencies[0]
    assert competency.anchors == ("one", "two", "three", "four", "five")
    assert checked.roles[0].goals == "Sell\nTell"
    assert checked.roles[0].requirements[0].level == 4
    assert (checked.salaries.year, checked.salaries.source) == (2025, "A survey")
    assert checked.transitions == ()


DISCIPLINE = ("layers", 0, "disciplines", 0)
COMPETENCY = (*DISCIPLINE, "competencies", 0)


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        (
            [(("layers", 0, "name"), None)],
            'layer "producers": name must be a non-empty text.',
        ),
        (
            [(("layers", 0, "name"), "x" * 121)],
            'layer "producers": name is longer than 120 characters.',
        ),
        (
            [(("roles", 0, "stage"), "intern")],
            "role \"copywriter\": stage 'intern' is not one of specialist, manager, director, "
            "executive.",
        ),
        (
            [(("roles", 0, "requirements", 0, "weight"), True)],
            'role "copywriter", requirement "ad-copy": weight True is not a whole number from '
            "1 to 3.",
        ),
        (
            [(("roles", 0, "requirements", 0, "colour"), "red")],
            "role \"copywriter\", requirement #1: unknown field 'colour'.",
        ),
        (
            [((*COMPETENCY, "resources"), [])],
            'competency "ad-copy": needs at least one learning resource.',
        ),
        (
            [((*COMPETENCY, "anchors"), ["one"])],
            'competency "ad-copy": anchors must be a list of 5 texts, one for each level 1 to 5.',
        ),
        (
            [((*DISCIPLINE, "anchors"), None)],
            'discipline "copywriting": anchors must be a list of 5 texts, one for each level '
            "1 to 5.",
        ),
        (
            [((*DISCIPLINE, "anchors"), ["one", "two", "three", "four", "five", "six"])],
            'discipline "copywriting": anchors must be a list of 5 texts, one for each level '
            "1 to 5.",
        ),
        (
            [((*DISCIPLINE, "anchors"), "one, two, three, four, five")],
            'discipline "copywriting": anchors must be a list of 5 texts, one for each level '
            "1 to 5.",
        ),
        (
            [((*DISCIPLINE, "anchors"), ["one", "two", "  ", "four", "five"])],
            'discipline "copywriting": the anchor for level 3 must be a text.',
        ),
        (
            [((*DISCIPLINE, "anchors"), ["one", 2, "three", "four", "five"])],
            'discipline "copywriting": the anchor for level 2 must be a text.',
        ),
        (
            [((*DISCIPLINE, "anchors"), ["one", "two", "three", "four", "x" * 301])],
            'discipline "copywriting": the anchor for level 5 is longer than 300 characters.',
        ),
        (
            [((*COMPETENCY, "slug"), "Ad_Copy")],
            "discipline \"copywriting\", competency #1: slug 'Ad_Copy' must be lowercase words "
            "joined by hyphens.",
        ),
        (
            [(("salaries",), None)],
            "catalogue.toml: needs a [salaries] table with year and source.",
        ),
        (
            [(("salaries", "year"), 1899)],
            "[salaries]: year 1899 is not a whole number from 1900 to 2999.",
        ),
        ([(("layers",), {"slug": "x"})], "catalogue.toml: layers must be a list of tables."),
        ([(("roles", 0, "layer"), "nope")], "role \"copywriter\": layer names unknown 'nope'."),
        (
            [(("roles", 0, "requirements", 0, "competency"), ["ad-copy"])],
            "role \"copywriter\", requirement #1: competency names unknown ['ad-copy'].",
        ),
        (
            [
                (("layers",), [LAYER, {**LAYER, "slug": "distributors", "disciplines": []}]),
                (("roles", 0, "layer"), "distributors"),
            ],
            'role "copywriter": discipline "copywriting" is not in layer "distributors".',
        ),
    ],
)
def test_a_fault_is_named_with_its_entry(edits, message):
    assert refusal(*edits) == message


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        # Within a table: its slug, then unknown fields (alphabetically), then its fields.
        (
            [(("layers", 0, "name"), None), (("layers", 0, "slug"), "-")],
            "layer #1: slug '-' must be lowercase words joined by hyphens.",
        ),
        (
            [
                (("layers", 0, "name"), None),
                (("layers", 0, "zeta"), 1),
                (("layers", 0, "alpha"), 1),
            ],
            "layer \"producers\": unknown field 'alpha'.",
        ),
        (
            [(("layers", 0, "depends_on"), None), (("layers", 0, "purpose"), None)],
            'layer "producers": purpose must be a non-empty text.',
        ),
        # A table's own fields before those of the tables inside it.
        (
            [((*COMPETENCY, "anchors"), None), ((*DISCIPLINE, "anchors"), None)],
            'discipline "copywriting": anchors must be a list of 5 texts, one for each level '
            "1 to 5.",
        ),
        # A discipline's anchors after its summary.
        (
            [((*DISCIPLINE, "anchors"), None), ((*DISCIPLINE, "summary"), "")],
            'discipline "copywriting": summary must be a non-empty text.',
        ),
        (
            [((*COMPETENCY, "name"), None), (("layers", 0, "summary"), 3)],
            "layer \"producers\": unknown field 'summary'.",
        ),
        # A role's references before its other fields.
        (
            [(("roles", 0, "name"), None), (("roles", 0, "discipline"), "seo")],
            "role \"copywriter\": discipline names unknown 'seo'.",
        ),
        # Layers before roles before the salaries table, whatever the file's order.
        (
            [(("salaries", "year"), None), (("roles", 0, "name"), None)],
            'role "copywriter": name must be a non-empty text.',
        ),
        (
            [(("roles", 0, "name"), None), ((*COMPETENCY, "name"), None)],
            'competency "ad-copy": name must be a non-empty text.',
        ),
    ],
)
def test_of_several_faults_the_first_a_reader_meets_is_named(edits, message):
    assert refusal(*edits) == message


@pytest.mark.parametrize(
    ("row", "refusals"),
    [
        (
            {"country": "GB", "experience_level": "mid", "low": "1", "high": "2"},
            {},
        ),
        (
            {"country": "FR", "experience_level": "junior", "low": "1", "high": "2"},
            {
                "country": "country 'FR' is not one of US, CA, GB, AU.",
                "experience_level": "experience_level 'junior' is not one of entry, mid, "
                "senior, executive.",
            },
        ),
        (
            {"country": "GB", "experience_level": "mid", "low": "-1", "high": "2.5"},
            {
                "low": "low '-1' is not a whole number.",
                "high": "high '2.5' is not a whole number.",
            },
        ),
    ],
)
def test_a_salary_row_is_checked_column_by_column(row, refusals):
    full = {"role": "copywriter", "experience_note": "", "high_is_open": "false", **row}

    checked, found = validation.row_refusals(full)

    assert found == refusals
    assert (checked is None) == bool(refusals)


@pytest.mark.parametrize(
    ("tables", "known"),
    [
        (
            FILE,
            {
                "layer": {"producers"},
                "discipline": {"copywriting": "producers"},
                "competency": {"ad-copy"},
                "role": {"copywriter"},
            },
        ),
        ({}, {"layer": set(), "discipline": {}, "competency": set(), "role": set()}),
        (
            {"layers": [3, {"slug": ["x"]}, {"slug": "a", "disciplines": "b"}], "roles": "r"},
            {"layer": {"a"}, "discipline": {}, "competency": set(), "role": set()},
        ),
    ],
)
def test_references_are_checked_against_the_slugs_the_file_gives(tables, known):
    assert validation.known_slugs(tables) == known


def test_a_table_row_names_related_rows_by_id_and_adds_its_fixed_values():
    ids = {Layer: {"producers": 7}, Role: {"a": 1, "b": 2}}
    disciplines = Table(Discipline, ("slug",), (), {"layer": Layer}, {"is_active": True})
    transitions = Table(
        RoleTransition, ("from_role_id", "to_role_id"), (), {"from_role": Role, "to_role": Role}
    )
    anchors = Table(LevelAnchor, ("competency_id", "level"), (), {"competency": Competency})
    discipline_anchors = Table(
        DisciplineAnchor, ("discipline_id", "level"), (), {"discipline": Discipline}
    )

    discipline = DisciplineData("seo", "SEO", 2, "producers", "Search.", "editorial")
    assert disciplines.values(discipline, ids) == {
        "slug": "seo",
        "name": "SEO",
        "order": 2,
        "layer_id": 7,
        "summary": "Search.",
        "basis": "editorial",
        "is_active": True,
    }
    assert transitions.values(TransitionData("a", "b", "promotion", "Up.", "source"), ids) == {
        "from_role_id": 1,
        "to_role_id": 2,
        "kind": "promotion",
        "note": "Up.",
        "basis": "source",
    }
    assert anchors.values(AnchorData("seo", 3, "Works alone."), {Competency: {"seo": 4}}) == {
        "competency_id": 4,
        "level": 3,
        "description": "Works alone.",
    }
    discipline_anchor = DisciplineAnchorData("seo", 2, "Helps.")
    assert discipline_anchors.values(discipline_anchor, {Discipline: {"seo": 5}}) == {
        "discipline_id": 5,
        "level": 2,
        "description": "Helps.",
    }
