"""Fixtures for the assessment flow: the default catalogue, ways to rate and submit, and
small helpers to read the pages' HTML.

Each test that needs the default catalogue gets its own copy inside its own transaction;
nothing leaks into other tests.
"""

import copy
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from assessments.domain.sheets import check_records, competency_columns
from assessments.models import Assessment
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services import staged_imports
from assessments.services.teams import create_team, join_team
from careers.catalogue.loader import load_catalogue
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
from tests.assessments.support import submitted
from tests.factories import UserFactory

HTMX = {"HX-Request": "true"}
FIRST_SUBMIT = dt.datetime(2025, 1, 6, 12, 0, tzinfo=dt.UTC)


# Parents before children, so the rows can be written back in this order.
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


@pytest.fixture(scope="session")
def default_catalogue_rows(django_db_setup, django_db_blocker):
    """The rows load_catalogue() writes, read once per session and rolled back at once.

    Loading saves row by row (and writes each row's history), which takes most of a
    second; writing these copies back in bulk takes a few milliseconds.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load_catalogue()
        rows = {model: list(model._base_manager.order_by("pk")) for model in CATALOGUE_MODELS}
        others = [
            model
            for model in apps.get_app_config("careers").get_models()
            if model not in CATALOGUE_MODELS
            and not model._meta.object_name.startswith("Historical")
            and model._base_manager.exists()
        ]
        assert not others, f"load_catalogue also writes {others}; copy them too"
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def catalogue(db, default_catalogue_rows):
    """The default catalogue in the database; the fixture is its snapshot (scoring's data)."""
    for model, rows in default_catalogue_rows.items():
        model._base_manager.bulk_create(copy.copy(row) for row in rows)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), CATALOGUE_MODELS):
            cursor.execute(sql)
    return catalogue_snapshot()


@pytest.fixture
def stranger(db):
    return UserFactory(username="mallory", email="mallory@example.com")


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client


def levels_for(catalogue, default: int | None = 0, **overrides: int) -> dict[str, int]:
    """A level for every competency of the catalogue: `default`, except the ones named
    (slugs with underscores for dashes). A `default` of None rates only the named ones."""
    named = {slug.replace("_", "-"): level for slug, level in overrides.items()}
    levels = {} if default is None else {c.slug: default for c in catalogue.competencies}
    levels.update(named)
    unknown = set(named) - set(catalogue.competency_by_slug)
    assert not unknown, f"not in the catalogue: {unknown}"
    return levels


@pytest.fixture
def submit(db) -> Callable[..., Assessment]:
    """`submitted`, each call one week after the previous one unless `when` is given."""
    calls = iter(range(1000))

    def submit_(owner, levels: Mapping[str, int], *, when: dt.datetime | None = None, **options):
        return submitted(
            owner, levels, when=when or FIRST_SUBMIT + dt.timedelta(weeks=next(calls)), **options
        )

    return submit_


# --- reading HTML -------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Node:
    """An element of a page, parsed just enough to find things and read their text."""

    name: str
    attrs: dict[str, str | None]
    children: list["Node | str"] = field(default_factory=list)

    def walk(self) -> Iterator["Node"]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag: str | None = None, /, **wanted: str) -> list["Node"]:
        """Elements by tag name and attribute values (`aria_label` for aria-label): exact
        values, except `class_`, which names classes the element must have among others."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in wanted.items()}
        classes = set(wanted.pop("class", "").split())
        return [
            node
            for node in self.walk()
            if (tag is None or node.name == tag)
            and classes <= set((node.attrs.get("class") or "").split())
            and all(node.attrs.get(key) == value for key, value in wanted.items())
        ]

    def by_id(self, element_id: str) -> "Node":
        found = self.find_all(id=element_id)
        assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
        return found[0]

    @property
    def raw_text(self) -> str:
        return "".join(
            child.raw_text if isinstance(child, Node) else child for child in self.children
        )

    @property
    def text(self) -> str:
        """The text with whitespace collapsed, as a reader sees it."""
        return " ".join(self.raw_text.split())

    def has(self, attribute: str) -> bool:
        return attribute in self.attrs


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attributes):
        node = Node(tag, dict(attributes))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attributes):
        self.stack[-1].children.append(Node(tag, dict(attributes)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].name == tag:
                del self.stack[index:]
                return
        raise AssertionError(f"</{tag}> closes nothing")

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def page(response_or_text) -> Node:
    """The parsed HTML of a response (or of a string)."""
    content = getattr(response_or_text, "content", response_or_text)
    if isinstance(content, bytes):
        content = content.decode()
    builder = _TreeBuilder()
    builder.feed(content)
    builder.close()
    return builder.root


def form_data(root: Node, form_id: str, button: tuple[str, str] | None = None) -> dict:
    """What a browser without JavaScript posts for a form: checked radios and boxes, text
    and hidden inputs, each select's chosen option, and the button pressed."""
    form = root.by_id(form_id)
    data: dict[str, str] = {}
    for node in form.walk():
        name = node.attrs.get("name")
        if not name or "disabled" in node.attrs:
            continue
        if node.name == "input":
            kind = node.attrs.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in node.attrs:
                    data[name] = node.attrs.get("value") or "on"
            elif kind not in {"submit", "button"}:
                data[name] = node.attrs.get("value") or ""
        elif node.name == "select":
            options = node.find_all("option")
            chosen = [o for o in options if "selected" in o.attrs] or options[:1]
            data[name] = chosen[0].attrs.get("value", chosen[0].text) if chosen else ""
    if button:
        data[button[0]] = button[1]
    return data


def stored(assessment: Assessment) -> dict:
    """Everything an assessment holds in the database, to show a request changed nothing."""
    fresh = Assessment.objects.get(pk=assessment.pk)
    return {
        "status": fresh.status,
        "ratings": {
            slug: (level, evidence)
            for slug, level, evidence in fresh.ratings.values_list(
                "competency__slug", "level", "evidence"
            )
        },
        "interests": set(fresh.interests.values_list("slug", flat=True)),
        "quick": dict(fresh.quick_ratings.values_list("discipline__slug", "level")),
        "settings": (fresh.target_role_id, fresh.country, fresh.experience_level),
        "updated_at": fresh.updated_at,
        "submitted_at": fresh.submitted_at,
        "result": fresh.result,
    }


def ratings_of(assessment: Assessment) -> dict[str, tuple[int, str]]:
    return stored(assessment)["ratings"]


STAGED_AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def confirmed(catalogue):
    """Bea's sheet of three rows (Ann, Bob and Cat at levels 1, 2 and 3) for Team A,
    confirmed at STAGED_AT, its task not run yet: the staged import's pk."""
    boss = UserFactory(username="boss")
    team = create_team("Team A", boss)
    people = ("ann", "bob", "cat")
    for name in people:
        join_team(team, UserFactory(username=name, email=f"{name}@example.com"))
    columns = competency_columns(catalogue)
    records = [["email", *columns]]
    records += [
        [f"{name}@example.com", *(str(level) for _ in columns)]
        for level, name in enumerate(people, start=1)
    ]
    sheet = check_records(records, columns)
    token = staged_imports.stage(sheet, team, boss, "ratings.csv", now=STAGED_AT)
    claimed = staged_imports.claim(token, team, boss, now=STAGED_AT)
    assert claimed is not None
    staged_imports.start(claimed, team, catalogue=catalogue, now=STAGED_AT)
    return claimed.pk
