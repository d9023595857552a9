"""Writing a synthetic edition into the database: the records in chunks with
``bulk_create``, and the search index rows beside them (see the package's docstring)."""

import itertools
import re
import sys

from django.db import connections, transaction

from benchmarks.synthetic.records import CorpusGenerator
from correspondence.management.progress import ProgressBar
from correspondence.text import strip_markers

CHUNK = 1_000


# -- the search index rows, as correspondence.search builds them ---------------------
def joined(parts, separator="\n\n"):
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
        joined(dict.fromkeys(names), "\n"),
        joined(
            [
                letter.dateline,
                letter.salutation,
                letter.body,
                letter.closing,
                letter.signature,
                letter.postscript,
            ]
        ),
        joined([letter.headnote, *letter.footnotes]),
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
            bar.draw(counts["letters"], letters)
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
