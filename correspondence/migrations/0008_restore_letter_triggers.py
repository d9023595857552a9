"""0007 added columns to correspondence_letter; on SQLite Django rebuilds the table to
do so, which drops what 0002, 0004 and 0006 put on it outside the model state: the
search index's delete trigger, the date-span index and the data-version triggers (a
letter written after it left every cached page and the browse index on the old
version). Make them again on SQLite; PostgreSQL alters the table in place.
tests/test_migrations.py checks that every tracked table keeps its triggers."""

from django.db import migrations

SQLITE_LETTER = [
    "CREATE TRIGGER IF NOT EXISTS letter_fts_forget AFTER DELETE ON "
    "correspondence_letter BEGIN DELETE FROM letter_fts WHERE rowid = OLD.id; END",
    "CREATE INDEX IF NOT EXISTS letter_date_span ON correspondence_letter "
    "(date_min, date_max)",
    *(
        f"CREATE TRIGGER IF NOT EXISTS correspondence_letter_version_{event.lower()} "
        f"AFTER {event} ON correspondence_letter BEGIN UPDATE letters_data_version "
        "SET value = lower(hex(randomblob(8))) WHERE id = 1; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
]


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_LETTER:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("correspondence", "0007_letter_date_corrected")]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
