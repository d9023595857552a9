"""Browsing /letters/ (and /api/letters/): every filter is a query parameter.

``LetterFilter`` is a django-filter ``FilterSet`` over ``Letter``. Each parameter is
validated by its form field; a value that does not validate is ignored and
:meth:`LetterFilter.messages` says which and why, so a shared link with a typo still
answers (never a 500). Person and topic slugs must name someone or something in the
edition: unknown ones are ignored the same way (one query per parameter given, which
also fetches the labels the chips show).

- ``correspondent``, ``sender``, ``recipient``, ``topic``, ``place`` (sent from or
  to), ``kind`` (of document), ``language`` (ISO code), ``year`` repeat; several
  values of one parameter combine with OR, different parameters with AND.
- ``month`` (1-12) applies once exactly one ``year`` is chosen.
- ``year_from``/``year_to``: letters whose known date range meets the years between
  (either bound alone is open-ended).
- ``q``: the reader's query (``browse/search/``), parsed once.
- ``sort``: ``date`` (default), ``-date``, ``relevance`` (default when searching);
  any other value is ignored with a note.

Requests too costly to answer are refused before any query (``browse/limits.py``).

Facet counts leave out each facet's own selection (:meth:`LetterFilter.facet_counts`).
Links that change the state are in ``browse/links.py``, the fields in
``browse/fields.py``.
"""

from functools import cached_property

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from correspondence.models import Letter

from . import cache, facets
from .fields import (
    FIRST_YEAR,
    LABELS,
    LAST_YEAR,
    YEAR_ERRORS,
    QueryField,
    ValuesField,
    kind_names,
    language_names,
    parse_slug,
    parse_year,
    person_names,
    place_names,
    shown,
    topic_names,
)
from .links import BrowseLinks
from .results import LetterResults
from .search import filter_and_rank, parse_query, snippets_for
from .selection import Selection

RELEVANCE_NEEDS_QUERY = "Sorting by relevance needs a search: sorted by date."


class ValuesFilter(django_filters.Filter):
    """A repeatable parameter applied by a ``LetterQuerySet`` method taking a list."""

    field_class = ValuesField

    def __init__(self, *, queryset_method, **kwargs):
        super().__init__(**kwargs)
        self.queryset_method = queryset_method

    def filter(self, qs, value):
        return getattr(qs, self.queryset_method)(value) if value else qs


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class QueryFilter(django_filters.CharFilter):
    field_class = QueryField


class LetterFilterForm(forms.Form):
    """Cross-parameter rules: a range that ends before it starts is ignored whole; a
    month needs exactly one year."""

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            data.pop("year_from", None)
            self.add_error(
                "year_to",
                ValidationError(
                    f"Ignored the years {first}–{last}: the range ends before it "
                    "starts.",
                    code="sentence",
                ),
            )
        if data.get("month") and len(data.get("year") or ()) != 1:
            self.add_error(
                "month",
                ValidationError("a month applies once exactly one year is chosen"),
            )
        return data

    @property
    def ignored(self):
        """(parameter, value, why) for the values of repeatable parameters left out."""
        return [
            (name, value, why)
            for name, field in self.fields.items()
            for value, why in getattr(field, "ignored", ())
        ]


def _people_filter(queryset_method):
    """A facet of people chosen by slug: correspondent, sender or recipient."""
    return ValuesFilter(
        queryset_method=queryset_method,
        parse=parse_slug,
        lookup=person_names,
        invalid="not a person's slug",
    )


