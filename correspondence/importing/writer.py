"""Write one file's LetterRecords into the database, inside that file's transaction:
a new letter, or an existing one updated by the three-way comparison the importer's
docstring describes (database, last import, page). ``people.People`` resolves the
names a page gives to person records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db.models import Q

from correspondence.importing.identity import (
    letter_slug,
    letter_values,
    mention_text,
    mentioned_in,
    source_key,
)
from correspondence.importing.plausible import date_doubts
from correspondence.importing.records import (
    LetterRecord,
    SourceRecord,
    recipient_roles,
    sender_roles,
)
from correspondence.importing.report import ImportFailure, LetterResult, error_message
from correspondence.models import Footnote, Letter, LetterSource, Source
from correspondence.people_links import link_rows, write_links
from people.duplicates import possessor

#: Letter fields a page carries, in report order
LETTER_FIELDS = (
    "heading", "headnote", "excerpt", "date_as_written", "date_start", "date_end",
    "date_precision", "date_supplied", "date_julian", "place_sent", "place_received",
    "dateline", "salutation", "body", "closing", "signature", "postscript", "origin",
)  # fmt: skip
DATE_FIELDS = {"date_start", "date_end", "date_julian"}
PEOPLE_RELATIONS = ("senders", "recipients", "mentions")
#: the relations whose links keep a role and the document's order
LINKED_RELATIONS = ("senders", "recipients")
SOURCE_LINK_FIELDS = ("pages", "translator", "transcriber", "licence", "url", "note")


# -- the values a page gives, in the JSON form Letter.imported keeps -------------------


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _letter_fields(letter):
    return {name: _json(getattr(letter, name)) for name in LETTER_FIELDS}


def _set_field(letter, name, value):
    if name in DATE_FIELDS and value is not None:
        value = dt.date.fromisoformat(value)
    setattr(letter, name, value)


def _source_link(source: SourceRecord):
    link = {"source": source_key(source), "role": source.role}
    link.update({name: getattr(source, name) for name in SOURCE_LINK_FIELDS})
    return link


def _people_links(people, named):
    """``[[pk, role]]`` in the document's order (``named``: its ``[(name, role)]``,
    ``people`` the person of each name); a person named twice keeps the first
    place."""
    links, seen = [], set()
    for person, (_name, role) in zip(people, named, strict=True):
        if person.pk not in seen:
            seen.add(person.pk)
            links.append([person.pk, role])
    return links


def _db_links(letter, relation):
    return [[pk, role] for pk, role in link_rows(letter, relation)]


def _letter_source_links(letter):
    return [
        {"source": ls.source.key, "role": ls.role}
        | {name: getattr(ls, name) for name in SOURCE_LINK_FIELDS}
        for ls in letter.letter_sources.select_related("source").order_by("order", "id")
    ]


# -- writing ---------------------------------------------------------------------------


@dataclass
class _Written:
    result: LetterResult
    pk: int
    text: str
    #: senders, recipients and people found mentioned: never mentioned again
    linked: set


def mention_late_people(written, people, created, report):
    """Mentions of people the run created after a letter was written, so that a file's
    letters do not depend on the order of the files (and a re-import changes nothing).
    """
    candidates = [(p, people.mention_names[p.pk]) for p in created]
    for item in written:
        late = [
            p for p in mentioned_in(item.text, candidates) if p.pk not in item.linked
        ]
        if not late:
            continue
        letter = Letter.objects.get(pk=item.pk)
        letter.mentions.add(*late)
        imported = letter.imported
        imported["mentions"] = sorted({*imported["mentions"], *(p.pk for p in late)})
        Letter.objects.filter(pk=letter.pk).update(imported=imported)
        if item.result.action == "unchanged":
            item.result.action = "updated"
        if item.result.action == "updated":
            item.result.changed.append("mentions")
        names = ", ".join(p.name for p in late)
        report.late_mentions.append(f"{item.result.slug}: mentions {names}")


def _audit(obj, writer):
    """Who and why, for django-simple-history's row of this save (when enabled)."""
    obj._history_user = writer.user
    obj._change_reason = f"import_documents: {Path(writer.path).name}"


