"""A letter's senders and recipients get their role (sender or co-signer; addressee or
"copy to") and the document's order (position).

The links become models of their own (``correspondence/people_links.py``) on the very
tables Django made for the plain many-to-many fields: in the model state only, so no
row moves and the raw SQL, indexes and triggers on those tables keep working. Then
the two columns. The links already stored keep the role they had (sender,
recipient) and are numbered in the order they were stored; re-importing a document,
or loading the rebuilt fixtures, gives them the document's roles and order.

On SQLite adding a NOT NULL column rebuilds the table, which drops what 0004 put on
it outside the model state (the (person, letter) index and the data-version
triggers): they are made again here, after the columns and after taking them away.
tests/test_migrations.py checks that every tracked table keeps its triggers.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLES = ["correspondence_letter_senders", "correspondence_letter_recipients"]


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        name = table.removeprefix("correspondence_")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name}_person_letter ON {table} "
            "(person_id, letter_id)"
        )
        for event in ("INSERT", "UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_version_{event.lower()} "
                f"AFTER {event} ON {table} BEGIN UPDATE letters_data_version "
                "SET value = lower(hex(randomblob(8))) WHERE id = 1; END"
            )


def number_in_stored_order(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(
            f"UPDATE {table} SET position = (SELECT count(*) FROM {table} AS earlier "
            f"WHERE earlier.letter_id = {table}.letter_id AND earlier.id < {table}.id)"
        )


def _link(name, table, related_name, verbose_name):
    return migrations.CreateModel(
        name=name,
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True,
                    primary_key=True,
                    serialize=False,
                    verbose_name="ID",
                ),
            ),
            (
                "letter",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name=related_name,
                    to="correspondence.letter",
                ),
            ),
            (
                "person",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name=related_name,
                    to="people.person",
                ),
            ),
        ],
        options={
            "verbose_name": verbose_name,
            "db_table": table,
            "abstract": False,
            "unique_together": {("letter", "person")},
        },
    )


POSITION = models.PositiveSmallIntegerField(
    default=0, help_text="Where the document names them: the smallest number first."
)


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0008_restore_letter_triggers"),
        ("people", "0006_person_not_the_same"),
    ]

    operations = [
        # (backwards, last: the triggers and index the column removal dropped)
        migrations.RunPython(migrations.RunPython.noop, restore),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                _link(
                    "LetterSender",
                    "correspondence_letter_senders",
                    "sender_links",
                    "sender",
                ),
                _link(
                    "LetterRecipient",
                    "correspondence_letter_recipients",
                    "recipient_links",
                    "recipient",
                ),
                migrations.AlterField(
                    model_name="letter",
                    name="senders",
                    field=models.ManyToManyField(
                        related_name="letters_sent",
                        through="correspondence.LetterSender",
                        to="people.person",
                    ),
                ),
                migrations.AlterField(
                    model_name="letter",
                    name="recipients",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="letters_received",
                        through="correspondence.LetterRecipient",
                        to="people.person",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="lettersender",
            name="position",
            field=POSITION,
        ),
        migrations.AddField(
            model_name="lettersender",
            name="role",
            field=models.CharField(
                choices=[("sender", "sender"), ("co_signer", "co-signer")],
                default="sender",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="letterrecipient",
            name="position",
            field=POSITION,
        ),
        migrations.AddField(
            model_name="letterrecipient",
            name="role",
            field=models.CharField(
                choices=[("recipient", "recipient"), ("copy_to", "copy to")],
                default="recipient",
                max_length=20,
            ),
        ),
        migrations.RunPython(number_in_stored_order, migrations.RunPython.noop),
        migrations.RunPython(restore, migrations.RunPython.noop),
    ]
