"""``manage.py backup_database``: a complete, consistent copy of the database."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from correspondence.backups import BackupError, backup_path, database_backup


class Command(BaseCommand):
    help = (
        "Copy the whole database to a file: SQLite's online backup API, or pg_dump "
        "in its custom format. Safe while the site is serving."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group()
        where.add_argument(
            "--directory",
            default="backups",
            help="write letters-<UTC time>.sqlite3|.dump here (default: backups/)",
        )
        where.add_argument("--output", help="write exactly this file")
        parser.add_argument("--database", default="default")

    def handle(self, *args, directory, output, database, **options):
        vendor = connections[database].vendor
        try:
            path = output or backup_path(directory, vendor)
            path = database_backup(path=path, using=database)
        except (BackupError, KeyError) as error:
            raise CommandError(f"backup failed: {error}") from error
        if options["verbosity"]:
            size = path.stat().st_size
            self.stdout.write(self.style.SUCCESS(f"{path} ({size:,} bytes)"))
