"""Build the edition's JSON fixtures from parsed documents and the editors' registers.

documents --parse--> LetterRecords --build--> fixture objects (natural keys, no
numeric ids)

The build is deterministic: the same documents and registers give byte-identical JSON.
Fixtures use natural keys, so ``loaddata`` updates existing rows instead of
duplicating them.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from correspondence.importing.detect import parse_document
from correspondence.importing.identity import (
    letter_slug,
    letter_values,
    mention_text,
    mentioned_in,
    source_key,
)
from correspondence.importing.people import person_kind
from correspondence.importing.records import (
    LetterRecord,
    ParseError,
    recipient_roles,
    sender_roles,
)
from people.models import Person

#: fixture file name -> the models it holds, in load order
FIXTURE_FILES = ("people.json", "topics.json", "sources.json", "letters.json")


class BuildError(ValueError):
    pass


@dataclass
class PersonEntry:
    slug: str
    name: str
    life_dates: str = ""
    note: str = ""
    #: "person" or "organisation" (``Person.Kind``)
    kind: str = Person.Kind.PERSON
    #: (name, kind, note) triples: every other name the documents give the person
    names: list[tuple[str, str, str]] = field(default_factory=list)

    def all_names(self):
        return [self.name, *(name for name, _kind, _note in self.names)]

    def mention_names(self):
        # Pseudonyms are ordinary words ("brother", "army"): never searched for in
        # texts.
        return [self.name, *(n for n, kind, _note in self.names if kind != "pseudonym")]


class PeopleRegister:
    """The editors' register of people, and the people the documents add to it."""

    def __init__(self, entries):
        self.entries: list[PersonEntry] = list(entries)
        self._by_name = {}
        for entry in self.entries:
            for name in entry.all_names():
                self._by_name.setdefault(name.casefold(), entry)

    @classmethod
    def from_toml(cls, path):
        data = _read_toml(path)
        entries = []
        for item in data.get("person", []):
            kind = item.get("kind", Person.Kind.PERSON)
            if kind not in Person.Kind.values:
                raise BuildError(
                    f"{path}: person {item.get('slug')!r} has kind {kind!r}; the kinds "
                    f"are {', '.join(map(repr, Person.Kind.values))}"
                )
            names = [
                (n["name"], n["kind"], n.get("note", "")) for n in item.get("names", [])
            ]
            entries.append(
                PersonEntry(
                    slug=item["slug"],
                    name=item["name"],
                    life_dates=item.get("life_dates", ""),
                    note=item.get("note", ""),
                    kind=kind,
                    names=names,
                )
            )
        return cls(entries)

    def resolve(self, name):
        """The person a document's name refers to; a name no one has creates a new
        person (an organisation where the name is plainly a body's)."""
        entry = self._by_name.get(name.casefold())
        if entry is None:
            entry = PersonEntry(
                slug=self._free_slug(slugify(name) or "unnamed"),
                name=name,
                kind=person_kind(name),
            )
            self.entries.append(entry)
            self._by_name[name.casefold()] = entry
        return entry

    def _free_slug(self, slug):
        taken = {e.slug for e in self.entries}
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        return candidate

    def mentioned_in(self, text):
        """People any of whose (non-pseudonym) names stands as a whole word in
        ``text``."""
        candidates = [(entry, entry.mention_names()) for entry in self.entries]
        return mentioned_in(text, candidates)


