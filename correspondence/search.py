"""Full-text search over letters: one query language, the same results on SQLite and
PostgreSQL.

The reader's query language
---------------------------
- ``words``: every word must occur. Case and diacritics don't matter ("misere" finds
  "misère") and English stemming applies ("liquidator" finds "liquidators").
- ``"quoted phrases"``: the words next to each other, in this order.
- ``OR`` (upper case) between two words or phrases: either will do. OR binds tighter
  than the implicit AND: ``Malinovsky Plekhanov OR Troianovsky`` is Malinovsky AND
  (Plekhanov OR Troianovsky). Upper-case ``AND`` is the default and is dropped.
- ``-word`` or ``-"a phrase"``: letters that do not contain it. A query made only of
  exclusions ("-Plekhanov") finds every letter except those that contain any excluded
  term.
- Everything else is plain text. Punctuation splits a word into parts searched as a
  phrase, exactly as the index splits the letters ("W.L." is the phrase "w l");
  ``*``, ``(``, ``:``, ``^`` and the like mean nothing (no prefix search, no column
  filters, no NEAR); an unmatched quote, a stray ``OR`` or a lone ``-`` is dropped.
  Queries are cut to ``MAX_QUERY_LENGTH`` characters.

No input raises: :func:`parse_query` always returns a :class:`ParsedQuery` whose
``messages`` the page can show ("Your query was treated as plain words."). Reader text
never reaches ``MATCH`` or a tsquery unescaped: on SQLite every term is an FTS5 string
(``"`` doubled) and the whole MATCH expression is one bound parameter; on PostgreSQL
each term is a bound parameter of ``phraseto_tsquery`` and the tree is combined with
``&&``, ``||`` and ``!!``.

What is searched
----------------
Per letter, three weighted parts (PostgreSQL weights A, B, C; the same proportions for
SQLite's ``bm25``): **names** (the heading, and the names and variant names of its
senders, recipients and people mentioned), **body** (dateline, salutation, body,
closing, signature, postscript) and **notes** (headnote and footnotes), all without
footnote markers.

The index (tables made by migration 0002_search)
------------------------------------------------
- PostgreSQL: ``correspondence_letter_search(letter_id, names, body, notes, document)``,
  the weighted ``tsvector`` stored and GIN-indexed, built with the ``letters``
  configuration (unaccent, English snowball stemming without stop words).
- SQLite: the FTS5 table ``letter_fts(names, body, notes)``, rowid = letter id,
  tokenised by ``porter unicode61 remove_diacritics 2``.

Both databases split words the same way because PostgreSQL's tsvector is built from the
text as :func:`_words` splits it (its parser would otherwise keep "W.L." or "e-mail"
whole).

A database trigger drops a letter's row when the letter is deleted. Everything else is
kept current by :mod:`correspondence.signals`, which calls :func:`reindex` on saves; raw
saves (``loaddata``) are skipped, so run ``manage.py rebuild_search_index``
(:func:`rebuild_index`) after loading fixtures (``load_edition`` does).
:func:`deferred_indexing` batches the reindexing of a bulk import into one pass at the
end.

Public API
----------
:func:`parse_query`, :class:`ParsedQuery` (tree of :class:`Term`, :class:`AnyOf`,
:class:`Not`, :class:`AllOf`), :func:`filter_and_rank` (``Letter.objects.search(q)``),
:func:`snippets_for`, :func:`index_letters`, :func:`reindex`, :func:`letters_of_people`,
:func:`deferred_indexing`, :func:`rebuild_index`.
"""

from __future__ import annotations

import contextvars
import re
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from django.db import DEFAULT_DB_ALIAS, NotSupportedError, connections, transaction
from django.db.models import Expression, F, FloatField, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from correspondence.annotations import annotation_text
from correspondence.text import TEXT_PARTS, strip_markers

MAX_QUERY_LENGTH = 200

