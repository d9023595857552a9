import sys

from django.core.management.base import BaseCommand, CommandError

from correspondence.importing.importer import letters_import
from correspondence.management.progress import ProgressBar

#: from this many files on, a progress bar is drawn on a terminal's stderr
PROGRESS_FROM = 5


class Command(BaseCommand):
    help = (
        "Import letter pages (files, or folders of *.txt files) into the edition: each "
        "file's format is detected, it is parsed and written in its own transaction. "
        "Re-importing a page changes nothing; a corrected page updates its letter and "
        "keeps editors' changes. Exits non-zero when any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a file or folder")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would be added or changed, and write nothing",
        )

    def handle(self, *args, paths, dry_run, verbosity, **options):
        self.verbosity = verbosity
        self.bar = ProgressBar(sys.stderr, "files") if verbosity > 0 else None
        report = letters_import(paths=paths, dry_run=dry_run, progress=self._file_done)
        if self.bar:
            self.bar.clear()
        if not report.files:
            raise CommandError("no documents to import")
        failed = report.failed
        if len(failed) == len(report.files):
            raise CommandError(
                "no file could be imported:\n" + "\n".join(f.error for f in failed)
            )
        style = self.style.WARNING if failed else self.style.SUCCESS
        if verbosity > 0:
            for text in report.late_mentions:
                self.stdout.write(self.style.WARNING(text))
            self.stdout.write(
                style(("Dry run, " if dry_run else "Imported ") + report.summary())
            )
            if verbosity > 1:
                self.stdout.write(f"{report.seconds:.2f} s")
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(report.files)} files failed:\n"
                + "\n".join(f.error for f in failed),
                returncode=2,
            )

    def _file_done(self, result, done, total):
        if self.bar:
            self.bar.clear()
        for kind, text in result.lines(self.verbosity):
            if kind == "error":
                self.stderr.write(text)
            elif self.verbosity > 0:
                self.stdout.write(self._styled(kind, text))
        if self.bar and total >= PROGRESS_FROM:
            self.bar.draw(done, total)

    def _styled(self, kind, text):
        return {
            "added": self.style.SUCCESS,
            "updated": self.style.WARNING,
            "kept": self.style.NOTICE,
            "note": self.style.NOTICE,
        }.get(kind, str)(text)
