"""Migrations: none missing, every data migration reversible, and a populated database
migrated back one step and forward again loses nothing."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL

from correspondence.models import Footnote, Letter
from people.models import Person
from tests.editing.helpers import make_editor

PROJECT_APPS = {"correspondence", "people", "places", "editing"}


def test_no_model_change_is_without_its_migration(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit:  # makemigrations --check exits 1 when one is missing
        pytest.fail(f"missing migrations (exit {exit.code}):\n{out.getvalue()}")


def test_every_data_migration_can_be_reversed():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    irreversible = []
    for (app, name), migration in loader.disk_migrations.items():
        if app not in PROJECT_APPS:
            continue
        for operation in migration.operations:
            if isinstance(operation, RunPython | RunSQL) and not operation.reversible:
                irreversible.append(f"{app}.{name}: {operation.describe()}")
    assert not irreversible, irreversible


def _snapshot():
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_back_a_step_and_forward_again_loses_nothing():
    """The editing app's last step (the Editors group, a data migration), on the
    edition with history and an editor in the group."""
    call_command("load_edition", stdout=StringIO())
    editor = make_editor("editor")
    for note in Footnote.objects.all()[:3]:
        note.text += " (checked)"
        note.save()
    before = _snapshot()
    letters = list(Letter.objects.order_by("pk").values_list("slug", "body"))
    assert before["editing_historicalfootnote"] == 3

    executor = MigrationExecutor(connection)
    (last,) = executor.loader.graph.leaf_nodes("editing")
    (previous,) = [
        parent.key
        for parent in executor.loader.graph.node_map[last].parents
        if parent.key[0] == "editing"
    ]
    executor.migrate([previous])
    executor = MigrationExecutor(connection)
    executor.migrate([last])

    assert _snapshot() == before
    assert list(Letter.objects.order_by("pk").values_list("slug", "body")) == letters
    assert editor.groups.filter(name="Editors").exists()
    assert Group.objects.get(name="Editors").permissions.count() > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_records_an_earlier_import_made_for_bodies_become_organisations():
    """people 0007: the importer's rule for the records it made before there were
    kinds; everyone else stays a person."""
    before = [("people", "0006_person_not_the_same")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("people", "Person")
    for slug, name in [
        ("rodniki", "Rodniki Executive Committee"),
        ("cheka", "Cheka"),
        ("lenin", "Lenin"),
        ("secretary", "Secretary of the Edinburgh branch of the SDF"),
    ]:
        old.objects.create(slug=slug, name=name)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    kinds = dict(Person.objects.values_list("slug", "kind"))
    assert kinds == {
        "rodniki": "organisation",
        "cheka": "organisation",
        "lenin": "person",
        "secretary": "person",
    }


#: the tables whose writes change the data's version (correspondence 0004 and 0006)
VERSIONED_TABLES = [
    "correspondence_letter",
    "correspondence_footnote",
    "correspondence_letter_senders",
    "correspondence_letter_recipients",
    "correspondence_letter_mentions",
    "correspondence_letter_topics",
    "correspondence_lettersource",
    "correspondence_topic",
    "correspondence_source",
    "people_person",
    "people_personname",
    "places_place",
    "correspondence_language",
    "correspondence_letter_languages",
]


def test_every_versioned_table_keeps_its_triggers_after_the_migrations(db):
    """On SQLite a migration that adds a column rebuilds the table and drops what was
    put on it by hand: a later migration must make it again (as correspondence 0008
    and people 0005 do)."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL alters tables in place")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master "
            "WHERE type IN ('trigger', 'index')"
        )
        present = set(cursor.fetchall())
    missing = [
        (table, f"{table}_version_{event}")
        for table in VERSIONED_TABLES
        for event in ("insert", "update", "delete")
        if (table, f"{table}_version_{event}") not in present
    ]
    missing += [
        ("correspondence_letter", name)
        for name in ("letter_fts_forget", "letter_date_span")
        if ("correspondence_letter", name) not in present
    ]
    assert not missing, missing
