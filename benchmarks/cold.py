"""The cold set: browsing URLs that no reader asked before, each asked exactly once.

Readers do not repeat each other: each combination of correspondent, years, topic,
words and page is usually new, so its answer is computed, not taken from the page
cache. :func:`make` draws, from a seed, distinct :class:`~benchmarks.scenarios.Browse`
requests of each kind below, with the values taken from the generated corpus itself
(the exported file: the same ids and slugs as the app's databases). Most requests are
built around an anchor, a letter drawn at random, so that combinations have results:
its correspondent, its years, a word of its text.

The kinds (``KINDS``), of /letters/: one facet (correspondent, sender, recipient,
topic, place), a year range of 1-25 years, a month of one year, a word and a phrase (by
date, so Datasette can answer the same), relevance order (Datasette cannot: no ratio),
two facets together, a facet or a word with years, three together, and pages 2-50 of a
list; of other pages: a person's page, a place's page (Datasette: the row page of the
person or place), and /network/ of one correspondent, topic or place, or of a year
range alone or with one of those (Datasette has no network: no ratio).
"""

import random
import re
import sqlite3
from dataclasses import dataclass, replace

from benchmarks.scenarios import PAGE_SIZE, Browse, Network, Page
from benchmarks.synthetic.shape import COMMON_WORDS

#: the first words of the vocabulary (the, of, and, ...) are not what readers search
FUNCTION_WORDS = frozenset(list(dict.fromkeys(COMMON_WORDS))[:150])
MAX_YEARS = 25
MAX_PAGE = 50
_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class Kind:
    key: str
    description: str
    #: the page asked for: "letters" (/letters/), "person", "place" or "network"
    page: str = "letters"


KINDS = [
    Kind("correspondent", "one correspondent"),
    Kind("sender", "one sender"),
    Kind("recipient", "one recipient"),
    Kind("topic", "one topic"),
    Kind("years", "a year range of 1-25 years"),
    Kind("month", "a month of one year"),
    Kind("word", "one word, by date"),
    Kind("phrase", 'a "phrase" of two words, by date'),
    Kind("relevance", "one word, by relevance"),
    Kind("sender+recipient", "a sender and a recipient"),
    Kind("correspondent+years", "a correspondent and a year range"),
    Kind("word+years", "a word and a year range, by date"),
    Kind("topic+correspondent+years", "a topic, a correspondent and a year range"),
    Kind("page", "page 2-50 of all letters, a year range or a correspondent"),
    Kind("place", "one place (sent from or to)"),
    Kind("person-page", "a person's page", "person"),
    Kind("place-page", "a place's page", "place"),
    Kind("network", "/network/ of one correspondent, topic or place", "network"),
    Kind(
        "network+years",
        "/network/ of a year range, alone or with a correspondent, topic or place",
        "network",
    ),
]
KEYS = [kind.key for kind in KINDS]
#: the kinds of /letters/ (load.py draws its cold URLs from these)
LETTERS_KEYS = [kind.key for kind in KINDS if kind.page == "letters"]


