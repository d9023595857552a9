"""What makes a letter, a source and a mention recognisable: shared by the fixture
build (``build.py``) and the importer (``importer.py``), so both name things alike.

Pure Python apart from Django's ``slugify``: no models, no database. People are any
objects with a ``slug`` (build's register entries, ``people.models.Person``).
"""

from __future__ import annotations

import re

from django.utils.text import slugify

from correspondence.importing.records import LetterRecord, SourceRecord
from correspondence.text import strip_markers


def _iso(value):
    return value.isoformat() if value else None


def letter_values(record: LetterRecord):
    """A letter's own fields as the page gives them, JSON-ready (dates as ISO strings):
    what the fixtures hold and what ``Letter.imported`` remembers."""
    date = record.date
    return {
        "heading": record.heading,
        "headnote": record.headnote,
        "excerpt": record.excerpt,
        "date_as_written": date.as_written,
        "date_start": _iso(date.start),
        "date_end": _iso(date.end),
        "date_precision": date.precision,
        "date_supplied": date.supplied,
        "date_julian": _iso(date.julian),
        "place_sent": record.place_sent,
        "place_received": record.place_received,
        "dateline": record.dateline,
        "salutation": record.salutation,
        "body": record.body,
        "closing": record.closing,
        "signature": record.signature,
        "postscript": record.postscript,
        "origin": record.origin,
    }


def date_key(date):
    """The date part of a letter's slug: precise where the date is, honest where it is
    not."""
    start = date.start.isoformat() if date.start else None
    end = date.end.isoformat() if date.end else None
    match date.precision:
        case "day":
            return start
        case "month":
            return start[:7]
        case "year":
            return start[:4]
        case "before":
            return f"before-{end}"
        case "after":
            return f"after-{start}"
        case "range":
            return f"{start}-to-{end}"
    return "undated"


def source_key(source: SourceRecord):
    """A stable key for a source: who, what, which volume, when."""
    parts = [source.author or source.editor, source.title, source.volume, source.year]
    slug = slugify(" ".join(p for p in parts if p))
    if len(slug) > 100:
        slug = slug[:100].rsplit("-", 1)[0]
    return slug or "source"


def letter_slug(record: LetterRecord, senders, recipients, taken):
    """The letter's slug, e.g. "lenin-to-armand-1914-06-07": who to whom, when; then
    "-2", "-3" ... while the slug is ``in taken`` (a set, or anything answering
    ``in``)."""
    who = f"{'-'.join(p.slug for p in senders) or 'unknown'}-to-" + (
        "-".join(p.slug for p in recipients) or "unknown"
    )
    slug = f"{who}-{date_key(record.date)}"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def mention_text(record: LetterRecord):
    """The text people are looked for in: every part of the letter and its notes,
    without footnote markers."""
    return "\n\n".join(
        strip_markers(part)
        for part in (
            record.headnote, record.dateline, record.salutation, record.body,
            record.closing, record.signature, record.postscript,
            *(note.text for note in record.footnotes),
        )
    )  # fmt: skip


def contains_name(text, name):
    """``name`` stands in ``text`` as a whole word (case-sensitive)."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def mentioned_in(text, candidates):
    """The people of ``candidates`` ((person, names) pairs, in order) any of whose names
    stands as a whole word in ``text``. Pass no pseudonyms: they are ordinary words
    ("brother", "army")."""
    return [
        person
        for person, names in candidates
        if any(contains_name(text, name) for name in names)
    ]
