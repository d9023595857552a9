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
``date_end``) equals the record's and which shares at least one locator with it:

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
The slug never changes on update: it is the letter's citation.

People
------
Names are matched, case-insensitively (``str.casefold``), against every person's name
and variant names (``Person.name``, ``PersonName.name``); a primary name wins over a
variant, and a name shared by several people links the oldest record and says so. A
name nobody has creates a person with that name alone. Mentions are found as the
fixture build finds them (``identity.mentioned_in``): whole-word, case-sensitive, on
names and non-pseudonym variant names.

Audit trail: every letter added or changed gets an admin ``LogEntry`` by the inactive
user ``import_documents``; every object saved carries that user and the file name as
``_history_user`` and ``_change_reason``, which django-simple-history (the ``editing``
app) records with its history rows.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.text import slugify

from correspondence import search_index as search
from correspondence.importing.detect import parse_document
from correspondence.importing.identity import (
    letter_slug,
    letter_values,
    mention_text,
    mentioned_in,
    source_key,
)
from correspondence.importing.page_facts import fill_from_page
from correspondence.importing.records import LetterRecord, ParseError, SourceRecord
from correspondence.models import Footnote, Letter, LetterSource, Source
from people.models import Person, PersonName
from people.sorting import sort_name_for

#: Letter fields a page carries, in report order
LETTER_FIELDS = (
    "heading", "headnote", "excerpt", "date_as_written", "date_start", "date_end",
    "date_precision", "date_supplied", "date_julian", "place_sent", "place_received",
    "dateline", "salutation", "body", "closing", "signature", "postscript", "origin",
)  # fmt: skip
DATE_FIELDS = {"date_start", "date_end", "date_julian"}
PEOPLE_RELATIONS = ("senders", "recipients", "mentions")
SOURCE_LINK_FIELDS = ("pages", "translator", "transcriber", "licence", "url", "note")
#: the user import changes are logged as
SCRIPT_USERNAME = "import_documents"
#: documents a folder contributes
FOLDER_PATTERN = "*.txt"


class ImportFailure(Exception):
    """A document that parses but cannot be written; the message names file and line."""


# -- the report ----------------------------------------------------------------------


@dataclass
class LetterResult:
    slug: str
    #: "added", "updated" or "unchanged"
    action: str
    #: where the letter starts in its file
    line: int
    #: what was written: field names, "senders", "footnote 2", "sources"
    changed: list[str] = field(default_factory=list)
    #: what was kept from the database, and why
    kept: list[str] = field(default_factory=list)
    #: things an editor may want to look at
    notes: list[str] = field(default_factory=list)
    footnotes: int = 0


@dataclass
class FileResult:
    path: str
    letters: list[LetterResult] = field(default_factory=list)
    people_added: list[str] = field(default_factory=list)
    sources_added: list[str] = field(default_factory=list)
    #: "file:line: what was expected" when the file failed (nothing of it was written)
    error: str | None = None

    @property
    def failed(self):
        return self.error is not None

    def lines(self, verbosity=1):
        """(kind, text) pairs saying what the file added or changed; kind is one of
        "added", "updated", "unchanged", "kept", "note", "error"."""
        name = Path(self.path).name
        if self.failed:
            return [("error", f"failed: {self.error}")]
        out = []
        for letter in self.letters:
            quiet = not (letter.notes or letter.kept)
            if letter.action == "unchanged" and verbosity < 2 and quiet:
                continue
            text = f"{name}: {letter.action} {letter.slug}"
            if letter.action == "added":
                text += f" ({_count(letter.footnotes, 'footnote')})"
            elif letter.changed:
                text += f": {', '.join(letter.changed)}"
            out.append((letter.action, text))
            out.extend(("kept", f"  kept {kept}") for kept in letter.kept)
            out.extend(("note", f"  note: {note}") for note in letter.notes)
        if self.people_added:
            out.append(("added", f"  new people: {'; '.join(self.people_added)}"))
        if self.sources_added:
            out.append(("added", f"  new sources: {'; '.join(self.sources_added)}"))
        return out


