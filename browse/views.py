"""The browsing pages: /letters/ (and its CSV) and /facets/<facet>/.

Thin views over ``LetterFilter``: it holds the state (every bit of it a query parameter)
and answers the results, the facets, the chips and the messages; these views page the
results and hand them to the templates. The JSON API answers the same questions in
``browse/api.py``.
"""

import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from config.views import PageParameterMixin, SectionMixin
from correspondence.exports import tables
from correspondence.exports.streaming import batched
from correspondence.exports.version import data_version
from correspondence.exports.views import (
    CSV_TYPE,
    TEXT_TYPE,
    query_without_format,
    unsupported_format,
    versioned,
)

from . import cache, facets, histogram
from .fields import shown
from .filters import LetterFilter
from .limits import query_refusal, refusal
from .search import MAX_QUERY_LENGTH

#: the values ``?format=`` takes on /letters/
LIST_FORMATS = ("html", "csv", "json")


class LetterListView(SectionMixin, PageParameterMixin, ListView):
    """Browse and search: ``LetterFilter`` holds the state (every bit of it a query
    parameter); this view pages its results and hands the facets, chips, histogram
    and messages to the template."""

    template_name = "browse/letter_list.html"
    context_object_name = "letters"
    section = "letters"
    #: facet values shown before the rest fold away
    facet_shown = 10
    #: at most this many more are folded away; the rest are left out of the page (at
    #: 100,000 letters every correspondent listed made the page 1.86 MB)
    facet_folded = 40

    def get_paginate_by(self, queryset):
        return settings.LETTERS_PAGE_SIZE

    def get(self, request, *args, **kwargs):
        # too long a search, or too deep a page: 400 before any query is made
        if message := query_refusal(request.GET):
            return self.query_refused(message)
        message = refusal(request.GET, settings.LETTERS_PAGE_SIZE)
        if message is not None:
            return self.bad_request(message, heading="Too costly a request")
        return super().get(request, *args, **kwargs)

    def query_refused(self, message):
        """The 400 for too long a search: the search box holding the reader's query to
        shorten, with the other filters kept, and a link to their first page."""
        params = self.request.GET.copy()
        query = (params.pop("q", None) or [""])[-1]
        params.pop(self.page_kwarg, None)
        context = {
            "message": message,
            "query_text": query,
            "max_query_length": MAX_QUERY_LENGTH,
            "kept": [(name, v) for name, values in params.lists() for v in values],
            "without_search": f"?{params.urlencode()}",
            "section": self.section,
        }
        return render(self.request, "browse/query_too_long.html", context, status=400)

    def get_queryset(self):
        self.filterset = LetterFilter(self.request.GET)
        return self.filterset.results(lambda letters: letters.for_rows())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        snippets = filterset.snippets(context["letters"])
        for letter in context["letters"]:
            letter.snippet = snippets.get(letter.pk)
        return {
            **context,
            "filterset": filterset,
            "query_text": filterset.parsed_query.text,
            "max_query_length": MAX_QUERY_LENGTH,
            "notes": filterset.messages(),
            "chips": filterset.chips(),
            "facet_groups": self.facet_groups(
                filterset.facet_counts(self.facet_shown + self.facet_folded)
            ),
            # kept for the data version and the validated state (the bars' links
            # carry the sort, never the page)
            "histogram": cache.cached(
                ("histogram", filterset.state()),
                lambda: histogram.for_filterset(filterset),
            ),
            "sort_choices": self.sort_choices(filterset),
            "chosen": {
                name: filterset.cleaned(name)
                for name in ("month", "year_from", "year_to")
            },
        }

    def facet_groups(self, counts):
        """[{name, legend, shown, more, left_out}] for the template: the first values
        and every selected one, up to ``facet_folded`` more folded away, and the
        number of values left out of the page."""
        groups = []
        for facet in facets.FACETS:
            name, legend = facet.name, facet.legend
            items = counts.get(name) or []
            if not items:
                continue
            if name == "year":  # years stay in calendar order, all of them
                shown, rest = items, []
            else:
                shown, rest = [], []
                for n, item in enumerate(items):
                    if n < self.facet_shown or item["selected"]:
                        shown.append(item)
                    else:
                        rest.append(item)
            more = rest[: self.facet_folded]
            groups.append(
                {
                    "name": name,
                    "legend": legend,
                    "shown": shown,
                    "more": more,
                    "left_out": items.total - len(shown) - len(more),
                    "total": items.total,
                    "plural": facet.plural.lower(),
                }
            )
        return groups

    @staticmethod
    def sort_choices(filterset):
        """(value, label, selected) for the sort menu; "" is the default order."""
        chosen = filterset.cleaned("sort") or ""
        if filterset.searching:
            options = [
                ("", "Relevance"),
                ("date", "Date"),
                ("-date", "Date, latest first"),
            ]
            chosen = "" if chosen == "relevance" else chosen
        else:
            options = [("", "Date"), ("-date", "Date, latest first")]
            chosen = "" if chosen in ("date", "relevance") else chosen
        return [(value, label, value == chosen) for value, label in options]