class _TakenSlugs:
    def __contains__(self, slug):
        return Letter.objects.filter(slug=slug).exists()


class Writer:
    """Writes one file's records, inside that file's transaction."""

    def __init__(self, path, people, user, result, created_people):
        self.path, self.people, self.user = path, people, user
        self.result, self.created_people = result, created_people
        self.claimed = set()
        #: the letters written, for the mentions of people added later in the run
        self.written = []

    def fail(self, record, message):
        raise ImportFailure(f"{self.path}:{record.line}: {message}")

    def write(self, record: LetterRecord) -> LetterResult:
        result = LetterResult(slug="", action="", line=record.line)
        result.notes.extend(record.warnings)
        result.notes.extend(date_doubts(record))
        try:
            people = {
                "senders": self._people(record.senders, result),
            }
            sole = people["senders"][0].name if len(people["senders"]) == 1 else None
            people["recipients"] = self._people(record.recipients, result, sole)
            involved = {p.pk for p in people["senders"] + people["recipients"]}
            people["mentions"] = [
                p
                for p in self.people.mentioned_in(mention_text(record))
                if p.pk not in involved
            ]
            page = {
                "fields": letter_values(record),
                **{rel: sorted(p.pk for p in people[rel]) for rel in PEOPLE_RELATIONS},
                # roles and the document's order (the lists above: who)
                "links": {
                    "senders": _people_links(people["senders"], sender_roles(record)),
                    "recipients": _people_links(
                        people["recipients"], recipient_roles(record)
                    ),
                },
                "footnotes": {str(n.number): n.text for n in record.footnotes},
                "sources": [_source_link(s) for s in record.sources],
            }
            letter = self._existing(record, result)
            if letter is None:
                letter = self._add(record, people, page, result)
            else:
                self._update(letter, record, page, result)
            self.written.append(
                _Written(
                    result,
                    letter.pk,
                    mention_text(record),
                    involved | set(page["mentions"]),
                )
            )
        except ValidationError as error:
            self.fail(record, error_message(error, "").removeprefix(": "))
        self.claimed.add(result.slug)
        return result

    def _people(self, names, result, owner=None):
        """The people ``names`` name; a relative ("His Mother") is of the person a
        possessive before it names ("Lenin’s Mother and His Sister Anna"), else of
        ``owner``."""
        people = []
        for name in names:
            known = len(self.created_people)
            people.append(
                self.people.resolve(
                    name,
                    result,
                    self.created_people,
                    lambda obj: _audit(obj, self),
                    owner=owner,
                )
            )
            owner = possessor(name) or owner
            if len(self.created_people) > known:
                person = self.created_people[-1]
                kind = ", organisation" if person.is_organisation else ""
                self.result.people_added.append(f"{person.name} ({person.slug}{kind})")
                for candidate in self.people.candidates(person):
                    result.notes.append(f"candidate duplicate: {candidate}")
                    self.result.candidates.append(str(candidate))
        return people

    # identity ------------------------------------------------------------------------

    def _locators(self, record, with_url=True):
        """Q objects for each locator of ``record`` (see the module docstring)."""
        locators = [("origin", Q(origin=record.origin))]
        for source in record.sources:
            if source.role == LetterSource.Role.EDITION and source.pages:
                locators.append(
                    (
                        f"{source_key(source)} p. {source.pages}",
                        Q(
                            letter_sources__role=source.role,
                            letter_sources__source__key=source_key(source),
                            letter_sources__pages=source.pages,
                        ),
                    )
                )
            if with_url and source.url:
                locators.append((source.url, Q(letter_sources__url=source.url)))
        return locators

    def _existing(self, record, result):
        date = record.date
        # the page's date, or the date the last import wrote where an editor has
        # corrected it since (a misprinted year)
        dated = Letter.objects.filter(
            Q(date_start=date.start, date_end=date.end)
            | Q(
                imported__fields__date_start=_json(date.start),
                imported__fields__date_end=_json(date.end),
            )
        ).exclude(slug__in=self.claimed)
        scores = {}
        for _label, locator in self._locators(record):
            for pk in dated.filter(locator).values_list("pk", flat=True).distinct():
                scores[pk] = scores.get(pk, 0) + 1
        if not scores:
            self._note_same_place_other_date(record, result)
            return None
        best = max(scores.values())
        winners = sorted(pk for pk, score in scores.items() if score == best)
        if len(winners) > 1:
            slugs = Letter.objects.filter(pk__in=winners).values_list("slug", flat=True)
            self.fail(
                record,
                "expected at most one existing letter with this date and source, found "
                f"{len(winners)}: {', '.join(sorted(slugs))}",
            )
        return Letter.objects.get(pk=winners[0])

    def _note_same_place_other_date(self, record, result):
        for label, locator in self._locators(record, with_url=False):
            for slug, written in (
                Letter.objects.filter(locator)
                .exclude(slug__in=self.claimed)
                .values_list("slug", "date_as_written")
                .distinct()
            ):
                result.notes.append(
                    f"{slug} ({written or 'undated'}) has the same {label} but another "
                    "date: imported as a separate letter; an editor may merge them"
                )

    # a new letter --------------------------------------------------------------------

    def _add(self, record, people, page, result):
        letter = Letter(imported=page)
        for name, value in page["fields"].items():
            _set_field(letter, name, value)
        letter.slug = letter_slug(
            record, people["senders"], people["recipients"], _TakenSlugs()
        )
        _audit(letter, self)
        letter.full_clean()
        letter.save()
        for rel in LINKED_RELATIONS:
            write_links(letter, rel, page["links"][rel])
        letter.mentions.set(people["mentions"])
        self._write_footnotes(letter, page["footnotes"])
        self._write_sources(letter, record.sources)
        result.slug, result.action = letter.slug, "added"
        result.footnotes = len(record.footnotes)
        self._log(letter, ADDITION, "Imported from " + Path(self.path).name)
        return letter

    def _write_footnotes(self, letter, notes):
        for number, text in notes.items():
            note = Footnote(letter=letter, number=int(number), text=text)
            _audit(note, self)
            note.full_clean()
            note.save()

    def _write_sources(self, letter, sources):
        for order, record_source in enumerate(sources):
            link = LetterSource(
                letter=letter,
                source=self._source(record_source),
                role=record_source.role,
                order=order,
                **{name: getattr(record_source, name) for name in SOURCE_LINK_FIELDS},
            )
            _audit(link, self)
            link.full_clean()
            link.save()

    def _source(self, record: SourceRecord):
        key = source_key(record)
        source = Source.objects.filter(key=key).first()
        if source is None:
            source = Source(
                key=key,
                **{
                    name: getattr(record, name)
                    for name in (
                        "title", "author", "editor", "publisher", "place", "year",
                        "volume",
                    )
                },
            )  # fmt: skip
            _audit(source, self)
            source.full_clean()
            source.save()
            self.result.sources_added.append(f"{source} ({key})")
        return source

    def _log(self, letter, flag, message):
        LogEntry.objects.log_actions(
            user_id=self.user.pk,
            queryset=[letter],
            action_flag=flag,
            change_message=message,
            single_object=True,
        )

    # an existing letter --------------------------------------------------------------

    def _update(self, letter, record, page, result):
        base = letter.imported or {}
        result.slug = letter.slug
        unrecorded = "(no record of an earlier import: it may be an editor's)"

        # the letter's own fields
        db_fields = _letter_fields(letter)
        base_fields = base.get("fields")
        for name in LETTER_FIELDS:
            db, new = db_fields[name], page["fields"][name]
            if db == new:
                continue
            if base_fields is None:
                result.kept.append(f"the database's {name} {unrecorded}")
            elif db == base_fields.get(name):
                _set_field(letter, name, new)
                result.changed.append(name)
            elif new == base_fields.get(name):
                result.kept.append(f"the editor's {name}")
            else:
                result.kept.append(f"the editor's {name} (the page changed it too)")
        if result.changed:
            _audit(letter, self)
            letter.full_clean()
            letter.save()

        # senders, recipients, mentions: who, then (senders, recipients) their roles
        # and order
        for rel in PEOPLE_RELATIONS:
            manager = getattr(letter, rel)
            db = set(manager.values_list("pk", flat=True))
            new = set(page[rel])
            if rel not in base:
                if db != new:
                    result.kept.append(f"the database's {rel} {unrecorded}")
                continue
            added, removed = db - set(base[rel]), set(base[rel]) - db
            merged = (new - removed) | added
            if added or removed:
                names = [f"+{self._name(pk)}" for pk in sorted(added)] + [
                    f"-{self._name(pk)}" for pk in sorted(removed)
                ]
                result.kept.append(f"the editor's {rel}: {', '.join(names)}")
            if rel in LINKED_RELATIONS:
                if self._update_links(letter, rel, merged, page, base, result):
                    result.changed.append(rel)
            elif merged != db:
                manager.set(merged)
                result.changed.append(rel)

        self._update_footnotes(letter, page, base, result, unrecorded)

        # source links: as a whole
        db_links = _letter_source_links(letter)
        if db_links != page["sources"]:
            if "sources" not in base:
                result.kept.append(f"the database's sources {unrecorded}")
            elif db_links == base["sources"]:
                letter.letter_sources.all().delete()
                self._write_sources(letter, record.sources)
                result.changed.append("sources")
            else:
                result.kept.append("the editor's sources")

        if result.changed:
            result.action = "updated"
            topics = list(letter.topics.values_list("name", flat=True))
            if topics:
                result.kept.append(f"topics: {', '.join(topics)}")
            self._log(
                letter,
                CHANGE,
                f"Re-imported from {Path(self.path).name}: {', '.join(result.changed)}",
            )
        else:
            result.action = "unchanged"
        if letter.imported != page:
            Letter.objects.filter(pk=letter.pk).update(imported=page)

    def _update_links(self, letter, rel, merged, page, base, result):
        """Write ``merged`` (the people kept) with their roles and order: the page's
        where the editor left the roles and order as the last import wrote them, else
        the editor's (the page's new people after them). An import from before roles
        were kept recorded none: no editor could have set them, so the page's apply.
        True when anything changed."""
        db = _db_links(letter, rel)
        new = page["links"][rel]
        base_links = base.get("links", {}).get(rel, db)
        first, then = (new, db) if db == base_links else (db, new)
        target, seen = [], set()
        for pk, role in first + then:
            if pk in merged and pk not in seen:
                seen.add(pk)
                target.append([pk, role])
        page_order = [link for link in new if link[0] in merged]
        if first is db and [link for link in target if link in page_order] != (
            page_order
        ):
            result.kept.append(f"the editor's roles and order of the {rel}")
        return write_links(letter, rel, target)

    def _update_footnotes(self, letter, page, base, result, unrecorded):
        db = {str(n.number): n for n in letter.footnotes.all()}
        new, old = page["footnotes"], base.get("footnotes")
        numbers = sorted({*db, *new, *(old or {})}, key=int)
        for number in numbers:
            note = db.get(number)
            d, p = (note.text if note else None), new.get(number)
            if d == p:
                continue
            label = f"footnote {number}"
            if old is None:
                if d is None:
                    self._write_footnotes(letter, {number: p})
                    result.changed.append(label)
                else:
                    result.kept.append(f"the database's {label} {unrecorded}")
                continue
            b = old.get(number)
            if d == b:
                if p is None:
                    _audit(note, self)
                    note.delete()
                elif note is None:
                    self._write_footnotes(letter, {number: p})
                else:
                    note.text = p
                    _audit(note, self)
                    note.full_clean()
                    note.save()
                result.changed.append(label)
            elif d is None:
                result.kept.append(f"the editor's deletion of {label}")
            elif p == b:
                result.kept.append(f"the editor's text of {label}")
            else:
                result.kept.append(
                    f"the editor's text of {label} (the page changed it too)"
                )

    def _name(self, pk):
        person = self.people.people.get(pk)
        return person.name if person else f"person {pk}"
