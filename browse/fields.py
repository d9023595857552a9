"""Form fields for the browsing parameters: each value validated on its own, so one bad
value is ignored (and named) instead of failing the whole request."""

from django import forms

from correspondence.models import Language, Letter, Topic
from correspondence.text import SLUG_RE
from people.models import Person
from places.models import Place

#: each parameter as messages and chips name it
LABELS = {
    "q": "search",
    "correspondent": "correspondent",
    "sender": "sender",
    "recipient": "recipient",
    "topic": "topic",
    "place": "place",
    "kind": "kind of document",
    "language": "language",
    "year": "year",
    "month": "month",
    "year_from": "from year",
    "year_to": "to year",
    "sort": "sort",
}
#: a facet parameter may repeat; more values than this is not a reader's clicks
MAX_VALUES = 50
#: the years a filter accepts (the month filter needs the next year's 1 January)
FIRST_YEAR, LAST_YEAR = 1, 9998


def shown(value, limit=40):
    """A reader's value, quoted and shortened for a message."""
    value = "".join(c if c.isprintable() else " " for c in str(value)).strip()
    return f"“{value[:limit]}…”" if len(value) > limit else f"“{value}”"


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


def place_names(slugs):
    return dict(Place.objects.filter(slug__in=slugs).values_list("slug", "name"))


def language_names(codes):
    return dict(Language.objects.filter(code__in=codes).values_list("code", "name"))


def kind_names(kinds):
    """The kinds of document among ``kinds`` (no query: a fixed vocabulary)."""
    labels = dict(Letter.Kind.choices)
    return {kind: labels[kind] for kind in kinds if kind in labels}


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


#: the messages of a year parameter that does not validate
YEAR_ERRORS = {
    "invalid": "not a year",
    "min_value": f"not a year from {FIRST_YEAR} to {LAST_YEAR}",
    "max_value": f"not a year from {FIRST_YEAR} to {LAST_YEAR}",
}
