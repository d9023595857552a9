"""PostgreSQL: the pairs of adjacent words of each letter's search document, to find
a phrase's letters without reading every document that has its words.

A GIN index on a tsvector knows which letters hold a word, not where: for a phrase
PostgreSQL reads the document of every letter holding all its words and checks their
positions. Two common words ("him with", in three letters of four at 100,000 letters)
meant 75,000 documents read for 1,172 matches (580 ms). ``pairs`` holds the distinct
pairs of lexemes at adjacent positions ("him with"), computed from ``document`` by the
database itself (a trigger on the search table, so no writer can forget them), with a
GIN index; browse/search/postgresql.py asks it first, and the phrase is still checked
on the documents it leaves. SQLite's FTS5 index keeps positions: nothing to do there.

The pairs live in a table of their own, not in a column of the search table: there
they were stored among the documents (one TOAST table), and ranking a common word, which
reads its letters' documents, took 1.5-2 times as long.

At 100,000 synthetic letters the pairs take about 0.8 GB and their index 1.5 GB; this
migration takes minutes there (seconds for the seed edition).
"""

from django.db import migrations

POSTGRESQL = [
    (
        """
        CREATE FUNCTION letters_word_pairs(document tsvector) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(DISTINCT first.lexeme || ' ' || second.lexeme), '{}')
            FROM (SELECT lexeme, unnest(positions) AS at FROM unnest(document)) AS first
            JOIN (SELECT lexeme, unnest(positions) AS at FROM unnest(document)) AS second
                ON second.at = first.at + 1
        $$
        """,
        "DROP FUNCTION IF EXISTS letters_word_pairs(tsvector)",
    ),
    (
        # a letter's row goes with its search row (rewritten as delete and insert)
        "CREATE TABLE correspondence_letter_search_pairs ("
        "letter_id bigint PRIMARY KEY REFERENCES correspondence_letter_search "
        "ON DELETE CASCADE, pairs text[] NOT NULL)",
        "DROP TABLE IF EXISTS correspondence_letter_search_pairs",
    ),
    (
        "INSERT INTO correspondence_letter_search_pairs (letter_id, pairs) "
        "SELECT letter_id, letters_word_pairs(document) FROM correspondence_letter_search",
        None,
    ),
    (
        """
        CREATE FUNCTION correspondence_letter_search_pairs_keep() RETURNS trigger AS $$
        BEGIN
            INSERT INTO correspondence_letter_search_pairs (letter_id, pairs)
            VALUES (NEW.letter_id, letters_word_pairs(NEW.document))
            ON CONFLICT (letter_id) DO UPDATE SET pairs = EXCLUDED.pairs;
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql
        """,
        "DROP FUNCTION IF EXISTS correspondence_letter_search_pairs_keep() CASCADE",
    ),
    (
        "CREATE TRIGGER correspondence_letter_search_pairs_keep "
        "AFTER INSERT OR UPDATE OF document ON correspondence_letter_search "
        "FOR EACH ROW EXECUTE FUNCTION correspondence_letter_search_pairs_keep()",
        None,  # dropped with its function
    ),
    # the index is built in one pass, not spilled to disk in small runs; the
    # migration's transaction ends the setting
    ("SET LOCAL maintenance_work_mem = '256MB'", None),
    (
        "CREATE INDEX correspondence_letter_search_pairs_pairs "
        "ON correspondence_letter_search_pairs USING gin (pairs)",
        None,  # dropped with the table
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for forward, _ in POSTGRESQL:
            schema_editor.execute(forward)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _, backward in reversed(POSTGRESQL):
            if backward:
                schema_editor.execute(backward)


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0009_letter_people_roles_and_order"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
