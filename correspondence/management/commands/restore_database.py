"""``manage.py restore_database FILE``: put a backup back."""

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from correspondence.backups import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup made by backup_database. "
        "Stop the site first; --yes is required."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a .sqlite3 or .dump file")
        parser.add_argument(
            "--database-url",
            help="restore into this database instead (e.g. a scratch one to check)",
        )
        parser.add_argument(
            "--yes", action="store_true", help="yes, replace what the database holds"
        )

    def handle(self, *args, backup, database_url, yes, **options):
        if not yes:
            raise CommandError("this replaces the database's contents: add --yes")
        if database_url:
            settings_dict = dj_database_url.parse(database_url)
        else:
            settings_dict = connections["default"].settings_dict
            connections["default"].close()
        try:
            database_restore(path=backup, settings_dict=settings_dict)
        except BackupError as error:
            raise CommandError(f"restore failed: {error}") from error
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"restored {backup}"))
