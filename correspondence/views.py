"""The reading pages: the edition, its letters and its topics.

Views stay thin: each asks a QuerySet method (or, for /letters/, the ``LetterFilter``)
for what it shows.
"""

import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from editing.history import annotations_last_changed
from people.models import Person

from . import browse_cache, histogram
from .filters import LetterFilter, query_refusal, refusal, shown
from .models import Letter, LetterSource, Source, Topic
from .search import MAX_QUERY_LENGTH


class SectionMixin:
    """Names the part of the site a page belongs to, for the header navigation."""

    section = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class HomeView(SectionMixin, TemplateView):
    template_name = "correspondence/home.html"
    section = "home"
    first_letters = 5
    sources_shown = 20

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            summary=Letter.objects.summary(),
            people_count=Person.objects.count(),
            topic_count=Topic.objects.count(),
            first_letters=Letter.objects.in_date_order().with_people()[
                : self.first_letters
            ],
            sources=Source.objects.order_by("title", "volume")[: self.sources_shown],
            **kwargs,
        )


class BadPage(Exception):
    """A ``page`` parameter naming no page of the results."""


def bad_page_message(raw, pages, error):
    """The API's wording (correspondence/api.py ``page_window``)."""
    if isinstance(error, EmptyPage) and int(raw) > pages:
        return f"There is no page {int(raw)}: the pages run from 1 to {pages}."
    return f"The page must be a whole number from 1 to {pages}."


class PageParameterMixin:
    """A ``page`` that is not a whole number from 1 to the last page answers 400 with
    a message and links to the first and last pages, as the JSON API answers 400 (a
    shrinking result set is no server error, and not a missing resource either)."""

    bad_page_template = "correspondence/bad_page.html"

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get(self.page_kwarg, "1")
        try:
            page = paginator.page(raw)
        except (PageNotAnInteger, EmptyPage) as error:
            raise BadPage(bad_page_message(raw, paginator.num_pages, error)) from None
        page.object_list = list(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except BadPage as error:
            params = request.GET.copy()
            params.pop(self.page_kwarg, None)
            return render(
                request,
                self.bad_page_template,
                {
                    "message": str(error),
                    "first_page": f"?{params.urlencode()}",
                    "section": self.section,
                },
                status=400,
            )


class LetterListView(SectionMixin, PageParameterMixin, ListView):
    """Browse and search: ``LetterFilter`` holds the state (every bit of it a query
    parameter); this view pages its results and hands the facets, chips, histogram
    and messages to the template."""

    template_name = "correspondence/letter_list.html"
    context_object_name = "letters"
    section = "letters"
    #: facet values shown before the rest fold away
    facet_shown = 10
    #: at most this many more are folded away; the rest are left out of the page (at
    #: 100,000 letters every correspondent listed made the page 1.86 MB)
    facet_folded = 40
    #: facets in the order the page offers them, with their legends
    facet_legends = {
        "correspondent": "Correspondent",
        "year": "Year",
        "month": "Month",
        "topic": "Topic",
        "sender": "Sender",
        "recipient": "Recipient",
    }
    #: the result count is kept for the data version and the query (browse_cache)
    paginator_class = browse_cache.CachedCountPaginator

    def get_paginate_by(self, queryset):
        return settings.LETTERS_PAGE_SIZE

    def get(self, request, *args, **kwargs):
        # too long a search, or too deep a page: 400 before any query is made
        message = refusal(request.GET, settings.LETTERS_PAGE_SIZE)
        if message is not None:
            params = request.GET.copy()
            params.pop(self.page_kwarg, None)
            if len((params.get("q") or "").strip()) > MAX_QUERY_LENGTH:
                params.pop("q")
            return render(
                request,
                self.bad_page_template,
                {
                    "heading": "Too costly a request",
                    "message": message,
                    "first_page": f"?{params.urlencode()}",
                    "section": self.section,
                },
                status=400,
            )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.filterset = LetterFilter(self.request.GET)
        return self.filterset.qs.with_people().with_footnote_counts()

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
            "notes": filterset.messages(),
            "chips": filterset.chips(),
            "facet_groups": self.facet_groups(filterset.facet_counts()),
            # kept for the data version and the validated state (the bars' links
            # carry the sort, never the page)
            "histogram": browse_cache.cached(
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
        for name, legend in self.facet_legends.items():
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
                    "left_out": len(rest) - len(more),
                    "total": len(items),
                    "plural": FacetValuesView.headings.get(name, legend).lower(),
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


def sources_by_role(letter_sources):
    """[(role label, [LetterSource, ...]), ...] in the order edition, first publication,
    transcription; built from the prefetched links, so it costs no query."""
    groups = {role: [] for role in LetterSource.Role.values}
    for link in letter_sources:
        groups.setdefault(link.role, []).append(link)
    return [
        (
            role,
            LetterSource.Role(role).label if role in LetterSource.Role.values else role,
            links,
        )
        for role, links in groups.items()
        if links
    ]


class LetterDetailView(SectionMixin, DetailView):
    template_name = "correspondence/letter_detail.html"
    context_object_name = "letter"
    section = "letters"

    def get_queryset(self):
        return Letter.objects.with_everything()

    def get_context_data(self, **kwargs):
        letter = self.object
        footnotes = list(letter.footnotes.all())
        return super().get_context_data(
            footnotes=footnotes,
            footnote_numbers=[note.number for note in footnotes],
            source_groups=sources_by_role(letter.letter_sources.all()),
            editions=[
                link
                for link in letter.letter_sources.all()
                if link.role == LetterSource.Role.EDITION
            ],
            absolute_url=self.request.build_absolute_uri(letter.get_absolute_url()),
            annotations_changed=annotations_last_changed(letter),
            **kwargs,
        )


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

    template_name = "correspondence/facet_values.html"
    context_object_name = "values"
    section = "letters"
    paginate_by = 200
    headings = {
        "correspondent": "Correspondents",
        "sender": "Senders",
        "recipient": "Recipients",
        "topic": "Topics",
    }
    #: the longest ``within`` used (a name, not a text)
    within_length = 100

    def get(self, request, *args, **kwargs):
        if kwargs["facet"] not in self.headings:
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
            heading=self.headings[self.kwargs["facet"]],
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


class TopicListView(SectionMixin, ListView):
    template_name = "correspondence/topic_list.html"
    context_object_name = "topics"
    section = "topics"

    def get_queryset(self):
        return Topic.objects.with_letter_counts().order_by("name")


class TopicDetailView(SectionMixin, ListView):
    """A topic and its letters (paginated like the letter list)."""

    template_name = "correspondence/topic_detail.html"
    context_object_name = "letters"
    section = "topics"

    def get_paginate_by(self, queryset):
        return settings.LETTERS_PAGE_SIZE

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.topic.letters.in_date_order().with_people().with_footnote_counts()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)
