"""Browsing /letters/ (and /api/letters/): every filter is a query parameter.

``LetterFilter`` is a django-filter ``FilterSet`` over ``Letter``. Each parameter is
validated by its form field; a value that does not validate is ignored and
:meth:`LetterFilter.messages` says which and why, so a shared link with a typo still
answers (never a 500). Person and topic slugs must name someone or something in the
edition: unknown ones are ignored the same way (one query per parameter given, which
also fetches the labels the chips show).

- ``correspondent``, ``sender``, ``recipient``, ``topic``, ``year`` repeat; several
  values of one parameter combine with OR, different parameters with AND.
- ``month`` (1-12) applies once exactly one ``year`` is chosen.
- ``year_from``/``year_to``: letters whose known date range meets the years between
  (either bound alone is open-ended).
- ``q``: the reader's query (``correspondence/search.py``), parsed once.
- ``sort``: ``date`` (default), ``-date``, ``relevance`` (default when searching);
  any other value is ignored with a note.

Bounded cost (:func:`refusal`, checked by the page and the API before any query): a
``q`` longer than ``MAX_QUERY_LENGTH`` characters, or a ``page`` reaching past the
first ``MAX_RESULTS_PAGED`` results, is a 400 with a message to shorten or narrow the
search. Pages hold ``settings.LETTERS_PAGE_SIZE`` letters (no parameter changes it).

Facet counts leave out each facet's own selection (:meth:`LetterFilter.facet_counts`).
Links that change the state (chips, histogram bars) are built from the validated
values, so the ignored ones fall away at the next click.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from people.models import Person

from . import browse_cache, facets
from .models import Letter, Topic
from .search import MAX_QUERY_LENGTH, parse_query, snippets_for

SLUG_RE = re.compile(r"^[-a-z0-9_]{1,100}$")
#: a facet parameter may repeat; more values than this is not a reader's clicks
MAX_VALUES = 50
#: the years a filter accepts (the month filter needs the next year's 1 January)
FIRST_YEAR, LAST_YEAR = 1, 9998
#: parameters in the order links write them
PARAMS = (
    "q",
    "correspondent",
    "sender",
    "recipient",
    "topic",
    "year",
    "month",
    "year_from",
    "year_to",
    "sort",
)
LABELS = {
    "q": "search",
    "correspondent": "correspondent",
    "sender": "sender",
    "recipient": "recipient",
    "topic": "topic",
    "year": "year",
    "month": "month",
    "year_from": "from year",
    "year_to": "to year",
    "sort": "sort",
}
RELEVANCE_NEEDS_QUERY = "Sorting by relevance needs a search: sorted by date."
#: paging stops here: a page reaching past this many results is refused
MAX_RESULTS_PAGED = 10_000
QUERY_TOO_LONG = (
    f"Your search is longer than {MAX_QUERY_LENGTH} characters: shorten it."
)


def query_refusal(params):
    """``QUERY_TOO_LONG`` when ``q`` is longer than ``MAX_QUERY_LENGTH`` characters,
    else None (for answers that are not paged, such as the CSV download)."""
    query = params.get("q") or ""
    return QUERY_TOO_LONG if len(query.strip()) > MAX_QUERY_LENGTH else None


def refusal(params, page_size):
    """Why the request ``params`` would cost too much to answer, or None: a ``q``
    longer than ``MAX_QUERY_LENGTH`` characters, or a ``page`` whose last letter
    would lie past the first ``MAX_RESULTS_PAGED`` results. Looks at the parameters
    only (no query, no count), so the 400 is answered at once."""
    if message := query_refusal(params):
        return message
    try:
        page = int(params.get("page") or 1)
    except (TypeError, ValueError):
        return None  # not a number: the paginator's own 400 says so
    if page * page_size > MAX_RESULTS_PAGED:
        return (
            f"Page {page} lies past the first {MAX_RESULTS_PAGED:,} results, as far "
            "as paging goes: narrow the search (a year, a correspondent, a topic or "
            "more words) to reach the letters further on."
        )
    return None


def shown(value, limit=40):
    """A reader's value, quoted and shortened for a message."""
    value = "".join(c if c.isprintable() else " " for c in str(value)).strip()
    return f"“{value[:limit]}…”" if len(value) > limit else f"“{value}”"


