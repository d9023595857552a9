from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, NotSupportedError

from correspondence.search_index import BATCH_SIZE, rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index from every letter, in batches, in one "
        "transaction. Run it after loaddata: raw fixture saves don't update the index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, batch_size, database, verbosity, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")

        def progress(done):
            if verbosity > 1:
                self.stdout.write(f"indexed {done} letters")

        try:
            count = rebuild_index(
                using=database, batch_size=batch_size, progress=progress
            )
        except NotSupportedError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"Indexed {count} letters for search.")
            )
