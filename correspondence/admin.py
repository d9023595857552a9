"""The edition's admin: where editors correct and extend the annotations.

Every page keeps history (editing/admin.py: who, when, a field-by-field diff, revert),
annotations are sanitised on saving and markers are checked against notes
(editing/forms.py). Editors are the "Editors" group (README, "Editing").
"""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from editing.admin import EditedAdmin
from editing.forms import (
    MARKED_PARTS,
    EditorForm,
    FootnoteAdminForm,
    FootnoteForm,
    FootnoteInlineFormSet,
    LetterForm,
    TextForm,
)
from people.models import Person

from .merging import MergeConflict, conflicts, merge_sources
from .models import Footnote, Language, Letter, LetterSource, Source, Topic
from .people_links import LetterRecipient, LetterSender, links_changed, write_links

#: addresses typed without a scheme are taken as https (Django 6's default)
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}
#: characters shown on each side of a marker in a note's context
CONTEXT_CHARS = 40


def _with_role(link):
    if link.role in (LetterSender.Role.SENDER, LetterRecipient.Role.RECIPIENT):
        return link.person.name
    return f"{link.person.name} ({link.get_role_display()})"


def _one_line(text):
    return re.sub(r"\s+", " ", text)


def marker_context(letter, number):
    """Where "[^number]" stands in ``letter``: ~40 characters either side, or None."""
    marker = f"[^{number}]"
    for name in MARKED_PARTS:
        text = getattr(letter, name) or ""
        at = text.find(marker)
        if at >= 0:
            start, end = max(0, at - CONTEXT_CHARS), at + len(marker) + CONTEXT_CHARS
            before = ("…" if start else "") + _one_line(text[start:at])
            after = _one_line(text[at + len(marker) : end])
            after += "…" if end < len(text) else ""
            return name, before, marker, after
    return None


class FootnoteInline(admin.TabularInline):
    model = Footnote
    form = FootnoteForm
    formset = FootnoteInlineFormSet
    extra = 0
    ordering = ["number"]
    fields = ["history_version", "number", "text", "context", "history"]
    readonly_fields = ["context", "history"]

    def get_formset(self, request, obj=None, **kwargs):
        self.letter = obj  # the stored letter, for the context column
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description="where the marker stands")
    def context(self, note):
        letter = getattr(self, "letter", None)
        if note.pk is None or letter is None:
            return "–"
        found = marker_context(letter, note.number)
        if found is None:
            return format_html(
                '<span class="marker-missing">no marker [^{}] in the text</span>',
                note.number,
            )
        part, before, marker, after = found
        return format_html(
            '<span class="marker-context"><small>{}:</small> '
            "{}<mark>{}</mark>{}</span>",
            part,
            before,
            marker,
            after,
        )

    @admin.display(description="history")
    def history(self, note):
        if note.pk is None:
            return "–"
        return format_html(
            '<a href="{}">History of note {}</a>',
            reverse("admin:correspondence_footnote_history", args=[note.pk]),
            note.number,
        )


class LetterSourceInline(admin.StackedInline):
    model = LetterSource
    form = TextForm
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


class PersonLinkInline(admin.TabularInline):
    """Who wrote the letter, or whom it went to, with their role and the document's
    order (position: the smallest first)."""

    form = TextForm
    extra = 0
    ordering = ["position", "id"]
    autocomplete_fields = ["person"]
    fields = ["person", "role", "position"]


class SendersFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """As the plain field was, a letter keeps at least one sender."""
        super().clean()
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("person")
            and not self._should_delete_form(form)
        ]
        if not kept:
            raise forms.ValidationError(
                "A letter needs a sender: keep one or add one (a co-signer signs "
                "beside a sender)."
            )


class LetterSenderInline(PersonLinkInline):
    model = LetterSender
    formset = SendersFormSet
    min_num = 1
    verbose_name_plural = "senders (the sender and co-signers)"


class LetterRecipientInline(PersonLinkInline):
    model = LetterRecipient
    verbose_name_plural = "recipients (addressees and copies)"


