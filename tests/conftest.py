from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(autouse=True)
def _static_storage_without_manifest(settings):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _empty_caches():
    # Cached values are keyed on the data version, which a rolled-back test puts back
    # as it was: no test sees what an earlier one kept (correspondence/browse_cache.py).
    from django.core.cache import caches

    from browse.index import current

    for cache in caches.all(initialized_only=True):
        cache.clear()
    current.clear()  # the browse index too: it is kept for a version
    yield


@pytest.fixture(autouse=True)
def _views_without_the_page_cache(settings):
    # Query counts and "400 before any query" measure the views themselves: the
    # whole-page cache (a data-version read per anonymous GET, and answers kept between
    # requests) is left out here and tested on its own in test_browse_cache.py.
    page_cache = "config.page_cache.AnonymousPageCacheMiddleware"
    if page_cache in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != page_cache]


def pytest_collection_modifyitems(config, items):
    """Every test on a real transaction (``transaction=True``, ``transactional_db``,
    ``live_server``) must also ask for ``serialized_rollback``.

    Its teardown empties the tables. Without ``serialized_rollback`` Django then
    recreates the content types, with new ids, and the next test that restores the
    serialized database fails on them (UNIQUE constraint on django_content_type);
    which test that is depends on the order the tests run in. With it, the tables stay
    empty until the next such test restores what the migrations wrote (the Editors
    group and the data version row included)."""
    wrong = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        names = set(getattr(item, "fixturenames", ()))
        real = (marker is not None and marker.kwargs.get("transaction")) or bool(
            names & {"transactional_db", "live_server"}
        )
        serialized = (
            marker is not None and marker.kwargs.get("serialized_rollback")
        ) or "django_db_serialized_rollback" in names
        if real and not serialized:
            wrong.append(item.nodeid)
    if wrong:
        raise pytest.UsageError(
            "tests on a real transaction without serialized_rollback=True "
            "(tests/conftest.py says why): " + ", ".join(wrong)
        )


def pytest_report_header(config):
    """Say which database the run uses: SQLite by default, PostgreSQL by
    DATABASE_URL."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    test_name = (db.get("TEST") or {}).get("NAME")
    if db["ENGINE"].endswith("sqlite3"):
        where = f"file {test_name}" if test_name else "in memory"
        return f"database: SQLite ({where}; set DATABASE_URL for PostgreSQL)"
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    vendor = {"postgresql": "PostgreSQL"}.get(engine, engine)
    test_name = test_name or f"test_{db['NAME']}"
    server = f"{db.get('USER') or '(default user)'}@{db.get('HOST') or 'socket'}"
    if db.get("PORT"):
        server += f":{db['PORT']}"
    return f"database: {vendor} at {server}, test database {test_name}"


@pytest.fixture
def edition(db):
    """The edition as it ships: the five seed letters of fixtures/*.json, their people,
    topics and sources, indexed for search (``load_edition``). Per test, rolled back
    with it, on either database."""
    call_command("load_edition", stdout=StringIO())


@pytest.fixture(scope="module")
def edition_for_module(django_db_setup, django_db_blocker):
    """The edition loaded once for a whole test module, inside a transaction rolled
    back when the module ends (as ``TestCase.setUpTestData`` does); each test still
    rolls back its own changes. Use it for every test of a module
    (``pytestmark = pytest.mark.usefixtures("edition_for_module")``), since the letters
    are there from the first test that asks until the module ends; not with
    ``transactional_db`` or ``live_server``."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_edition", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
