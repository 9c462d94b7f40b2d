"""`manage.py score` and the catalogue snapshot it scores against."""

import io
import json
import os
import subprocess
import sys
import tempfile

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from assessments.domain import catalogue as snapshot
from assessments.queries.catalogue import catalogue_snapshot
from careers.models import (
    Competency,
    Discipline,
    DisciplineAnchor,
    Layer,
    LearningResource,
    Role,
    RoleRequirement,
)

pytestmark = pytest.mark.django_db

LAYERS = ("producers", "distributors", "converters", "architects")


def make_layer(slug: str, order: int, **fields) -> Layer:
    return Layer.objects.create(
        slug=slug,
        name=slug.title(),
        order=order,
        purpose="A part of the ecosystem.",
        metaphor="A part of the forest.",
        description="What it does.",
        **fields,
    )


def make_discipline(layer: Layer, slug: str, name: str, order: int = 1, **fields) -> Discipline:
    return Discipline.objects.create(
        layer=layer, slug=slug, name=name, order=order, summary="A specialism.", **fields
    )


def make_competency(
    discipline: Discipline, slug: str, name: str, order: int = 1, **fields
) -> Competency:
    return Competency.objects.create(
        discipline=discipline,
        slug=slug,
        name=name,
        order=order,
        description="A rateable skill.",
        **fields,
    )


def make_role(slug: str, name: str, discipline: Discipline, stage: str, **fields) -> Role:
    return Role.objects.create(
        slug=slug,
        name=name,
        layer=discipline.layer,
        discipline=discipline,
        stage=stage,
        focus=Role.Focus.TACTICAL,
        summary="What the role does.",
        goals="A goal",
        tools="A tool",
        key_metrics="A metric",
        **fields,
    )


@pytest.fixture
def catalogue_rows():
    """One discipline per layer, six active competencies, two active roles, and retired
    entries at every level that the snapshot must leave out."""
    producers, distributors, converters, architects = (
        make_layer(slug, order) for order, slug in enumerate(LAYERS, start=1)
    )
    make_layer("retired-layer", 9, is_active=False)
    copywriting = make_discipline(producers, "copywriting", "Copywriting")
    seo = make_discipline(distributors, "seo", "SEO")
    analytics = make_discipline(converters, "marketing-analytics", "Marketing analytics")
    strategy = make_discipline(architects, "marketing-strategy", "Marketing strategy")
    retired_discipline = make_discipline(
        distributors, "retired-discipline", "Retired discipline", order=2, is_active=False
    )
    make_competency(copywriting, "headlines", "Headlines", 1)
    make_competency(copywriting, "long-form", "Long-form writing", 2)
    research = make_competency(seo, "keyword-research", "Keyword research", 1)
    technical = make_competency(seo, "technical-seo", "Technical SEO", 2)
    retired_skill = make_competency(seo, "retired-skill", "Retired skill", 3, is_active=False)
    make_competency(retired_discipline, "orphan-skill", "Orphan skill")
    attribution = make_competency(analytics, "attribution", "Attribution")
    positioning = make_competency(strategy, "positioning", "Positioning")
    LearningResource.objects.create(
        competency=positioning,
        title="Positioning basics",
        url="https://example.com/positioning",
        kind=LearningResource.Kind.BOOK,
        order=2,
    )
    LearningResource.objects.create(
        competency=positioning,
        title="A positioning workshop",
        url="https://example.com/positioning-workshop",
        kind=LearningResource.Kind.PRACTICE,
        order=1,
    )
    specialist = make_role("seo-specialist", "SEO Specialist", seo, Role.Stage.SPECIALIST)
    director = make_role("marketing-director", "Marketing Director", strategy, Role.Stage.DIRECTOR)
    make_role("retired-role", "Retired Role", seo, Role.Stage.MANAGER, is_active=False)
    make_role("orphan-role", "Orphan Role", retired_discipline, Role.Stage.SPECIALIST)
    for role, competency, level, weight in [
        (specialist, research, 4, 3),
        (specialist, technical, 2, 1),
        (specialist, retired_skill, 5, 3),
        (director, positioning, 4, 3),
        (director, attribution, 3, 2),
    ]:
        RoleRequirement.objects.create(role=role, competency=competency, level=level, weight=weight)