class Corpus:
    """What the requests are drawn from, read once from the exported file."""

    def __init__(self, path):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.name = path.stem
        rows = self.db.execute(
            "SELECT id, year, coalesce(date_start, date_end) FROM letters "
            "WHERE year IS NOT NULL ORDER BY id"
        ).fetchall()
        self.letters = [(pk, year, day) for pk, year, day in rows]
        self.first_year = min(year for _, year, _ in rows)
        self.last_year = max(year for _, year, _ in rows)
        self.people = dict(self.db.execute("SELECT id, slug FROM people"))
        self.topics = dict(self.db.execute("SELECT id, slug FROM topics"))
        self.places = dict(self.db.execute("SELECT id, slug FROM places"))
        self.links = {}
        for table in ("letter_senders", "letter_recipients", "letter_topics"):
            linked = self.links[table] = {}
            for letter, other in self.db.execute(f"SELECT * FROM {table}"):
                linked.setdefault(letter, []).append(other)
        #: the places a letter was sent from and to
        self.links["letter_places"] = {
            letter: [p for p in (sent_from, sent_to) if p is not None]
            for letter, sent_from, sent_to in self.db.execute(
                "SELECT id, sent_from, sent_to FROM letters"
            )
        }
        #: the people in each role, and the places of letters, for draws that are not
        #: weighted by letters
        self.in_role = {
            table: sorted({p for values in self.links[table].values() for p in values})
            for table in ("letter_senders", "letter_recipients", "letter_places")
        }

    def person(self, pk):
        return (pk, self.people[pk])

    def topic(self, pk):
        return (pk, self.topics[pk])

    def place(self, pk):
        return (pk, self.places[pk])

    def linked(self, table, letter):
        return self.links[table].get(letter, [])

    def words(self, letter):
        body = self.db.execute("SELECT body FROM letters WHERE id = ?", [letter])
        return [
            sentence.split()
            for sentence in re.split(r"[^a-z ]+", body.fetchone()[0].lower())
        ]

    def count_and_after(self, browse):
        """(letters matching ``browse``, the id before its page) on the exported file:
        ids are in date order there, as the app's pages are."""
        where = browse.where()
        params = []
        if browse.years():
            where.append("year BETWEEN ? AND ?")
            params += browse.years()
        sql = "FROM letters" + (" WHERE " + " AND ".join(where) if where else "")
        count = self.db.execute(f"SELECT count(*) {sql}", params).fetchone()[0]
        after = None
        if browse.page > 1 and count > (browse.page - 1) * PAGE_SIZE:
            after = self.db.execute(
                f"SELECT id {sql} ORDER BY id LIMIT 1 OFFSET ?",
                [*params, (browse.page - 1) * PAGE_SIZE - 1],
            ).fetchone()[0]
        return count, after


