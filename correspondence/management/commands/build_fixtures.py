from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from correspondence.importing.build import BuildError, build_edition


class Command(BaseCommand):
    help = (
        "Rebuild fixtures/*.json from fixtures/documents/ and the registers in "
        "fixtures/editorial/."
    )

    def add_arguments(self, parser):
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        parser.add_argument("--documents", type=Path, default=fixtures / "documents")
        parser.add_argument("--editorial", type=Path, default=fixtures / "editorial")
        parser.add_argument("--output", type=Path, default=fixtures)
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "write nothing; fail if the committed fixtures differ from a fresh "
                "build"
            ),
        )

    def handle(self, *args, documents, editorial, output, check, **options):
        try:
            built = build_edition(documents, editorial)
        except BuildError as error:
            raise CommandError(str(error)) from error
        stale = [n for n, text in built.items() if _read(output / n) != text]
        if check:
            if stale:
                raise CommandError(
                    f"fixtures out of date: {', '.join(stale)}; "
                    "run manage.py build_fixtures"
                )
            self.stdout.write(self.style.SUCCESS("Fixtures are up to date."))
            return
        for name, text in built.items():
            (output / name).write_text(text, encoding="utf-8")
            if options["verbosity"] > 1 or name in stale:
                self.stdout.write(
                    f"{'wrote' if name in stale else 'unchanged'} {output / name}"
                )
        self.stdout.write(
            self.style.SUCCESS(f"Built {len(built)} fixture files in {output}.")
        )


def _read(path):
    return path.read_text(encoding="utf-8") if path.exists() else None
