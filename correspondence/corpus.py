"""Synthetic editions of realistic size, for benchmarks (``manage.py generate_corpus``).

Everything follows from one seed through one ``random.Random(seed)``, so the same seed
gives the same edition on SQLite and on PostgreSQL, and benchmarks on both
databases (and on Datasette, through :func:`export_sqlite`) answer the same letters.

The shape of an edition of ``n`` letters
----------------------------------------
- **People**: about one per 50 letters. Who writes and receives follows Zipf's law over
  a shuffled ranking, so a few people are in thousands of letters and most in a handful.
  A third have variant names (spellings such as -sky/-ski, initials such as "W.L.", code
  names such as "brother"); most have life dates ("1851-1917", "1881-?").
- **Topics**: 60, Zipf-weighted; a letter has 0-3.
- **Dates**: 1850-1950, peaking around 1915, in chronological order of ids. Most are
  exact days; some are printed in two calendars ("25 May (7 June) 1914"), some are a
  month or a year, a range ("3-9 May 1901"), only a bound ("[Before 12 July 1914]",
  "[After 3 March 1890]"), supplied by the editor (square brackets) or missing.
- **Text**: 200-2,000 words a letter (median about 450), drawn Zipf-wise from the
  :data:`COMMON_WORDS` of English followed by ~30,000 pronounceable pseudo-words, so a
  common word ("letter") is in a large share of letters and a rare one in a few dozen.
  0-10 footnotes a letter, their markers ``[^N]`` glued to a word in the body; headnotes
  and postscripts on some letters.

Writing
-------
:func:`generate` writes ``chunk`` letters at a time with ``bulk_create`` (through tables
too), with explicit ids, inside one transaction, and fills the search index rows itself
(the same rows as :func:`correspondence.search.index_letters` would, tested, without
reading the letters back): executemany into FTS5 on SQLite; on PostgreSQL ``COPY``
into a staging table, one ``INSERT ... SELECT to_tsvector`` per chunk and the GIN
index rebuilt once at the end.

:func:`export_sqlite` copies the letters of a database into a plain SQLite file with an
FTS5 index that Datasette serves as it is.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import random
import re
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections, transaction
from django.utils.text import slugify

from correspondence.text import strip_markers

FIRST_YEAR, LAST_YEAR, PEAK_YEAR = 1850, 1950, 1915
LETTERS_PER_PERSON = 50
TOPIC_COUNT = 60
PSEUDO_WORDS = 30_000
MIN_WORDS, MAX_WORDS, MEDIAN_WORDS = 200, 2_000, 450
MAX_FOOTNOTES = 10
CHUNK = 1_000

#: common English words, most frequent first: they take the top Zipf ranks
COMMON_WORDS = """
the of and to a in that is was he for it with as his on be at by i had not are but
from or have an they which one you were her all she there would their we him been has
when who will more no if out so said what up its about into than them can only other
new some could time these two may then do first any my now such like our over man me
even most made after also did many before must through back years where much your way
well down should because each just those people how too little state good very make
world still own see men work long get here between both life being under never day
same another know while last might us great old year off come since against go came
right used take three letter write dear friend news health house city family money
party paper book books comrades comrade affair question answer written received send
sent soon again yesterday today tomorrow week weeks month months whole matter matters
please thank thanks hope wish reply post address journey train station winter summer
spring autumn morning evening night hand heart mind word words place home town country
government committee congress meeting article articles press printing copy copies
editor edition publisher translation translator manuscript library archive rather
quite enough perhaps certainly indeed almost already always often sometimes nothing
something everything nobody everybody someone kind kindly regards greetings yours
truly sincerely faithfully affectionately wife husband mother father sister brother
son daughter children child doctor illness better worse best worst friends enemies
war peace police prison exile border abroad foreign people's workers work's
""".split()

_ONSETS = (
    "b c d f g h j k l m n p r s t v w z br cr dr fr gr kr pr tr st sp sk sl pl bl "
    "gl kl ch sh th zh"
).split()
_VOWELS = "a e i o u a e i o ai ei ou ia io".split()
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "k", "v", "sk", "nd", "rt"]

FIRST_NAMES = """
Anna Maria Elizabeth Sophia Clara Louise Emma Helene Olga Vera Nadezhda Inessa Rosa
Alexandra Marie Jeanne Charlotte Ida Martha Eleanor Beatrice Agnes Margaret Catherine
Lydia Natalia Ekaterina Irene Frieda Hedwig Alice Edith Emily Florence Grace Harriet
Karl Friedrich Wilhelm Georg Heinrich Otto August Hermann Ludwig Paul Ernst Rudolf
Vladimir Nikolai Lev Grigory Aleksandr Pavel Ivan Fyodor Yuli Anatoly Georgy Sergei
Jean Pierre Louis Jules Henri Paul Victor Emile Charles Edouard Albert Camille
John William James Thomas George Henry Edward Robert Arthur Charles Richard Walter
Giuseppe Antonio Giovanni Luigi Carlo Francesco Enrico Jan Stanislaw Jozef Tomas
""".split()
_SURNAME_ENDINGS = [
    "",
    "",
    "ov",
    "ovsky",
    "ski",
    "in",
    "son",
    "er",
    "mann",
    "ini",
    "ez",
    "ek",
]
_PSEUDONYMS = [
    "brother",
    "army",
    "the old man",
    "the elder",
    "the doctor",
    "the fisherman",
    "uncle",
    "the poet",
    "grandmother",
    "the student",
    "the traveller",
]
_TOPIC_PATTERNS = [
    "The {w} affair",
    "The {w} congress",
    "Exile in {p}",
    "The journal {w}",
    "Quarrels over {w}",
    "The {w} conference",
    "Money for the {w} fund",
    "The {w} split",
    "Publishing the {w} papers",
    "Travel to {p}",
]
_SOURCE_TITLES = [
    ("Collected Letters", 12),
    ("Selected Correspondence", 3),
    ("Letters from Exile", 2),
    ("Unpublished Letters", 1),
]
_MONTHS = [calendar.month_name[m] for m in range(13)]
_JULIAN_OFFSETS = ((dt.date(1900, 3, 13), 13), (dt.date(1800, 3, 12), 12))


def _zipf_cumulative(count, exponent=1.0, shift=0.0):
    """Cumulative Zipf(-Mandelbrot) weights for ranks 1..count (for ``choices``)."""
    return list(
        itertools.accumulate(
            1.0 / (rank + shift) ** exponent for rank in range(1, count + 1)
        )
    )


def _pseudo_word(rng):
    syllables = rng.choices((1, 2, 3, 4), weights=(3, 6, 2, 0.3))[0]
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
        for _ in range(syllables)
    )


def vocabulary(seed, size=PSEUDO_WORDS):
    """The corpus vocabulary for ``seed``, most frequent first: the common English
    words, then ``size`` pseudo-words (deterministic for the seed)."""
    rng = random.Random(f"vocabulary-{seed}")
    words = list(dict.fromkeys(COMMON_WORDS))
    seen, wanted = set(words), len(words) + size
    while len(words) < wanted:
        word = _pseudo_word(rng)
        if len(word) >= 3 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


# -- plain records ------------------------------------------------------------------
@dataclass
class PersonRecord:
    id: int
    slug: str
    name: str
    life_dates: str
    #: (name, kind) pairs
    variants: list = field(default_factory=list)


@dataclass
class LetterRecord:
    id: int
    slug: str
    heading: str
    headnote: str
    date: dict
    place_sent: str
    place_received: str
    dateline: str
    salutation: str
    body: str
    closing: str
    signature: str
    postscript: str
    senders: list
    recipients: list
    mentions: list
    topics: list
    #: footnote texts, numbered from 1
    footnotes: list
    #: (source index, pages)
    source: tuple


class CorpusGenerator:
    """Deterministic records for an edition of ``letters`` letters from ``seed``.

    ``people()``, ``topics()``, ``sources()`` first, then ``letters()`` yields
    :class:`LetterRecord` in chronological (and id) order. Ids start at the given bases.
    """

    def __init__(
        self, letters, seed, *, letter_base=1, person_base=1, topic_base=1, taken=None
    ):
        #: slugs already in use, per kind ("people", "topics", "letters")
        self.taken = taken or {}
        self.count = letters
        self.seed = seed
        self.rng = random.Random(seed)
        self.words = vocabulary(seed)
        self.common = len(dict.fromkeys(COMMON_WORDS))
        self.word_weights = _zipf_cumulative(len(self.words), 1.0, 2.7)
        self.letter_base, self.person_base, self.topic_base = (
            letter_base,
            person_base,
            topic_base,
        )
        self._people = None
        self._places = [self._place() for _ in range(200)]

    # -- vocabulary-based pieces ------------------------------------------------------
    def _rare_word(self):
        return self.words[self.rng.randrange(self.common, len(self.words))]

    def _place(self):
        return self._rare_word().capitalize()

    def _text(self, count):
        """``count`` words as sentences (lists of sentences, for footnote markers)."""
        rng = self.rng
        tokens = rng.choices(self.words, cum_weights=self.word_weights, k=count)
        sentences, i = [], 0
        while i < count:
            length = rng.randint(6, 24)
            words = tokens[i : i + length]
            if len(words) > 8:
                comma = rng.randint(3, len(words) - 3)
                words[comma] += ","
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + rng.choice(".....?!"))
            i += length
        return sentences

    def _paragraphs(self, sentences):
        rng, paragraphs, i = self.rng, [], 0
        while i < len(sentences):
            size = rng.randint(3, 9)
            paragraphs.append(" ".join(sentences[i : i + size]))
            i += size
        return "\n\n".join(paragraphs)

    # -- people, topics, sources ------------------------------------------------------
    def people(self):
        if self._people is not None:
            return self._people
        rng = self.rng
        count = max(10, round(self.count / LETTERS_PER_PERSON))
        slugs, people = set(self.taken.get("people", ())), []
        for i in range(count):
            first = rng.choice(FIRST_NAMES)
            surname = self._rare_word().capitalize() + rng.choice(_SURNAME_ENDINGS)
            name = f"{first} {surname}"
            slug = base = slugify(name)[:90]
            n = 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            born = rng.randint(FIRST_YEAR - 60, LAST_YEAR - 20)
            life = rng.random()
            if life < 0.6:
                life_dates = f"{born}-{born + rng.randint(25, 90)}"
            elif life < 0.8:
                life_dates = f"{born}-?"
            else:
                life_dates = ""
            variants = []
            if rng.random() < 0.33:
                for _ in range(rng.randint(1, 3)):
                    variant, kind = self._variant(first, surname)
                    if variant != name and variant not in (v for v, _ in variants):
                        variants.append((variant, kind))
            people.append(
                PersonRecord(
                    id=self.person_base + i,
                    slug=slug,
                    name=name,
                    life_dates=life_dates,
                    variants=variants,
                )
            )
        # who writes most: Zipf over a shuffled ranking
        self.person_order = list(range(count))
        rng.shuffle(self.person_order)
        self.person_weights = _zipf_cumulative(count, 1.0)
        self._people = people
        return people

    def _variant(self, first, surname):
        rng = self.rng
        kind = rng.random()
        if kind < 0.45:
            spelt = (
                surname.replace("sky", "ski")
                .replace("ov", "off")
                .replace("v", "w")
                .replace("k", "c")
                .replace("ph", "f")
            )
            if spelt == surname:
                spelt = surname + "e"
            return (f"{first} {spelt}", "spelling")
        if kind < 0.65:
            return (f"{first[0]}.{surname[0]}.", "signature")
        if kind < 0.85:
            return (surname, "short")
        return (rng.choice(_PSEUDONYMS), "pseudonym")

    def topics(self):
        rng, topics, slugs = self.rng, [], set(self.taken.get("topics", ()))
        while len(topics) < TOPIC_COUNT:
            pattern = rng.choice(_TOPIC_PATTERNS)
            name = pattern.format(w=self._rare_word().capitalize(), p=self._place())
            slug = slugify(name)[:90]
            if slug not in slugs:
                slugs.add(slug)
                topics.append((self.topic_base + len(topics), slug, name))
        self.topic_weights = _zipf_cumulative(TOPIC_COUNT, 0.8)
        return topics

    def sources(self):
        sources = []
        for title, volumes in _SOURCE_TITLES:
            for volume in range(1, volumes + 1):
                sources.append(
                    {
                        "key": slugify(f"synthetic-{title}-{volume}"),
                        "title": f"{title} (synthetic edition)",
                        "editor": "A. N. Editor",
                        "publisher": "Benchmark Press",
                        "place": "Nowhere",
                        "year": str(1960 + volume),
                        "volume": str(volume) if volumes > 1 else "",
                    }
                )
        return sources

    # -- letters ----------------------------------------------------------------------
    def _person(self):
        index = bisect.bisect_left(
            self.person_weights, self.rng.random() * self.person_weights[-1]
        )
        return self.person_order[index]

    def _date(self):
        """(sort key, date fields) for one letter."""
        rng = self.rng
        year = min(LAST_YEAR, int(rng.triangular(FIRST_YEAR, LAST_YEAR + 1, PEAK_YEAR)))
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        kind = rng.random()
        start = end = day
        julian = None
        supplied = False
        precision = "day"
        written = f"{day.day} {_MONTHS[day.month]} {year}"
        if kind < 0.70:
            if year < 1918 and rng.random() < 0.08:
                offset = next(o for since, o in _JULIAN_OFFSETS if day >= since)
                julian = day - dt.timedelta(days=offset)
                if julian.month == day.month:
                    written = f"{julian.day} ({day.day}) {_MONTHS[day.month]} {year}"
                else:
                    old = f"{julian.day} {_MONTHS[julian.month]}"
                    if julian.year != day.year:
                        old += f" {julian.year}"
                    written = f"{old} ({day.day} {_MONTHS[day.month]}) {year}"
            supplied = rng.random() < 0.08
        elif kind < 0.80:
            precision = "month"
            start = day.replace(day=1)
            end = day.replace(day=calendar.monthrange(year, day.month)[1])
            written = f"{_MONTHS[day.month]} {year}"
        elif kind < 0.84:
            precision = "year"
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            written = str(year)
            supplied = rng.random() < 0.5
        elif kind < 0.90:
            precision = "range"
            end = min(
                day + dt.timedelta(days=rng.randint(1, 20)), dt.date(year, 12, 31)
            )
            if end.month == day.month:
                written = f"{day.day}-{end.day} {_MONTHS[day.month]} {year}"
            else:
                written = (
                    f"{day.day} {_MONTHS[day.month]}-"
                    f"{end.day} {_MONTHS[end.month]} {year}"
                )
        elif kind < 0.94:
            precision, start, supplied = "before", None, True
            written = f"Before {written}"
        elif kind < 0.98:
            precision, end, supplied = "after", None, True
            written = f"After {written}"
        else:
            precision, start, end, written = "unknown", None, None, ""
        if supplied and written:
            written = f"[{written}]"
        fields = {
            "date_as_written": written,
            "date_start": start,
            "date_end": end,
            "date_precision": precision,
            "date_supplied": supplied,
            "date_julian": julian,
        }
        return (start or end or dt.date(LAST_YEAR + 1, 1, 1)), fields

    def _length(self):
        words = int(self.rng.lognormvariate(6.1, 0.55))  # median ~450
        return max(MIN_WORDS, min(MAX_WORDS, words))

    def letters(self):
        """Yield :class:`LetterRecord` in chronological order."""
        people = self.people()
        topics = self.topics()
        sources = self.sources()
        rng = self.rng
        # Metadata first (small), sorted by date; then text, letter by letter.
        plan = []
        for _ in range(self.count):
            key, date = self._date()
            senders = [self._person()]
            if rng.random() < 0.03:
                senders.append(self._person())
            recipients = []
            for _ in range(1 if rng.random() < 0.95 else 2):
                person = self._person()
                while person in senders:
                    person = self._person()
                recipients.append(person)
            plan.append(
                (
                    key,
                    date,
                    list(dict.fromkeys(senders)),
                    list(dict.fromkeys(recipients)),
                )
            )
        plan.sort(key=lambda item: item[0])
        slugs = set(self.taken.get("letters", ()))
        for index, (_, date, senders, recipients) in enumerate(plan):
            yield self._letter(
                index, date, senders, recipients, people, topics, sources, slugs
            )

    def _letter(self, index, date, senders, recipients, people, topics, sources, slugs):
        rng = self.rng
        sender, recipient = people[senders[0]], people[recipients[0]]
        day = date["date_start"] or date["date_end"]
        slug = base = (
            f"{day.isoformat() if day else 'undated'}-{sender.slug}-to-{recipient.slug}"
        )[:190]
        n = 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)

        sentences = self._text(self._length())
        notes = []
        mentions = []
        for number, position in enumerate(
            sorted(
                rng.sample(
                    range(len(sentences)),
                    min(len(sentences), rng.randint(0, MAX_FOOTNOTES)),
                )
            ),
            start=1,
        ):
            sentence = sentences[position]
            sentences[position] = f"{sentence[:-1]}[^{number}]{sentence[-1]}"
            note = " ".join(self._text(rng.randint(8, 50)))
            if rng.random() < 0.4:
                person = people[self._person()]
                if person.id not in mentions:
                    mentions.append(person.id)
                life = f" ({person.life_dates})" if person.life_dates else ""
                note = f"{person.name}{life}. {note}"
            notes.append(note)
        body = self._paragraphs(sentences)

        letter_topics = []
        for _ in range(rng.choices((0, 1, 2, 3), weights=(3, 4, 2, 1))[0]):
            topic = bisect.bisect_left(
                self.topic_weights, rng.random() * self.topic_weights[-1]
            )
            if topics[topic][0] not in letter_topics:
                letter_topics.append(topics[topic][0])

        headnote = (
            " ".join(self._text(rng.randint(20, 80))) if rng.random() < 0.15 else ""
        )
        postscript = (
            " ".join(self._text(rng.randint(8, 40))) if rng.random() < 0.1 else ""
        )
        place_sent = rng.choice(self._places)
        first = recipient.name.split()[0]
        salutation = rng.choice(
            [
                f"Dear {first},",
                f"Dear {recipient.name},",
                "Dear friend,",
                "Dear comrade,",
            ]
        )
        closing = rng.choice(["Yours,", "Yours sincerely,", "With warm greetings,", ""])
        signature = rng.choice(
            [
                sender.name,
                sender.name.split()[-1],
                "".join(p[0] + "." for p in sender.name.split()),
            ]
        )
        source_index = rng.randrange(len(sources))
        first_page = rng.randint(1, 600)
        return LetterRecord(
            id=self.letter_base + index,
            slug=slug,
            heading=f"No. {index + 1}. {sender.name} to {recipient.name}",
            headnote=headnote,
            date=date,
            place_sent=place_sent,
            place_received=rng.choice(self._places) if rng.random() < 0.3 else "",
            dateline=f"{place_sent}, {date['date_as_written']}"
            if date["date_as_written"]
            else place_sent,
            salutation=salutation,
            body=body,
            closing=closing,
            signature=signature,
            postscript=postscript,
            senders=[people[i].id for i in senders],
            recipients=[people[i].id for i in recipients],
            mentions=mentions,
            topics=letter_topics,
            footnotes=notes,
            source=(source_index, f"{first_page}-{first_page + rng.randint(0, 4)}"),
        )


# -- the search index rows, as correspondence.search builds them ---------------------
def _joined(parts, separator="\n\n"):
    # The generated text has no control characters: search._clean_text is the identity.
    return separator.join(strip_markers(p).strip() for p in parts if p and p.strip())


def index_row(letter, names_of):
    """(id, names, body, notes) for ``letter``, equal to search._documents' row.

    ``names_of[person id]`` is the person's name followed by their variant names."""
    names = [letter.heading] + [
        n
        for pid in (*letter.senders, *letter.recipients, *letter.mentions)
        for n in names_of[pid]
    ]
    return (
        letter.id,
        _joined(dict.fromkeys(names), "\n"),
        _joined(
            [
                letter.dateline,
                letter.salutation,
                letter.body,
                letter.closing,
                letter.signature,
                letter.postscript,
            ]
        ),
        _joined([letter.headnote, *letter.footnotes]),
    )