class Drawer:
    """Draws requests of each kind; ``rng`` decides everything."""

    def __init__(self, corpus, rng):
        self.corpus, self.rng = corpus, rng

    def anchor(self):
        return self.rng.choice(self.corpus.letters)

    def person(self, roles, letter=None):
        """Half the time someone of a random letter (so busy people come up as often
        as readers would ask for them), else anyone who wrote or received a letter."""
        corpus = self.corpus
        if letter is None and self.rng.random() < 0.5:
            people = sorted({p for table in roles for p in corpus.in_role[table]})
            return corpus.person(self.rng.choice(people))
        letter = letter or self.anchor()[0]
        people = [p for table in roles for p in corpus.linked(table, letter)]
        return corpus.person(self.rng.choice(people)) if people else None

    def place(self, letter=None):
        """As :meth:`person`: half the time a place of a random letter, else any place
        a letter was sent from or to."""
        corpus = self.corpus
        if letter is None and self.rng.random() < 0.5:
            return corpus.place(self.rng.choice(corpus.in_role["letter_places"]))
        places = corpus.linked("letter_places", letter or self.anchor()[0])
        return corpus.place(self.rng.choice(places)) if places else None

    def network(self, pk, year, years):
        """/network/ of one correspondent, topic or place of the letter ``pk`` (or of
        anyone's), with a year range around ``year`` if ``years``, or of the range
        alone (one time in four)."""
        facets = ["correspondent", "topic", "place"] + (["none"] if years else [])
        match self.rng.choice(facets):
            case "correspondent":
                values = {"correspondent": self.person(both_roles(), pk)}
            case "topic":
                topics = self.corpus.linked("letter_topics", pk)
                values = {
                    "topic": self.corpus.topic(self.rng.choice(topics))
                    if topics
                    else None
                }
            case "place":
                values = {"place": self.place(pk)}
            case _:
                values = {}
        if years:
            values |= self.years(year)
        browse = _browse(**values)
        return Network(browse) if browse is not None else None

    def years(self, year):
        """A range of 1-25 years around ``year``, within the corpus's years."""
        length = self.rng.randint(1, MAX_YEARS)
        first = max(self.corpus.first_year, year - self.rng.randrange(length))
        last = min(self.corpus.last_year, first + length - 1)
        return {"year_from": first, "year_to": last}

    def word(self, letter):
        words = [
            w
            for sentence in self.corpus.words(letter)
            for w in sentence
            if _WORD.fullmatch(w) and w not in FUNCTION_WORDS
        ]
        return self.rng.choice(words) if words else None

    def phrase(self, letter):
        pairs = [
            (a, b)
            for sentence in self.corpus.words(letter)
            for a, b in zip(sentence, sentence[1:], strict=False)
            if _WORD.fullmatch(a) and _WORD.fullmatch(b)
        ]
        return '"{} {}"'.format(*self.rng.choice(pairs)) if pairs else None

    def draw(self, kind):
        """A :class:`Browse` of ``kind``, or None when this draw found nothing."""
        pk, year, day = self.anchor()
        senders, recipients = ["letter_senders"], ["letter_recipients"]
        both = both_roles()
        match kind:
            case "correspondent":
                return _browse(correspondent=self.person(both))
            case "sender":
                return _browse(sender=self.person(senders))
            case "recipient":
                return _browse(recipient=self.person(recipients))
            case "topic":
                topics = self.corpus.linked("letter_topics", pk)
                topic = self.corpus.topic(self.rng.choice(topics)) if topics else None
                return _browse(topic=topic)
            case "years":
                return Browse(**self.years(year))
            case "month":
                return Browse(year=int(day[:4]), month=int(day[5:7]))
            case "word":
                return _browse(q=self.word(pk), sort="date")
            case "phrase":
                return _browse(q=self.phrase(pk), sort="date")
            case "relevance":
                return _browse(q=self.word(pk), sort="relevance")
            case "sender+recipient":
                return _browse(
                    sender=self.person(senders, pk),
                    recipient=self.person(recipients, pk),
                )
            case "correspondent+years":
                return _browse(correspondent=self.person(both, pk), **self.years(year))
            case "word+years":
                return _browse(q=self.word(pk), sort="date", **self.years(year))
            case "topic+correspondent+years":
                topics = self.corpus.linked("letter_topics", pk)
                return _browse(
                    topic=self.corpus.topic(self.rng.choice(topics))
                    if topics
                    else None,
                    correspondent=self.person(both, pk),
                    **self.years(year),
                )
            case "page":
                return self.page(pk, year)
            case "place":
                return _browse(place=self.place())
            case "person-page":
                person = self.person(both)
                return Page("people", person) if person else None
            case "place-page":
                place = self.place()
                return Page("places", place) if place else None
            case "network":
                return self.network(pk, year, years=False)
            case "network+years":
                return self.network(pk, year, years=True)
        raise ValueError(f"unknown kind {kind!r}")

    def page(self, pk, year):
        lists = [
            Browse(),
            Browse(**self.years(year)),
            _browse(correspondent=self.person(["letter_senders", "letter_recipients"])),
        ]
        browse = self.rng.choice(lists)
        if browse is None:
            return None
        browse = replace(browse, page=self.rng.randint(2, MAX_PAGE))
        count, after = self.corpus.count_and_after(browse)
        if after is None:  # fewer pages than that: the last one, if it is past 1
            pages = -(-count // PAGE_SIZE)
            if pages < 2:
                return None
            browse = replace(browse, page=self.rng.randint(2, min(pages, MAX_PAGE)))
            count, after = self.corpus.count_and_after(browse)
        return replace(browse, after_id=after)


def both_roles():
    return ["letter_senders", "letter_recipients"]


def _browse(**values):
    """A Browse of ``values``, or None if a value could not be drawn."""
    if any(v is None for v in values.values()):
        return None
    return Browse(**values)


def make(export_path, seed, counts, kinds=KEYS):
    """{kind: [Browse, Page or Network, ...]} for each count in ``counts`` (a list of
    sets, e.g. one for one client and one for eight), every app URL distinct across
    all of them."""
    corpus = Corpus(export_path)
    rng = random.Random(f"cold-{seed}")
    drawer = Drawer(corpus, rng)
    seen, sets = set(), [{kind: [] for kind in kinds} for _ in counts]
    for kind in kinds:
        for chosen, count in zip(sets, counts, strict=True):
            attempts = 0
            while len(chosen[kind]) < count and attempts < 50 * count:
                attempts += 1
                browse = drawer.draw(kind)
                if browse is None or browse.app_path() in seen:
                    continue
                seen.add(browse.app_path())
                chosen[kind].append(browse)
    return corpus.name, sets


def endless(export_path, seed, kinds=LETTERS_KEYS):
    """Distinct app paths without end, the kinds in turn (a kind that finds nothing
    new in 200 draws is dropped)."""
    corpus = Corpus(export_path)
    drawer = Drawer(corpus, random.Random(f"cold-endless-{seed}"))
    seen, kinds = set(), list(kinds)
    while kinds:
        for kind in list(kinds):
            for _ in range(200):
                browse = drawer.draw(kind)
                if browse is not None and browse.app_path() not in seen:
                    seen.add(browse.app_path())
                    yield browse.app_path()
                    break
            else:
                kinds.remove(kind)