def _folded(text):
    """``text`` compared without case or accents ("Malinowsky" ~ "malinówsky")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class FacetValuesView(SectionMixin, PageParameterMixin, ListView):
    """Every value of one people or topic facet of the letters as filtered:
    ``/facets/<facet>/?<the /letters/ parameters>``. The browsing page lists the first
    50 of each and links here for the rest. ``within`` narrows the list to values
    whose name contains it (case and accents aside), ``order=name`` lists them A-Z
    instead of by count; each value links back to the letters with it chosen (or
    unchosen)."""

    template_name = "browse/facet_values.html"
    context_object_name = "values"
    section = "letters"
    paginate_by = 200
    #: the longest ``within`` used (a name, not a text)
    within_length = 100

    def get(self, request, *args, **kwargs):
        facet = facets.BY_NAME.get(kwargs["facet"])
        if facet is None or not facet.listed:
            raise Http404(f"There is no facet {shown(kwargs['facet'])}.")
        message = query_refusal(request.GET)
        if message is not None:
            return HttpResponseBadRequest(message, content_type="text/plain")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        facet = self.kwargs["facet"]
        self.filterset = LetterFilter(self.request.GET)
        self.all_values = self.filterset.facet_counts()[facet]
        self.within = (self.request.GET.get("within") or "").strip()
        self.within = self.within[: self.within_length]
        values = self.all_values
        if self.within:
            wanted = _folded(self.within)
            values = [v for v in values if wanted in _folded(v["label"])]
        self.by_name = self.request.GET.get("order") == "name"
        if self.by_name:
            values = sorted(values, key=lambda v: _folded(v["label"]))
        letters = reverse("letters:list")
        return [
            {**v, "url": letters + self.filterset.toggle_url(facet, v["value"])}
            for v in values
        ]

    def link(self, **extra):
        """This page for the same filters, with ``extra`` parameters (falsy: left
        out)."""
        pairs = [
            (name, value)
            for name, values in self.filterset.state().items()
            for value in values
        ]
        pairs += [(name, value) for name, value in extra.items() if value]
        here = reverse("facet-values", args=[self.kwargs["facet"]])
        return f"{here}?{urlencode(pairs)}"

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        return super().get_context_data(
            facet=self.kwargs["facet"],
            heading=facets.BY_NAME[self.kwargs["facet"]].plural,
            filterset=filterset,
            chips=filterset.chips(),
            notes=filterset.messages(),
            total=len(self.all_values),
            within=self.within,
            by_name=self.by_name,
            by_count_url=self.link(within=self.within),
            by_name_url=self.link(within=self.within, order="name"),
            letters_url=reverse("letters:list") + filterset.url(),
            **kwargs,
        )


_letter_list_page = LetterListView.as_view()


@require_safe
def letter_list(request, *args, **kwargs):
    """/letters/: the browsing page, or with ``?format=csv`` its whole result set as
    CSV (the same filters; invalid values are ignored as on the page), or with
    ``?format=json`` the API's answer for the same query."""
    chosen = request.GET.get("format", "html").strip().lower() or "html"
    if chosen == "html":
        return _letter_list_page(request, *args, **kwargs)
    if chosen == "json":
        return HttpResponseRedirect(
            reverse("api:letter-list") + query_without_format(request)
        )
    if chosen != "csv":
        return unsupported_format(chosen, LIST_FORMATS)
    if message := query_refusal(request.GET):
        return HttpResponseBadRequest(message + "\n", content_type=TEXT_TYPE)
    results = LetterFilter(request.GET).qs
    version = data_version()
    response = StreamingHttpResponse(
        batched(tables.stream(results, request.build_absolute_uri)),
        content_type=CSV_TYPE,
    )
    return versioned(response, version, f"letters-{version.stamp}-results.csv")