# -- fields ------------------------------------------------------------------------
def parse_slug(value):
    value = value.lower()
    if not SLUG_RE.match(value):
        raise ValueError(value)
    return value


def parse_year(value):
    year = int(value)  # ValueError for "abc"
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(value)
    return year


def person_names(slugs):
    return dict(Person.objects.filter(slug__in=slugs).values_list("slug", "name"))


def topic_names(slugs):
    return dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "name"))


class ValuesField(forms.Field):
    """A repeated parameter (``?topic=a&topic=b``) as the list of its valid values.

    Invalid values are left out rather than failing the whole parameter: ``ignored``
    holds ``(value, why)`` for the form to report. With ``lookup`` (slugs -> labels,
    one query) values naming nothing in the edition are left out too, and ``labels``
    keeps the names of the others.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *, parse, lookup=None, invalid="not a valid value", **kwargs):
        kwargs["required"] = False
        super().__init__(**kwargs)
        self.parse, self.lookup, self.invalid = parse, lookup, invalid
        self.ignored, self.labels = [], {}

    def clean(self, value):
        self.ignored, self.labels = [], {}
        values = [v.strip() for v in value or () if isinstance(v, str) and v.strip()]
        parsed = []
        for raw in values:
            try:
                parsed.append(self.parse(raw))
            except ValueError:
                self.ignored.append((raw, self.invalid))
        parsed = list(dict.fromkeys(parsed))
        if len(parsed) > MAX_VALUES:
            self.ignored.append(
                (f"{len(parsed) - MAX_VALUES} more", f"at most {MAX_VALUES} are used")
            )
            parsed = parsed[:MAX_VALUES]
        if self.lookup and parsed:
            self.labels = self.lookup(parsed)
            self.ignored.extend(
                (slug, "not in the edition")
                for slug in parsed
                if slug not in self.labels
            )
            parsed = [slug for slug in parsed if slug in self.labels]
        return parsed


class QueryField(forms.CharField):
    """The reader's query. NUL bytes become spaces (the query parser treats any
    control character so) instead of failing the whole query."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", " ")


def year_field(**kwargs):
    return forms.IntegerField(
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": "not a year",
            "min_value": f"not a year from {FIRST_YEAR} to {LAST_YEAR}",
            "max_value": f"not a year from {FIRST_YEAR} to {LAST_YEAR}",
        },
        **kwargs,
    )


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