class YearFilter(admin.SimpleListFilter):
    """Letters whose known date range meets a year (as on the public pages)."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        summary = Letter.objects.summary()
        first, last = summary["earliest"], summary["latest"]
        if first is None:
            return []
        return [(str(y), str(y)) for y in range(first.year, last.year + 1)]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.in_years(int(value), int(value))
        return queryset


class CorrespondentFilter(admin.SimpleListFilter):
    """Letters a person sent or received."""

    title = "correspondent"
    parameter_name = "correspondent"

    def lookups(self, request, model_admin):
        people = (
            Person.objects.filter(
                Q(pk__in=Letter.senders.through.objects.values("person_id"))
                | Q(pk__in=Letter.recipients.through.objects.values("person_id"))
            )
            .order_by("name")
            .values_list("slug", "name")
        )
        return list(people)

    def queryset(self, request, queryset):
        if self.value():
            return queryset.with_correspondents([self.value()])
        return queryset


@admin.register(Letter)
class LetterAdmin(EditedAdmin):
    form = LetterForm
    list_display = ["title", "date", "correspondents", "excerpt"]
    list_filter = [
        YearFilter,
        CorrespondentFilter,
        "topics",
        "kind",
        "languages",
        "excerpt",
        "date_precision",
        "date_supplied",
        "date_corrected",
    ]
    search_fields = [
        "slug",
        "heading",
        "body",
        "headnote",
        "date_as_written",
        "senders__name",
        "senders__names__name",
        "recipients__name",
        "recipients__names__name",
        "footnotes__text",
    ]
    ordering = ["date_min", "slug"]
    # Counting every match of a search is the slow part on a large edition.
    show_full_result_count = False
    autocomplete_fields = [
        "mentions",
        "topics",
        "languages",
        "sent_from",
        "sent_to",
    ]
    readonly_fields = ["date_min", "date_max"]
    inlines = [
        LetterSenderInline,
        LetterRecipientInline,
        FootnoteInline,
        LetterSourceInline,
    ]
    fieldsets = [
        (
            "Identification",
            {
                "fields": [
                    "history_version",
                    "slug",
                    "excerpt",
                    ("kind", "languages"),
                ]
            },
        ),
        (
            "Date",
            {
                "fields": [
                    "date_as_written",
                    ("date_start", "date_end"),
                    ("date_precision", "date_supplied"),
                    "date_julian",
                    ("date_corrected", "date_correction"),
                    ("date_min", "date_max"),
                ],
                "description": "Gregorian dates. Leave the earliest or latest day "
                "empty when the document gives only the other bound. Where the date "
                "as written is wrong (a misprinted year), keep it as printed, put the "
                "right days in the earliest and latest day and tick “date corrected”.",
            },
        ),
        (
            "Parts of the letter",
            {
                "fields": Letter.MARKED_PARTS,
                "description": 'Footnote markers are written "[^N]" where the note '
                "attaches; the notes themselves are below. Every marker needs a note "
                "and every note a marker (notes imported without one may stay so).",
            },
        ),
        (
            "People",
            {
                "fields": ["mentions"],
                "description": "Senders and recipients, each with a role and a "
                "position (the document's order), are edited further down, after "
                "the letter's fields.",
            },
        ),
        ("Topics", {"fields": ["topics"]}),
        (
            "Origin",
            {
                "fields": [
                    ("place_sent", "place_received"),
                    ("sent_from", "sent_to"),
                    "origin",
                ],
                "description": "The places as the document prints them, and the "
                "place records they name (a record's page lists its letters).",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_people()

    @admin.display(description="letter", ordering="date_min")
    def title(self, letter):
        return letter.title

    @admin.display(description="Gregorian date", ordering="date_min")
    def date(self, letter):
        first, last = letter.date_min, letter.date_max
        if first is None:
            return "undated"
        return str(first) if first == last else f"{first} – {last}"

    @admin.display(description="correspondents")
    def correspondents(self, letter):
        senders = ", ".join(_with_role(link) for link in letter.sender_list) or "?"
        recipients = ", ".join(_with_role(link) for link in letter.recipient_list)
        return f"{senders} → {recipients or '?'}"

    def save_related(self, request, form, formsets, change):
        """Inline links are saved row by row, which no ``m2m_changed`` announces: say
        it once for the letter, so the search index and the history follow."""
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            if formset.model in (LetterSender, LetterRecipient) and (
                formset.new_objects
                or formset.changed_objects
                or formset.deleted_objects
            ):
                links_changed(form.instance, formset.model)

    def save_model(self, request, obj, form, change):
        record = getattr(obj, "_history", None)
        if change and record is not None:
            # reverting to an earlier version: its senders and recipients too, with
            # their roles and order (simple-history's revert form has no inlines)
            for relation in ("senders", "recipients"):
                rows = getattr(record, relation).order_by("position", "id")
                write_links(obj, relation, [(r.person_id, r.role) for r in rows])
        super().save_model(request, obj, form, change)


@admin.register(Footnote)
class FootnoteAdmin(EditedAdmin):
    """A note on its own page. Notes are numbered, added and deleted on their letter's
    page, where the markers are checked; here only the text changes (or a new note
    joins a marker that has none)."""

    form = FootnoteAdminForm
    list_display = ["__str__", "letter", "number"]
    list_select_related = ["letter"]
    search_fields = ["text", "letter__slug"]
    autocomplete_fields = ["letter"]
    ordering = ["letter__slug", "number"]
    show_full_result_count = False
    fields = ["history_version", "letter", "number", "text"]

    def get_readonly_fields(self, request, obj=None):
        return ["letter", "number"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def view_on_site(self, note):
        return f"{note.letter.get_absolute_url()}#note-{note.number}"

    def response_post_save_change(self, request, note):
        """A note is edited (or reverted) from its letter's page: back there."""
        if self.admin_site._registry[Letter].has_change_permission(
            request, note.letter
        ):
            url = reverse("admin:correspondence_letter_change", args=[note.letter_id])
            return HttpResponseRedirect(url)
        return super().response_post_save_change(request, note)


class SourceMergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep",
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Source.objects.filter(
            pk__in=[s.pk for s in sources]
        )
        # the record most letters name, by default
        self.fields["keep"].initial = max(sources, key=lambda s: s.letter_count).pk


@admin.register(Source)
class SourceAdmin(EditedAdmin):
    form = EditorForm
    list_display = ["title", "author", "editor", "year", "volume", "key"]
    actions = ["merge_selected"]
    search_fields = ["key", "title", "author", "editor", "publisher"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    prepopulated_fields = {"key": ["author", "year", "title"]}
    fields = [
        "history_version",
        "key",
        "title",
        "author",
        "editor",
        "publisher",
        "place",
        "year",
        "volume",
        "url",
    ]

    def has_merge_permission(self, request):
        """A merge changes one record and deletes the others: both are needed."""
        return self.has_change_permission(request) and self.has_delete_permission(
            request
        )

    @admin.action(
        description="Merge the selected sources into one", permissions=["merge"]
    )
    def merge_selected(self, request, queryset):
        """A confirmation page (which record to keep), then ``merge_sources``."""
        sources = list(
            queryset.annotate(
                letter_count=Count("letter_sources__letter", distinct=True)
            ).order_by("title", "volume", "key")
        )
        if len(sources) < 2:
            self.message_user(
                request, "Choose at least two sources to merge.", messages.WARNING
            )
            return None
        form = SourceMergeForm(
            request.POST if "merge" in request.POST else None, sources=sources
        )
        problems = conflicts(sources[0], sources[1:])
        if form.is_valid() and not problems:
            keep = form.cleaned_data["keep"]
            others = [s for s in sources if s.pk != keep.pk]
            try:
                moved = merge_sources(keep, others, user=request.user)
            except MergeConflict as error:  # changed since the page was shown
                self.message_user(request, str(error), messages.ERROR)
                return None
            merged = "; ".join(str(s) for s in others)
            self.message_user(
                request,
                f"Merged {merged} into {keep}; {moved} letters now cite it.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge sources",
            "opts": self.model._meta,
            "sources": sources,
            "form": form,
            "problems": problems,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/correspondence/source/merge.html", context
        )


@admin.register(LetterSource)
class LetterSourceAdmin(EditedAdmin):
    list_display = ["letter", "role", "source", "pages"]
    list_filter = ["role"]
    list_select_related = ["letter", "source"]
    search_fields = ["letter__slug", "source__title", "source__key", "pages"]
    autocomplete_fields = ["letter", "source"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    show_full_result_count = False


@admin.register(Language)
class LanguageAdmin(EditedAdmin):
    form = EditorForm
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    fields = ["history_version", "name", "code"]


class TopicForm(EditorForm):
    annotation_fields = ("description",)


@admin.register(Topic)
class TopicAdmin(EditedAdmin):
    form = TopicForm
    list_display = ["name", "slug", "letter_count"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["history_version", "name", "slug", "description"]

    def get_queryset(self, request):
        # ordered again: Meta.ordering does not apply to a GROUP BY query
        queryset = super().get_queryset(request)
        return queryset.annotate(letter_count=Count("letters")).order_by("name")

    @admin.display(description="letters", ordering="letter_count")
    def letter_count(self, topic):
        return topic.letter_count
