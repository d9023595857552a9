from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from benchmarks.synthetic import export, writing
from correspondence.models import Letter


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic edition for benchmarks: N letters "
        "(deterministic for --seed), people, topics, places, footnotes and the search "
        "index. --export-sqlite FILE also writes the letters to a plain SQLite file "
        "for Datasette."
    )

    def add_arguments(self, parser):
        parser.add_argument("--letters", type=int, default=10_000, metavar="N")
        parser.add_argument("--seed", type=int, default=1, metavar="S")
        parser.add_argument(
            "--export-sqlite",
            metavar="FILE",
            help="write the database's letters to this SQLite file (replaced)",
        )
        parser.add_argument(
            "--export-only",
            action="store_true",
            help="generate nothing: only export the letters already in the database",
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="add to a database that already holds letters",
        )
        parser.add_argument("--chunk", type=int, default=writing.CHUNK)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(
        self,
        *args,
        letters,
        seed,
        export_sqlite,
        export_only,
        append,
        chunk,
        no_progress,
        database,
        verbosity,
        **options,
    ):
        progress = verbosity > 0 and not no_progress
        if export_only and not export_sqlite:
            raise CommandError("--export-only needs --export-sqlite FILE.")
        if not export_only:
            if letters < 1 or chunk < 1:
                raise CommandError("--letters and --chunk must be at least 1.")
            if not append and Letter.objects.using(database).exists():
                raise CommandError(
                    "The database already holds letters: use an empty database, or "
                    "--append."
                )
            counts = writing.generate(
                letters,
                seed,
                using=database,
                chunk=chunk,
                progress=progress,
                stream=self.stderr,
            )
            if verbosity:
                self.stdout.write(
                    self.style.SUCCESS(
                        "Generated {letters} letters, {people} people ({names} variant "
                        "names), {topics} topics, {places} places, {footnotes} "
                        "footnotes, {links} links; indexed for search.".format(**counts)
                    )
                )
        if export_sqlite:
            count = export.export_sqlite(
                export_sqlite, using=database, progress=progress, stream=self.stderr
            )
            if verbosity:
                self.stdout.write(
                    self.style.SUCCESS(f"Exported {count} letters to {export_sqlite}.")
                )
