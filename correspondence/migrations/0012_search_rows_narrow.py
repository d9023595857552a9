"""PostgreSQL: the search table's rows hold pointers to their texts, not the texts.

Finding a word's letters reads the GIN index and then, for the letter ids, the table's
rows. With a letter's names and the start of its texts kept in its row (PostgreSQL
moves values out only from rows over 2 kB), 100,000 rows took 12,400 pages (97 MB),
and a word in 48,000 letters read 12,300 of them: 55-170 ms. With ``toast_tuple_target``
at its least (128 bytes) every text of any length goes to TOAST storage, and the rows
take 1,300 pages (10 MB): 12-14 ms. The texts themselves are read only for the page's
snippets, a hundred letters at most.

``VACUUM FULL`` rewrites the rows already written (and rebuilds the table's indexes),
which cannot run inside a transaction: this migration is not atomic. At 100,000
synthetic letters it takes a few minutes.
"""

from django.db import migrations

TABLE = "correspondence_letter_search"


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")
        schema_editor.execute(f"VACUUM FULL {TABLE}")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("correspondence", "0011_search_rum"),
    ]

    operations = [
        migrations.RunPython(narrow, widen, atomic=False, elidable=False),
    ]