_NON_WORD = re.compile(r"[\W_]+")


def _words(text):
    # search._words for text that is already NFC (the generated text is ASCII)
    return " ".join(w for w in _NON_WORD.split(text.lower()) if w)


class _SQLiteIndex:
    def __init__(self, connection):
        self.connection = connection

    def start(self, cursor):
        pass

    def write(self, cursor, rows):
        cursor.executemany(
            "INSERT INTO letter_fts (rowid, names, body, notes) "
            "VALUES (%s, %s, %s, %s)",
            rows,
        )

    def finish(self, cursor):
        cursor.execute("INSERT INTO letter_fts (letter_fts) VALUES ('optimize')")


class _PostgreSQLIndex:
    INDEX = (
        "CREATE INDEX correspondence_letter_search_document "
        "ON correspondence_letter_search USING gin (document)"
    )

    def __init__(self, connection):
        self.connection = connection

    def start(self, cursor):
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("DROP INDEX IF EXISTS correspondence_letter_search_document")
        cursor.execute(
            "CREATE TEMP TABLE corpus_search_staging (letter_id bigint, names text, "
            "body text, notes text, names_words text, body_words text, "
            "notes_words text) "
            "ON COMMIT DROP"
        )

    def write(self, cursor, rows):
        with cursor.cursor.copy("COPY corpus_search_staging FROM STDIN") as copy:
            for pk, names, body, notes in rows:
                copy.write_row(
                    (pk, names, body, notes, _words(names), _words(body), _words(notes))
                )
        cursor.execute(
            "INSERT INTO correspondence_letter_search "
            "(letter_id, names, body, notes, document) "
            "SELECT letter_id, names, body, notes, "
            "setweight(to_tsvector('letters', names_words), 'A') "
            "|| setweight(to_tsvector('letters', body_words), 'B') "
            "|| setweight(to_tsvector('letters', notes_words), 'C') "
            "FROM corpus_search_staging"
        )
        cursor.execute("TRUNCATE corpus_search_staging")

    def finish(self, cursor):
        cursor.execute("DROP TABLE corpus_search_staging")
        cursor.execute(self.INDEX)


