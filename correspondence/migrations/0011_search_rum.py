"""PostgreSQL: a RUM index on the search documents, where the server has the ``rum``
extension (Debian and Ubuntu: ``postgresql-<version>-rum``), so that relevance order
needs no document read.

Ranking by ``ts_rank`` reads the document of every letter that matches: a common word
is in half the letters, 48,000 documents at 100,000 letters (500-800 ms). A RUM index
keeps each word's positions and weights with the letters that hold it, and gives the
matches ordered by ``document <=> query``, which for one word is exactly
``1 / ts_rank(document, query)``: the hundred best in 20-30 ms
(browse/search/ranking.py :func:`best_ranked`). For more than one word its order is
not ``ts_rank``'s, so those queries are ranked as before.

Where the extension cannot be had (not installed, or the migrating role may not create
it), nothing is done and every query is ranked as before: the results are the same.
At 100,000 synthetic letters the index takes about 0.5 GB and a minute to build.
"""

from django.db import DatabaseError, migrations, transaction

#: the index's name (browse/search/ranking.py asks whether it exists)
INDEX = "correspondence_letter_search_rum"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except DatabaseError:  # a role that may not create extensions
            return
        # built in one pass, not spilled to disk in small runs; the migration's
        # transaction ends the setting
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON correspondence_letter_search "
            "USING rum (document rum_tsvector_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0010_search_word_pairs"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
