"""Import documents into a running edition: ``manage.py import_documents`` does its work
here (:func:`letters_import`).

documents --parse (detect.py)--> LetterRecords --match, merge, write (here)--> database

Each file is parsed first (pure Python), then written in its own transaction (a
savepoint inside a dry run's one rolled-back transaction): a file either imports whole
or not at all, and a bad file never stops the others. Writes go through the ORM, so
the search index hooks (``correspondence.signals``) see them; reindexing is batched per
file with ``search_index.deferred_indexing``.

Which letter is "the same letter" (identity)
--------------------------------------------
A record is the existing letter whose normalised Gregorian date (``date_start``,
``date_end``) equals the record's (or whose last import's did: an editor may have
corrected a misprinted date since) and which shares at least one locator with it:

- the printed edition: the same source key (``identity.source_key``) with the same
  pages, role "edition" (pages are required: a volume alone holds many letters);
- the page's address: the same transcription ``url``;
- the origin, "file name#locator".

The origin alone would not do (a corrected page may be renamed), nor the address alone
(an Ozleft page carries several letters); the date keeps apart the letters printed on
one page. Where several letters qualify, the one sharing the most locators wins; a tie
is an error naming them. The date as written is not part of the key: a page that
rewords "Written on May 2, 1918" as "May 2, 1918" updates the letter. A page that
corrects the date itself gives a new letter; the report then names the existing
letter that shares its edition pages or origin, for an editor to merge.

What a re-import changes (editors' work is never overwritten)
--------------------------------------------------------------
``Letter.imported`` keeps what the last import wrote. For every part the page carries
(the letter's fields, senders, recipients, mentions, footnotes, source links) the
importer compares three values: the database's, the last import's and the page's.

- database = last import: nobody edited it; the page's value is written.
- database != last import: an editor changed it; the editor's value is kept and the
  report says so (also when the page changed it too: the report says that as well).
- For people links the editor's additions and removals are applied on top of the
  page's links. Footnotes are merged one number at a time.
- Letters with no import record (those loaded from the fixtures) keep every value that
  differs from the page, since nothing tells an editor's change from the page's; the
  report lists what was kept.

Topics are never touched (pages carry none); an updated letter's report names them.
A date outside the edition's span or contradicted by the page's own notes is kept as
printed and the report says why an editor may correct it (``plausible.py``).
The slug never changes on update: it is the letter's citation.

People
------
Names are matched, case-insensitively (``str.casefold``), against every person's name
and variant names (``Person.name``, ``PersonName.name``); a primary name wins over a
variant, and a name shared by several people links the oldest record and says so.
Names are compared by ``people.duplicates.name_key`` ("G. V. Chicherin" is "G.V.
Chicherin"). A relative ("His Mother") is of the person a possessive before it names,
else of the letter's one sender: "Lenin’s Mother". A name nobody has creates a person
with that name alone; where that person may be one the edition has (the same surname,
given names that agree: ``duplicates.likely_same``) nothing is merged: the report names
both records as a candidate duplicate, for an editor (``manage.py
candidate_duplicates``, the people admin). Mentions are found as the
fixture build finds them (``identity.mentioned_in``): whole-word, case-sensitive, on
names and non-pseudonym variant names.

Audit trail: every letter added or changed gets an admin ``LogEntry`` by the inactive
user ``import_documents``; every object saved carries that user and the file name as
``_history_user`` and ``_change_reason``, which django-simple-history (the ``editing``
app) records with its history rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from correspondence import search_index as search
from correspondence.importing.detect import parse_document
from correspondence.importing.page_facts import fill_from_page
from correspondence.importing.people import People
from correspondence.importing.records import ParseError
from correspondence.importing.report import (
    FileResult,
    ImportFailure,
    ImportReport,
    error_message,
)
from correspondence.importing.writer import Writer, mention_late_people
from correspondence.models import Letter

#: the user import changes are logged as
SCRIPT_USERNAME = "import_documents"
#: documents a folder contributes
FOLDER_PATTERN = "*.txt"


# -- entry point -----------------------------------------------------------------------


def documents_in(paths):
    """The files ``paths`` name: files as given, folders as their ``*.txt`` files
    (sorted, not recursing). Yields (path, error) with error None or a message."""
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.glob(FOLDER_PATTERN) if p.is_file())
            if not found:
                yield path, f"{path}: no documents ({FOLDER_PATTERN}) in this folder"
            for document in found:
                yield document, None
        elif path.exists():
            yield path, None
        else:
            yield path, f"{path}:0: no such file or folder"


def letters_import(
    *,
    paths: Iterable,
    dry_run: bool = False,
    stdout=None,
    verbosity: int = 1,
    progress: Callable[[FileResult, int, int], None] | None = None,
) -> ImportReport:
    """Import the documents at ``paths`` (files or folders); see the module docstring.

    Each file is written in its own transaction. With ``dry_run`` everything is done in
    one transaction that is rolled back, so the report says exactly what an import would
    do. ``stdout`` (any object with ``write``) receives each file's lines and the
    summary as plain text; ``progress(file_result, done, total)`` is called after each
    file.
    """
    started = time.perf_counter()
    documents = list(documents_in(paths))
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic() if dry_run else nullcontext():
        user = _script_user()
        people = People()
        run = {"written": [], "created": []}
        for done, (path, error) in enumerate(documents, start=1):
            result = (
                FileResult(str(path), error=error)
                if error
                else _import_file(path, people, user, run)
            )
            report.files.append(result)
            if done == len(documents) and run["created"]:
                with transaction.atomic(), search.deferred_indexing():
                    mention_late_people(run["written"], people, run["created"], report)
            if stdout is not None:
                for _kind, text in result.lines(verbosity):
                    stdout.write(text + "\n")
            if progress is not None:
                progress(result, done, len(documents))
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = time.perf_counter() - started
    if stdout is not None:
        for text in report.late_mentions:
            stdout.write(text + "\n")
        stdout.write(report.summary() + "\n")
    return report


def _script_user():
    user, created = get_user_model()._default_manager.get_or_create(
        username=SCRIPT_USERNAME, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _import_file(path, people, user, run):
    """Parse and write one file in its own transaction; adds to ``run``'s written
    letters and created people if it succeeds."""
    result = FileResult(str(path))
    try:
        records = parse_document(path)
    except ParseError as error:
        result.error = str(error)
        return result
    created_people = []
    try:
        with transaction.atomic(), search.deferred_indexing():
            writer = Writer(path, people, user, result, created_people)
            for record in records:
                result.letters.append(writer.write(record))
            # kind, languages and place records where the page names them
            fill_from_page(Letter.objects.filter(pk__in=[w.pk for w in writer.written]))
    except (ImportFailure, ValidationError, DatabaseError) as error:
        people.forget(created_people)
        result.letters, result.people_added, result.sources_added = [], [], []
        result.candidates = []
        result.error = error_message(error, path)
        return result
    run["written"].extend(writer.written)
    run["created"].extend(created_people)
    return result
