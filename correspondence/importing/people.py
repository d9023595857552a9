"""The people an import links letters to: every person's names, matched by
``people.duplicates.name_key``, and new records for names nobody has."""

from __future__ import annotations

from django.utils.text import slugify

from correspondence.importing.identity import mentioned_in
from people.duplicates import candidates_for, is_relative, name_key, relative_to
from people.models import Person, PersonName
from people.organisations import is_organisation_name


def person_kind(name):
    """The kind of a new record for ``name``: an organisation where the name is
    plainly a body's ("Rodniki Executive Committee", "Cheka"), else a person."""
    if is_organisation_name(name):
        return Person.Kind.ORGANISATION
    return Person.Kind.PERSON


class People:
    """Every person's names, read once per import and kept current as people are
    added (and forgotten again when their file rolls back). Names are matched by
    ``name_key`` (case, spacing, full stops, apostrophes levelled); a name that says
    whose relative it is ("His Mother") is read as that person's ("Lenin’s Mother")
    where the letter says whose, and matched as it stands only where it does not."""

    def __init__(self):
        self.people = {p.pk: p for p in Person.objects.only("pk", "slug", "name")}
        self.by_key = {}
        self.names = {pk: [p.name] for pk, p in self.people.items()}
        self.mention_names = {pk: [p.name] for pk, p in self.people.items()}
        for person in sorted(self.people.values(), key=lambda p: p.pk):
            self._index(person, person.name, primary=True)
        variants = PersonName.objects.order_by("person_id", "pk").values_list(
            "person_id", "name", "kind"
        )
        for person_id, name, kind in variants:
            person = self.people[person_id]
            self._index(person, name)
            self.names[person_id].append(name)
            if kind != PersonName.Kind.PSEUDONYM and not is_relative(name):
                self.mention_names[person_id].append(name)

    def _index(self, person, name, primary=False):
        # "His Mother" as another name is someone's relative, known by the reading
        # ("Lenin’s Mother"); as a record's own name (nobody said whose), by itself
        if is_relative(name) and not primary:
            return
        named = self.by_key.setdefault(name_key(name), [])
        if person not in named:
            named.append(person)

    def resolve(self, name, letter, created, audit=None, owner=None):
        """The person ``name`` refers to, created with that name alone if nobody has
        it (an organisation where the name is plainly a body's). A relative of
        ``owner`` ("His Mother", owner "Lenin") is looked for and created as "Lenin’s
        Mother", keeping the page's words as another name."""
        reading = relative_to(name, owner)
        named = self.by_key.get(name_key(reading or name))
        if named:
            if len(named) > 1:
                others = ", ".join(p.slug for p in named[1:])
                letter.notes.append(
                    f"{name!r} is a name of several people ({named[0].slug}, "
                    f"{others}); linked to {named[0].slug}"
                )
            return named[0]
        person = Person(
            slug=self._free_slug(reading or name),
            name=reading or name,
            kind=person_kind(reading or name),
        )
        self._save(person, audit)
        names = [person.name]
        if reading:
            self._save(
                PersonName(
                    person=person,
                    name=name,
                    kind=PersonName.Kind.SHORT,
                    note=f"as a letter names {reading}",
                ),
                audit,
            )
            names.append(name)
        created.append(person)
        self.people[person.pk] = person
        self.names[person.pk] = names
        self.mention_names[person.pk] = [person.name]
        self._index(person, person.name, primary=True)
        return person

    @staticmethod
    def _save(obj, audit):
        if audit:
            audit(obj)
        obj.full_clean()
        obj.save()

    def candidates(self, person):
        """The people ``person`` (just created) may be: ``duplicates.likely_same``."""
        others = [(p, self.names[pk]) for pk, p in self.people.items()]
        return candidates_for(person, self.names[person.pk], others)

    def _free_slug(self, name):
        slug = slugify(name)[:100].rstrip("-") or "unnamed"
        candidate, n = slug, 2
        while Person.objects.filter(slug=candidate).exists():
            suffix = f"-{n}"
            candidate, n = f"{slug[: 100 - len(suffix)]}{suffix}", n + 1
        return candidate

    def forget(self, people):
        for person in people:
            self.people.pop(person.pk, None)
            self.mention_names.pop(person.pk, None)
            for name in self.names.pop(person.pk, []):
                named = self.by_key.get(name_key(name), [])
                if person in named:
                    named.remove(person)

    def mentioned_in(self, text):
        candidates = [(p, self.mention_names[pk]) for pk, p in self.people.items()]
        return mentioned_in(text, candidates)
