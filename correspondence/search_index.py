"""The search index's write side: the rows kept per letter, on both databases.

Per letter, three weighted parts (PostgreSQL weights A, B, C; the same proportions for
SQLite's ``bm25``): **names** (the heading, and the names and variant names of its
senders, recipients and people mentioned), **body** (dateline, salutation, body,
closing, signature, postscript) and **notes** (headnote and footnotes), all without
footnote markers.

The tables (migration 0002_search):

- PostgreSQL: ``correspondence_letter_search(letter_id, names, body, notes, document)``,
  the weighted ``tsvector`` stored and GIN-indexed, built with the ``letters``
  configuration (unaccent, English snowball stemming without stop words).
- SQLite: the FTS5 table ``letter_fts(names, body, notes)``, rowid = letter id,
  tokenised by ``porter unicode61 remove_diacritics 2``.

Both databases split words the same way because PostgreSQL's tsvector is built from the
text as :func:`words` splits it (its parser would otherwise keep "W.L." or "e-mail"
whole); the reader's queries are split by the same function (browse/search/).

A database trigger drops a letter's row when the letter is deleted. Everything else is
kept current by :mod:`correspondence.signals`, which calls :func:`reindex` on saves; raw
saves (``loaddata``) are skipped, so run ``manage.py rebuild_search_index``
(:func:`rebuild_index`) after loading fixtures (``load_edition`` does).
:func:`deferred_indexing` batches the reindexing of a bulk import into one pass at the
end. Reading the index (matching, ranking, snippets) is the browse layer's
(``browse/search/``); this module knows nothing of it.
"""

import contextvars
import re
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from itertools import islice

from django.db import DEFAULT_DB_ALIAS, NotSupportedError, connections, transaction

from correspondence.annotations import annotation_text
from correspondence.data_version import bump_data_version
from correspondence.text import TEXT_PARTS, strip_markers

#: anything that is not a letter or a digit separates words, as FTS5's unicode61 does
_NON_WORD = re.compile(r"[\W_]+")
#: the ASCII control characters but newline and tab (the only ASCII not kept as it is)
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def words(text):
    """The lower-case words of ``text``, split as both indexes split them."""
    return [w for w in _NON_WORD.split(unicodedata.normalize("NFC", text).lower()) if w]


def clean_text(text):
    """NFC text without control, format, surrogate or unassigned characters; ``\\n`` and
    ``\\t`` are kept. Used for both queries and indexed text (so the snippet sentinels,
    control characters, never occur in it)."""
    text = unicodedata.normalize("NFC", text or "")
    if text.isascii():  # the same, a hundred times faster: only controls to replace
        return _ASCII_CONTROLS.sub(" ", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\t":
            kept.append(char)
        elif category == "Cc":
            kept.append(" ")
        elif category not in ("Cf", "Cs", "Cn"):
            kept.append(char)
    return "".join(kept)


class _SQLiteWriter:
    def write(self, cursor, ids, rows):
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"DELETE FROM letter_fts WHERE rowid IN ({placeholders})", list(ids)
        )
        cursor.executemany(
            "INSERT INTO letter_fts (rowid, names, body, notes) "
            "VALUES (%s, %s, %s, %s)",
            [(pk, names, body, notes) for pk, names, body, notes in rows],
        )

    def clear(self, cursor):
        cursor.execute("DELETE FROM letter_fts")

    def optimise(self, cursor):
        cursor.execute("INSERT INTO letter_fts (letter_fts) VALUES ('optimize')")


#: the PostgreSQL row: the parts as text, and the weighted tsvector of their words
POSTGRES_INSERT = (
    "INSERT INTO correspondence_letter_search "
    "(letter_id, names, body, notes, document) "
    "VALUES (%s, %s, %s, %s, setweight(to_tsvector('letters', %s), 'A') "
    "|| setweight(to_tsvector('letters', %s), 'B') "
    "|| setweight(to_tsvector('letters', %s), 'C'))"
)


def postgres_params(pk, names, body, notes):
    """The parameters of :data:`POSTGRES_INSERT` for one index row."""
    return (pk, names, body, notes, *(" ".join(words(t)) for t in (names, body, notes)))


class _PostgreSQLWriter:
    def write(self, cursor, ids, rows):
        cursor.execute(
            "DELETE FROM correspondence_letter_search WHERE letter_id = ANY(%s)",
            [list(ids)],
        )
        cursor.executemany(POSTGRES_INSERT, [postgres_params(*row) for row in rows])

    def clear(self, cursor):
        cursor.execute("DELETE FROM correspondence_letter_search")

    def optimise(self, cursor):
        pass


_WRITERS = {"sqlite": _SQLiteWriter(), "postgresql": _PostgreSQLWriter()}


def _writer(using):
    vendor = connections[using].vendor
    try:
        return _WRITERS[vendor]
    except KeyError:
        raise NotSupportedError(
            f"Letter search supports SQLite and PostgreSQL, not {vendor}."
        ) from None


_BODY_FIELDS = TEXT_PARTS
BATCH_SIZE = 500


def _joined(parts, separator="\n\n"):
    return separator.join(
        clean_text(strip_markers(p)).strip() for p in parts if p and p.strip()
    )