@dataclass
class ImportReport:
    dry_run: bool = False
    files: list[FileResult] = field(default_factory=list)
    #: letters of earlier files that mention people added by later ones
    late_mentions: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def _letters(self, action):
        return sum(letter.action == action for f in self.files for letter in f.letters)

    @property
    def added(self):
        return self._letters("added")

    @property
    def updated(self):
        return self._letters("updated")

    @property
    def unchanged(self):
        return self._letters("unchanged")

    @property
    def failed(self):
        return [f for f in self.files if f.failed]

    @property
    def people_added(self):
        return sum(len(f.people_added) for f in self.files)

    @property
    def sources_added(self):
        return sum(len(f.sources_added) for f in self.files)

    def summary(self):
        """ "34 files: 34 letters added, 0 updated, ..."; a dry run says "would be"."""
        files, failed = len(self.files), len(self.failed)
        verb = "would be " if self.dry_run else ""
        text = (
            f"{_count(files, 'file')}: {self.added} letters {verb}added, "
            f"{self.updated} {verb}updated, {self.unchanged} unchanged, {failed} "
            f"{'file' if failed == 1 else 'files'} failed; "
            f"{_count(self.people_added, 'person', 'people')} and "
            f"{_count(self.sources_added, 'source')} {verb}added"
        )
        if self.dry_run:
            text += " (dry run: nothing was written)"
        return text + "."


def _count(n, singular, plural=None):
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


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
        people = _People()
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
                    _mention_late_people(run["written"], people, run["created"], report)
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
            writer = _Writer(path, people, user, result, created_people)
            for record in records:
                result.letters.append(writer.write(record))
            # kind, languages and place records where the page names them
            fill_from_page(Letter.objects.filter(pk__in=[w.pk for w in writer.written]))
    except (ImportFailure, ValidationError, DatabaseError) as error:
        people.forget(created_people)
        result.letters, result.people_added, result.sources_added = [], [], []
        result.error = _message(error, path)
        return result
    run["written"].extend(writer.written)
    run["created"].extend(created_people)
    return result


def _message(error, path):
    if isinstance(error, ImportFailure):
        return str(error)
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return f"{path}: " + "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    text = " ".join(getattr(error, "messages", None) or [str(error)])
    return f"{path}: {type(error).__name__}: {text}"


# -- people ----------------------------------------------------------------------------


class _People:
    """Every person's names, read once per import and kept current as people are
    added (and forgotten again when their file rolls back)."""

    def __init__(self):
        self.people = {p.pk: p for p in Person.objects.only("pk", "slug", "name")}
        self.by_name = {}
        self.mention_names = {pk: [p.name] for pk, p in self.people.items()}
        for person in sorted(self.people.values(), key=lambda p: p.pk):
            self.by_name.setdefault(person.name.casefold(), []).append(person)
        variants = PersonName.objects.order_by("person_id", "pk").values_list(
            "person_id", "name", "kind"
        )
        for person_id, name, kind in variants:
            person = self.people[person_id]
            named = self.by_name.setdefault(name.casefold(), [])
            if person not in named:
                named.append(person)
            if kind != PersonName.Kind.PSEUDONYM:
                self.mention_names[person_id].append(name)

    def resolve(self, name, letter, created, audit=None):
        """The person ``name`` refers to, created with that name alone if nobody has
        it."""
        named = self.by_name.get(name.casefold())
        if named:
            if len(named) > 1:
                others = ", ".join(p.slug for p in named[1:])
                letter.notes.append(
                    f"{name!r} is a name of several people ({named[0].slug}, "
                    f"{others}); linked to {named[0].slug}"
                )
            return named[0]
        person = Person(
            slug=self._free_slug(name), name=name, sort_name=sort_name_for(name)
        )
        if audit:
            audit(person)
        person.full_clean()
        person.save()
        created.append(person)
        self.people[person.pk] = person
        self.by_name[name.casefold()] = [person]
        self.mention_names[person.pk] = [name]
        return person

    def _free_slug(self, name):
        slug = slugify(name)[:100].rstrip("-") or "unnamed"
        candidate, n = slug, 2
        while Person.objects.filter(slug=candidate).exists():
            suffix = f"-{n}"
            candidate, n = f"{slug[: 100 - len(suffix)]}{suffix}", n + 1
        return candidate

    def forget(self, people):
        for person in people:
            self.people.pop(person.pk, None)
            self.mention_names.pop(person.pk, None)
            named = self.by_name.get(person.name.casefold(), [])
            if person in named:
                named.remove(person)

    def mentioned_in(self, text):
        candidates = [(p, self.mention_names[pk]) for pk, p in self.people.items()]
        return mentioned_in(text, candidates)


