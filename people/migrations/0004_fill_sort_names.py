"""Each person's sort name from their primary name, by the rule of people/sorting.py
(copied here: a migration keeps the rule it ran with)."""

import re

from django.db import migrations

_INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.)+$|^[A-Z]$")


def sort_name_for(name):
    words = (name or "").split()
    if len(words) < 2:
        return name or ""
    for index in range(len(words) - 1, 0, -1):
        if not _INITIAL.match(words[index]):
            before = " ".join(words[:index] + words[index + 1 :])
            return f"{words[index]}, {before}"
    return name


def fill(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    people = list(Person.objects.filter(sort_name=""))
    for person in people:
        person.sort_name = sort_name_for(person.name)
    Person.objects.bulk_update(people, ["sort_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_person_sort_name")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