# Copywriting (2, 0) = 20, SEO (5, 3) = 80, analytics 40, strategy 0. Breadth: 12.5 + 25 +
# 25 + 0 = 62.5, shown as 63. Deep but not broad: I-shaped, phase 3, and the director target
# is a leadership role, so its gaps are the next actions.
INPUT = {
    "ratings": {"keyword-research": 5, "technical-seo": 3, "headlines": 2, "attribution": 2},
    "interests": ["seo"],
    "target_role": "marketing-director",
}
POSITIONING_RESOURCES = [
    {
        "title": "A positioning workshop",
        "url": "https://example.com/positioning-workshop",
        "kind": "practice",
    },
    {"title": "Positioning basics", "url": "https://example.com/positioning", "kind": "book"},
]
EXPECTED = {
    "scoring_version": "2",
    "depth": 80,
    "depth_discipline": "seo",
    "breadth": 63,
    "shape": "i-shaped",
    "phase": 3,
    "phase_name": "Broaden again",
    "layers": {"producers": 20, "distributors": 80, "converters": 40, "architects": 0},
    "disciplines": {
        "copywriting": 20,
        "seo": 80,
        "marketing-analytics": 40,
        "marketing-strategy": 0,
    },
    "matches": [
        {"role": "seo-specialist", "fit": 100, "gaps": []},
        {
            # 3 · 0/4 + 2 · 2/3 = 1.33 of 5 = 26.67, shown as 27.
            "role": "marketing-director",
            "fit": 27,
            "gaps": [
                {
                    "competency": "positioning",
                    "name": "Positioning",
                    "have": 0,
                    "need": 4,
                    "weight": 3,
                },
                {
                    "competency": "attribution",
                    "name": "Attribution",
                    "have": 2,
                    "need": 3,
                    "weight": 2,
                },
            ],
        },
    ],
    "next_actions": [
        # The director target is a leadership role: only its gaps, by weight × shortfall.
        {
            "competency": "positioning",
            "name": "Positioning",
            "discipline": "marketing-strategy",
            "have": 0,
            "target": 4,
            "reason": "Marketing Director needs level 4 (weight 3); you have 0.",
            "resources": POSITIONING_RESOURCES,
        },
        {
            "competency": "attribution",
            "name": "Attribution",
            "discipline": "marketing-analytics",
            "have": 2,
            "target": 3,
            "reason": "Marketing Director needs level 3 (weight 2); you have 2.",
            "resources": [],
        },
    ],
    "warnings": [],
}


def run_score(*args, **options) -> dict:
    out = io.StringIO()
    call_command("score", *args, stdout=out, **options)
    return json.loads(out.getvalue())


def test_score_prints_the_contract(catalogue_rows, tmp_path):
    path = tmp_path / "ratings.json"
    path.write_text(json.dumps(INPUT), encoding="utf-8")
    assert run_score(str(path)) == EXPECTED


def test_score_reads_standard_input(catalogue_rows):
    assert run_score("-", stdin=io.StringIO(json.dumps(INPUT))) == EXPECTED


def test_score_output_is_indented_json(catalogue_rows):
    out = io.StringIO()
    call_command("score", "-", stdin=io.StringIO('{"ratings": {}}'), stdout=out)
    assert out.getvalue().startswith('{\n  "scoring_version": "2",\n  "depth": 0,\n')


def test_only_ratings_are_required_and_missing_ones_count_as_zero(catalogue_rows):
    result = run_score("-", stdin=io.StringIO('{"ratings": {"keyword-research": 4}}'))
    # SEO (4, 0) = 40, distributors 40: one full layer of four.
    assert (result["depth"], result["depth_discipline"], result["breadth"]) == (40, "seo", 25)
    assert (result["shape"], result["phase"]) == ("emerging", 1)


