"""The data's version: a token that changes on every write to the edition.

The token lives in the one-row table ``letters_data_version``; database triggers change
it on every write to the edition's tables (migration 0004_browse_indexes), whoever
writes: the admin, an import, ``loaddata``, ``bulk_create``, raw SQL. Caches key their
entries on it (``browse/cache.py``, the page cache in ``config/middleware.py``), so an
editor's change makes every earlier entry unreachable at once, in every worker.
"""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections


def data_version(using=DEFAULT_DB_ALIAS):
    """The current version token, or None where the table is missing (then nothing is
    cached)."""
    connection = connections[using]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM letters_data_version WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        return None
    return row[0] if row else None


#: a new random token, per database (the triggers of migration 0004 write the same)
_NEW_TOKEN = {
    "sqlite": "lower(hex(randomblob(8)))",
    "postgresql": "md5(random()::text || clock_timestamp()::text)",
}


def bump_data_version(using=DEFAULT_DB_ALIAS):
    """Change the version by hand, for writes the triggers do not see (the search
    index tables: a rebuild changes what a search finds)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE letters_data_version SET value = {_NEW_TOKEN[connection.vendor]} "
            "WHERE id = 1"
        )