# -- the values a page gives, in the JSON form Letter.imported keeps -------------------


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _letter_fields(letter):
    return {name: _json(getattr(letter, name)) for name in LETTER_FIELDS}


def _set_field(letter, name, value):
    if name in DATE_FIELDS and value is not None:
        value = dt.date.fromisoformat(value)
    setattr(letter, name, value)


def _source_link(source: SourceRecord):
    link = {"source": source_key(source), "role": source.role}
    link.update({name: getattr(source, name) for name in SOURCE_LINK_FIELDS})
    return link


def _letter_source_links(letter):
    return [
        {"source": ls.source.key, "role": ls.role}
        | {name: getattr(ls, name) for name in SOURCE_LINK_FIELDS}
        for ls in letter.letter_sources.select_related("source").order_by("order", "id")
    ]


# -- writing ---------------------------------------------------------------------------


@dataclass
class _Written:
    result: LetterResult
    pk: int
    text: str
    #: senders, recipients and people found mentioned: never mentioned again
    linked: set


def _mention_late_people(written, people, created, report):
    """Mentions of people the run created after a letter was written, so that a file's
    letters do not depend on the order of the files (and a re-import changes nothing).
    """
    candidates = [(p, people.mention_names[p.pk]) for p in created]
    for item in written:
        late = [
            p for p in mentioned_in(item.text, candidates) if p.pk not in item.linked
        ]
        if not late:
            continue
        letter = Letter.objects.get(pk=item.pk)
        letter.mentions.add(*late)
        imported = letter.imported
        imported["mentions"] = sorted({*imported["mentions"], *(p.pk for p in late)})
        Letter.objects.filter(pk=letter.pk).update(imported=imported)
        if item.result.action == "unchanged":
            item.result.action = "updated"
        if item.result.action == "updated":
            item.result.changed.append("mentions")
        names = ", ".join(p.name for p in late)
        report.late_mentions.append(f"{item.result.slug}: mentions {names}")


def _audit(obj, writer):
    """Who and why, for django-simple-history's row of this save (when enabled)."""
    obj._history_user = writer.user
    obj._change_reason = f"import_documents: {Path(writer.path).name}"


class _TakenSlugs:
    def __contains__(self, slug):
        return Letter.objects.filter(slug=slug).exists()