# -- writing ------------------------------------------------------------------------
class Progress:
    """A progress bar on stderr, redrawn at most a few times a second."""

    def __init__(self, total, label, stream=None, enabled=True):
        self.total, self.label, self.done = max(total, 1), label, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.started = self.shown = time.monotonic()

    def advance(self, count):
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self.shown > 0.3 or self.done >= self.total):
            self.shown = now
            share = self.done / self.total
            bar = "#" * int(share * 30)
            elapsed = now - self.started
            eta = elapsed / share - elapsed if share else 0
            self.stream.write(
                f"\r{self.label} [{bar:<30}] {self.done}/{self.total} "
                f"{share:4.0%} {elapsed:5.0f}s (eta {eta:4.0f}s)"
            )
            self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _next_id(model, using):
    last = (
        model.objects.using(using).order_by("-pk").values_list("pk", flat=True).first()
    )
    return (last or 0) + 1


def generate(letters, seed, using="default", chunk=CHUNK, progress=True, stream=None):
    """Add a synthetic edition of ``letters`` letters to database ``using``; returns a
    dict of counts. One transaction; the search index rows are written as it goes."""
    from correspondence.models import Footnote, Letter, LetterSource, Source, Topic
    from people.models import Person, PersonName

    connection = connections[using]
    index = {"sqlite": _SQLiteIndex, "postgresql": _PostgreSQLIndex}[connection.vendor](
        connection
    )
    counts = dict.fromkeys(
        ("letters", "people", "names", "topics", "footnotes", "links"), 0
    )
    with transaction.atomic(using=using):
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -200000")
        generator = CorpusGenerator(
            letters,
            seed,
            letter_base=_next_id(Letter, using),
            person_base=_next_id(Person, using),
            topic_base=_next_id(Topic, using),
            taken={
                "people": set(
                    Person.objects.using(using).values_list("slug", flat=True)
                ),
                "topics": set(
                    Topic.objects.using(using).values_list("slug", flat=True)
                ),
                "letters": set(
                    Letter.objects.using(using).values_list("slug", flat=True)
                ),
            },
        )
        people = generator.people()
        Person.objects.using(using).bulk_create(
            [
                Person(id=p.id, slug=p.slug, name=p.name, life_dates=p.life_dates)
                for p in people
            ],
            batch_size=500,
        )
        PersonName.objects.using(using).bulk_create(
            [
                PersonName(person_id=p.id, name=name, kind=kind)
                for p in people
                for name, kind in p.variants
            ],
            batch_size=500,
        )
        names_of = {p.id: [p.name, *(n for n, _ in p.variants)] for p in people}
        counts["people"] = len(people)
        counts["names"] = sum(len(p.variants) for p in people)
        topics = generator.topics()
        Topic.objects.using(using).bulk_create(
            [Topic(id=pk, slug=slug, name=name) for pk, slug, name in topics]
        )
        counts["topics"] = len(topics)
        source_ids = []
        for record in generator.sources():
            source, _ = Source.objects.using(using).get_or_create(
                key=record.pop("key"), defaults=record
            )
            source_ids.append(source.pk)

        Senders, Recipients, Mentions, Topics = (
            Letter.senders.through,
            Letter.recipients.through,
            Letter.mentions.through,
            Letter.topics.through,
        )
        bar = Progress(letters, "Letters", stream, enabled=progress)
        with connection.cursor() as cursor:
            index.start(cursor)
        records = generator.letters()
        while batch := list(itertools.islice(records, chunk)):
            Letter.objects.using(using).bulk_create(
                [
                    Letter(
                        id=r.id,
                        slug=r.slug,
                        heading=r.heading,
                        headnote=r.headnote,
                        place_sent=r.place_sent,
                        place_received=r.place_received,
                        dateline=r.dateline,
                        salutation=r.salutation,
                        body=r.body,
                        closing=r.closing,
                        signature=r.signature,
                        postscript=r.postscript,
                        origin=f"generate_corpus --seed {seed}",
                        **r.date,
                    )
                    for r in batch
                ],
                batch_size=250,
            )
            Footnote.objects.using(using).bulk_create(
                [
                    Footnote(letter_id=r.id, number=number, text=text)
                    for r in batch
                    for number, text in enumerate(r.footnotes, start=1)
                ],
                batch_size=500,
            )
            for through, attribute, target in (
                (Senders, "senders", "person_id"),
                (Recipients, "recipients", "person_id"),
                (Mentions, "mentions", "person_id"),
                (Topics, "topics", "topic_id"),
            ):
                links = [
                    through(letter_id=r.id, **{target: pk})
                    for r in batch
                    for pk in getattr(r, attribute)
                ]
                through.objects.using(using).bulk_create(links, batch_size=500)
                counts["links"] += len(links)
            LetterSource.objects.using(using).bulk_create(
                [
                    LetterSource(
                        letter_id=r.id,
                        source_id=source_ids[r.source[0]],
                        role=LetterSource.Role.EDITION,
                        pages=r.source[1],
                    )
                    for r in batch
                ],
                batch_size=500,
            )
            with connection.cursor() as cursor:
                index.write(cursor, [index_row(r, names_of) for r in batch])
            connection.queries_log.clear()  # DEBUG keeps every query: not these
            counts["letters"] += len(batch)
            counts["footnotes"] += sum(len(r.footnotes) for r in batch)
            bar.advance(len(batch))
        bar.close()
        with connection.cursor() as cursor:
            index.finish(cursor)
            _reset_sequences(connection, [Letter, Person, Topic])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts


