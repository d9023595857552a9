"""A backup restored into a scratch database holds every row: letters, notes, people,
history. SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore."""

import sqlite3
from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from correspondence.models import Footnote, Letter

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def edited_edition():
    """The seed edition with history: every note edited once, one deleted."""
    call_command("load_edition", stdout=StringIO())
    for note in Footnote.objects.all():
        note.text += " (checked)"
        note.save()
    Footnote.objects.order_by("pk").last().delete()


def _counts(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def _scratch_postgres():
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore"
    params = {
        key: settings[field]
        for key, field in [("host", "HOST"), ("port", "PORT"), ("user", "USER")]
        if settings.get(field)
    }
    if settings.get("PASSWORD"):
        params["password"] = settings["PASSWORD"]
    url_auth = params.get("user", "")
    if "password" in params:
        url_auth += f":{params['password']}"
    host = f"{params.get('host', '')}:{params.get('port', 5432)}"
    return name, params, f"postgres://{url_auth}@{host}/{name}"


def test_a_backup_restored_into_a_scratch_database_holds_every_row(
    edited_edition, tmp_path
):
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        expected = _counts(cursor, tables)
    history = {t: n for t, n in expected.items() if "historical" in t}
    assert sum(history.values()) > 0 and expected["correspondence_letter"] > 0
    assert expected["correspondence_footnote"] == Footnote.objects.count() > 0

    out = StringIO()
    call_command("backup_database", "--directory", str(tmp_path), stdout=out)
    (backup,) = tmp_path.iterdir()
    assert str(backup) in out.getvalue()
    assert not list(tmp_path.glob("*.partial"))

    if connection.vendor == "sqlite":
        scratch = tmp_path / "scratch.sqlite3"
        call_command(
            "restore_database",
            str(backup),
            "--yes",
            "--database-url",
            f"sqlite:///{scratch}",
            stdout=StringIO(),
        )
        restored = sqlite3.connect(scratch)
        try:
            got = _counts(restored.cursor(), tables)
            slugs = {
                row[0]
                for row in restored.execute("SELECT slug FROM correspondence_letter")
            }
        finally:
            restored.close()
    else:
        name, params, url = _scratch_postgres()
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            call_command(
                "restore_database",
                str(backup),
                "--yes",
                "--database-url",
                url,
                stdout=StringIO(),
            )
            with psycopg.connect(dbname=name, **params) as restored:
                got = _counts(restored.cursor(), tables)
                slugs = {
                    row[0]
                    for row in restored.execute(
                        "SELECT slug FROM correspondence_letter"
                    )
                }
        finally:
            with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert got == expected
    assert slugs == set(Letter.objects.values_list("slug", flat=True))


def test_restore_asks_for_yes_and_refuses_a_missing_or_foreign_file(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_database", str(tmp_path / "x.sqlite3"))
    with pytest.raises(CommandError, match="no such backup"):
        call_command(
            "restore_database",
            str(tmp_path / "x.sqlite3"),
            "--yes",
            "--database-url",
            f"sqlite:///{tmp_path / 'y.sqlite3'}",
        )
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a backup")
    with pytest.raises(CommandError, match="not an SQLite backup"):
        call_command(
            "restore_database",
            str(wrong),
            "--yes",
            "--database-url",
            f"sqlite:///{tmp_path / 'y.sqlite3'}",
        )