def _read_toml(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as error:
        raise BuildError(f"{path}: {error}") from error


def parse_documents(paths):
    """Parse every document; errors from all files are collected, then raised
    together."""
    records, errors = [], []
    for path in sorted(paths, key=lambda p: Path(p).name):
        try:
            records.extend(parse_document(path))
        except ParseError as error:
            errors.append(str(error))
    if errors:
        raise BuildError("\n".join(errors))
    return records


def build_fixtures(records: list[LetterRecord], register: PeopleRegister, topics_path):
    """Fixture objects for records, keyed by fixture file name."""
    letters, footnotes, letter_sources, sources = [], [], [], {}
    people_links = []
    slugs = set()
    for record in records:
        senders = [register.resolve(name) for name in record.senders]
        recipients = [register.resolve(name) for name in record.recipients]
        slug = letter_slug(record, senders, recipients, slugs)
        slugs.add(slug)
        involved = {p.slug for p in senders + recipients}
        text = mention_text(record)
        mentions = [p for p in register.mentioned_in(text) if p.slug not in involved]
        letters.append(_letter_object(record, slug, mentions))
        people_links.extend(_people_link_objects(record, slug, register))
        footnotes.extend(
            {
                "model": "correspondence.footnote",
                "fields": {"letter": [slug], "number": note.number, "text": note.text},
            }
            for note in record.footnotes
        )
        for order, source in enumerate(record.sources):
            key = source_key(source)
            sources.setdefault(key, _source_object(key, source))
            letter_sources.append(_letter_source_object(slug, key, source, order))

    topics = _topic_objects(topics_path, slugs)
    for letter in letters:
        letter["fields"]["topics"] = sorted(
            [t["fields"]["slug"]]
            for t in topics
            if letter["fields"]["slug"] in t["_letters"]
        )
    for topic in topics:
        del topic["_letters"]

    return {
        "people.json": _people_objects(register),
        "topics.json": topics,
        "sources.json": [sources[key] for key in sorted(sources)],
        "letters.json": letters + people_links + footnotes + letter_sources,
    }


def _letter_object(record, slug, mentions):
    return {
        "model": "correspondence.letter",
        "fields": {
            "slug": slug,
            **letter_values(record),
            "mentions": sorted([p.slug] for p in mentions),
        },
    }


def _people_link_objects(record, slug, register):
    """The letter's senders and recipients as link rows with their role and the
    document's order (Django's serialisers leave out a many-to-many relation with a
    model of its own, so the fixtures carry its rows). A person named twice keeps
    the first place."""
    for model, named in (
        ("correspondence.lettersender", sender_roles(record)),
        ("correspondence.letterrecipient", recipient_roles(record)),
    ):
        seen = set()
        for name, role in named:
            person = register.resolve(name)
            if person.slug in seen:
                continue
            seen.add(person.slug)
            yield {
                "model": model,
                "fields": {
                    "letter": [slug],
                    "person": [person.slug],
                    "role": role,
                    "position": len(seen) - 1,
                },
            }


def _source_object(key, source):
    return {
        "model": "correspondence.source",
        "fields": {
            "key": key,
            "title": source.title,
            "author": source.author,
            "editor": source.editor,
            "publisher": source.publisher,
            "place": source.place,
            "year": source.year,
            "volume": source.volume,
        },
    }


def _letter_source_object(slug, key, source, order):
    return {
        "model": "correspondence.lettersource",
        "fields": {
            "letter": [slug],
            "source": [key],
            "role": source.role,
            "pages": source.pages,
            "translator": source.translator,
            "transcriber": source.transcriber,
            "licence": source.licence,
            "url": source.url,
            "note": source.note,
            "order": order,
        },
    }


def _people_objects(register):
    people, names = [], []
    for entry in sorted(register.entries, key=lambda e: e.slug):
        people.append(
            {
                "model": "people.person",
                "fields": {
                    "slug": entry.slug,
                    "name": entry.name,
                    "kind": str(entry.kind),
                    "life_dates": entry.life_dates,
                    "note": entry.note,
                },
            }
        )
        names.extend(
            {
                "model": "people.personname",
                "fields": {
                    "person": [entry.slug],
                    "name": name,
                    "kind": kind,
                    "note": note,
                },
            }
            for name, kind, note in entry.names
        )
    return people + names


def _topic_objects(path, letter_slugs):
    data = _read_toml(path)
    topics = []
    for item in data.get("topic", []):
        unknown = sorted(set(item.get("letters", [])) - letter_slugs)
        if unknown:
            raise BuildError(
                f"{path}: topic {item['slug']!r} names unknown letters: {unknown}"
            )
        topics.append(
            {
                "model": "correspondence.topic",
                "fields": {
                    "slug": item["slug"],
                    "name": item["name"],
                    "description": item.get("description", ""),
                },
                "_letters": set(item.get("letters", [])),
            }
        )
    return sorted(topics, key=lambda t: t["fields"]["slug"])


def dumps(objects):
    """The one JSON form fixtures are written in: stable, readable, diff-friendly."""
    return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"


def build_edition(documents_dir, editorial_dir):
    """Fixture texts (file name -> JSON) for every document in ``documents_dir``."""
    paths = sorted(Path(documents_dir).glob("*.txt"))
    if not paths:
        raise BuildError(f"{documents_dir}: no documents (*.txt) to build from")
    register = PeopleRegister.from_toml(Path(editorial_dir) / "people.toml")
    objects = build_fixtures(
        parse_documents(paths), register, Path(editorial_dir) / "topics.toml"
    )
    return {name: dumps(objects[name]) for name in FIXTURE_FILES}