PLAIN_WORDS = "Your query was treated as plain words."
SHORTENED = f"Query shortened to {MAX_QUERY_LENGTH} characters."
ONLY_EXCLUSIONS = "Your query only excludes words: showing every letter without them."
NOTHING_TO_SEARCH = "Your query has no words to search for: showing all letters."

#: characters with a meaning in other search syntaxes (prefix, grouping, columns...)
_SYNTAX_CHARS = frozenset("*()[]{}:^~+")
#: quotation marks readers type that mean '"'
_QUOTES = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
#: anything that is not a letter or a digit separates words, as FTS5's unicode61 does
_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")

#: what snippets mark matches with in SQL; never in indexed text (see _clean_text)
_START, _STOP = "\x02", "\x03"
_SNIPPET_WORDS = 25


# -- the query tree --------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One word or phrase, as the lower-case words the index splits it into."""

    text: str
    #: True when the reader quoted it (both kinds match as a phrase of their words)
    phrase: bool = False


@dataclass(frozen=True)
class AnyOf:
    """``a OR b OR c``."""

    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Not:
    """``-a``: only at the top level, never inside an OR."""

    term: Term


@dataclass(frozen=True)
class AllOf:
    """The whole query: every item must hold."""

    items: tuple[Term | AnyOf | Not, ...]


@dataclass(frozen=True)
class ParsedQuery:
    #: what the reader typed
    raw: str
    #: the query after cleaning and shortening
    text: str
    #: None when nothing is left to search for
    tree: AllOf | None
    #: short notes for the page, e.g. "Query shortened to 200 characters."
    messages: tuple[str, ...] = field(default=())

    @property
    def is_empty(self):
        """True when no search filter applies."""
        return self.tree is None

    @property
    def required(self):
        """The positive items (terms and OR groups)."""
        return (
            tuple(i for i in self.tree.items if not isinstance(i, Not))
            if self.tree
            else ()
        )

    @property
    def excluded(self):
        """The excluded terms."""
        return (
            tuple(i.term for i in self.tree.items if isinstance(i, Not))
            if self.tree
            else ()
        )


def _words(text):
    """The lower-case words of ``text``, split as both indexes split them."""
    return [w for w in _NON_WORD.split(unicodedata.normalize("NFC", text).lower()) if w]


def _clean_text(text):
    """NFC text without control, format, surrogate or unassigned characters; ``\\n`` and
    ``\\t`` are kept. Used for both queries and indexed text (so the snippet sentinels,
    control characters, never occur in it)."""
    text = unicodedata.normalize("NFC", text or "")
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


def _tokens(text):
    """(kind, text, negated) with kind "word", "phrase" or "or"; sets ``repaired``."""
    tokens, repaired, i, n = [], False, 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        if text[i] == "-":
            j = i
            while j < n and text[j] == "-":
                j += 1
            if j == n or text[j].isspace():  # a lone "-"
                repaired, i = True, j
                continue
            negated, i = True, j
        if text[i] == '"':
            close = text.find('"', i + 1)  # quotes are balanced by parse_query
            tokens.append(("phrase", text[i + 1 : close], negated))
            i = close + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        word = text[i:j]
        i = j
        if word in ("OR", "AND") and not negated:
            tokens.append((word.lower(), word, False))
        else:
            repaired |= any(c in _SYNTAX_CHARS for c in word)
            tokens.append(("word", word, negated))
    return tokens, repaired


