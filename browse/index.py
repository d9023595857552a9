"""The browse index: what filtering, counting and ordering letters needs, in memory.

Every question /letters/ asks (which letters match the filters, how many, the page of
them in date order, each facet's counts without its own selection, the timeline) is
answered here from a few NumPy arrays instead of SQL, so a combination of filters
nobody asked before costs a few milliseconds at 200,000 letters, not a second of GROUP
BYs over the link tables. Only the text search is asked of the database (its FTS5 or
tsvector index gives the matching letter ids, and their ranks); the rows of the page
shown are read by primary key.

What is kept, per process and per database:

- the letters in date order (``date_min``, ``slug``: the database's own ``ORDER BY``, so
  undated letters stand where each database puts NULLs), with their known date range as
  ``YYYYMMDD`` integers and whether a bound is missing;
- every sender, recipient, correspondent (sender or recipient, once a letter), topic,
  place (sent from or to, once a letter), kind of document and language link as
  (letter position, value) pairs, with each value's slug (a language's code) and label.

About 40 bytes a letter and 8 a link (about 20 MB at 200,000 letters). The index belongs
to the data's version (``correspondence/data_version.py``): a request that finds a new
version builds a new index (about 1 s at 200,000 letters) while the requests that hold
the old one finish with it; concurrent requests of one process wait for one build.
Nothing is written anywhere, so any number of processes and machines stay correct.
"""

import threading
from dataclasses import dataclass

import numpy as np
from django.db import DEFAULT_DB_ALIAS, connections

from correspondence.data_version import data_version
from correspondence.models import Language, Letter, Topic
from people.models import Person
from places.models import Place

from .search import backend_for

#: a date no letter has: undated letters meet no year
_NEVER_LOW, _NEVER_HIGH = 99_999_999, -1


def _day_number(column, vendor):
    """SQL for a date column as the integer YYYYMMDD (NULL stays NULL)."""
    if vendor == "sqlite":  # stored as 'YYYY-MM-DD' text
        return f"CAST(replace({column}, '-', '') AS integer)"
    return f"CAST(to_char({column}, 'YYYYMMDD') AS integer)"


def day(year, month=1, date=1):
    return year * 10_000 + month * 100 + date


@dataclass
class Values:
    """The values of one facet (people or topics): slug and label by index, and each
    value's place in (label, slug) order, the order of equal counts in a facet."""

    slugs: list
    labels: list
    by_slug: dict
    rank: np.ndarray

    @classmethod
    def from_rows(cls, rows):
        slugs = [slug for _, slug, _ in rows]
        labels = [label for _, _, label in rows]
        rank = np.empty(len(slugs), dtype=np.int32)
        rank[sorted(range(len(slugs)), key=lambda n: (labels[n], slugs[n]))] = (
            np.arange(len(slugs))
        )
        return cls(slugs, labels, {s: n for n, s in enumerate(slugs)}, rank)

    def indexes(self, slugs):
        return [self.by_slug[s] for s in slugs if s in self.by_slug]


class Links:
    """(letter position, value index) pairs of one relation: which letters have a
    value, and how many letters of a set have each value."""

    def __init__(self, letters, values, n_values):
        order = np.lexsort((letters, values))
        self.letters, self.values = letters, values
        self._sorted_letters = letters[order]
        self._starts = np.searchsorted(values[order], np.arange(n_values + 1))
        self.n_values = n_values

    def letters_with(self, indexes, n_letters):
        """A mask of the letters linked to any of the values ``indexes``."""
        mask = np.zeros(n_letters, dtype=bool)
        for index in indexes:
            mask[
                self._sorted_letters[self._starts[index] : self._starts[index + 1]]
            ] = 1
        return mask

    def counts(self, mask):
        """How many letters of ``mask`` each value has (one bincount over the links)."""
        if mask is None:
            return np.bincount(self.values, minlength=self.n_values)
        return np.bincount(self.values[mask[self.letters]], minlength=self.n_values)


def _links(cursor, sql, letter_position, value_position):
    """(letter positions, value indexes) of the (letter id, value id) rows ``sql``
    selects."""
    cursor.execute(sql)
    rows = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 2)
    letters = _look_up(letter_position, rows[:, 0])
    values = _look_up(value_position, rows[:, 1])
    keep = (letters >= 0) & (values >= 0)
    return letters[keep].astype(np.int32), values[keep].astype(np.int32)


def _look_up(position, ids):
    """Where each of ``ids`` stands (``_positions``), -1 for ids it does not know (-1
    for none, or a row written after the index read its table)."""
    found = np.full(len(ids), -1, dtype=np.int64)
    known = (ids >= 0) & (ids < len(position))
    found[known] = position[ids[known]]
    return found


