"""A plain SQLite copy of an edition's letters, with an FTS5 index, for Datasette."""

import sqlite3
import sys
from pathlib import Path

from correspondence.management.progress import ProgressBar
from correspondence.search_index import index_row

EXPORT_SCHEMA = """
CREATE TABLE people (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL, name TEXT NOT NULL, life_dates TEXT,
    variant_names TEXT
);
CREATE TABLE topics (id INTEGER PRIMARY KEY, slug TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL, name TEXT NOT NULL, variant_names TEXT,
    latitude REAL, longitude REAL
);
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
    sent_from INTEGER REFERENCES places(id),
    sent_to INTEGER REFERENCES places(id),
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
CREATE INDEX letters_sent_from ON letters(sent_from);
CREATE INDEX letters_sent_to ON letters(sent_to);
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
    first ``sender`` and ``recipient``, the places ``sent_from`` and ``sent_to``, body
    and notes as plain text), ``people``, ``topics``, ``places``, ``footnotes``, the
    link tables ``letter_senders``, ``letter_recipients``, ``letter_mentions``,
    ``letter_topics``, and the FTS5 table ``letters_fts`` over title, body and notes.
    Returns the number of letters."""
    from correspondence.models import Footnote, Letter, Topic
    from people.models import Person, PersonName
    from places.models import Place

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
    out.executemany(
        "INSERT INTO topics VALUES (?, ?, ?)",
        Topic.objects.using(using).order_by("pk").values_list("pk", "slug", "name"),
    )
    out.executemany(
        "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                pk,
                slug,
                name,
                "; ".join(n.strip() for n in variants.splitlines() if n.strip())
                or None,
                None if latitude is None else float(latitude),
                None if longitude is None else float(longitude),
            )
            for pk, slug, name, variants, latitude, longitude in Place.objects.using(
                using
            )
            .order_by("pk")
            .values_list("pk", "slug", "name", "variant_names", "latitude", "longitude")
        ],
    )
    ids = list(Letter.objects.using(using).order_by("pk").values_list("pk", flat=True))
    bar = ProgressBar(
        stream or sys.stderr, "letters", label="Export", active=progress, timing=True
    )
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
            sent_from,
            sent_to,
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
                "sent_from",
                "sent_to",
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
            # the text the app indexes, without the names: the same words to find
            _, _, body, letter_notes = index_row(
                pk, "", [], parts, headnote, notes.get(pk, [])
            )
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
                    sent_from,
                    sent_to,
                    body,
                    letter_notes,
                    len(notes.get(pk, [])),
                )
            )
        out.executemany(
            "INSERT INTO letters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            letter_rows,
        )
        bar.draw(start + len(batch), len(ids))
    bar.close()
    out.commit()
    out.executescript(EXPORT_INDEXES)
    out.commit()
    out.execute("VACUUM")
    out.close()
    return len(ids)
