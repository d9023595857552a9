"""The full-text index, one per database (see correspondence/search.py).

PostgreSQL: a side table ``correspondence_letter_search`` (letter_id, marker-free
display text per part, and a stored weighted ``tsvector`` with a GIN index), and a text
search configuration ``letters``: English stemming without stop words, after
``unaccent``, so "misere" finds "misère".

SQLite: an FTS5 table ``letter_fts(names, body, notes)`` whose rowid is the letter id,
tokenised by ``porter unicode61 remove_diacritics 2`` (no stop words either, so both
databases agree).

On both, a trigger drops a letter's row when the letter is deleted; search.py fills the
rows. Neither table is a Django model: only search.py reads or writes them.
"""

from django.db import migrations

POSTGRESQL = [
    (
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        # Left in place: other database objects may rely on it.
        None,
    ),
    (
        # Snowball English with no StopWords file: "the" stays searchable, as in FTS5.
        "CREATE TEXT SEARCH DICTIONARY letters_stem "
        "(TEMPLATE = snowball, Language = english)",
        "DROP TEXT SEARCH DICTIONARY IF EXISTS letters_stem",
    ),
    (
        "CREATE TEXT SEARCH CONFIGURATION letters (COPY = english)",
        "DROP TEXT SEARCH CONFIGURATION IF EXISTS letters",
    ),
    (
        "ALTER TEXT SEARCH CONFIGURATION letters ALTER MAPPING FOR "
        "asciiword, word, numword, asciihword, hword, hword_asciipart, hword_part, "
        "hword_numpart WITH unaccent, letters_stem",
        None,
    ),
    (
        # No foreign key: Django's flush TRUNCATEs its own tables without CASCADE.
        """
        CREATE TABLE correspondence_letter_search (
            letter_id bigint PRIMARY KEY,
            names text NOT NULL DEFAULT '',
            body text NOT NULL DEFAULT '',
            notes text NOT NULL DEFAULT '',
            document tsvector NOT NULL
        )
        """,
        "DROP TABLE IF EXISTS correspondence_letter_search",
    ),
    (
        "CREATE INDEX correspondence_letter_search_document "
        "ON correspondence_letter_search USING gin (document)",
        None,
    ),
    (
        """
        CREATE FUNCTION correspondence_letter_search_forget() RETURNS trigger AS $$
        BEGIN
            DELETE FROM correspondence_letter_search WHERE letter_id = OLD.id;
            RETURN OLD;
        END;
        $$ LANGUAGE plpgsql
        """,
        "DROP FUNCTION IF EXISTS correspondence_letter_search_forget() CASCADE",
    ),
    (
        "CREATE TRIGGER correspondence_letter_search_forget "
        "AFTER DELETE ON correspondence_letter "
        "FOR EACH ROW EXECUTE FUNCTION correspondence_letter_search_forget()",
        None,
    ),
]

SQLITE = [
    (
        "CREATE VIRTUAL TABLE letter_fts USING fts5("
        "names, body, notes, tokenize='porter unicode61 remove_diacritics 2')",
        "DROP TABLE IF EXISTS letter_fts",
    ),
    (
        "CREATE TRIGGER letter_fts_forget AFTER DELETE ON correspondence_letter "
        "BEGIN DELETE FROM letter_fts WHERE rowid = OLD.id; END",
        "DROP TRIGGER IF EXISTS letter_fts_forget",
    ),
]

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def create(apps, schema_editor):
    for forward, _ in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(forward)


def drop(apps, schema_editor):
    for _, backward in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        if backward:
            schema_editor.execute(backward)


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