def parse_query(raw):
    """Parse reader input into a :class:`ParsedQuery`; never raises, whatever ``raw``
    is."""
    raw = raw if isinstance(raw, str) else ""
    messages = []
    text = _SPACES.sub(" ", _clean_text(raw).translate(_QUOTES)).strip()
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rstrip()
        messages.append(SHORTENED)
    repaired = False
    if text.count('"') % 2:  # an unmatched quote: drop the last one
        cut = text.rindex('"')
        text_for_tokens = text[:cut] + " " + text[cut + 1 :]
        repaired = True
    else:
        text_for_tokens = text
    tokens, repaired_tokens = _tokens(text_for_tokens)
    repaired |= repaired_tokens

    items, pending_or = [], False
    for kind, value, negated in tokens:
        if kind == "and":
            continue
        if kind == "or":
            if items and not isinstance(items[-1], Not) and not pending_or:
                pending_or = True
            else:
                repaired = True
            continue
        words = _words(value)
        if not words:
            repaired, pending_or = True, False
            continue
        term = Term(" ".join(words), phrase=kind == "phrase")
        if negated:
            repaired |= pending_or  # "a OR -b": the OR is dropped
            pending_or = False
            items.append(Not(term))
        elif pending_or:
            previous = items.pop()
            terms = previous.terms if isinstance(previous, AnyOf) else (previous,)
            items.append(AnyOf((*terms, term)))
            pending_or = False
        else:
            items.append(term)
    repaired |= pending_or  # a trailing OR

    if repaired:
        messages.append(PLAIN_WORDS)
    tree = AllOf(tuple(items)) if items else None
    if tree is None and text:
        messages.append(NOTHING_TO_SEARCH)
    elif tree is not None and not any(not isinstance(i, Not) for i in items):
        messages.append(ONLY_EXCLUSIONS)
    return ParsedQuery(raw=raw, text=text, tree=tree, messages=tuple(messages))


def _parsed(query):
    return query if isinstance(query, ParsedQuery) else parse_query(query)


# -- rendering per database ------------------------------------------------------------
class _SQLite:
    """FTS5: the tree becomes one MATCH string, passed as a single bound parameter."""

    match_ids_sql = "SELECT rowid FROM letter_fts WHERE letter_fts MATCH {query}"
    # column weights (names, body, notes) in the proportions of PostgreSQL's A, B, C.
    # The matches are ranked once per statement: ``LIMIT -1`` keeps SQLite from
    # flattening the subquery into a MATCH per letter, where bm25 would recount the
    # phrase's documents at every letter (quadratic in the number of matches).
    rank_sql = (
        "SELECT ranked.score FROM (SELECT rowid AS letter_id, "
        "-bm25(letter_fts, 1.0, 0.4, 0.2) AS score FROM letter_fts "
        "WHERE letter_fts MATCH {query} LIMIT -1) AS ranked "
        "WHERE ranked.letter_id = {letter_id}"
    )

    def render(self, node):
        """(sql, params) where sql is a %s placeholder for the MATCH string."""
        return "%s", [self._match(node)]

    def _match(self, node):
        if isinstance(node, Term):
            return '"' + node.text.replace('"', '""') + '"'
        if isinstance(node, AnyOf):
            return "(" + " OR ".join(self._match(t) for t in node.terms) + ")"
        required = [i for i in node.items if not isinstance(i, Not)]
        excluded = [i.term for i in node.items if isinstance(i, Not)]
        expression = " AND ".join(self._match(i) for i in required)
        if excluded:
            expression = f"({expression}) NOT {self._match(AnyOf(tuple(excluded)))}"
        return expression

    def snippets(self, cursor, ids, node):
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            "SELECT rowid, snippet(letter_fts, 1, %s, %s, '…', 12), "
            "snippet(letter_fts, 2, %s, %s, '…', 12) FROM letter_fts "
            f"WHERE letter_fts MATCH %s AND rowid IN ({placeholders})",
            [_START, _STOP, _START, _STOP, self._match(node), *ids],
        )
        return cursor.fetchall()

    def bodies(self, cursor, ids):
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            "SELECT rowid, body, notes FROM letter_fts "
            f"WHERE rowid IN ({placeholders})",
            ids,
        )
        return cursor.fetchall()

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


