"""Merging sources: one publication recorded twice ("Collected Works, vol. 35" with and
without its publisher, imported from two pages) becomes one record.

``merge_sources(keep, others)`` folds each of ``others`` into ``keep``, in one
transaction:

- every letter's link to one of them (its role, pages, translator...) links to
  ``keep`` instead; where the letter already has ``keep`` in that role, the two links
  become one, the one kept taking the details it lacked;
- bibliographic fields ``keep`` lacks (author, editor, publisher, place, address) are
  taken from them;
- they are deleted, their history saying into which source they were merged, so their
  pages lead to ``keep``'s.

History records it all: the sources and links as they were, each change, and who
made it. Two different volumes or years are a ``MergeConflict`` naming both (those
are different publications), and nothing is changed.
"""

import re

from django.db import transaction

from editing.history import history_baseline
from people.merging import MergeConflict

from .models import LetterSource, Source

#: the change reason of a merged source's deletion
MERGED_INTO = "Merged into source #{pk}"
_MERGED_INTO = re.compile(r"^Merged into source #(?P<pk>[0-9]+)$")
#: fields taken from the others where ``keep`` has none
FILLED = ("author", "editor", "publisher", "place", "url")
#: fields that must agree: two values are two publications
MUST_AGREE = (("volume", "volumes"), ("year", "years"))
#: details of a link taken from the other's where the kept link has none
LINK_DETAILS = ("pages", "translator", "transcriber", "licence", "url", "note")
#: merges followed from a deleted source to the one that holds it now, at most
MAX_MERGES = 10

__all__ = ["MergeConflict", "conflicts", "merge_sources", "merged_source"]


def conflicts(keep, others):
    """Why ``others`` cannot be merged into ``keep`` as they stand: [message]."""
    problems = []
    for field, label in MUST_AGREE:
        sources = [keep, *others]
        values = {s.key: getattr(s, field) for s in sources if getattr(s, field)}
        if len(set(values.values())) > 1:
            listed = "; ".join(f"{key}: {value}" for key, value in values.items())
            problems.append(
                f"The {label} differ ({listed}): these are different publications."
            )
    return problems


@transaction.atomic
def merge_sources(keep, others, *, user=None):
    """Fold ``others`` into ``keep`` (see the module). Returns the number of letters
    whose links were moved. Raises ``MergeConflict`` before changing anything."""
    others = [s for s in others if s.pk != keep.pk]
    problems = conflicts(keep, others)
    if problems:
        raise MergeConflict(" ".join(problems))
    links = list(LetterSource.objects.filter(source__in=others))
    kept_links = {
        (link.letter_id, link.role): link
        for link in LetterSource.objects.filter(
            source=keep, letter__in={link.letter_id for link in links}
        )
    }
    # the sources and links as they were, so the merge can be seen and undone
    history_baseline(Source, [keep.pk, *(s.pk for s in others)], user=user)
    history_baseline(
        LetterSource, [link.pk for link in [*links, *kept_links.values()]], user=user
    )
    for link in links:
        kept = kept_links.get((link.letter_id, link.role))
        if kept is None:
            link.source = keep
            link.save()
            kept_links[(link.letter_id, link.role)] = link
            continue
        missing = [f for f in LINK_DETAILS if not getattr(kept, f) and getattr(link, f)]
        for field in missing:
            setattr(kept, field, getattr(link, field))
        if missing:
            kept.save()
        link.delete()
    for other in others:
        for field in (*FILLED, "volume", "year"):
            if not getattr(keep, field):
                setattr(keep, field, getattr(other, field))
        other._change_reason = MERGED_INTO.format(pk=keep.pk)
        other.delete()
    keep.save()
    return len({link.letter_id for link in links})


def merged_source(key):
    """The source that the deleted source with ``key`` was merged into, following
    later merges; or None."""
    deletions = Source.history.filter(history_type="-").order_by("-history_date")
    reasons = deletions.filter(key=key)
    for _hop in range(MAX_MERGES):
        reason = reasons.values_list("history_change_reason", flat=True).first()
        match = _MERGED_INTO.match(reason or "")
        if match is None:
            return None
        kept = Source.objects.filter(pk=int(match["pk"])).first()
        if kept is not None:
            return kept
        reasons = deletions.filter(id=int(match["pk"]))
    return None
