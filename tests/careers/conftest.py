import pytest

from careers.catalogue.loader import load_catalogue


@pytest.fixture(scope="module")
def default_catalogue(module_db):
    """The default catalogue, loaded once for a module whose tests only read it (or change
    it inside their own savepoint)."""
    load_catalogue()


@pytest.fixture
def catalogue(db, default_catalogue):
    """The default catalogue, for a test in a savepoint of the module's transaction."""