def _reset_sequences(connection, models):
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(_NoStyle(), models):
            cursor.execute(statement)


class _NoStyle:
    def __getattr__(self, name):
        return lambda text: text


# -- export for Datasette -----------------------------------------------------------
EXPORT_SCHEMA = """
CREATE TABLE people (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL, name TEXT NOT NULL, life_dates TEXT,
    variant_names TEXT
);
CREATE TABLE topics (id INTEGER PRIMARY KEY, slug TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    date_start TEXT,
    date_end TEXT,
    year INTEGER,
    sender INTEGER REFERENCES people(id),
    recipient INTEGER REFERENCES people(id),
    place_sent TEXT,
    body TEXT,
    notes TEXT,
    footnote_count INTEGER
);
CREATE TABLE letter_senders (
    letter_id INTEGER REFERENCES letters(id), person_id INTEGER REFERENCES people(id)
);
CREATE TABLE letter_recipients (
    letter_id INTEGER REFERENCES letters(id), person_id INTEGER REFERENCES people(id)
);
CREATE TABLE letter_mentions (
    letter_id INTEGER REFERENCES letters(id), person_id INTEGER REFERENCES people(id)
);
CREATE TABLE letter_topics (
    letter_id INTEGER REFERENCES letters(id), topic_id INTEGER REFERENCES topics(id)
);
CREATE TABLE footnotes (
    id INTEGER PRIMARY KEY, letter_id INTEGER REFERENCES letters(id), number INTEGER,
    text TEXT
);
CREATE VIRTUAL TABLE letters_fts USING fts5(
    title, body, notes, content="letters", content_rowid="id",
    tokenize='porter unicode61 remove_diacritics 2'
);
"""
EXPORT_INDEXES = """
CREATE INDEX letters_sender ON letters(sender);
CREATE INDEX letters_recipient ON letters(recipient);
CREATE INDEX letters_year ON letters(year);
CREATE INDEX letters_date_start ON letters(date_start);
CREATE INDEX letters_slug ON letters(slug);
CREATE INDEX letter_senders_letter ON letter_senders(letter_id);
CREATE INDEX letter_senders_person ON letter_senders(person_id);
CREATE INDEX letter_recipients_letter ON letter_recipients(letter_id);
CREATE INDEX letter_recipients_person ON letter_recipients(person_id);
CREATE INDEX letter_mentions_letter ON letter_mentions(letter_id);
CREATE INDEX letter_topics_letter ON letter_topics(letter_id);
CREATE INDEX letter_topics_topic ON letter_topics(topic_id);
CREATE INDEX footnotes_letter ON footnotes(letter_id);
INSERT INTO letters_fts(letters_fts) VALUES ('rebuild');
INSERT INTO letters_fts(letters_fts) VALUES ('optimize');
ANALYZE;
"""


