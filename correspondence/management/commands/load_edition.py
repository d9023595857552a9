from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from correspondence.importing.build import FIXTURE_FILES
from correspondence.importing.page_facts import fill_from_page
from correspondence.models import Letter
from people.models import Person
from people.sorting import fill_sort_names


class Command(BaseCommand):
    help = (
        "Load the edition's fixtures into an empty database. A database that already "
        "holds letters is left alone (editors' changes are kept) unless --force is "
        "given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "load even if letters exist: fixture values overwrite editors' changes"
            ),
        )

    def handle(self, *args, force, **options):
        existing = Letter.objects.count()
        if existing and not force:
            self.stdout.write(
                f"The edition is already loaded ({existing} letters); nothing changed. "
                "Use --force to reload the fixtures over it."
            )
            return
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        paths = [str(fixtures / name) for name in FIXTURE_FILES]
        with transaction.atomic():
            call_command("loaddata", *paths, verbosity=options["verbosity"])
            # place records, kinds and languages where the letters' pages name them
            fill_from_page(Letter.objects.all())
            fill_sort_names(Person.objects.all())  # the fixtures carry none
            # loaddata saves raw rows, which the index hooks skip: index everything
            # once.
            call_command("rebuild_search_index", verbosity=options["verbosity"])
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {Letter.objects.count()} letters.")
        )
