"""Writing a synthetic edition into the database: the records in chunks with
``bulk_create``, and the search index rows beside them (see the package's docstring)."""

import itertools
import sys

from django.db import connections, transaction

from benchmarks.synthetic.records import CorpusGenerator
from correspondence import search_index
from correspondence.management.progress import ProgressBar
from correspondence.text import TEXT_PARTS

CHUNK = 1_000


def index_row(letter, names_of):
    """The search index row of ``letter``, made as the edition makes it
    (:func:`correspondence.search_index.index_row`) but from the record, without
    reading the letter back. ``names_of[person id]`` is the person's name followed by
    their variant names."""
    people = (*letter.senders, *letter.recipients, *letter.mentions)
    return search_index.index_row(
        letter.id,
        letter.heading,
        [name for pk in people for name in names_of[pk]],
        [getattr(letter, part) for part in TEXT_PARTS],
        letter.headnote,
        letter.footnotes,
    )


class _SQLiteIndex:
    """FTS5 takes the rows as they come; merged once at the end."""

    def start(self, cursor):
        pass

    def finish(self, cursor):
        cursor.execute("INSERT INTO letter_fts (letter_fts) VALUES ('optimize')")


class _PostgreSQLIndex:
    """The GIN indexes (the documents' and their word pairs') are dropped while the
    rows go in and built once at the end (many times faster than keeping them current
    row by row)."""

    INDEXES = {
        "correspondence_letter_search_document": (
            "correspondence_letter_search",
            "document",
        ),
        "correspondence_letter_search_pairs_pairs": (
            "correspondence_letter_search_pairs",
            "pairs",
        ),
    }

    def start(self, cursor):
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for name in self.INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")

    def finish(self, cursor):
        for name, (table, column) in self.INDEXES.items():
            cursor.execute(f"CREATE INDEX {name} ON {table} USING gin ({column})")


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
    from places.models import Place

    connection = connections[using]
    bulk = {"sqlite": _SQLiteIndex, "postgresql": _PostgreSQLIndex}[connection.vendor]
    index = bulk()
    counts = dict.fromkeys(
        ("letters", "people", "names", "topics", "places", "footnotes", "links"), 0
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
            place_base=_next_id(Place, using),
            taken={
                "people": set(
                    Person.objects.using(using).values_list("slug", flat=True)
                ),
                "topics": set(
                    Topic.objects.using(using).values_list("slug", flat=True)
                ),
                "places": set(
                    Place.objects.using(using).values_list("slug", flat=True)
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
        places = generator.places()
        Place.objects.using(using).bulk_create(
            [
                Place(
                    id=p.id,
                    slug=p.slug,
                    name=p.name,
                    variant_names="\n".join(p.variants),
                    latitude=p.latitude,
                    longitude=p.longitude,
                )
                for p in places
            ],
            batch_size=500,
        )
        counts["places"] = len(places)
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
        bar = ProgressBar(
            stream or sys.stderr,
            "letters",
            label="Letters",
            active=progress,
            timing=True,
        )
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
                        sent_from_id=r.sent_from,
                        sent_to_id=r.sent_to,
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
                # senders and recipients keep the order generated (their position)
                ordered = attribute in ("senders", "recipients")
                links = [
                    through(
                        letter_id=r.id,
                        **{target: pk},
                        **({"position": position} if ordered else {}),
                    )
                    for r in batch
                    for position, pk in enumerate(getattr(r, attribute))
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
            search_index.write_rows([index_row(r, names_of) for r in batch], using)
            connection.queries_log.clear()  # DEBUG keeps every query: not these
            counts["letters"] += len(batch)
            counts["footnotes"] += sum(len(r.footnotes) for r in batch)
            bar.draw(counts["letters"], letters)
        bar.close()
        with connection.cursor() as cursor:
            index.finish(cursor)
            _reset_sequences(connection, [Letter, Person, Topic, Place])
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
