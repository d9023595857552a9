"""Small builders for test data; real seed excerpts live in conftest.py."""

import datetime as dt
import itertools

from correspondence.models import Footnote, Letter, LetterSource, Source, Topic
from correspondence.people_links import write_links
from people.models import Person, PersonName

_counter = itertools.count(1)


def make_person(name=None, *, slug=None, variants=(), **fields):
    n = next(_counter)
    name = name or f"Person {n}"
    person = Person.objects.create(slug=slug or f"person-{n}", name=name, **fields)
    for variant, kind in variants:
        PersonName.objects.create(person=person, name=variant, kind=kind)
    return person


def make_topic(name=None, *, slug=None, **fields):
    n = next(_counter)
    return Topic.objects.create(
        slug=slug or f"topic-{n}", name=name or f"Topic {n}", **fields
    )


def make_letter(
    *,
    senders=None,
    recipients=None,
    mentions=(),
    topics=(),
    footnotes=(),
    sources=(),
    **overrides,
):
    """A letter with sensible defaults; ``footnotes`` is a list of texts numbered from
    1."""
    n = next(_counter)
    day = overrides.pop("date", dt.date(1914, 6, 7))
    fields = {
        "slug": f"letter-{n}",
        "date_as_written": day.strftime("%-d %B %Y") if day else "",
        "date_start": day,
        "date_end": day,
        "date_precision": Letter.Precision.DAY if day else Letter.Precision.UNKNOWN,
        "body": f"Body of letter {n}.",
    }
    fields.update(overrides)
    letter = Letter.objects.create(**fields)
    # people in the order given; (person, role) pairs for a co-signer or a copy
    for relation, people, role in (
        ("senders", senders, "sender"),
        ("recipients", recipients, "recipient"),
    ):
        people = people if people is not None else [make_person()]
        write_links(
            letter,
            relation,
            [p if isinstance(p, tuple) else (p, role) for p in people],
        )
    letter.mentions.set(mentions)
    letter.topics.set(topics)
    for number, text in enumerate(footnotes, start=1):
        Footnote.objects.create(letter=letter, number=number, text=text)
    for order, (source, role, pages) in enumerate(sources):
        LetterSource.objects.create(
            letter=letter, source=source, role=role, pages=pages, order=order
        )
    return letter


def make_source(title="The Unknown Lenin", **fields):
    n = next(_counter)
    return Source.objects.create(
        key=fields.pop("key", f"source-{n}"), title=title, **fields
    )
