"""The admin of letters: their people, notes and sources inline; notes alone."""

import re

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from correspondence.models import Footnote, Letter, LetterSource
from correspondence.people_links import (
    LetterRecipient,
    LetterSender,
    links_changed,
    write_links,
)
from editing.admin import EditedAdmin
from editing.forms import (
    MARKED_PARTS,
    FootnoteAdminForm,
    FootnoteForm,
    FootnoteInlineFormSet,
    LetterForm,
    TextForm,
)
from people.models import Person

from .sources import URL_FIELDS_ASSUME_HTTPS

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
