"""Merging people: the same person recorded twice ("Maria Alexandrovna Ulyanova" and
"His Mother" on two imported pages) becomes one record.

``merge_people(keep, others)`` folds each of ``others`` into ``keep``, in one
transaction:

- every letter that names one of them as sender, recipient or mention names ``keep``
  instead (a letter naming both names ``keep`` once, as ``keep`` stood on it); a
  sender's or recipient's role and place in the document's order go with the link;
- their names become ``keep``'s: each one's primary name as a name of ``kind``, and its
  other names as they were (a name ``keep`` already has is not repeated);
- the people the editors marked as not the same as them are not the same as ``keep``;
- life dates and an authority record that ``keep`` lacks are taken from them; their
  notes are added to ``keep``'s, each in its own paragraph;
- they are deleted, their history saying into whom they were merged, so their pages
  redirect to ``keep``'s (editing/redirects.py).

Nothing is decided for the editor: two different life dates or authority records, or a
person and an organisation, are a ``MergeConflict`` naming both, and nothing is changed.
"""

import re

from django.db import transaction

from correspondence.models import Letter
from editing.history import history_baseline, record_versions

from .models import Person, PersonName

#: the relations through which letters name a person (a person's side of them)
RELATIONS = ["letters_sent", "letters_received", "mentioned_in"]
#: the change reason of a merged person's deletion; editing/redirects.py follows it
MERGED_INTO = "Merged into person #{pk}"
#: the change reason of the letters' history rows a merge writes
MERGED_PEOPLE = "People merged into {kept}"
_MERGED_INTO = re.compile(r"^Merged into person #(?P<pk>[0-9]+)$")


def merged_into(reason):
    """The pk a deletion's change reason says the person was merged into, or None."""
    match = _MERGED_INTO.match(reason or "")
    return int(match["pk"]) if match else None


class MergeConflict(ValueError):
    pass


def conflicts(keep, others):
    """Why ``others`` cannot be merged into ``keep`` as they stand: [message]."""
    problems = []
    for field, label in (("life_dates", "life dates"), ("authority_uri", "authority")):
        people = [keep, *others]
        values = {p.name: getattr(p, field) for p in people if getattr(p, field)}
        if len(set(values.values())) > 1:
            listed = "; ".join(f"{name}: {value}" for name, value in values.items())
            problems.append(
                f"The {label} differ ({listed}): make them agree before merging."
            )
    if len({p.kind for p in [keep, *others]}) > 1:
        listed = "; ".join(f"{p.name}: {p.get_kind_display()}" for p in [keep, *others])
        problems.append(
            "Some are organisations, some people "
            f"({listed}): make them agree before merging."
        )
    return problems


def _move_links(through, other, keep):
    """``other``'s sender or recipient links become ``keep``'s, each with its role and
    position; where ``keep`` is on the letter already, ``keep``'s link stays."""
    theirs = through.objects.filter(person=other)
    theirs.filter(
        letter_id__in=through.objects.filter(person=keep).values("letter_id")
    ).delete()
    theirs.update(person=keep)


@transaction.atomic
def merge_people(keep, others, kind=PersonName.Kind.SPELLING, *, user=None):
    """Fold ``others`` into ``keep`` (see the module); ``user`` is recorded in the
    letters' history. Returns the number of letters relinked. Raises
    ``MergeConflict`` before changing anything."""
    others = [p for p in others if p.pk != keep.pk]
    problems = conflicts(keep, others)
    if problems:
        raise MergeConflict(" ".join(problems))
    letter_ids = set()
    for other in others:
        for relation in RELATIONS:
            letter_ids |= set(getattr(other, relation).values_list("pk", flat=True))
    # the letters and people as they were, so the merge can be seen and undone
    history_baseline(Letter, letter_ids, user=user)
    history_baseline(Person, [keep.pk, *(p.pk for p in others)], user=user)

    names = set(keep.names.values_list("name", flat=True)) | {keep.name}
    notes = [keep.note] if keep.note else []
    for other in others:
        for relation in RELATIONS:
            linked = getattr(other, relation)
            if linked.through._meta.auto_created:
                getattr(keep, relation).add(*linked.all())
                linked.clear()
            else:
                _move_links(linked.through, other, keep)
        for name in other.names.all():
            if name.name in names:
                name.delete()
            else:
                name.person = keep
                name.save()
                names.add(name.name)
        if other.name not in names:
            PersonName.objects.create(person=keep, name=other.name, kind=kind)
            names.add(other.name)
        keep.not_the_same.add(*other.not_the_same.exclude(pk=keep.pk))
        keep.life_dates = keep.life_dates or other.life_dates
        keep.authority_uri = keep.authority_uri or other.authority_uri
        if other.note and other.note not in notes:
            notes.append(other.note)
        other._change_reason = MERGED_INTO.format(pk=keep.pk)
        other.delete()
    keep.note = "\n\n".join(notes)
    keep.save()
    # each letter's history records its people after the merge (the search index
    # followed the links as they changed, and keep's save reindexes its letters, those
    # of the moved links too: no save needed)
    record_versions(
        Letter,
        list(Letter.objects.filter(pk__in=letter_ids)),
        user=user,
        reason=MERGED_PEOPLE.format(kept=keep.name),
    )
    return len(letter_ids)