class _Writer:
    """Writes one file's records, inside that file's transaction."""

    def __init__(self, path, people, user, result, created_people):
        self.path, self.people, self.user = path, people, user
        self.result, self.created_people = result, created_people
        self.claimed = set()
        #: the letters written, for the mentions of people added later in the run
        self.written = []

    def fail(self, record, message):
        raise ImportFailure(f"{self.path}:{record.line}: {message}")

    def write(self, record: LetterRecord) -> LetterResult:
        result = LetterResult(slug="", action="", line=record.line)
        try:
            people = {
                "senders": self._people(record.senders, result),
                "recipients": self._people(record.recipients, result),
            }
            involved = {p.pk for p in people["senders"] + people["recipients"]}
            people["mentions"] = [
                p
                for p in self.people.mentioned_in(mention_text(record))
                if p.pk not in involved
            ]
            page = {
                "fields": letter_values(record),
                **{rel: sorted(p.pk for p in people[rel]) for rel in PEOPLE_RELATIONS},
                "footnotes": {str(n.number): n.text for n in record.footnotes},
                "sources": [_source_link(s) for s in record.sources],
            }
            letter = self._existing(record, result)
            if letter is None:
                letter = self._add(record, people, page, result)
            else:
                self._update(letter, record, page, result)
            self.written.append(
                _Written(
                    result,
                    letter.pk,
                    mention_text(record),
                    involved | set(page["mentions"]),
                )
            )
        except ValidationError as error:
            self.fail(record, _message(error, "").removeprefix(": "))
        self.claimed.add(result.slug)
        return result

    def _people(self, names, result):
        people = []
        for name in names:
            known = len(self.created_people)
            people.append(
                self.people.resolve(
                    name, result, self.created_people, lambda p: _audit(p, self)
                )
            )
            if len(self.created_people) > known:
                person = self.created_people[-1]
                self.result.people_added.append(f"{person.name} ({person.slug})")
        return people

    # identity ------------------------------------------------------------------------

    def _locators(self, record, with_url=True):
        """Q objects for each locator of ``record`` (see the module docstring)."""
        locators = [("origin", Q(origin=record.origin))]
        for source in record.sources:
            if source.role == LetterSource.Role.EDITION and source.pages:
                locators.append(
                    (
                        f"{source_key(source)} p. {source.pages}",
                        Q(
                            letter_sources__role=source.role,
                            letter_sources__source__key=source_key(source),
                            letter_sources__pages=source.pages,
                        ),
                    )
                )
            if with_url and source.url:
                locators.append((source.url, Q(letter_sources__url=source.url)))
        return locators

    def _existing(self, record, result):
        date = record.date
        dated = Letter.objects.filter(date_start=date.start, date_end=date.end).exclude(
            slug__in=self.claimed
        )
        scores = {}
        for _label, locator in self._locators(record):
            for pk in dated.filter(locator).values_list("pk", flat=True).distinct():
                scores[pk] = scores.get(pk, 0) + 1
        if not scores:
            self._note_same_place_other_date(record, result)
            return None
        best = max(scores.values())
        winners = sorted(pk for pk, score in scores.items() if score == best)
        if len(winners) > 1:
            slugs = Letter.objects.filter(pk__in=winners).values_list("slug", flat=True)
            self.fail(
                record,
                "expected at most one existing letter with this date and source, found "
                f"{len(winners)}: {', '.join(sorted(slugs))}",
            )
        return Letter.objects.get(pk=winners[0])

    def _note_same_place_other_date(self, record, result):
        for label, locator in self._locators(record, with_url=False):
            for slug, written in (
                Letter.objects.filter(locator)
                .exclude(slug__in=self.claimed)
                .values_list("slug", "date_as_written")
                .distinct()
            ):
                result.notes.append(
                    f"{slug} ({written or 'undated'}) has the same {label} but another "
                    "date: imported as a separate letter; an editor may merge them"
                )

    # a new letter --------------------------------------------------------------------

    def _add(self, record, people, page, result):
        letter = Letter(imported=page)
        for name, value in page["fields"].items():
            _set_field(letter, name, value)
        letter.slug = letter_slug(
            record, people["senders"], people["recipients"], _TakenSlugs()
        )
        _audit(letter, self)
        letter.full_clean()
        letter.save()
        for rel in PEOPLE_RELATIONS:
            getattr(letter, rel).set(people[rel])
        self._write_footnotes(letter, page["footnotes"])
        self._write_sources(letter, record.sources)
        result.slug, result.action = letter.slug, "added"
        result.footnotes = len(record.footnotes)
        self._log(letter, ADDITION, "Imported from " + Path(self.path).name)
        return letter

    def _write_footnotes(self, letter, notes):
        for number, text in notes.items():
            note = Footnote(letter=letter, number=int(number), text=text)
            _audit(note, self)
            note.full_clean()
            note.save()

    def _write_sources(self, letter, sources):
        for order, record_source in enumerate(sources):
            link = LetterSource(
                letter=letter,
                source=self._source(record_source),
                role=record_source.role,
                order=order,
                **{name: getattr(record_source, name) for name in SOURCE_LINK_FIELDS},
            )
            _audit(link, self)
            link.full_clean()
            link.save()

    def _source(self, record: SourceRecord):
        key = source_key(record)
        source = Source.objects.filter(key=key).first()
        if source is None:
            source = Source(
                key=key,
                **{
                    name: getattr(record, name)
                    for name in (
                        "title", "author", "editor", "publisher", "place", "year",
                        "volume",
                    )
                },
            )  # fmt: skip
            _audit(source, self)
            source.full_clean()
            source.save()
            self.result.sources_added.append(f"{source} ({key})")
        return source

    def _log(self, letter, flag, message):
        LogEntry.objects.log_actions(
            user_id=self.user.pk,
            queryset=[letter],
            action_flag=flag,
            change_message=message,
            single_object=True,
        )

    # an existing letter --------------------------------------------------------------

    def _update(self, letter, record, page, result):
        base = letter.imported or {}
        result.slug = letter.slug
        unrecorded = "(no record of an earlier import: it may be an editor's)"

        # the letter's own fields
        db_fields = _letter_fields(letter)
        base_fields = base.get("fields")
        for name in LETTER_FIELDS:
            db, new = db_fields[name], page["fields"][name]
            if db == new:
                continue
            if base_fields is None:
                result.kept.append(f"the database's {name} {unrecorded}")
            elif db == base_fields.get(name):
                _set_field(letter, name, new)
                result.changed.append(name)
            elif new == base_fields.get(name):
                result.kept.append(f"the editor's {name}")
            else:
                result.kept.append(f"the editor's {name} (the page changed it too)")
        if result.changed:
            _audit(letter, self)
            letter.full_clean()
            letter.save()

        # senders, recipients, mentions
        for rel in PEOPLE_RELATIONS:
            manager = getattr(letter, rel)
            db = set(manager.values_list("pk", flat=True))
            new = set(page[rel])
            if rel not in base:
                if db != new:
                    result.kept.append(f"the database's {rel} {unrecorded}")
                continue
            added, removed = db - set(base[rel]), set(base[rel]) - db
            merged = (new - removed) | added
            if added or removed:
                names = [f"+{self._name(pk)}" for pk in sorted(added)] + [
                    f"-{self._name(pk)}" for pk in sorted(removed)
                ]
                result.kept.append(f"the editor's {rel}: {', '.join(names)}")
            if merged != db:
                manager.set(merged)
                result.changed.append(rel)

        self._update_footnotes(letter, page, base, result, unrecorded)

        # source links: as a whole
        db_links = _letter_source_links(letter)
        if db_links != page["sources"]:
            if "sources" not in base:
                result.kept.append(f"the database's sources {unrecorded}")
            elif db_links == base["sources"]:
                letter.letter_sources.all().delete()
                self._write_sources(letter, record.sources)
                result.changed.append("sources")
            else:
                result.kept.append("the editor's sources")

        if result.changed:
            result.action = "updated"
            topics = list(letter.topics.values_list("name", flat=True))
            if topics:
                result.kept.append(f"topics: {', '.join(topics)}")
            self._log(
                letter,
                CHANGE,
                f"Re-imported from {Path(self.path).name}: {', '.join(result.changed)}",
            )
        else:
            result.action = "unchanged"
        if letter.imported != page:
            Letter.objects.filter(pk=letter.pk).update(imported=page)

    def _update_footnotes(self, letter, page, base, result, unrecorded):
        db = {str(n.number): n for n in letter.footnotes.all()}
        new, old = page["footnotes"], base.get("footnotes")
        numbers = sorted({*db, *new, *(old or {})}, key=int)
        for number in numbers:
            note = db.get(number)
            d, p = (note.text if note else None), new.get(number)
            if d == p:
                continue
            label = f"footnote {number}"
            if old is None:
                if d is None:
                    self._write_footnotes(letter, {number: p})
                    result.changed.append(label)
                else:
                    result.kept.append(f"the database's {label} {unrecorded}")
                continue
            b = old.get(number)
            if d == b:
                if p is None:
                    _audit(note, self)
                    note.delete()
                elif note is None:
                    self._write_footnotes(letter, {number: p})
                else:
                    note.text = p
                    _audit(note, self)
                    note.full_clean()
                    note.save()
                result.changed.append(label)
            elif d is None:
                result.kept.append(f"the editor's deletion of {label}")
            elif p == b:
                result.kept.append(f"the editor's text of {label}")
            else:
                result.kept.append(
                    f"the editor's text of {label} (the page changed it too)"
                )

    def _name(self, pk):
        person = self.people.people.get(pk)
        return person.name if person else f"person {pk}"
