"""A person's correspondence: with whom they exchanged letters, how many each way and
in which years (their letters over time are drawn by the browsing timeline:
network/templatetags/letter_timelines.py).

Two GROUP BYs over the link tables, each starting from the person's own letters (the
(person, letter) indexes), so the cost follows the person's letters, not the edition's.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils.http import urlencode

from correspondence.models import Letter

from .models import Person

#: the busiest correspondents a person's page lists; it says how many it leaves out
MAX_SHOWN = 100


def letters_url(**params):
    return f"{reverse('letters:list')}?{urlencode(params, doseq=True)}"


@dataclass
class Exchange:
    """The letters between the person and one correspondent."""

    correspondent: Person
    #: letters the person sent the correspondent, and received from them
    to_them: int = 0
    from_them: int = 0
    #: the Gregorian years the letters' known dates reach (None: all undated)
    first_year: int | None = None
    last_year: int | None = None
    #: the person's slug, for the links to the letters
    of: str = ""

    @property
    def total(self):
        return self.to_them + self.from_them

    @property
    def to_url(self):
        return letters_url(sender=self.of, recipient=self.correspondent.slug)

    @property
    def from_url(self):
        return letters_url(sender=self.correspondent.slug, recipient=self.of)

    def add_years(self, first, last):
        if first is not None:
            self.first_year = min(filter(None, (self.first_year, first.year)))
        if last is not None:
            self.last_year = max(filter(None, (self.last_year, last.year)))


def _counts(mine, theirs, person):
    """Per person on the other side (``theirs``) of the letters the person is on
    ``mine`` of: how many, and the earliest and latest known day."""
    own = mine.objects.filter(person=person).values("letter_id")
    return (
        theirs.objects.filter(letter_id__in=own)
        .exclude(person=person)
        .values("person_id")
        .annotate(
            n=Count("letter_id"),
            first=Min("letter__date_min"),
            last=Max("letter__date_max"),
        )
        .order_by()
    )


def exchanges(person):
    """Everyone ``person`` wrote to or heard from, busiest first (then by name): a
    list of ``Exchange``. Three queries whatever the number of letters (at 100,000
    letters on SQLite: 0.18 s for the busiest person, in 24,751 of them; 6 ms for
    one in 18)."""
    senders, recipients = Letter.senders.through, Letter.recipients.through
    rows = {}
    for direction, (mine, theirs) in {
        "to_them": (senders, recipients),
        "from_them": (recipients, senders),
    }.items():
        for row in _counts(mine, theirs, person):
            found = rows.setdefault(row["person_id"], {})
            found[direction] = row
    people = Person.objects.only("slug", "name").in_bulk(list(rows))
    found = []
    for pk, directions in rows.items():
        other = people[pk]
        exchange = Exchange(other, of=person.slug)
        for direction, row in directions.items():
            setattr(exchange, direction, row["n"])
            exchange.add_years(row["first"], row["last"])
        found.append(exchange)
    found.sort(key=lambda e: (-e.total, e.correspondent.name, e.correspondent.slug))
    return found
