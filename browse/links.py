"""Links that change the browsing state: every state is a query string, built from the
validated values (so ignored ones fall away at the next click)."""

from functools import cached_property
from urllib.parse import urlencode

from .facets import MONTH_NAMES
from .fields import LABELS, shown

#: parameters in the order links write them
PARAMS = (
    "q",
    "correspondent",
    "sender",
    "recipient",
    "topic",
    "place",
    "kind",
    "language",
    "year",
    "month",
    "year_from",
    "year_to",
    "sort",
)


class BrowseLinks:
    """Mixed into ``LetterFilter``: its state as links (``url``, ``toggle_url``) and
    the chosen filters as removable chips."""

    def state(self):
        """{parameter: [values as strings]} of the validated, chosen parameters (a
        new dict each time, for the caller to change)."""
        return {name: list(values) for name, values in self._state.items()}

    @cached_property
    def _state(self):
        # every link on the page starts from it: worked out once
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
        # what QueryDict.urlencode() writes, without building one (a page has 60 links)
        return "?" + urlencode(
            [(name, value) for name in PARAMS for value in state.get(name, ())]
        )

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
            chips.append({"label": search_label(self.query), "url": self.url(q=None)})
        for name in (
            "correspondent",
            "sender",
            "recipient",
            "topic",
            "place",
            "kind",
            "language",
        ):
            for value in self.selected(name):
                label = f"{LABELS[name].capitalize()}: {self.label(name, value)}"
                chips.append({"label": label, "url": self.toggle_url(name, value)})
        for value in self.selected("year"):
            chips.append(
                {"label": f"Year: {value}", "url": self.toggle_url("year", value)}
            )
        if self.cleaned("month") and self.one_year:
            month = MONTH_NAMES[self.cleaned("month")]
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


def search_label(query):
    """The search chip's label: the reader's query in quotation marks, a quoted phrase
    in one pair ("Malinowsky" is not shown as “"Malinowsky"”)."""
    text = query.strip()
    if len(text) > 1 and text[0] == text[-1] == '"' and text.count('"') == 2:
        text = text[1:-1]
    return f"Search: {shown(text, 60)}"