class LetterFilter(BrowseLinks, django_filters.FilterSet):
    SORTS = {"date": "Date", "-date": "Date, latest first", "relevance": "Relevance"}

    q = QueryFilter(method="filter_q", label="Search")
    correspondent = _people_filter("with_correspondents")
    sender = _people_filter("sent_by")
    recipient = _people_filter("received_by")
    topic = ValuesFilter(
        queryset_method="with_topics",
        parse=parse_slug,
        lookup=topic_names,
        invalid="not a topic's slug",
    )
    place = ValuesFilter(
        queryset_method="at_places",
        parse=parse_slug,
        lookup=place_names,
        invalid="not a place's slug",
    )
    kind = ValuesFilter(
        queryset_method="of_kinds",
        parse=parse_slug,
        lookup=kind_names,
        invalid="not a kind of document",
    )
    language = ValuesFilter(
        queryset_method="in_languages",
        parse=parse_slug,
        lookup=language_names,
        invalid="not a language code",
    )
    year = ValuesFilter(
        queryset_method="in_any_year",
        parse=parse_year,
        invalid=f"not a year from {FIRST_YEAR} to {LAST_YEAR}",
    )
    month = IntegerFilter(
        method="filter_month",
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": "not a month (1 to 12)",
            "min_value": "not a month (1 to 12)",
            "max_value": "not a month (1 to 12)",
        },
    )
    year_from = IntegerFilter(
        method="filter_year_from",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_ERRORS,
    )
    year_to = IntegerFilter(
        method="filter_year_to",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages=YEAR_ERRORS,
    )
    sort = django_filters.ChoiceFilter(
        choices=list(SORTS.items()),
        method="filter_nothing",
        empty_label=None,
        error_messages={"invalid_choice": "sort by date, -date or relevance"},
    )

    DATES = facets.DATES

    class Meta:
        model = Letter
        fields = []
        form = LetterFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(
            data if data is not None else QueryDict(),
            queryset if queryset is not None else Letter.objects.all(),
            **kwargs,
        )

    # -- filters ---------------------------------------------------------------------
    def filter_q(self, qs, name, value):
        return (
            qs if self.parsed_query.is_empty else filter_and_rank(qs, self.parsed_query)
        )

    def filter_month(self, qs, name, value):
        years = self.cleaned("year") or []
        return qs.in_month(years[0], value) if len(years) == 1 else qs

    def filter_year_from(self, qs, name, value):
        return qs.in_years(value, LAST_YEAR)

    def filter_year_to(self, qs, name, value):
        return qs.in_years(FIRST_YEAR, value)

    def filter_nothing(self, qs, name, value):
        return qs  # sorting is applied once, after every filter (see ``qs``)

    # -- the validated state ---------------------------------------------------------
    def validated(self):
        """The form's cleaned data, validating the form once (``errors`` does)."""
        return self._cleaned_data

    @cached_property
    def _cleaned_data(self):
        # asked hundreds of times a page (every link and facet value): read once
        self.errors  # noqa: B018
        return self.form.cleaned_data

    def cleaned(self, name):
        """The validated value of a parameter; None when absent or ignored."""
        return self.validated().get(name)

    def selected(self, name):
        """The chosen values of a parameter as strings (as the facets report them)."""
        value = self.cleaned(name)
        if value in (None, "", []):
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    def label(self, name, value):
        """The name a chosen person or topic goes by (looked up while validating)."""
        return self.form.fields[name].labels.get(value, value)

    @property
    def query(self):
        return (self.cleaned("q") or "").strip()

    @property
    def parsed_query(self):
        if not hasattr(self, "_parsed_query"):
            self._parsed_query = parse_query(self.query)
        return self._parsed_query

    @property
    def searching(self):
        """True when the query has words a letter must contain (so ranks and snippets
        mean something)."""
        return bool(self.parsed_query.required)

    @property
    def sort_order(self):
        chosen = self.cleaned("sort")
        if chosen == "relevance" and not self.searching:
            return "date"
        return chosen or ("relevance" if self.searching else "date")

    @property
    def one_year(self):
        """The year when exactly one is chosen (then months can be), else None."""
        years = self.cleaned("year") or []
        return years[0] if len(years) == 1 else None

    # -- results ---------------------------------------------------------------------
    @property
    def qs(self):
        qs = super().qs
        if self.sort_order == "relevance":
            return qs.order_by("-search_rank", "date_min", "slug")
        return qs.in_date_order(descending=self.sort_order == "-date")

    def snippets(self, letters):
        """{letter id: safe HTML with <mark>} when searching, else {}."""
        return snippets_for(letters, self.parsed_query) if self.searching else {}

    def queryset_without(self, names):
        """The results filtered by every chosen parameter but ``names``, unordered."""
        qs = self.queryset.all()
        for name, value in self.validated().items():
            if name not in names:
                qs = self.filters[name].filter(qs, value)
        return qs.order_by()

    def facet_counts(self, first=None):
        """Each facet counted over the results filtered by everything but its own
        selection. ``month`` is empty unless exactly one year is chosen. With
        ``first``, a facet of people, topics, places, kinds or languages lists its
        first ``first`` values and every selected one (``total`` says how many it has).

        Kept in the cache for the data's version and the validated filters (not the
        sort, nor the page), so paging through the results or re-sorting them counts
        nothing again, and any write to the edition counts afresh."""
        filters = {name: self.selected(name) for name in self.filters if name != "sort"}
        return cache.cached(
            ("facets", filters, first), lambda: self.selection.facet_counts(first)
        )

    def facet_counts_in_sql(self):
        """:meth:`facet_counts` counted in SQL (``browse/facets.py``), uncached: the
        reference the browse index is tested against."""
        counts = {}
        for facet in facets.FACETS:
            chosen = self.selected(facet.name)
            qs = self.queryset_without(facet.excludes)
            counts[facet.name] = facets.count(facet.name, qs, chosen, self.one_year)
        return counts

    @cached_property
    def selection(self):
        """The chosen letters as the browse index answers them (browse/selection.py)."""
        return Selection(self)

    def results(self, prepare=None):
        """The chosen letters in the chosen order, as a sequence a paginator pages:
        ``count()`` and slices of Letter objects (``prepare`` adds to their QuerySet,
        e.g. ``with_people``)."""
        return LetterResults(self.selection.ids, self.queryset, prepare)

    def messages(self):
        """Short notes for the reader: parameters ignored, and how the query was
        read ("treated as plain words", "shortened")."""
        self.validated()
        notes = []
        for name, errors in self.form.errors.as_data().items():
            for error in errors:
                for text in error.messages:
                    if error.code == "sentence" or name not in LABELS:
                        notes.append(text)
                    else:
                        raw = self.data.get(name, "")
                        notes.append(f"Ignored {LABELS[name]} {shown(raw)}: {text}.")
        for name, value, why in self.form.ignored:
            notes.append(f"Ignored {LABELS[name]} {shown(value)}: {why}.")
        notes.extend(self.parsed_query.messages)
        if self.cleaned("sort") == "relevance" and not self.searching:
            notes.append(RELEVANCE_NEEDS_QUERY)
        return notes
