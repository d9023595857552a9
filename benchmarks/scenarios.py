"""The scenarios, as URLs of the app and the equivalent URLs of Datasette.

Parameters are read from the exported file (the same letters, the same ids as the
corpus it was exported from):

- (a) the letter list, unfiltered, with facets
- (b) one correspondent: the third busiest (thousands of letters at 100k)
- (c) a year range, 1900-1910
- (d) a common word ("letter", in about a third of the letters) and a rare word (a
  pseudo-word in a few dozen to a few hundred letters), each with facets
- (e) a deep page: 80% of the way through the unfiltered list
- (f) one letter's page (cycling through 20 letters spread over the edition)
- (g) the JSON API for (a) and (d, common word)
- (h) a person's page (20 people in turn, the busiest first): their letters, their
  correspondents and a timeline of their letters
- (i) /network/: who wrote to whom, for all letters and for one correspondent (b)'s
  letters (Datasette has no such page: the app alone)
- (j) a place's page (20 places in turn, the most letters first): the letters sent
  from and to it, its map

Datasette: the ``letters`` table with ``_facet=sender&_facet=recipient&_facet=year``;
``_where`` for a correspondent (sender or recipient), ``year__gte``/``year__lte``,
``_search`` (FTS5 over title, body, notes), ``_next`` (its keyset pagination: the table
is in id order, which is date order) and the row page for one letter, person or place
(with the counts of the rows that link to it).

:class:`Browse` spells any combination of the browsing parameters for both (the cold
set, ``cold.py``, is made of them); there a facet is matched on the link tables (every
sender, recipient or topic of a letter, as the app does), not on the ``letters``
table's first sender and recipient. :class:`Page` is a person's or a place's page
(Datasette: its row page), :class:`Network` the network of a :class:`Browse`'s letters
(the app's alone).
"""

import calendar
import sqlite3
from dataclasses import dataclass, field
from urllib.parse import urlencode

from benchmarks.synthetic.shape import COMMON_WORDS, vocabulary

#: the deepest result a reader may page to: browse.limits.MAX_RESULTS_PAGED
#: (not imported: this module runs without Django set up)
MAX_RESULTS_PAGED = 10_000

COMMON_WORD = "letter"
YEAR_FROM, YEAR_TO = 1900, 1910
PAGE_SIZE = 100
FACETS = [("_facet", "sender"), ("_facet", "recipient"), ("_facet", "year")]


@dataclass
class Scenario:
    #: a-j
    key: str
    #: e.g. "common word"; "" when the scenario has one form
    variant: str
    description: str
    letters_paths: list
    datasette_paths: list


