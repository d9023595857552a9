"""The facets of /letters/: their registry, and their counts as lists of values.

The browsing pages count from the browse index (:func:`value_items`,
:func:`year_items` and :func:`month_items` over ``browse/selection.py``'s counts). The
functions taking a QuerySet count the same in SQL, over any set of letters (a GROUP BY
or three per facet): the reference the index is tested against.

Each function takes a ``Letter`` QuerySet (already filtered as the caller likes; for
"each facet without its own selection" pass the set filtered by everything but that
facet) and returns a list of ``{"value", "label", "count", "selected"}`` dicts, the
shape of the JSON API's ``facets``. ``selected`` holds the values (slugs, or year
strings) the reader has chosen; a selected value is listed even when its count is 0, so
a reader can always see and undo a choice.

Orders: correspondents, places, topics, kinds and languages by count (most first), then
label; years in calendar order.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Exists, F, OuterRef

from correspondence.models import Language, Letter, Topic
from people.models import Person
from places.models import Place

from .spans import month_spans, year_spans


@dataclass(frozen=True)
class Facet:
    """One facet of /letters/: its parameter, how the pages name it, and which
    parameters its counts leave out (its own selection, and what depends on it: a
    month belongs to the one chosen year)."""

    name: str
    legend: str
    plural: str
    excludes: tuple[str, ...]
    #: True when /facets/<name>/ lists every value (people and topics)
    listed: bool = False


#: the facets, in the order the browsing page offers them
FACETS = (
    Facet("correspondent", "Correspondent", "Correspondents", ("correspondent",), True),
    Facet("year", "Year", "Years", ("year", "month")),
    Facet("month", "Month", "Months", ("month",)),
    Facet("topic", "Topic", "Topics", ("topic",), True),
    Facet("sender", "Sender", "Senders", ("sender",), True),
    Facet("recipient", "Recipient", "Recipients", ("recipient",), True),
    Facet("place", "Place", "Places", ("place",), True),
    Facet("kind", "Kind of document", "Kinds of document", ("kind",)),
    Facet("language", "Language", "Languages", ("language",)),
)
BY_NAME = {facet.name: facet for facet in FACETS}
#: the parameters a histogram of years leaves out: every date choice
DATES = ("year", "month", "year_from", "year_to")

Senders = Letter.senders.through
Recipients = Letter.recipients.through
Topics = Letter.topics.through
Languages = Letter.languages.through

MONTH_NAMES = [
    None,
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _links(through, qs):
    """Rows of link table ``through`` for the letters of ``qs``: all of them when ``qs``
    is the whole edition, with no ``letter_id IN (every letter)`` subquery to evaluate
    (``qs`` unfiltered: its WHERE is empty)."""
    if not qs.query.where:
        return through.objects.all()
    return through.objects.filter(letter__in=_letter_ids(qs))


def _letter_ids(qs):
    """``qs`` as a subquery of primary keys (ordering and prefetches dropped)."""
    return qs.order_by().values("pk")


class FacetValues(list):
    """A facet's values in order, perhaps only the first of them: ``total`` says how
    many it has in all."""

    def __init__(self, items=(), total=None):
        super().__init__(items)
        self.total = len(self) if total is None else total


def _item(value, label, count, selected):
    return {
        "value": value,
        "label": label,
        "count": count,
        "selected": value in selected,
    }


def _with_missing_selected(items, selected, labels):
    """Append the selected values missing from ``items``, with count 0."""
    present = {item["value"] for item in items}
    missing = [value for value in selected if value not in present]
    return items + [
        _item(value, labels.get(value, value), 0, selected) for value in missing
    ]


def _per_person(links):
    """Letters per person among ``links`` (rows of a Letter-Person link table)."""
    rows = links.values("person__slug", "person__name").annotate(n=Count("letter_id"))
    return Counter(
        {(row["person__slug"], row["person__name"]): row["n"] for row in rows}
    )


def _people_items(counts, selected):
    items = [
        _item(slug, name, count, selected)
        for (slug, name), count in counts.items()
        if count > 0
    ]
    if selected - {item["value"] for item in items}:
        labels = dict(
            Person.objects.filter(slug__in=selected).values_list("slug", "name")
        )
        items = _with_missing_selected(items, sorted(selected & labels.keys()), labels)
    items.sort(key=lambda item: (-item["count"], item["label"], item["value"]))
    return items


def correspondent_facet(qs, selected=()):
    """People who sent or received letters in ``qs``, with how many of those letters.

    A letter counts once per person even if the person is both a sender and a recipient:
    count = sent + received - both, three GROUP BYs on the link tables (indexed by
    letter).
    """
    counts = _per_person(_links(Senders, qs))
    counts.update(_per_person(_links(Recipients, qs)))
    # EXISTS probes the recipients' unique (letter, person) index once a sender row;
    # a join through the letter took 5-7 times as long at 100,000 letters
    also_received = Recipients.objects.filter(
        letter_id=OuterRef("letter_id"), person_id=OuterRef("person_id")
    )
    counts.subtract(_per_person(_links(Senders, qs).filter(Exists(also_received))))
    return _people_items(counts, set(selected))


def person_facet(qs, relation, selected=()):
    """People linked to letters in ``qs`` through ``relation`` ("senders", "recipients"
    or "mentions"), each with the number of those letters: one GROUP BY."""
    links = _links(getattr(Letter, relation).through, qs)
    return _people_items(_per_person(links), set(selected))


def year_facet(qs, selected=()):
    """Each year the letters' known date ranges meet, with how many letters meet it.

    A letter of 1914-1916 counts in 1914, 1915 and 1916; a letter with one bound counts
    in that bound's year (``date_min``/``date_max`` already fill a missing bound from
    the other); undated letters count nowhere. One GROUP BY over the distinct spans
    (browse/spans.py), each spread over its years in Python.
    """
    return year_items(year_spans(qs), selected)


def year_items(spans, selected=()):
    """The year facet of the letters whose year spans are ``spans``."""
    selected = {str(value) for value in selected}
    counts = Counter()
    for first, last, _open, n in spans:
        for year in range(first, last + 1):
            counts[year] += n
    counts.update({int(value): 0 for value in selected if value.isdigit()})
    return FacetValues(
        _item(str(year), str(year), count, selected)
        for year, count in sorted(counts.items())
    )


def month_facet(qs, year, selected=()):
    """The months of ``year`` the letters' known ranges meet, with how many letters.

    As ``year_facet``, over the month spans of the letters meeting ``year``; a span
    reaching past the year counts to its end or from its start.
    """
    return month_items(month_spans(qs, year), selected)


def month_items(spans, selected=()):
    """The month facet of the letters whose month spans (within one year) are
    ``spans``."""
    selected = {str(value) for value in selected}
    counts = Counter()
    for first, last, _open, n in spans:
        for month in range(first, last + 1):
            counts[month] += n
    counts.update({int(v): 0 for v in selected if v.isdigit() and 1 <= int(v) <= 12})
    return FacetValues(
        _item(str(month), MONTH_NAMES[month], count, selected)
        for month, count in sorted(counts.items())
    )


def value_items(counts, values, selected=(), first=None):
    """A facet of linked values (people, topics, places, kinds, languages) from the
    browse index: ``counts[n]`` letters have the value ``n`` of ``values``
    (browse/index.py); the values with letters, and the selected ones, by count (most
    first), then label. With ``first``, the first ``first`` values not selected and
    every selected one (a page shows no more): a busy facet has thousands of values,
    and a dict each was most of the cost of counting it."""
    selected = set(selected)
    chosen = np.array(
        [values.by_slug[slug] for slug in selected if slug in values.by_slug],
        dtype=np.int64,
    )
    listed = np.union1d(np.flatnonzero(counts), chosen)
    listed = listed[np.lexsort((values.rank[listed], -counts[listed]))]
    total = len(listed)
    if first is not None and total > first:
        keep = np.isin(listed, chosen)
        keep |= np.cumsum(~keep) <= first
        listed = listed[keep]
    return FacetValues(
        (
            _item(values.slugs[n], values.labels[n], int(counts[n]), selected)
            for n in listed.tolist()
        ),
        total,
    )


def topic_facet(qs, selected=()):
    """Topics of the letters in ``qs``, each with the number of those letters."""
    selected = set(selected)
    rows = (
        _links(Topics, qs)
        .values("topic__slug", "topic__name")
        .annotate(n=Count("letter_id"))
    )
    items = [
        _item(row["topic__slug"], row["topic__name"], row["n"], selected)
        for row in rows
    ]
    if selected - {item["value"] for item in items}:
        labels = dict(
            Topic.objects.filter(slug__in=selected).values_list("slug", "name")
        )
        items = _with_missing_selected(items, sorted(selected & labels.keys()), labels)
    items.sort(key=lambda item: (-item["count"], item["label"], item["value"]))
    return items


def _by_count(items, selected, labels_of):
    """``items`` with the selected values they lack (count 0, labelled by
    ``labels_of(values)``), most letters first."""
    if selected - {item["value"] for item in items}:
        labels = labels_of(selected)
        items = _with_missing_selected(items, sorted(selected & labels.keys()), labels)
    items.sort(key=lambda item: (-item["count"], item["label"], item["value"]))
    return items


def _letters(qs):
    """The letters of ``qs`` unordered; the whole table needs no IN subquery."""
    return qs.order_by() if qs.query.where else Letter.objects.order_by()


def _per_place(letters, field):
    rows = (
        letters.filter(**{f"{field}__isnull": False})
        .values(f"{field}__slug", f"{field}__name")
        .annotate(n=Count("pk"))
    )
    return Counter(
        {(row[f"{field}__slug"], row[f"{field}__name"]): row["n"] for row in rows}
    )


def place_facet(qs, selected=()):
    """Places the letters in ``qs`` were sent from or to, with how many of them.

    As ``correspondent_facet``: a letter sent from and to one place counts once
    (from + to - both), three GROUP BYs on the letters' place columns (indexed).
    """
    letters = _letters(qs)
    counts = _per_place(letters, "sent_from")
    counts.update(_per_place(letters, "sent_to"))
    both = letters.filter(sent_from=F("sent_to"))
    counts.subtract(_per_place(both, "sent_from"))
    items = [
        _item(slug, name, n, set(selected))
        for (slug, name), n in counts.items()
        if n > 0
    ]
    return _by_count(
        items,
        set(selected),
        lambda slugs: dict(
            Place.objects.filter(slug__in=slugs).values_list("slug", "name")
        ),
    )


def kind_facet(qs, selected=()):
    """The kinds of document among the letters in ``qs`` (those recorded)."""
    labels = dict(Letter.Kind.choices)
    rows = _letters(qs).exclude(kind="").values("kind").annotate(n=Count("pk"))
    items = [
        _item(
            row["kind"], labels.get(row["kind"], row["kind"]), row["n"], set(selected)
        )
        for row in rows
    ]
    return _by_count(
        items, set(selected), lambda kinds: {k: labels[k] for k in kinds if k in labels}
    )


def language_facet(qs, selected=()):
    """The languages the letters in ``qs`` were written in (where recorded)."""
    rows = (
        _links(Languages, qs)
        .values("language__code", "language__name")
        .annotate(n=Count("letter_id"))
    )
    items = [
        _item(row["language__code"], row["language__name"], row["n"], set(selected))
        for row in rows
    ]
    return _by_count(
        items,
        set(selected),
        lambda codes: dict(
            Language.objects.filter(code__in=codes).values_list("code", "name")
        ),
    )


def count(name, qs, selected, one_year=None):
    """The values of facet ``name`` among the letters ``qs``; the month facet is
    empty unless exactly one year (``one_year``) is chosen."""
    if name == "correspondent":
        return correspondent_facet(qs, selected)
    if name in ("sender", "recipient"):
        return person_facet(qs, f"{name}s", selected)
    if name == "year":
        return year_facet(qs, selected)
    if name == "month":
        return [] if one_year is None else month_facet(qs, one_year, selected)
    if name == "place":
        return place_facet(qs, selected)
    if name == "kind":
        return kind_facet(qs, selected)
    if name == "language":
        return language_facet(qs, selected)
    return topic_facet(qs, selected)
