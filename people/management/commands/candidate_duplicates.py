"""``manage.py candidate_duplicates``: the people who may be one person, for editors to
merge (the people admin's merge action) or leave apart."""

from django.core.management.base import BaseCommand

from people.duplicates import candidate_duplicates
from people.models import Person


class Command(BaseCommand):
    help = (
        "List pairs of people who may be one person: the same surname and given "
        "names that agree (e.g. “Kamenev” and “L.B. Kamenev”). Nothing is changed."
    )

    def handle(self, *args, **options):
        found = candidate_duplicates(Person.objects.with_names())
        for candidate in found:
            self.stdout.write(str(candidate))
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{len(found)} candidate duplicate{'' if len(found) == 1 else 's'}."
            )