@dataclass(frozen=True)
class Browse:
    """One request of the browsing page, as the app and Datasette each spell it.

    People, topics and places are ``(id, slug)`` pairs: the app names them by slug,
    Datasette's tables by id. ``after_id`` is Datasette's keyset for ``page`` (the id
    of the last letter before it, in id order), found by whoever makes the request."""

    correspondent: tuple = ()
    sender: tuple = ()
    recipient: tuple = ()
    topic: tuple = ()
    place: tuple = ()
    year: int | None = None
    month: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    q: str = ""
    #: "" (the app's default: relevance when searching, else date), "date",
    #: "relevance"
    sort: str = ""
    page: int = 1
    after_id: int | None = field(default=None, compare=False)

    LINKS = {
        "sender": "letter_senders",
        "recipient": "letter_recipients",
        "topic": "letter_topics",
    }

    def app_path(self):
        params = [
            (name, getattr(self, name)[1])
            for name in ("correspondent", "sender", "recipient", "topic", "place")
            if getattr(self, name)
        ]
        for name in ("year", "month", "year_from", "year_to", "q", "sort"):
            if getattr(self, name):
                params.append((name, getattr(self, name)))
        if self.page > 1:
            params.append(("page", self.page))
        return "/letters/" + (f"?{urlencode(params)}" if params else "")

    def where(self):
        """The SQL condition on ``letters`` (the exported file) for everything but
        the words: Datasette's ``_where``, and the harness's own counts. Literal
        integers only, so it can go into a URL."""
        clauses = []
        if self.correspondent:
            person = int(self.correspondent[0])
            clauses.append(
                f"id in (select letter_id from letter_senders where person_id = "
                f"{person} union select letter_id from letter_recipients where "
                f"person_id = {person})"
            )
        for name, table in self.LINKS.items():
            if getattr(self, name):
                column = "topic_id" if name == "topic" else "person_id"
                clauses.append(
                    f"id in (select letter_id from {table} where {column} = "
                    f"{int(getattr(self, name)[0])})"
                )
        if self.place:
            # sent from or to it, as the app's place filter
            place = int(self.place[0])
            clauses.append(f"(sent_from = {place} or sent_to = {place})")
        if self.month:
            # the app's month: the letter's known date range meets it
            year, month = int(self.year), int(self.month)
            last = calendar.monthrange(year, month)[1]
            clauses.append(
                f"coalesce(date_start, date_end) <= '{year:04d}-{month:02d}-{last}' "
                f"and coalesce(date_end, date_start) >= '{year:04d}-{month:02d}-01'"
            )
        return clauses

    def years(self):
        """(first, last) of the year filters, or None."""
        if self.year:
            return (self.year, self.year)
        if self.year_from or self.year_to:
            return (self.year_from or 0, self.year_to or 9999)
        return None

    def datasette_path(self, name):
        """The equivalent URL of Datasette's table view of ``name``, or None where
        Datasette has no equivalent (it cannot order by relevance)."""
        if self.sort == "relevance" or (self.q and self.sort != "date"):
            return None
        params = list(FACETS) + [("_where", clause) for clause in self.where()]
        if self.years():
            first, last = self.years()
            params += [("year__gte", first), ("year__lte", last)]
        if self.q:
            params.append(("_search", self.q))
        if self.page > 1:
            if self.after_id is None:
                raise ValueError("a page past the first needs after_id")
            params.append(("_next", self.after_id))
        return f"/{name}/letters?{urlencode(params)}"


@dataclass(frozen=True)
class Page:
    """A person's or a place's page: ``table`` is "people" or "places", the app's
    section and Datasette's table alike; ``record`` an ``(id, slug)`` pair."""

    table: str
    record: tuple

    def app_path(self):
        return f"/{self.table}/{self.record[1]}/"

    def datasette_path(self, name):
        return f"/{name}/{self.table}/{int(self.record[0])}"


@dataclass(frozen=True)
class Network:
    """/network/ of the letters ``browse`` finds (Datasette has no such page)."""

    browse: Browse

    def app_path(self):
        return "/network/" + self.browse.app_path().removeprefix("/letters/")

    def datasette_path(self, name):
        return None


def _rare_word(db, seed):
    words = vocabulary(seed)
    start = len(dict.fromkeys(COMMON_WORDS)) + 20_000
    for word in words[start:]:
        count = db.execute(
            "SELECT count(*) FROM letters_fts WHERE letters_fts MATCH ?", [f'"{word}"']
        ).fetchone()[0]
        if 20 <= count <= 1000:
            return word, count
    raise RuntimeError("no rare word found")