class _PostgreSQL:
    """Each term a bound ``phraseto_tsquery``, combined with && || !!."""

    match_ids_sql = (
        "SELECT letter_id FROM correspondence_letter_search WHERE document @@ ({query})"
    )
    rank_sql = (
        "SELECT ts_rank(document, {query}) FROM correspondence_letter_search "
        "WHERE letter_id = {letter_id}"
    )
    headline_options = (
        f"StartSel={_START}, StopSel={_STOP}, MaxFragments=2, MaxWords=20, MinWords=8, "
        'FragmentDelimiter=" … "'
    )

    def render(self, node):
        if isinstance(node, Term):
            return "phraseto_tsquery('letters', %s)", [node.text]
        if isinstance(node, AnyOf):
            return self._join(" || ", node.terms)
        required = [i for i in node.items if not isinstance(i, Not)]
        excluded = [i.term for i in node.items if isinstance(i, Not)]
        sql, params = self._join(" && ", required)
        if excluded:
            not_sql, not_params = self.render(AnyOf(tuple(excluded)))
            sql, params = f"{sql} && !!{not_sql}", [*params, *not_params]
        return sql, params

    def _join(self, operator, nodes):
        parts = [self.render(n) for n in nodes]
        sql = "(" + operator.join(p[0] for p in parts) + ")"
        return sql, [param for p in parts for param in p[1]]

    def snippets(self, cursor, ids, node):
        query_sql, query_params = self.render(node)
        cursor.execute(
            f"SELECT letter_id, ts_headline('letters', body, {query_sql}, %s), "
            f"ts_headline('letters', notes, {query_sql}, %s) "
            "FROM correspondence_letter_search WHERE letter_id = ANY(%s)",
            [
                *query_params,
                self.headline_options,
                *query_params,
                self.headline_options,
                list(ids),
            ],
        )
        return cursor.fetchall()

    def bodies(self, cursor, ids):
        cursor.execute(
            "SELECT letter_id, body, notes FROM correspondence_letter_search "
            "WHERE letter_id = ANY(%s)",
            [list(ids)],
        )
        return cursor.fetchall()

    def write(self, cursor, ids, rows):
        cursor.execute(
            "DELETE FROM correspondence_letter_search WHERE letter_id = ANY(%s)",
            [list(ids)],
        )
        cursor.executemany(
            "INSERT INTO correspondence_letter_search "
            "(letter_id, names, body, notes, document) "
            "VALUES (%s, %s, %s, %s, setweight(to_tsvector('letters', %s), 'A') "
            "|| setweight(to_tsvector('letters', %s), 'B') "
            "|| setweight(to_tsvector('letters', %s), 'C'))",
            [
                (
                    pk,
                    names,
                    body,
                    notes,
                    *(" ".join(_words(t)) for t in (names, body, notes)),
                )
                for pk, names, body, notes in rows
            ],
        )

    def clear(self, cursor):
        cursor.execute("DELETE FROM correspondence_letter_search")

    def optimise(self, cursor):
        pass


_BACKENDS = {"sqlite": _SQLite(), "postgresql": _PostgreSQL()}


def _backend(using):
    vendor = connections[using].vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise NotSupportedError(
            f"Letter search supports SQLite and PostgreSQL, not {vendor}."
        ) from None


class _Rank(Expression):
    """A correlated subquery giving the rank of the outer letter; compiled with the
    outer query's own alias for the letter id, so it survives joins and subqueries."""

    output_field = FloatField()

    def __init__(self, sql, params, letter_id=None):
        super().__init__(output_field=FloatField())
        self.sql, self.params = sql, list(params)
        self.letter_id = letter_id if letter_id is not None else F("pk")

    def get_source_expressions(self):
        return [self.letter_id]

    def set_source_expressions(self, exprs):
        (self.letter_id,) = exprs

    def as_sql(self, compiler, connection):
        id_sql, id_params = compiler.compile(self.letter_id)
        return f"COALESCE(({self.sql.replace('{letter_id}', id_sql)}), 0.0)", [
            *self.params,
            *id_params,
        ]


def _matching_ids(backend, node):
    sql, params = backend.render(node)
    return RawSQL(backend.match_ids_sql.replace("{query}", sql), params)