def test_quick_ratings_stand_for_the_competencies_left_out(catalogue_rows):
    data = {"ratings": {"technical-seo": 5}, "quick_ratings": {"seo": 3, "copywriting": 4}}
    result = run_score("-", stdin=io.StringIO(json.dumps(data)))
    # SEO: keyword research 3 from the quick rating, technical SEO 5 of its own.
    assert (result["disciplines"]["seo"], result["disciplines"]["copywriting"]) == (80, 80)
    assert [warning["code"] for warning in result["warnings"]] == ["quick-ratings"]
    assert result["warnings"][0]["message"].startswith(
        "This profile is provisional: 3 of its 6 competencies take the quick rating of "
        "their discipline (Copywriting and SEO)."
    )


def test_the_quick_start_example_of_docs_scoring(catalogue_rows):
    data = {
        "ratings": {"technical-seo": 5},
        "quick_ratings": {
            "copywriting": 3,
            "seo": 2,
            "marketing-analytics": 1,
            "marketing-strategy": 0,
        },
    }
    result = run_score("-", stdin=io.StringIO(json.dumps(data)))
    assert result["disciplines"] == {
        "copywriting": 60,
        "seo": 70,
        "marketing-analytics": 20,
        "marketing-strategy": 0,
    }
    assert (result["depth"], result["breadth"], result["shape"], result["phase"]) == (
        70,
        63,
        "emerging",
        2,
    )
    assert [(m["role"], m["fit"]) for m in result["matches"]] == [
        ("seo-specialist", 63),
        ("marketing-director", 13),
    ]
    assert result["warnings"][0]["message"].startswith(
        "This profile is provisional: 5 of its 6 competencies take the quick rating of "
        "their discipline (every discipline)."
    )


def test_score_stores_nothing(catalogue_rows, django_assert_num_queries):
    # The seven reads of the snapshot and nothing else.
    with django_assert_num_queries(7):
        run_score("-", stdin=io.StringIO(json.dumps(INPUT)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"ratings": {"keyword-research": 6, "knitting": 2, "headlines": 2.5}},
            "The input has 3 problems:\n"
            "  - the level for 'keyword-research' must be a whole number from 0 to 5, not 6\n"
            "  - unknown competency 'knitting'\n"
            "  - the level for 'headlines' must be a whole number from 0 to 5, not 2.5",
        ),
        (
            {"ratings": {"retired-skill": 1}},
            "The input has 1 problem:\n  - unknown competency 'retired-skill'",
        ),
        (
            {"ratings": {}, "interests": ["retired-discipline"], "target_role": "retired-role"},
            "The input has 2 problems:\n  - unknown discipline 'retired-discipline'\n"
            "  - unknown role 'retired-role'",
        ),
        (
            {"ratings": {"headlines": True}, "extra": 1},
            "The input has 2 problems:\n  - unknown key 'extra'\n"
            "  - the level for 'headlines' must be a whole number from 0 to 5, not True",
        ),
        ([], "The input has 1 problem:\n  - the input must be a JSON object, not a list"),
    ],
)
def test_bad_input_is_refused_with_every_problem(catalogue_rows, data, message):
    with pytest.raises(CommandError) as caught:
        run_score("-", stdin=io.StringIO(json.dumps(data)))
    assert str(caught.value) == message
    assert caught.value.returncode == 2


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError) as caught:
        run_score(str(tmp_path / "nope.json"))
    assert str(caught.value) == f"Cannot read {tmp_path / 'nope.json'}: No such file or directory."
    assert caught.value.returncode == 2


def test_an_input_past_the_api_body_limit_is_refused_unread(settings, tmp_path):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    endless = io.StringIO(" " * 101)
    with pytest.raises(CommandError) as caught:
        run_score("-", stdin=endless)
    assert (
        str(caught.value) == "standard input is larger than the 100 bytes a scoring input may have."
    )
    assert caught.value.returncode == 2
    assert endless.tell() == 101  # read one past the limit, no further
    path = tmp_path / "big.json"
    path.write_bytes(b'{"ratings": {}}' + b" " * 100)
    with pytest.raises(CommandError) as caught:
        run_score(str(path))
    assert str(caught.value) == f"{path} is larger than the 100 bytes a scoring input may have."


