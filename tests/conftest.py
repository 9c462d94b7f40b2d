import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from tests.factories import UserFactory
from tests.server import manage, production_env

# The modules that take longest (a browser on many pages, servers and databases of their
# own): handed out first when the tests run in parallel (pytest-xdist gives each worker a
# whole module at a time), so that the last modules to start are short ones and the workers
# finish together. The others follow, those with the most tests first.
SLOW_MODULES = [
    "tests/e2e/test_accessibility.py",
    "tests/e2e/test_page_fit.py",
    "tests/test_backups.py",
    "tests/e2e/test_screenshots.py",
    "tests/assessments/domain/test_coverage_properties.py",
    "tests/e2e/test_assessment_flow.py",
    "tests/e2e/test_team_flow.py",
    "tests/test_fuzz_forms.py",
    "tests/test_security_headers.py",
    "tests/assessments/views/test_login_lockout.py",
    "tests/test_static_manifest.py",
]

# The hasher of `fast_password_hashing`, for data built per test or once per module.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    if not hasattr(config, "workerinput"):  # not an xdist worker: a serial run keeps its order
        return
    modules = {}
    for item in items:
        modules.setdefault(item.nodeid.partition("::")[0], []).append(item)
    slow = {path: rank for rank, path in enumerate(SLOW_MODULES)}
    order = sorted(modules, key=lambda path: (slow.get(path, len(slow)), -len(modules[path])))
    items[:] = [item for path in order for item in modules[path]]


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A SQLite file with every migration applied, made once per test process for the tests
    that start the app in processes of their own (tests.server.migrated_copy)."""
    path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    manage(production_env(path), "migrate", "--noinput")
    return path


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate-limit counts and cached catalogues do not
    leak from one test to the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.

    Tests about the production hasher set PASSWORD_HASHERS back (see test_accounts).
    """
    settings.PASSWORD_HASHERS = list(FAST_PASSWORD_HASHERS)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around all of a module's tests, for data built once and only read.

    Fixtures that depend on it write their rows once per module; each test still runs in a
    savepoint of its own (pytest-django's `db` nests in this transaction), so whatever a
    test changes is undone before the next, and everything is rolled back after the last.
    Only for modules whose tests use `db`, not `transactional_db` or `live_server`.
    """
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=list(FAST_PASSWORD_HASHERS)),
    ):
        # Built from an empty cache, as a test's own data is (`empty_cache`).
        cache.clear()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def user(db):
    return UserFactory(username="ada", email="ada@example.com")


@pytest.fixture
def staff(db):
    return UserFactory(username="curator", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def small_catalogue(db):
    """Two layers, three disciplines, four competencies, three roles, bands in two countries.

    Enough of the catalogue's shape for page tests to assert exact content.
    """
    return build_small_catalogue()


@pytest.fixture(scope="module")
def module_small_catalogue(module_db):
    """`small_catalogue`, built once for a module whose tests only read it (see module_db)."""
    return build_small_catalogue()


def build_small_catalogue() -> dict:
    """The rows of `small_catalogue`, for fixtures that build their data once per module."""
    from tests.factories import (
        CompetencyFactory,
        DisciplineAnchorFactory,
        DisciplineFactory,
        LayerFactory,
        LearningResourceFactory,
        LevelAnchorFactory,
        RoleFactory,
        RoleRequirementFactory,
        RoleTransitionFactory,
        SalaryBandFactory,
    )

    producers = LayerFactory(
        slug="producers",
        name="Producers",
        order=1,
        purpose="Create the content everything else carries.",
        metaphor="The plants that feed the forest.",
        description="Writers, designers and strategists.",
        depends_on="Without distribution nobody sees their work.",
    )
    distributors = LayerFactory(
        slug="distributors",
        name="Distributors",
        order=2,
        purpose="Carry content to the right audience.",
        metaphor="The pollinators.",
        description="Channel specialists.",
    )
    copywriting = DisciplineFactory(
        layer=producers, slug="copywriting", name="Copywriting", order=1, summary="Words."
    )
    for level in range(1, 6):
        DisciplineAnchorFactory(
            discipline=copywriting, level=level, description=f"Copywriting at level {level}."
        )
    DisciplineFactory(
        layer=producers, slug="graphic-design", name="Graphic design", order=2, summary="Visuals."
    )
    seo = DisciplineFactory(layer=distributors, slug="seo", name="SEO", order=1, summary="Search.")
    headlines = CompetencyFactory(
        discipline=copywriting,
        slug="headlines",
        name="Headlines",
        order=1,
        description="Write headlines that earn the click.",
    )
    for level in range(1, 6):
        LevelAnchorFactory(
            competency=headlines, level=level, description=f"Headlines at level {level}."
        )
    LearningResourceFactory(
        competency=headlines, title="A headline guide", url="https://example.com/headlines"
    )
    landing = CompetencyFactory(
        discipline=copywriting,
        slug="landing-copy",
        name="Landing page copy",
        order=2,
        description="Copy that converts.",
    )
    research = CompetencyFactory(
        discipline=seo,
        slug="keyword-research",
        name="Keyword research",
        order=1,
        description="Find what people search for.",
    )
    CompetencyFactory(
        discipline=seo,
        slug="retired-skill",
        name="Retired skill",
        order=2,
        is_active=False,
        description="No longer rated.",
    )
    copywriter = RoleFactory(
        slug="copywriter",
        name="Copywriter",
        discipline=copywriting,
        layer=producers,
        order=1,
        summary="Writes words that make people act.",
        goals="More clicks\nClearer pages",
        tools="A style guide",
        key_metrics="Click-through rate",
    )
    strategist = RoleFactory(
        slug="content-strategist",
        name="Content Strategist",
        discipline=copywriting,
        layer=producers,
        order=2,
        focus="strategic",
        summary="Plans the content.",
    )
    seo_specialist = RoleFactory(
        slug="seo-specialist",
        name="SEO Specialist",
        discipline=seo,
        layer=distributors,
        order=1,
        summary="Makes pages findable.",
    )
    RoleFactory(
        slug="retired-role",
        name="Retired Role",
        discipline=seo,
        layer=distributors,
        order=2,
        is_active=False,
    )
    RoleRequirementFactory(role=copywriter, competency=headlines, level=4, weight=3)
    RoleRequirementFactory(role=copywriter, competency=landing, level=3, weight=2)
    RoleRequirementFactory(role=copywriter, competency=research, level=2, weight=1)
    RoleTransitionFactory(
        from_role=copywriter, to_role=strategist, kind="sideways", note="Plan as well as write."
    )
    RoleTransitionFactory(from_role=seo_specialist, to_role=copywriter, kind="sideways")
    for country, entry, senior in [
        ("US", (50_000, 70_000), (95_000, 130_000)),
        ("GB", (28_000, 35_000), (50_000, 70_000)),
    ]:
        SalaryBandFactory(
            role=copywriter,
            country=country,
            experience_level="entry",
            low=entry[0],
            high=entry[1],
            source="2025 salary survey",
        )
        SalaryBandFactory(
            role=copywriter,
            country=country,
            experience_level="senior",
            low=senior[0],
            high=senior[1],
            high_is_open=True,
            source="2025 salary survey",
        )
    return {"producers": producers, "copywriter": copywriter, "seo": seo}
