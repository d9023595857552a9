"""The sources page: every source the letters were taken from, and each one's letters.

A source merged into another (correspondence/merging.py) leads to the one kept.
"""

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import ListView

from config.views import PageParameterMixin, SectionMixin

from .merging import merged_source
from .models import Letter, LetterSource, Source


class SourceListView(SectionMixin, PageParameterMixin, ListView):
    """Every source, by title, with how many letters each gives."""

    template_name = "correspondence/source_list.html"
    context_object_name = "sources"
    section = "sources"
    paginate_by = 200

    def get_queryset(self):
        return Source.objects.annotate(
            letter_count=Count("letter_sources__letter", distinct=True)
        ).order_by("title", "volume", "key")


class SourceDetailView(SectionMixin, PageParameterMixin, ListView):
    """A source and its letters in date order (paginated like the letter list)."""

    template_name = "correspondence/source_detail.html"
    context_object_name = "letters"
    section = "sources"

    def get_paginate_by(self, queryset):
        return settings.LETTERS_PAGE_SIZE

    def get(self, request, *args, **kwargs):
        self.source = Source.objects.filter(key=kwargs["key"]).first()
        if self.source is None:
            kept = merged_source(kwargs["key"])
            if kept is None:
                raise Http404("No such source.")
            return HttpResponsePermanentRedirect(kept.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        links = LetterSource.objects.filter(source=self.source).values("letter")
        return Letter.objects.filter(pk__in=links).in_date_order().for_rows()

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, **kwargs)
