"""A person record is a person or an organisation.

Records an earlier import made for names that are plainly a body's ("Rodniki Executive
Committee", "Cheka") become organisations by the importer's own rule
(people/organisations.py); every other record stays a person.

On SQLite adding the column rebuilds people_person, which drops the data-version
triggers correspondence's 0004 put on it (as people 0005 says): they are made again.
"""

from django.db import migrations, models

from people.organisations import is_organisation_name

EVENTS = ("INSERT", "UPDATE", "DELETE")
#: records updated by one statement (SQLite bounds the parameters of one)
BATCH = 500


def restore_version_triggers(apps, schema_editor):
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


def mark_organisations(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    db = schema_editor.connection.alias
    people = Person.objects.using(db).order_by("pk").values_list("pk", "name")
    organisations = [
        pk for pk, name in people.iterator(chunk_size=2000) if is_organisation_name(name)
    ]
    for start in range(0, len(organisations), BATCH):
        Person.objects.using(db).filter(
            pk__in=organisations[start : start + BATCH]
        ).update(kind="organisation")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_person_not_the_same"),
        ("correspondence", "0004_browse_indexes"),
    ]

    operations = [
        # migrating back drops the column, rebuilding the table again: this runs last
        migrations.RunPython(migrations.RunPython.noop, restore_version_triggers),
        migrations.AddField(
            model_name="person",
            name="kind",
            field=models.CharField(
                choices=[("person", "person"), ("organisation", "organisation")],
                default="person",
                help_text="An organisation (a committee, a Soviet, the Cheka, an "
                "editorial board) is listed apart from the people and exported as "
                "an organisation.",
                max_length=20,
            ),
        ),
        migrations.RunPython(restore_version_triggers, migrations.RunPython.noop),
        migrations.RunPython(mark_organisations, migrations.RunPython.noop),
    ]
