"""The plain records of a synthetic edition (people, topics, sources, places, letters),
all drawn from ``random.Random(seed)`` (places' details from a second generator of the
same seed, see :meth:`CorpusGenerator.places`): no database here."""

import bisect
import calendar
import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from benchmarks.synthetic.shape import (
    COMMON_WORDS,
    FIRST_NAMES,
    FIRST_YEAR,
    JULIAN_OFFSETS,
    LAST_YEAR,
    LETTERS_PER_PERSON,
    MAX_FOOTNOTES,
    MAX_WORDS,
    MIN_WORDS,
    MONTHS,
    PEAK_YEAR,
    PLACE_BOX,
    PLACE_NAMES,
    PSEUDONYMS,
    SOURCE_TITLES,
    SURNAME_ENDINGS,
    TOPIC_COUNT,
    TOPIC_PATTERNS,
    vocabulary,
    zipf_cumulative,
)


@dataclass
class PersonRecord:
    id: int
    slug: str
    name: str
    life_dates: str
    #: (name, kind) pairs
    variants: list = field(default_factory=list)


@dataclass
class PlaceRecord:
    id: int
    slug: str
    name: str
    #: other spellings the letters print
    variants: list
    #: synthetic degrees, or None (no coordinates recorded)
    latitude: float | None
    longitude: float | None


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
    #: place ids (sent_to None when no place of receipt is printed)
    sent_from: int | None = None
    sent_to: int | None = None


class CorpusGenerator:
    """Deterministic records for an edition of ``letters`` letters from ``seed``.

    ``people()``, ``topics()``, ``sources()``, ``places()`` first, then ``letters()``
    yields :class:`LetterRecord` in chronological (and id) order. Ids start at the given
    bases.
    """

    def __init__(
        self,
        letters,
        seed,
        *,
        letter_base=1,
        person_base=1,
        topic_base=1,
        place_base=1,
        taken=None,
    ):
        #: slugs already in use, per kind ("people", "topics", "places", "letters")
        self.taken = taken or {}
        self.count = letters
        self.seed = seed
        self.rng = random.Random(seed)
        self.words = vocabulary(seed)
        self.common = len(dict.fromkeys(COMMON_WORDS))
        self.word_weights = zipf_cumulative(len(self.words), 1.0, 2.7)
        self.letter_base, self.person_base, self.topic_base = (
            letter_base,
            person_base,
            topic_base,
        )
        self.place_base = place_base
        self._people = None
        #: the place names letters print, drawn first from the main generator
        self._places = [self._place() for _ in range(PLACE_NAMES)]
        #: the places' own details and which spelling a letter prints: a generator of
        #: its own, so the letters, people and text are those of the seed without places
        self.place_rng = random.Random(f"places-{seed}")
        self._place_records = None

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
            surname = self._rare_word().capitalize() + rng.choice(SURNAME_ENDINGS)
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
        self.person_weights = zipf_cumulative(count, 1.0)
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
        return (rng.choice(PSEUDONYMS), "pseudonym")

    def topics(self):
        rng, topics, slugs = self.rng, [], set(self.taken.get("topics", ()))
        while len(topics) < TOPIC_COUNT:
            pattern = rng.choice(TOPIC_PATTERNS)
            name = pattern.format(w=self._rare_word().capitalize(), p=self._place())
            slug = slugify(name)[:90]
            if slug not in slugs:
                slugs.add(slug)
                topics.append((self.topic_base + len(topics), slug, name))
        self.topic_weights = zipf_cumulative(TOPIC_COUNT, 0.8)
        return topics

    def sources(self):
        sources = []
        for title, volumes in SOURCE_TITLES:
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

    def places(self):
        """A :class:`PlaceRecord` for each distinct printed place name: a quarter with
        other spellings (which some letters print), most with coordinates in
        ``PLACE_BOX``."""
        if self._place_records is not None:
            return self._place_records
        rng, slugs = self.place_rng, set(self.taken.get("places", ()))
        records = []
        for name in dict.fromkeys(self._places):
            variants = []
            if rng.random() < 0.25:
                for spelt in _place_spellings(name, rng)[: rng.randint(1, 2)]:
                    if spelt != name and spelt not in variants:
                        variants.append(spelt)
            located = rng.random() < 0.85
            south, north, west, east = PLACE_BOX
            records.append(
                PlaceRecord(
                    id=self.place_base + len(records),
                    slug=_unique_slug(name, slugs),
                    name=name,
                    variants=variants,
                    latitude=round(rng.uniform(south, north), 5) if located else None,
                    longitude=round(rng.uniform(west, east), 5) if located else None,
                )
            )
        self._place_records = records
        self._place_by_name = {p.name: p for p in records}
        return records

    def _printed_place(self, name):
        """(the text a letter prints for ``name``, its place's id): now and then one
        of the place's other spellings, as documents do."""
        place = self._place_by_name[name]
        if place.variants and self.place_rng.random() < 0.3:
            return self.place_rng.choice(place.variants), place.id
        return name, place.id

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
        written = f"{day.day} {MONTHS[day.month]} {year}"
        if kind < 0.70:
            if year < 1918 and rng.random() < 0.08:
                offset = next(o for since, o in JULIAN_OFFSETS if day >= since)
                julian = day - dt.timedelta(days=offset)
                if julian.month == day.month:
                    written = f"{julian.day} ({day.day}) {MONTHS[day.month]} {year}"
                else:
                    old = f"{julian.day} {MONTHS[julian.month]}"
                    if julian.year != day.year:
                        old += f" {julian.year}"
                    written = f"{old} ({day.day} {MONTHS[day.month]}) {year}"
            supplied = rng.random() < 0.08
        elif kind < 0.80:
            precision = "month"
            start = day.replace(day=1)
            end = day.replace(day=calendar.monthrange(year, day.month)[1])
            written = f"{MONTHS[day.month]} {year}"
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
                written = f"{day.day}-{end.day} {MONTHS[day.month]} {year}"
            else:
                written = (
                    f"{day.day} {MONTHS[day.month]}-"
                    f"{end.day} {MONTHS[end.month]} {year}"
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
        self.places()
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
        received = rng.choice(self._places) if rng.random() < 0.3 else ""
        place_sent, sent_from = self._printed_place(place_sent)
        place_received, sent_to = (
            self._printed_place(received) if received else ("", None)
        )
        return LetterRecord(
            id=self.letter_base + index,
            slug=slug,
            heading=f"No. {index + 1}. {sender.name} to {recipient.name}",
            headnote=headnote,
            date=date,
            place_sent=place_sent,
            place_received=place_received,
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
            sent_from=sent_from,
            sent_to=sent_to,
        )


def _unique_slug(name, taken):
    """As ``places.models.unique_place_slug`` (not imported: no Django here)."""
    base = slugify(name)[:90] or "place"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _place_spellings(name, rng):
    """Other spellings of a place name, as documents in several languages print
    them ("Krakow", "Cracow", "Krakau"), in a random order."""
    spellings = [
        name.replace("k", "c").replace("v", "w"),
        name.replace("c", "k").replace("w", "v").replace("sh", "sch"),
        name + rng.choice(["e", "o", "a"]),
        name[:-1] + "au" if name[-1] in "aeiou" else name + "en",
    ]
    rng.shuffle(spellings)
    return spellings
