"""Indexes for browsing at scale, and the data's version for caches (both outside the
model state, like 0002_search: nothing here is a Django model or Meta index).

Indexes
-------
- ``letter_date_span (date_min, date_max)``: the year facet and year filters read only
  these two columns; on SQLite a covering index spares reading each letter's row (a
  page or more per letter, bodies included).
- ``(person_id, letter_id)`` on the sender, recipient and mention link tables and
  ``(topic_id, letter_id)`` on the topic links: "letters of this person/topic"
  answered from the index alone (Django's own indexes are ``(letter_id, person_id)``
  and ``person_id``).

The data's version
------------------
``letters_data_version``: one row whose ``value`` changes (to a random token) with
every write to the edition's tables: letters, footnotes, their links to people, topics
and sources, people and their names, topics, sources. SQLite: row triggers; PostgreSQL:
statement triggers (a bulk import bumps it once per statement). A rolled-back write
leaves the previous token, and a later write never repeats it, so caches keyed on the
token (correspondence/browse_cache.py) are never stale, on any number of processes.
"""

from django.db import migrations

TABLES = [
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
]

INDEXES = [
    ("letter_date_span", "correspondence_letter", "date_min, date_max"),
    (
        "letter_senders_person_letter",
        "correspondence_letter_senders",
        "person_id, letter_id",
    ),
    (
        "letter_recipients_person_letter",
        "correspondence_letter_recipients",
        "person_id, letter_id",
    ),
    (
        "letter_mentions_person_letter",
        "correspondence_letter_mentions",
        "person_id, letter_id",
    ),
    (
        "letter_topics_topic_letter",
        "correspondence_letter_topics",
        "topic_id, letter_id",
    ),
]

VERSION_TABLE = (
    "CREATE TABLE letters_data_version (id integer PRIMARY KEY, value varchar(40) "
    "NOT NULL)"
)


def _sqlite(schema_editor):
    yield VERSION_TABLE
    yield "INSERT INTO letters_data_version (id, value) VALUES (1, 'initial')"
    for table in TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            yield (
                f"CREATE TRIGGER {table}_version_{event.lower()} "
                f"AFTER {event} ON {table} BEGIN UPDATE letters_data_version "
                "SET value = lower(hex(randomblob(8))) WHERE id = 1; END"
            )


def _postgresql(schema_editor):
    yield VERSION_TABLE
    yield "INSERT INTO letters_data_version (id, value) VALUES (1, 'initial')"
    yield """
        CREATE FUNCTION letters_data_version_bump() RETURNS trigger AS $$
        BEGIN
            UPDATE letters_data_version
            SET value = md5(random()::text || clock_timestamp()::text)
            WHERE id = 1;
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql
    """
    for table in TABLES:
        yield (
            f"CREATE TRIGGER {table}_version "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION letters_data_version_bump()"
        )


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, table, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX {name} ON {table} ({columns})")
    statements = {"sqlite": _sqlite, "postgresql": _postgresql}.get(vendor)
    for statement in statements(schema_editor) if statements else ():
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    if vendor == "sqlite":
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_version_{event}")
    elif vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS letters_data_version_bump()")
    schema_editor.execute("DROP TABLE IF EXISTS letters_data_version")


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0003_letter_imported"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