def filter_and_rank(queryset, query):
    """``queryset`` narrowed to the letters matching ``query`` (text or a
    :class:`ParsedQuery`), annotated with ``search_rank`` (higher is better: ``ts_rank``
    on PostgreSQL, ``-bm25`` on SQLite). An empty query filters nothing; an
    exclusions-only query keeps every letter without the excluded terms; both rank every
    letter 0."""
    parsed = _parsed(query)
    if parsed.is_empty:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    backend = _backend(queryset.db)
    if not parsed.required:
        return queryset.exclude(
            pk__in=_matching_ids(backend, AnyOf(parsed.excluded))
        ).annotate(search_rank=Value(0.0, output_field=FloatField()))
    # Ranked on the required terms alone: ts_rank gives 0 to any query with a !! in it.
    sql, params = backend.render(AllOf(parsed.required))
    rank = _Rank(backend.rank_sql.replace("{query}", sql), params)
    return queryset.filter(pk__in=_matching_ids(backend, parsed.tree)).annotate(
        search_rank=rank
    )


# -- snippets --------------------------------------------------------------------------
def _html(fragment):
    """Escape a snippet and turn the sentinels into <mark> tags (and nothing else)."""
    fragment = _SPACES.sub(" ", fragment).strip()
    return mark_safe(
        escape(fragment).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _opening(text):
    words = (text or "").split()
    return " ".join(words[:_SNIPPET_WORDS]) + (
        " …" if len(words) > _SNIPPET_WORDS else ""
    )


def _best(body, notes):
    """The body's passage if it has a match or the notes' has none, else the notes'."""
    if _START in body or (body.strip() and _START not in notes) or not notes:
        return body
    return notes


def snippets_for(letters, query, using=None):
    """{letter id: safe HTML} for ``letters`` (Letter objects or ids): a passage with
    the matches in ``<mark>`` (from the body if it matches, else from the notes), or the
    opening of the letter. The text is escaped; only the <mark> tags are HTML. At most
    two queries whatever the number of letters; a letter missing from the index gets no
    entry."""
    letters = list(letters)
    ids = list(dict.fromkeys(getattr(letter, "pk", letter) for letter in letters))
    if not ids:
        return {}
    if using is None:
        states = (getattr(letter, "_state", None) for letter in letters)
        using = next((s.db for s in states if s and s.db), DEFAULT_DB_ALIAS)
    parsed, backend = _parsed(query), _backend(using)
    result = {}
    with connections[using].cursor() as cursor:
        if parsed.required:
            rows = backend.snippets(cursor, ids, AllOf(parsed.required))
            result = {pk: _html(_best(body, notes)) for pk, body, notes in rows}
        missing = [pk for pk in ids if pk not in result]
        if missing:
            for pk, body, notes in backend.bodies(cursor, missing):
                result[pk] = _html(_opening(body or notes))
    return result


# -- indexing --------------------------------------------------------------------------
_BODY_FIELDS = TEXT_PARTS
BATCH_SIZE = 500


def _joined(parts, separator="\n\n"):
    return separator.join(
        _clean_text(strip_markers(p)).strip() for p in parts if p and p.strip()
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
        notes[letter_id].append(annotation_text(text))
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
        letter_names = [heading] + [n for pid in people[pk] for n in names[pid]]
        yield (
            pk,
            _joined(dict.fromkeys(letter_names), "\n"),
            _joined(body_parts),
            _joined([annotation_text(headnote), *notes[pk]]),
        )


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def index_letters(ids, using=DEFAULT_DB_ALIAS):
    """Bring the index rows of the letters ``ids`` up to date (dropping rows of letters
    that no longer exist). Returns how many letters were indexed."""
    backend, count = _backend(using), 0
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for batch in _batches(sorted(set(ids)), BATCH_SIZE):
            rows = list(_documents(batch, using))
            backend.write(cursor, batch, rows)
            count += len(rows)
    return count


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

    backend, done = _backend(using), 0
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
        from correspondence.browse_cache import bump_data_version

        bump_data_version(using)
    return done
