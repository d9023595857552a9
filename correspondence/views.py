"""The reading pages: the edition, a letter and the topics (browsing is browse/).

Views stay thin: each asks a QuerySet method for what it shows.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from config.views import SectionMixin
from editing.history import annotations_last_changed
from people.models import Person

from .models import Letter, LetterSource, Source, Topic
from .neighbours import neighbours
from .text import marker_numbers


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
            first_letters=Letter.objects.in_date_order()
            .for_lists()
            .with_people()[: self.first_letters],
            sources=Source.objects.order_by("title", "volume")[: self.sources_shown],
            **kwargs,
        )


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
            # the notes whose marker the page shows, so only they link back to it
            marked_numbers=marker_numbers(letter),
            source_groups=sources_by_role(letter.letter_sources.all()),
            editions=[
                link
                for link in letter.letter_sources.all()
                if link.role == LetterSource.Role.EDITION
            ],
            absolute_url=self.request.build_absolute_uri(letter.get_absolute_url()),
            annotations_changed=annotations_last_changed(letter),
            sequences=neighbours(letter),
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
        return self.topic.letters.in_date_order().for_rows()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)
