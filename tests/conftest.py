import pytest


@pytest.fixture(autouse=True)
def _static_storage_without_manifest(settings):
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_report_header(config):
    """Say which database the run uses: SQLite by default, PostgreSQL by DATABASE_URL."""
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