# -- the filter set ----------------------------------------------------------------
class LetterFilter(django_filters.FilterSet):
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
        error_messages=year_field().error_messages,
    )
    year_to = IntegerFilter(
        method="filter_year_to",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages=year_field().error_messages,
    )
    sort = django_filters.ChoiceFilter(
        choices=list(SORTS.items()),
        method="filter_nothing",
        empty_label=None,
        error_messages={"invalid_choice": "sort by date, -date or relevance"},
    )

    #: facet -> the parameters left out of its counts (its own selection, and what
    #: depends on it: a month belongs to the one chosen year)
    FACETS = {
        "correspondent": ("correspondent",),
        "sender": ("sender",),
        "recipient": ("recipient",),
        "year": ("year", "month"),
        "month": ("month",),
        "topic": ("topic",),
    }
    #: the parameters a histogram of years leaves out: every date choice
    DATES = ("year", "month", "year_from", "year_to")

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
        return qs if self.parsed_query.is_empty else qs.search(self.parsed_query)

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
    def cleaned(self, name):
        """The validated value of a parameter; None when absent or ignored."""
        self.errors  # noqa: B018 -- validates the form once
        return self.form.cleaned_data.get(name)

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
        self.errors  # noqa: B018
        qs = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in names:
                qs = self.filters[name].filter(qs, value)
        return qs.order_by()

    def facet_counts(self):
        """Each facet counted over the results filtered by everything but its own
        selection. ``month`` is empty unless exactly one year is chosen.

        Kept in the cache for the data's version and the validated filters (not the
        sort, nor the page), so paging through the results or re-sorting them counts
        nothing again, and any write to the edition counts afresh."""
        filters = {name: self.selected(name) for name in self.filters if name != "sort"}
        return browse_cache.cached(("facets", filters), self._facet_counts)

    def _facet_counts(self):
        without = self.queryset_without
        counts = {
            "correspondent": facets.correspondent_facet(
                without(self.FACETS["correspondent"]), self.selected("correspondent")
            ),
            "sender": facets.person_facet(
                without(self.FACETS["sender"]), "senders", self.selected("sender")
            ),
            "recipient": facets.person_facet(
                without(self.FACETS["recipient"]),
                "recipients",
                self.selected("recipient"),
            ),
            "year": facets.year_facet(
                without(self.FACETS["year"]), self.selected("year")
            ),
            "month": [],
            "topic": facets.topic_facet(
                without(self.FACETS["topic"]), self.selected("topic")
            ),
        }
        if self.one_year is not None:
            counts["month"] = facets.month_facet(
                without(self.FACETS["month"]), self.one_year, self.selected("month")
            )
        return counts

    def messages(self):
        """Short notes for the reader: parameters ignored, and how the query was
        read ("treated as plain words", "shortened")."""
        self.errors  # noqa: B018
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

    # -- links -----------------------------------------------------------------------
    def state(self):
        """{parameter: [values as strings]} of the validated, chosen parameters."""
        state = {}
        for name in PARAMS:
            if name == "q":
                values = [self.query] if self.query else []
            elif name == "sort":
                values = [self.cleaned("sort")] if self.cleaned("sort") else []
            else:
                values = self.selected(name)
            if values:
                state[name] = values
        return state

    def url(self, **changes):
        """A query string ("?..." or "?" for none) for this state with ``changes``
        (parameter -> list of values, or None to drop it); the page is always dropped,
        and a month goes when the years change."""
        state = self.state()
        if "year" in changes and changes["year"] != state.get("year"):
            state.pop("month", None)
        for name, values in changes.items():
            if values:
                state[name] = [str(v) for v in values]
            else:
                state.pop(name, None)
        if len(state.get("year", ())) != 1:
            state.pop("month", None)
        if not state.get("q") and state.get("sort") == ["relevance"]:
            state.pop("sort")
        params = QueryDict(mutable=True)
        for name in PARAMS:
            if name in state:
                params.setlist(name, state[name])
        return f"?{params.urlencode()}"

    def toggle_url(self, name, value):
        """This state with ``value`` added to, or taken from, parameter ``name``."""
        values = self.selected(name)
        value = str(value)
        return self.url(
            **{
                name: [v for v in values if v != value]
                if value in values
                else [*values, value]
            }
        )

    def chips(self):
        """The chosen filters as [{"label", "url"}], each url removing that one."""
        chips = []
        if self.query:
            chips.append(
                {"label": f"Search: {shown(self.query, 60)}", "url": self.url(q=None)}
            )
        for name in ("correspondent", "sender", "recipient", "topic"):
            for value in self.selected(name):
                label = f"{LABELS[name].capitalize()}: {self.label(name, value)}"
                chips.append({"label": label, "url": self.toggle_url(name, value)})
        for value in self.selected("year"):
            chips.append(
                {"label": f"Year: {value}", "url": self.toggle_url("year", value)}
            )
        if self.cleaned("month") and self.one_year:
            month = facets.MONTH_NAMES[self.cleaned("month")]
            chips.append(
                {
                    "label": f"Month: {month} {self.one_year}",
                    "url": self.url(month=None),
                }
            )
        first, last = self.cleaned("year_from"), self.cleaned("year_to")
        if first or last:
            if first and last:
                label = f"Years: {first}–{last}"
            else:
                label = f"Years: from {first}" if first else f"Years: to {last}"
            chips.append(
                {"label": label, "url": self.url(year_from=None, year_to=None)}
            )
        return chips
