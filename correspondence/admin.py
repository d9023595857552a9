from django.contrib import admin
from django.db import models
from django.db.models import Count

from .models import Footnote, Letter, LetterSource, Source, Topic

#: addresses typed without a scheme are taken as https (Django 6's default)
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0
    ordering = ["number"]
    fields = ["number", "text"]


class LetterSourceInline(admin.StackedInline):
    model = LetterSource
    extra = 0
    ordering = ["order", "id"]
    autocomplete_fields = ["source"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fields = [
        ("source", "role", "order"),
        ("pages", "url"),
        ("translator", "transcriber"),
        "licence",
        "note",
    ]


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = [
        "slug",
        "date_as_written",
        "correspondents",
        "date_start",
        "date_end",
        "excerpt",
    ]
    list_filter = ["excerpt", "date_precision", "date_supplied", "topics"]
    search_fields = [
        "slug",
        "heading",
        "body",
        "headnote",
        "date_as_written",
        "senders__name",
    ]
    ordering = ["date_min", "slug"]
    # Counting every match of a search is the slow part on a large edition.
    show_full_result_count = False
    autocomplete_fields = ["senders", "recipients", "mentions", "topics"]
    readonly_fields = ["date_min", "date_max"]
    inlines = [FootnoteInline, LetterSourceInline]
    fieldsets = [
        ("Identification", {"fields": ["slug", "heading", "excerpt"]}),
        (
            "Date",
            {
                "fields": [
                    "date_as_written",
                    ("date_start", "date_end"),
                    ("date_precision", "date_supplied"),
                    "date_julian",
                    ("date_min", "date_max"),
                ],
                "description": "Gregorian dates. Leave the earliest or latest day "
                "empty when the document gives only the other bound.",
            },
        ),
        (
            "Parts of the letter",
            {
                "fields": [
                    "headnote",
                    "dateline",
                    "salutation",
                    "body",
                    "closing",
                    "signature",
                    "postscript",
                ],
                "description": 'Footnote markers are written "[^N]" where the note '
                "attaches; the notes themselves are below.",
            },
        ),
        ("People", {"fields": ["senders", "recipients", "mentions"]}),
        ("Topics", {"fields": ["topics"]}),
        ("Origin", {"fields": [("place_sent", "place_received"), "origin"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_people()

    @admin.display(description="correspondents")
    def correspondents(self, letter):
        senders = ", ".join(p.name for p in letter.senders.all()) or "?"
        recipients = ", ".join(p.name for p in letter.recipients.all()) or "?"
        return f"{senders} → {recipients}"


@admin.register(Footnote)
class FootnoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "letter", "number"]
    list_select_related = ["letter"]
    search_fields = ["text", "letter__slug"]
    autocomplete_fields = ["letter"]
    ordering = ["letter__slug", "number"]
    show_full_result_count = False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "editor", "year", "volume", "key"]
    search_fields = ["key", "title", "author", "editor", "publisher"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    prepopulated_fields = {"key": ["author", "year", "title"]}


@admin.register(LetterSource)
class LetterSourceAdmin(admin.ModelAdmin):
    list_display = ["letter", "role", "source", "pages"]
    list_filter = ["role"]
    list_select_related = ["letter", "source"]
    search_fields = ["letter__slug", "source__title", "source__key", "pages"]
    autocomplete_fields = ["letter", "source"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    show_full_result_count = False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "letter_count"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(letter_count=Count("letters"))

    @admin.display(description="letters", ordering="letter_count")
    def letter_count(self, topic):
        return topic.letter_count
