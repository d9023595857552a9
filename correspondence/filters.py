"""Browsing /letters/ (and /api/letters/): every filter is a query parameter.

Values that do not validate are ignored, and the form's errors say which and why, so a
shared link with a typo still answers. Facet counts leave out each facet's own selection.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from . import facets
from .models import Letter

SLUG_RE = re.compile(r"^[-a-z0-9_]{1,100}$")
#: a facet parameter may repeat; more values than this is not a reader's click
MAX_VALUES = 50
FIRST_YEAR, LAST_YEAR = 1, 9999


class MultiValueField(forms.Field):
    """A repeated query parameter (?topic=a&topic=b) as a list of validated values."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, parse, **kwargs):
        self.parse = parse
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = [v.strip() for v in (value or []) if v and v.strip()]
        if len(values) > MAX_VALUES:
            raise ValidationError(f"At most {MAX_VALUES} values can be chosen.")
        bad = []
        parsed = []
        for v in values:
            try:
                parsed.append(self.parse(v))
            except ValueError:
                bad.append(v)
        if bad:
            shown = ", ".join(repr(b[:40]) for b in bad[:3])
            raise ValidationError(f"{shown} is not a valid value.")
        return list(dict.fromkeys(parsed))


def parse_slug(value):
    if not SLUG_RE.match(value):
        raise ValueError(value)
    return value


def parse_year(value):
    year = int(value)  # ValueError for "abc"
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(value)
    return year


class MultiValueFilter(django_filters.Filter):
    field_class = MultiValueField

    def filter(self, qs, value):
        return getattr(qs, self.method)(value) if value else qs


class LetterFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first is not None and last is not None and first > last:
            self.add_error("year_to", f"The year range {first}-{last} ends before it starts.")
            data.pop("year_from", None)
        if data.get("month") and len(data.get("year") or []) != 1:
            self.add_error("month", "A month can be chosen once one year is chosen.")
        return data


class LetterFilter(django_filters.FilterSet):
    SORTS = {"date": "date", "-date": "date, latest first", "relevance": "relevance"}

    q = django_filters.CharFilter(method="filter_q", label="Search")
    correspondent = MultiValueFilter(method="with_correspondents", parse=parse_slug)
    sender = MultiValueFilter(method="sent_by", parse=parse_slug)
    recipient = MultiValueFilter(method="received_by", parse=parse_slug)
    topic = MultiValueFilter(method="with_topics", parse=parse_slug)
    year = MultiValueFilter(method="in_any_year", parse=parse_year)
    month = django_filters.NumberFilter(method="filter_month", min_value=1, max_value=12)
    year_from = django_filters.NumberFilter(
        field_name="date_max", method="filter_year_from", min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    year_to = django_filters.NumberFilter(
        field_name="date_min", method="filter_year_to", min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    sort = django_filters.ChoiceFilter(
        choices=list(SORTS.items()), method="filter_nothing", empty_label=None
    )

    #: facet name -> the parameters its own selection is made with
    FACETS = {
        "correspondent": ("correspondent",),
        "sender": ("sender",),
        "recipient": ("recipient",),
        "year": ("year", "month", "year_from", "year_to"),
        "month": ("month",),
        "topic": ("topic",),
    }

    class Meta:
        model = Letter
        fields = []
        form = LetterFilterForm

    # -- filters ---------------------------------------------------------------------------
    def filter_q(self, qs, name, value):
        return qs.search(value) if value else qs

    def filter_month(self, qs, name, value):
        years = self.form.cleaned_data.get("year") or []
        return qs.in_month(years[0], int(value)) if len(years) == 1 else qs

    def filter_year_from(self, qs, name, value):
        return qs.filter(date_max__year__gte=int(value))

    def filter_year_to(self, qs, name, value):
        return qs.filter(date_min__year__lte=int(value))

    def filter_nothing(self, qs, name, value):
        return qs  # sorting is applied once, after every filter (see ``qs``)

    # -- results ---------------------------------------------------------------------------
    @property
    def qs(self):
        qs = super().qs
        sort = self.sort
        if sort == "relevance":
            return qs.order_by("-search_rank", "date_min", "slug")
        return qs.in_date_order(descending=sort == "-date")

    @property
    def sort(self):
        chosen = self.cleaned("sort")
        if chosen == "relevance" and not self.query:
            return "date"
        return chosen or ("relevance" if self.query else "date")

    @property
    def query(self):
        return (self.cleaned("q") or "").strip()

    def cleaned(self, name):
        """The validated value of a parameter; None when absent or ignored as invalid."""
        self.errors  # noqa: B018 -- validates the form once
        return self.form.cleaned_data.get(name)

    def selected(self, name):
        """The chosen values of a facet, as strings (the form the facets report)."""
        value = self.cleaned(name)
        if value in (None, "", []):
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(int(value))]

    def queryset_without(self, names):
        """The results filtered by every chosen parameter except ``names``, unordered."""
        self.errors  # noqa: B018
        qs = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in names:
                qs = self.filters[name].filter(qs, value)
        return qs.order_by()

    def facet_counts(self):
        """Each facet counted over the results filtered by everything but its own selection."""
        counts = {
            "correspondent": facets.correspondent_facet(
                self.queryset_without(self.FACETS["correspondent"]),
                self.selected("correspondent"),
            ),
            "sender": facets.person_facet(
                self.queryset_without(self.FACETS["sender"]), "senders",
                self.selected("sender"),
            ),
            "recipient": facets.person_facet(
                self.queryset_without(self.FACETS["recipient"]), "recipients",
                self.selected("recipient"),
            ),
            "year": facets.year_facet(
                self.queryset_without(self.FACETS["year"]), self.selected("year")
            ),
            "topic": facets.topic_facet(
                self.queryset_without(self.FACETS["topic"]), self.selected("topic")
            ),
        }
        years = self.selected("year")
        if len(years) == 1:
            counts["month"] = facets.month_facet(
                self.queryset_without(self.FACETS["month"]), int(years[0]),
                self.selected("month"),
            )
        return counts

    def messages(self):
        """Short notes for the reader on parameters that were ignored."""
        self.errors  # noqa: B018
        notes = []
        for name, errors in self.form.errors.items():
            label = name.replace("_", " ") if name != "__all__" else "filters"
            notes.extend(f"Ignored {label}: {error}" for error in errors)
        return notes