def export_sqlite(path, using="default", chunk=2_000, progress=True, stream=None):
    """Write the letters of database ``using`` to a new plain SQLite file at ``path``
    (replaced if present): tables ``letters`` (one row a letter: title, dates, ``year``,
    first ``sender`` and ``recipient``, body and notes as plain text), ``people``,
    ``topics``, ``footnotes``, the link tables ``letter_senders``,
    ``letter_recipients``, ``letter_mentions``, ``letter_topics``, and the FTS5 table
    ``letters_fts`` over title, body and notes. Returns the number of letters."""
    from correspondence.models import Footnote, Letter
    from people.models import Person, PersonName

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    out = sqlite3.connect(path)
    out.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + EXPORT_SCHEMA
    )
    variants = {}
    for person_id, name in (
        PersonName.objects.using(using).order_by("pk").values_list("person_id", "name")
    ):
        variants.setdefault(person_id, []).append(name)
    people = {}
    rows = []
    for pk, slug, name, life in (
        Person.objects.using(using)
        .order_by("pk")
        .values_list("pk", "slug", "name", "life_dates")
    ):
        people[pk] = name
        rows.append((pk, slug, name, life, "; ".join(variants.get(pk, [])) or None))
    out.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?)", rows)
    from correspondence.models import Topic

    out.executemany(
        "INSERT INTO topics VALUES (?, ?, ?)",
        Topic.objects.using(using).order_by("pk").values_list("pk", "slug", "name"),
    )
    ids = list(Letter.objects.using(using).order_by("pk").values_list("pk", flat=True))
    bar = Progress(len(ids), "Export", stream, enabled=progress)
    for start in range(0, len(ids), chunk):
        batch = ids[start : start + chunk]
        links = {}
        for table, relation in (
            ("letter_senders", Letter.senders),
            ("letter_recipients", Letter.recipients),
            ("letter_mentions", Letter.mentions),
        ):
            pairs = list(
                relation.through.objects.using(using)
                .filter(letter_id__in=batch)
                .order_by("pk")
                .values_list("letter_id", "person_id")
            )
            out.executemany(f"INSERT INTO {table} VALUES (?, ?)", pairs)
            grouped = links.setdefault(table, {})
            for letter_id, person_id in pairs:
                grouped.setdefault(letter_id, []).append(person_id)
        out.executemany(
            "INSERT INTO letter_topics VALUES (?, ?)",
            Letter.topics.through.objects.using(using)
            .filter(letter_id__in=batch)
            .order_by("pk")
            .values_list("letter_id", "topic_id"),
        )
        notes = {}
        note_rows = list(
            Footnote.objects.using(using)
            .filter(letter_id__in=batch)
            .order_by("letter_id", "number")
            .values_list("pk", "letter_id", "number", "text")
        )
        out.executemany("INSERT INTO footnotes VALUES (?, ?, ?, ?)", note_rows)
        for _, letter_id, _, text in note_rows:
            notes.setdefault(letter_id, []).append(text)
        letter_rows = []
        for (
            pk,
            slug,
            written,
            start_day,
            end_day,
            date_min,
            place,
            headnote,
            *parts,
        ) in (
            Letter.objects.using(using)
            .filter(pk__in=batch)
            .order_by("pk")
            .values_list(
                "pk",
                "slug",
                "date_as_written",
                "date_start",
                "date_end",
                "date_min",
                "place_sent",
                "headnote",
                "dateline",
                "salutation",
                "body",
                "closing",
                "signature",
                "postscript",
            )
        ):
            senders = links["letter_senders"].get(pk, [])
            recipients = links["letter_recipients"].get(pk, [])
            title = (
                f"{' and '.join(people[p] for p in senders) or 'Unknown'} to "
                f"{' and '.join(people[p] for p in recipients) or 'unknown recipient'}"
                ", "
                f"{written or 'undated'}"
            )
            letter_notes = [headnote, *notes.get(pk, [])]
            letter_rows.append(
                (
                    pk,
                    slug,
                    title,
                    written,
                    start_day.isoformat() if start_day else None,
                    end_day.isoformat() if end_day else None,
                    date_min.year if date_min else None,
                    senders[0] if senders else None,
                    recipients[0] if recipients else None,
                    place,
                    _joined(parts),
                    _joined(letter_notes),
                    len(notes.get(pk, [])),
                )
            )
        out.executemany(
            "INSERT INTO letters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            letter_rows,
        )
        bar.advance(len(batch))
    bar.close()
    out.commit()
    out.executescript(EXPORT_INDEXES)
    out.commit()
    out.execute("VACUUM")
    out.close()
    return len(ids)
