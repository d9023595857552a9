"""A person's correspondence: with whom they exchanged letters, how many each way and
in which years (their letters over time are drawn by the browsing timeline:
letter_timelines.py); the table on a person's page ({% person_correspondents person %},
templatetags/correspondents.py).

Counted from the browse index's link arrays, as /network/ is, so the cost follows the
number of the person's links in memory, not their letters in the database: at 100,000
letters, two GROUP BYs over the link tables took 83 ms for the busiest person (in 24,000
letters) on SQLite. People are read by slug in one query.
"""

from dataclasses import dataclass

import numpy as np
from django.db import DEFAULT_DB_ALIAS

from browse.index import current
from people.models import Person

#: the busiest correspondents a person's page lists; it says how many it leaves out
MAX_SHOWN = 100


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

    @property
    def total(self):
        return self.to_them + self.from_them

    def add_years(self, first, last):
        """Widen the years to the days ``first`` and ``last`` (YYYYMMDD; None: none
        dated)."""
        if first is not None:
            self.first_year = min(filter(None, (self.first_year, first // 10_000)))
        if last is not None:
            self.last_year = max(filter(None, (self.last_year, last // 10_000)))


def _per_correspondent(index, me, mine, theirs):
    """{person index: (letters, earliest day, latest day)} of the people on ``theirs``
    side of the letters ``me`` is on ``mine`` side of (a link each; days YYYYMMDD, None
    where no letter is dated)."""
    chosen = mine.letters_with([me], index.n)
    keep = chosen[theirs.letters] & (theirs.values != me)
    letters, people = theirs.letters[keep], theirs.values[keep]
    size = theirs.n_values
    counts = np.bincount(people, minlength=size)
    dated = index.dated[letters]
    first = np.full(size, np.iinfo(np.int32).max, dtype=np.int64)
    last = np.full(size, -1, dtype=np.int64)
    np.minimum.at(first, people[dated], index.low[letters[dated]])
    np.maximum.at(last, people[dated], index.high[letters[dated]])
    return {
        int(n): (
            int(counts[n]),
            *((int(first[n]), int(last[n])) if last[n] >= 0 else (None, None)),
        )
        for n in np.flatnonzero(counts)
    }


def exchanges(person, using=DEFAULT_DB_ALIAS):
    """Everyone ``person`` wrote to or heard from, busiest first (then by name): a
    list of ``Exchange``."""
    return busiest_exchanges(person, None, using)[0]


def busiest_exchanges(person, limit, using=DEFAULT_DB_ALIAS):
    """The ``limit`` busiest of ``exchanges(person)`` (all where None) and how many
    are left out. Ranked on the index's names, so only the people shown are read (one
    query): the busiest at 100,000 letters has 1,887 correspondents, 100 shown."""
    index = current.get(using)
    me = index.people.by_slug.get(person.slug)
    if me is None:
        return [], 0
    rows = {}
    for direction, mine, theirs in (
        ("to_them", index.sender, index.recipient),
        ("from_them", index.recipient, index.sender),
    ):
        for n, row in _per_correspondent(index, me, mine, theirs).items():
            rows.setdefault(n, {})[direction] = row
    labels, slugs = index.people.labels, index.people.slugs
    ranked = sorted(
        rows,
        key=lambda n: (
            -sum(count for count, _, _ in rows[n].values()),
            labels[n],
            slugs[n],
        ),
    )
    shown = ranked if limit is None else ranked[:limit]
    people = (
        Person.objects.using(using)
        .only("slug", "name")
        .in_bulk([slugs[n] for n in shown], field_name="slug")
    )
    found = []
    for n in shown:
        exchange = Exchange(people[slugs[n]])
        for direction, (count, first, last) in rows[n].items():
            setattr(exchange, direction, count)
            exchange.add_years(first, last)
        found.append(exchange)
    return found, len(ranked) - len(shown)