def test_an_endless_input_is_refused(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    with open("/dev/zero", encoding="latin-1") as endless, pytest.raises(CommandError) as caught:
        run_score("-", stdin=endless)
    assert str(caught.value) == (
        "standard input is larger than the 1,000 bytes a scoring input may have."
    )


def test_invalid_json_is_refused():
    with pytest.raises(CommandError) as caught:
        run_score("-", stdin=io.StringIO('{"ratings": {"seo": NaN}}'))
    assert str(caught.value).startswith("standard input is not valid JSON: NaN is not a JSON")
    assert caught.value.returncode == 2


def manage(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """Run manage.py against the test database (on PostgreSQL, every command connects)."""
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        # A file of its own: the test run holds the test database's file.
        url = f"sqlite:///{tempfile.gettempdir()}/tprofile-score-{os.getpid()}.sqlite3"
    else:
        url = (
            f"postgres://{database['USER']}@{database['HOST'] or 'localhost'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**os.environ, "DATABASE_URL": url},
        input=stdin,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("score", "/nonexistent/ratings.json"), "", "Cannot read /nonexistent/ratings.json"),
        (("score", "-"), "{not json", "standard input is not valid JSON"),
        (("score", "-"), '["ratings"]', "the input must be a JSON object, not a list"),
        (("score", "-"), '"ratings"', "the input must be a JSON object, not a string"),
    ],
)
def test_the_command_exits_with_status_2_and_no_traceback(django_db_setup, args, stdin, message):
    result = manage(*args, stdin=stdin)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- The catalogue snapshot -----------------------------------------------------------------


def test_snapshot_holds_the_active_catalogue_in_order(catalogue_rows):
    catalogue = catalogue_snapshot()
    assert [layer.slug for layer in catalogue.layers] == list(LAYERS)
    assert [d.slug for d in catalogue.disciplines] == [
        "copywriting",
        "seo",
        "marketing-analytics",
        "marketing-strategy",
    ]
    assert [c.slug for c in catalogue.competencies] == [
        "headlines",
        "long-form",
        "keyword-research",
        "technical-seo",
        "attribution",
        "positioning",
    ]
    assert catalogue.competency_by_slug["positioning"].resources == (
        snapshot.Resource(
            "A positioning workshop", "https://example.com/positioning-workshop", "practice"
        ),
        snapshot.Resource("Positioning basics", "https://example.com/positioning", "book"),
    )
    assert catalogue.roles == (
        snapshot.Role(
            "seo-specialist",
            "SEO Specialist",
            "distributors",
            "seo",
            "specialist",
            (
                snapshot.Requirement("keyword-research", 4, 3),
                snapshot.Requirement("technical-seo", 2, 1),
            ),
        ),
        snapshot.Role(
            "marketing-director",
            "Marketing Director",
            "architects",
            "marketing-strategy",
            "director",
            (snapshot.Requirement("positioning", 4, 3), snapshot.Requirement("attribution", 3, 2)),
        ),
    )


def add_discipline(number: int) -> None:
    """Another discipline with its five anchors, three competencies with two resources each,
    and a role needing all three."""
    layer = Layer.objects.get(slug=LAYERS[number % 4])
    discipline = make_discipline(layer, f"extra-{number}", f"Extra {number}", order=10 + number)
    for level in range(1, 6):
        DisciplineAnchor.objects.create(
            discipline=discipline, level=level, description=f"Level {level}."
        )
    role = make_role(f"extra-role-{number}", f"Extra role {number}", discipline, "manager")
    for c in range(3):
        competency = make_competency(discipline, f"extra-{number}-{c}", f"Extra {number} {c}", c)
        for r in range(2):
            LearningResource.objects.create(
                competency=competency,
                title=f"Resource {r}",
                url=f"https://example.com/{number}/{c}/{r}",
            )
        RoleRequirement.objects.create(role=role, competency=competency, level=3, weight=2)


@pytest.mark.parametrize("extra", [0, 12])
def test_snapshot_takes_seven_queries_whatever_the_size(
    catalogue_rows, extra, django_assert_num_queries
):
    for number in range(extra):
        add_discipline(number)
    with django_assert_num_queries(7):
        catalogue = catalogue_snapshot()
    assert len(catalogue.competencies) == 6 + 3 * extra
    assert len(catalogue.roles) == 2 + extra
    assert sorted(len(d.anchors) for d in catalogue.disciplines) == [0] * 4 + [5] * extra