def _documents(ids, using):
    """(letter id, names, body, notes) for the letters among ``ids`` that exist: seven
    queries per call, whatever the number of letters."""
    from correspondence.models import Footnote, Letter
    from people.models import Person, PersonName

    letters = list(
        Letter.objects.using(using)
        .filter(pk__in=ids)
        .values_list("pk", "heading", "headnote", *_BODY_FIELDS)
    )
    notes = defaultdict(list)
    for letter_id, text in (
        Footnote.objects.using(using)
        .filter(letter_id__in=ids)
        .order_by("letter_id", "number")
        .values_list("letter_id", "text")
    ):
        notes[letter_id].append(text)
    people = defaultdict(list)
    for relation in (Letter.senders, Letter.recipients, Letter.mentions):
        links = relation.through.objects.using(using).filter(letter_id__in=ids)
        for letter_id, person_id in links.order_by("pk").values_list(
            "letter_id", "person_id"
        ):
            people[letter_id].append(person_id)
    person_ids = {pid for pids in people.values() for pid in pids}
    names = defaultdict(list)
    for pid, name in (
        Person.objects.using(using).filter(pk__in=person_ids).values_list("pk", "name")
    ):
        names[pid].insert(0, name)
    for pid, name in (
        PersonName.objects.using(using)
        .filter(person_id__in=person_ids)
        .order_by("pk")
        .values_list("person_id", "name")
    ):
        names[pid].append(name)

    for pk, heading, headnote, *body_parts in letters:
        letter_names = [n for pid in people[pk] for n in names[pid]]
        yield index_row(pk, heading, letter_names, body_parts, headnote, notes[pk])


def index_row(pk, heading, names, body_parts, headnote, notes):
    """The index row ``(letter id, names, body, notes)`` of one letter: ``names`` are
    those of its people (senders, recipients, people mentioned; each one's name, then
    their other names), ``body_parts`` the values of its ``TEXT_PARTS``, ``notes`` its
    footnotes' texts in order. Also used by the synthetic corpus generator, which
    writes the rows of letters it has not read back."""
    return (
        pk,
        _joined(dict.fromkeys([heading, *names]), "\n"),
        _joined(body_parts),
        _joined([annotation_text(text) for text in (headnote, *notes)]),
    )


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def index_letters(ids, using=DEFAULT_DB_ALIAS):
    """Bring the index rows of the letters ``ids`` up to date (dropping rows of letters
    that no longer exist). Returns how many letters were indexed."""
    backend, count = _writer(using), 0
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for batch in _batches(sorted(set(ids)), BATCH_SIZE):
            rows = list(_documents(batch, using))
            backend.write(cursor, batch, rows)
            count += len(rows)
    return count


def write_rows(rows, using=DEFAULT_DB_ALIAS):
    """Put the index ``rows`` (from :func:`index_row`) in place of their letters' rows:
    for the synthetic corpus generator, which makes the rows of letters it has just
    written."""
    rows = list(rows)
    with connections[using].cursor() as cursor:
        _writer(using).write(cursor, [row[0] for row in rows], rows)


def letters_of_people(person_ids, using=DEFAULT_DB_ALIAS):
    """Ids of the letters the people sent, received or are mentioned in."""
    from correspondence.models import Letter

    ids = set()
    for relation in (Letter.senders, Letter.recipients, Letter.mentions):
        ids.update(
            relation.through.objects.using(using)
            .filter(person_id__in=person_ids)
            .values_list("letter_id", flat=True)
        )
    return ids


_deferred = contextvars.ContextVar("letters_search_deferred", default=None)


def reindex(ids, using=DEFAULT_DB_ALIAS):
    """Reindex letters ``ids`` now, or at the end of the enclosing
    :func:`deferred_indexing`."""
    pending = _deferred.get()
    if pending is not None:
        pending[using].update(ids)
    elif ids:
        index_letters(ids, using)


@contextmanager
def deferred_indexing():
    """Collect the reindexing the save hooks ask for and do it once, on leaving the
    block without an error (for bulk imports). Nested blocks defer to the outermost."""
    if _deferred.get() is not None:
        yield
        return
    pending = defaultdict(set)
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    for using, ids in pending.items():
        index_letters(ids, using)


def rebuild_index(using=DEFAULT_DB_ALIAS, batch_size=BATCH_SIZE, progress=None):
    """Empty the index and index every letter, ``batch_size`` letters at a time, in one
    transaction. ``progress(done)`` is called after each batch. Returns the count."""
    from correspondence.models import Letter

    backend, done = _writer(using), 0
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            backend.clear(cursor)
        ids = list(
            Letter.objects.using(using).order_by("pk").values_list("pk", flat=True)
        )
        for batch in _batches(ids, batch_size):
            with connections[using].cursor() as cursor:
                rows = list(_documents(batch, using))
                backend.write(cursor, batch, rows)
            done += len(rows)
            if progress:
                progress(done)
        with connections[using].cursor() as cursor:
            backend.optimise(cursor)
        # what a search finds may have changed: pages cached on the old version go
        bump_data_version(using)
    return done