def build(export_path, seed):
    db = sqlite3.connect(f"file:{export_path}?mode=ro", uri=True)
    name = export_path.stem
    total = db.execute("SELECT count(*) FROM letters").fetchone()[0]
    person_id, slug, person_name, person_letters = db.execute(
        "SELECT p.id, p.slug, p.name, count(*) FROM people p JOIN ("
        " SELECT sender AS person FROM letters UNION ALL"
        " SELECT recipient FROM letters WHERE recipient != sender"
        ") l ON l.person = p.id GROUP BY p.id ORDER BY count(*) DESC LIMIT 1 OFFSET 2"
    ).fetchone()
    rare, rare_count = _rare_word(db, seed)
    common_count = db.execute(
        "SELECT count(*) FROM letters_fts WHERE letters_fts MATCH ?", [COMMON_WORD]
    ).fetchone()[0]
    pages = -(-total // PAGE_SIZE)
    # 80% of the way in, but no deeper than the app lets a reader page (filters.py)
    deep_page = max(1, min(int(pages * 0.8), MAX_RESULTS_PAGED // PAGE_SIZE))
    deep_after = db.execute(
        "SELECT id FROM letters ORDER BY id LIMIT 1 OFFSET ?",
        [(deep_page - 1) * PAGE_SIZE - 1],
    ).fetchone()[0]
    samples = db.execute(
        "SELECT id, slug FROM letters WHERE id % ? = 0 ORDER BY id LIMIT 20",
        [max(1, total // 20)],
    ).fetchall()
    busiest = db.execute(
        "SELECT p.id, p.slug FROM people p JOIN letter_senders s ON s.person_id = p.id "
        "GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 20"
    ).fetchall()
    places = db.execute(
        "SELECT p.id, p.slug FROM places p JOIN ("
        " SELECT sent_from AS place FROM letters UNION ALL"
        " SELECT sent_to FROM letters WHERE sent_to IS NOT NULL"
        ") l ON l.place = p.id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 20"
    ).fetchall()
    db.close()

    def ds(path="", params=(), facets=True):
        query = urlencode([*(FACETS if facets else []), *params])
        return f"/{name}/letters{path}" + (f"?{query}" if query else "")

    scenarios = [
        Scenario("a", "", "all letters, with facets", ["/letters/"], [ds()]),
        Scenario(
            "b",
            "",
            f"one correspondent ({person_name}, {person_letters} letters)",
            [f"/letters/?correspondent={slug}"],
            [
                ds(
                    params=[
                        ("_where", f"sender = {person_id} or recipient = {person_id}")
                    ]
                )
            ],
        ),
        Scenario(
            "c",
            "",
            f"years {YEAR_FROM}-{YEAR_TO}",
            [f"/letters/?year_from={YEAR_FROM}&year_to={YEAR_TO}"],
            [ds(params=[("year__gte", YEAR_FROM), ("year__lte", YEAR_TO)])],
        ),
        Scenario(
            "d",
            "common word",
            f'"{COMMON_WORD}" ({common_count} letters)',
            [f"/letters/?q={COMMON_WORD}"],
            [ds(params=[("_search", COMMON_WORD)])],
        ),
        Scenario(
            "d",
            "rare word",
            f'"{rare}" ({rare_count} letters)',
            [f"/letters/?q={rare}"],
            [ds(params=[("_search", rare)])],
        ),
        Scenario(
            "e",
            "",
            f"page {deep_page} of {pages}",
            [f"/letters/?page={deep_page}"],
            [ds(params=[("_next", deep_after)])],
        ),
        Scenario(
            "f",
            "",
            "one letter's page (20 letters in turn)",
            [f"/letters/{slug}/" for _, slug in samples],
            [ds(f"/{pk}", facets=False) for pk, _ in samples],
        ),
        Scenario(
            "g",
            "all letters",
            "JSON API, as (a)",
            ["/api/letters/"],
            [ds(".json")],
        ),
        Scenario(
            "g",
            "common word",
            "JSON API, as (d) common word",
            [f"/api/letters/?q={COMMON_WORD}"],
            [ds(".json", params=[("_search", COMMON_WORD)])],
        ),
    ]
    scenarios += [
        Scenario(
            "h",
            "",
            "a person's page (the 20 busiest senders in turn)",
            [f"/people/{slug}/" for _, slug in busiest],
            [f"/{name}/people/{pk}" for pk, _ in busiest],
        ),
        Scenario("i", "all letters", "/network/ of all letters", ["/network/"], []),
        Scenario(
            "i",
            "one correspondent",
            "/network/ of (b)'s letters",
            [f"/network/?correspondent={slug}"],
            [],
        ),
        Scenario(
            "j",
            "",
            "a place's page (the 20 places of most letters in turn)",
            [Page("places", place).app_path() for place in places],
            [Page("places", place).datasette_path(name) for place in places],
        ),
    ]
    return scenarios, {
        "correspondent": slug,
        "rare_word": rare,
        "deep_page": deep_page,
        "letters": total,
    }
