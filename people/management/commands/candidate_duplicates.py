"""``manage.py candidate_duplicates``: the people who may be one person, for editors to
merge (the people admin's merge action) or leave apart."""

from django.core.management.base import BaseCommand

from people.models import Person


class Command(BaseCommand):
    help = (
        "List pairs of people who may be one person: the same surname and given "
        "names that agree (e.g. “Kamenev” and “L.B. Kamenev”), but for those the "
        "editors marked as different people. Nothing is changed."
    )

    def handle(self, *args, **options):
        found = Person.objects.candidate_duplicates()
        for candidate in found:
            self.stdout.write(str(candidate))
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{len(found)} candidate duplicate{'' if len(found) == 1 else 's'}."
            )
