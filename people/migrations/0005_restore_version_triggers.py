"""0003 added a column to people_person; on SQLite Django rebuilds the table to do so,
which drops the data-version triggers correspondence's 0004 put on it (so a renamed
person left every cached page and the browse index on the old version). Recreate them
on SQLite; PostgreSQL alters the table in place and keeps its triggers."""

from django.db import migrations

EVENTS = ("INSERT", "UPDATE", "DELETE")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in EVENTS:
        name = f"people_person_version_{event.lower()}"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON people_person BEGIN UPDATE "
            "letters_data_version SET value = lower(hex(randomblob(8))) WHERE id = 1; "
            "END"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_fill_sort_names"),
        ("correspondence", "0004_browse_indexes"),
    ]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