def _placed(letters, values):
    """The (letter, value) pairs of a column that holds one value a letter or none
    (-1)."""
    keep = values >= 0
    return letters[keep], values[keep].astype(np.int32)


def _either(first, second, n_values):
    """The (letter, value) pairs of two relations together, a pair once (a letter sent
    and received by one person has that correspondent once)."""
    width = max(n_values, 1)
    both = np.unique(
        np.concatenate([first[0], second[0]]).astype(np.int64) * width
        + np.concatenate([first[1], second[1]])
    )
    return (both // width).astype(np.int32), (both % width).astype(np.int32)


def _positions(ids):
    """An array mapping each id to its index in ``ids`` (-1 for ids not there)."""
    lookup = np.full(int(ids.max(initial=0)) + 1, -1, dtype=np.int64)
    lookup[ids] = np.arange(len(ids))
    return lookup


def _table(model):
    return model._meta.db_table


class LetterIndex:
    """The arrays of one version of the edition (see the module docstring)."""

    def __init__(self, using, version):
        self.using, self.version = using, version
        connection = connections[using]
        with connection.cursor() as cursor:
            letters = self._read_letters(cursor, connection.vendor)
            self._read_people_and_topics(cursor)
            self._read_places_kinds_languages(cursor, letters)
            # one word's matches can be read best first (browse/selection.py)
            self.orders_by_rank = backend_for(using).orders_by_rank(cursor)

    def _read_letters(self, cursor, vendor):
        """The letters in date order, their dates, and the columns of their places and
        kind (as read, for ``_read_places_kinds_languages``)."""
        cursor.execute(
            f"SELECT id, {_day_number('date_min', vendor)}, "
            f"{_day_number('date_max', vendor)}, "
            "CASE WHEN date_start IS NULL OR date_end IS NULL THEN 1 ELSE 0 END, "
            "sent_from_id, sent_to_id, kind "
            # the ORM's in_date_order(): the same ORDER BY, NULLs where it puts them
            f"FROM {_table(Letter)} ORDER BY date_min ASC, slug ASC"
        )
        rows = cursor.fetchall()
        table = np.array(
            [
                (
                    pk,
                    low or _NEVER_LOW,
                    high or _NEVER_HIGH,
                    o,
                    sent_from or -1,
                    to or -1,
                )
                for pk, low, high, o, sent_from, to, _ in rows
            ],
            dtype=np.int64,
        ).reshape(-1, 6)
        self.ids = table[:, 0]
        self.low = table[:, 1].astype(np.int32)
        self.high = table[:, 2].astype(np.int32)
        self.open = table[:, 3].astype(bool)
        self.dated = self.low != _NEVER_LOW
        # each dated letter's year span as a number: counting spans is a bincount
        self.n = len(self.ids)
        keys = _span_keys(self.low // 10_000, self.high // 10_000, self.open)
        self._year_spans, span_of = np.unique(keys[self.dated], return_inverse=True)
        self._year_span_of = np.full(self.n, -1, dtype=np.int32)
        self._year_span_of[self.dated] = span_of
        self.position_of = _positions(self.ids)
        return {
            "sent_from": table[:, 4],
            "sent_to": table[:, 5],
            "kind": [row[6] for row in rows],
        }

    def _read_people_and_topics(self, cursor):
        position = self.position_of
        self.people, person_at = self._values(cursor, _table(Person), "slug")
        self.topics, topic_at = self._values(cursor, _table(Topic), "slug")
        n_people = len(self.people.slugs)
        sent, received = (
            _links(
                cursor,
                f"SELECT letter_id, person_id FROM {_table(through)}",
                position,
                person_at,
            )
            for through in (Letter.senders.through, Letter.recipients.through)
        )
        self.sender = Links(*sent, n_people)
        self.recipient = Links(*received, n_people)
        self.correspondent = Links(*_either(sent, received, n_people), n_people)
        topics = _links(
            cursor,
            f"SELECT letter_id, topic_id FROM {_table(Letter.topics.through)}",
            position,
            topic_at,
        )
        self.topic = Links(*topics, len(self.topics.slugs))

    def _read_places_kinds_languages(self, cursor, letters):
        self.places, place_at = self._values(cursor, _table(Place), "slug")
        n_places = len(self.places.slugs)
        everyone = np.arange(self.n, dtype=np.int32)
        sent_from, sent_to = (
            _placed(everyone, _look_up(place_at, letters[column]))
            for column in ("sent_from", "sent_to")
        )
        self.place = Links(*_either(sent_from, sent_to, n_places), n_places)

        # the edition's kinds, and any other code a letter holds (labelled by its
        # code, as the SQL facet labels it)
        labels = dict(Letter.Kind.choices)
        for code in letters["kind"]:
            if code:
                labels.setdefault(code, code)
        self.kinds = Values.from_rows([(None, code, labels[code]) for code in labels])
        kind_at = {code: n for n, code in enumerate(self.kinds.slugs)}
        kinds = np.array([kind_at.get(code, -1) for code in letters["kind"]])
        self.kind = Links(*_placed(everyone, kinds), len(self.kinds.slugs))

        self.languages, language_at = self._values(cursor, _table(Language), "code")
        languages = _links(
            cursor,
            f"SELECT letter_id, language_id FROM {_table(Letter.languages.through)}",
            self.position_of,
            language_at,
        )
        self.language = Links(*languages, len(self.languages.slugs))

    @staticmethod
    def _values(cursor, table, key):
        """The keys (slugs, or codes) and names of a table's rows, and where each id
        stands."""
        cursor.execute(f"SELECT id, {key}, name FROM {table} ORDER BY id")
        rows = cursor.fetchall()
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        return Values.from_rows(rows), _positions(ids)

    # -- masks ---------------------------------------------------------------------
    def all(self):
        return np.ones(self.n, dtype=bool)

    def meeting(self, first_day, last_day):
        """Letters whose known range meets the days ``first_day``..``last_day``
        (YYYYMMDD integers, inclusive)."""
        return (self.low <= last_day) & (self.high >= first_day)

    def in_years(self, first, last):
        return self.meeting(day(first), day(last, 12, 31))

    def in_any_year(self, years):
        mask = np.zeros(self.n, dtype=bool)
        for year in years:
            mask |= self.in_years(year, year)
        return mask

    def in_month(self, year, month):
        return self.meeting(day(year, month, 1), day(year, month, 31))

    def positions_of(self, ids):
        """Where each of ``ids`` stands, -1 for ids the index does not know."""
        return _look_up(self.position_of, np.asarray(ids, dtype=np.int64))

    def of_ids(self, ids):
        """A mask of the letters ``ids`` (ids not in the index are left out)."""
        mask = np.zeros(self.n, dtype=bool)
        positions = self.positions_of(np.asarray(ids, dtype=np.int64))
        mask[positions[positions >= 0]] = True
        return mask

    # -- counts --------------------------------------------------------------------
    def year_spans(self, mask):
        """[(first year, last year, open, count)] of the dated letters of ``mask``, as
        ``browse.spans.year_spans`` answers for the same letters."""
        counts = np.bincount(
            self._year_span_of[mask & self.dated], minlength=len(self._year_spans)
        )
        present = np.flatnonzero(counts)
        return _span_rows(self._year_spans[present], counts[present])

    def month_spans(self, mask, year):
        """[(first month, last month, open, count)] of the letters of ``mask`` meeting
        ``year``, their ranges cut to it (as ``browse.spans.month_spans``)."""
        chosen = mask & self.in_years(year, year)
        low, high = self.low[chosen], self.high[chosen]
        first_year, last_year = low // 10_000, high // 10_000
        first = np.where(first_year == year, low // 100 % 100, 1)
        last = np.where(last_year == year, high // 100 % 100, 12)
        cut = (first_year != year) | (last_year != year)
        return self._spans(first, last, self.open[chosen] | cut)

    @staticmethod
    def _spans(first, last, is_open):
        if not len(first):
            return []
        unique, counts = np.unique(_span_keys(first, last, is_open), return_counts=True)
        return _span_rows(unique, counts)


def _span_keys(first, last, is_open):
    """One integer a (first, last, open) span, ordered as the spans are (a 1-D unique
    is a sort; np.unique(axis=0) is 30x slower)."""
    return (first.astype(np.int64) * 10_000 + last) * 2 + is_open


def _span_rows(keys, counts):
    """[(first, last, open, count)] of span keys and their counts."""
    return [
        (key // 20_000, key // 2 % 10_000, bool(key % 2), n)
        for key, n in zip(keys.tolist(), counts.tolist(), strict=True)
    ]


class _Current:
    """The index of each database's current version, built when the version changes."""

    def __init__(self):
        self._indexes = {}
        self._lock = threading.Lock()

    def get(self, using=DEFAULT_DB_ALIAS):
        version = data_version(using)
        index = self._indexes.get(using)
        if index is not None and index.version == version and version is not None:
            return index
        with self._lock:  # one build a process; the others wait for it
            index = self._indexes.get(using)
            if index is None or index.version != version or version is None:
                index = LetterIndex(using, version)
                if version is not None:
                    self._indexes[using] = index
        return index

    def clear(self):
        with self._lock:
            self._indexes.clear()


current = _Current()
