"""Letters as CSV: one row per letter, for spreadsheets and scripts.

Columns follow the JSON API's names where there is one. Several people or topics in one
cell are joined by "; " (names, and their slugs in a column of their own, in the same
order; for people their kinds too, "person" or "organisation"). Senders and recipients
are in the document's order, each with its role in ``sender_roles``/``recipient_roles``
(sender or co_signer; recipient or copy_to, as the API gives them). Dates are ISO 8601
Gregorian; the date as written is kept beside them. ``text`` is the body as plain text
(footnote markers removed, paragraphs separated by a blank line), so the file is enough
for text analysis. Written row by row: a streamed response sends each chunk of rows as
soon as it is made.
"""

import csv
from io import StringIO

from django.db.models import Prefetch

from correspondence.models import LetterSource, Topic
from correspondence.text import plain_text
from people.models import Person

from .citation import source_reference
from .streaming import letter_path_maker

COLUMNS = [
    "slug",
    "url",
    "title",
    "date_as_written",
    "date_start",
    "date_end",
    "date_precision",
    "date_supplied_by_editor",
    "date_corrected_by_editor",
    "date_julian",
    "senders",
    "sender_slugs",
    "sender_kinds",
    "sender_roles",
    "recipients",
    "recipient_slugs",
    "recipient_kinds",
    "recipient_roles",
    "mentions",
    "mention_slugs",
    "mention_kinds",
    "place_sent",
    "place_received",
    "topics",
    "topic_slugs",
    "excerpt",
    "heading",
    "edition",
    "footnote_count",
    "text",
]
SEPARATOR = "; "
CHUNK_SIZE = 500


def for_rows(queryset):
    people = Person.objects.only("slug", "name", "kind").order_by("name", "id")
    return (
        queryset.with_people("kind")
        .prefetch_related(
            Prefetch("mentions", queryset=people),
            Prefetch(
                "topics", queryset=Topic.objects.only("slug", "name").order_by("name")
            ),
            Prefetch(
                "letter_sources",
                queryset=LetterSource.objects.filter(role=LetterSource.Role.EDITION)
                .select_related("source")
                .order_by("order", "id"),
                to_attr="edition_links",
            ),
        )
        .with_footnote_counts()
    )


def _iso(day):
    return day.isoformat() if day else ""


def _names(items):
    return SEPARATOR.join(item.name for item in items)


def _slugs(items):
    return SEPARATOR.join(item.slug for item in items)


def _kinds(people):
    return SEPARATOR.join(person.kind for person in people)


def row(letter, url):
    senders, recipients = letter.sender_list, letter.recipient_list
    mentions, topics = list(letter.mentions.all()), list(letter.topics.all())
    return [
        letter.slug,
        url,
        letter.title,
        letter.date_as_written,
        _iso(letter.date_start),
        _iso(letter.date_end),
        letter.date_precision,
        "true" if letter.date_supplied else "false",
        "true" if letter.date_corrected else "false",
        _iso(letter.date_julian),
        _names(link.person for link in senders),
        _slugs(link.person for link in senders),
        _kinds(link.person for link in senders),
        SEPARATOR.join(link.role for link in senders),
        _names(link.person for link in recipients),
        _slugs(link.person for link in recipients),
        _kinds(link.person for link in recipients),
        SEPARATOR.join(link.role for link in recipients),
        _names(mentions),
        _slugs(mentions),
        _kinds(mentions),
        letter.place_sent,
        letter.place_received,
        _names(topics),
        _slugs(topics),
        "true" if letter.excerpt else "false",
        letter.heading,
        SEPARATOR.join(source_reference(link) for link in letter.edition_links),
        letter.footnote_count,
        plain_text(letter.body) or "",
    ]


def stream(queryset, build_url):
    """The CSV file in pieces: the header line, then rows a chunk at a time."""
    buffer = StringIO()
    writer = csv.writer(buffer)

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(COLUMNS)
    yield flush()
    letter_path = letter_path_maker()
    for number, letter in enumerate(
        for_rows(queryset).iterator(chunk_size=CHUNK_SIZE), 1
    ):
        writer.writerow(row(letter, build_url(letter_path(letter.slug))))
        if number % 100 == 0:
            yield flush()
    yield flush()
