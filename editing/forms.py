"""The admin's forms for editors: sanitised annotations, stale-save detection, and
footnote markers that agree with their notes.

``TextForm`` is the base of every form of the admin, inlines included: text comes
back from a browser with CRLF line endings and trimmed, and is stored as it was unless
the editor changed it (a save that rewrote an untouched letter body was the worst bug
this edition shipped).

``EditorForm`` (a ``TextForm``) is the base of the annotation forms:

- fields named in ``annotation_fields`` are ``AnnotationField``s: what is saved is
  ``annotation_clean(text)`` (correspondence/annotations.py); a note of nothing but
  unsafe markup is an error, not an empty note;
- a hidden ``history_version`` carries the newest history row id of the object as the
  page was loaded. If the object has a newer row when the form is saved, and this form
  changes anything, the save is refused and the editor is told who changed it and when
  (optimistic concurrency; no field on the models). A POST without the field (a script)
  is not checked.

``FootnoteInlineFormSet`` keeps a letter's markers ("[^N]" in its parts) and its notes
in step; see ``marker_problems`` for the rule.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.forms.models import BaseInlineFormSet
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime

from correspondence.annotations import (
    HELP_TEXT,
    annotation_clean,
    annotation_removals,
)
from correspondence.models import Footnote, Letter

from .history import BASELINE_REASON, latest_version, latest_versions

VERSION_FIELD = "history_version"
#: the parts of a letter that may hold footnote markers, in reading order
MARKED_PARTS = Letter.MARKED_PARTS
MARKER = re.compile(r"\[\^(\d+)\]")


class AnnotationField(forms.CharField):
    """Editorial prose with limited markup; cleans to the sanitised text."""

    def clean(self, value):
        value = super().clean(value)
        cleaned = annotation_clean(value)
        if value and not cleaned:
            raise ValidationError(
                "Nothing is left once the markup that is not allowed is removed.",
                code="empty_after_sanitising",
            )
        return cleaned


def normalise_newlines(text):
    """``text`` with every line ended by "\\n": browsers send a textarea's lines ended
    by CRLF (HTML's form encoding), and a lone CR is no line ending we keep."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TextForm(forms.ModelForm):
    """A model form that changes no text the editor did not change.

    - The text of every character field is read with "\\n" line endings;
    - a field whose text is the stored one but for its line endings and the outer
      whitespace a form field strips is unchanged: it keeps the stored value (line
      endings normalised) and is left out of ``changed_data``, so the history records
      no change to it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self._data_with_newlines(self.data)

    def _text_fields(self):
        return [
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
        ]

    def _data_with_newlines(self, data):
        keys = [self.add_prefix(name) for name in self._text_fields()]
        if not any(
            isinstance(data.get(key), str) and "\r" in data[key] for key in keys
        ):
            return data
        data = data.copy()  # a QueryDict's copy can be changed
        for key in keys:
            if hasattr(data, "getlist"):
                data.setlist(key, [normalise_newlines(v) for v in data.getlist(key)])
            elif isinstance(data.get(key), str):
                data[key] = normalise_newlines(data[key])
        return data

    def _untouched_text(self, name):
        """The stored text of field ``name`` if the form sends it back unchanged."""
        bound = self[name]
        initial = bound.initial
        if not isinstance(initial, str):
            return None
        stored = normalise_newlines(initial)
        sent = bound.data if isinstance(bound.data, str) else ""
        return stored if stored.strip() == sent.strip() else None

    @cached_property
    def changed_data(self):
        text = set(self._text_fields())
        return [
            name
            for name in super().changed_data
            if name not in text or self._untouched_text(name) is None
        ]

    def _clean_fields(self):
        super()._clean_fields()
        for name in self._text_fields():
            if name in self.cleaned_data:
                stored = self._untouched_text(name)
                if stored is not None:
                    self.cleaned_data[name] = stored


class EditorForm(TextForm):
    #: model fields holding annotations (sanitised on saving)
    annotation_fields = ()

    history_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.annotation_fields:
            if name in self.fields:
                self.fields[name] = _annotation_field(self.fields[name])
        if versions is not None:
            self.current_version = versions.get(self.instance.pk)
        else:
            self.current_version = latest_version(self.instance)
        # 0: no history yet (an object as loaded); a missing field is None
        self.initial[VERSION_FIELD] = self.current_version or 0

    @cached_property
    def changed_data(self):
        # The version is bookkeeping: a form whose fields are as loaded is unchanged.
        return [name for name in super().changed_data if name != VERSION_FIELD]

    def sanitiser_removals(self):
        """{field label: [what the sanitiser takes out]} of the annotations this form
        changes, to tell the editor (``EditedAdmin``)."""
        found = {}
        for name in self.annotation_fields:
            if name in self.fields and name in self.changed_data:
                removed = annotation_removals(self[name].data)
                if removed:
                    found[str(self.fields[name].label or name).lower()] = removed
        return found

    def stale_message(self):
        """Why this form may not be saved, if the object changed since it was loaded."""
        if self.instance.pk is None or not hasattr(self, "cleaned_data"):
            return None
        loaded = self.cleaned_data.get(VERSION_FIELD)
        if loaded is None:
            return None
        model = type(self.instance)
        if connection.in_atomic_block:
            # Hold the row until this save commits, so two saves cannot both pass.
            list(model._default_manager.select_for_update().filter(pk=self.instance.pk))
        latest = (
            model.history.filter(**{model._meta.pk.attname: self.instance.pk})
            .select_related("history_user")
            .order_by("-history_id")
            .first()
        )
        if latest is None or latest.history_id == loaded:
            return None
        if loaded == 0 and latest.history_change_reason == BASELINE_REASON:
            return None  # only the state as loaded was recorded since
        who = latest.history_user or "someone"
        when = date_format(localtime(latest.history_date), "j F Y, H:i")
        name = model._meta.verbose_name
        return (
            f"This {name} ({self.instance}) was changed by {who} on {when}, after you "
            "opened this page. Your change was not saved: reload the page to see "
            "their version, then make your change again."
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.changed_data:
            message = self.stale_message()
            if message:
                raise ValidationError(message, code="stale")
        return cleaned_data


def _annotation_field(field):
    return AnnotationField(
        required=field.required,
        label=field.label,
        help_text=" ".join(filter(None, [str(field.help_text or ""), HELP_TEXT])),
        widget=field.widget,
        initial=field.initial,
    )


class LetterForm(EditorForm):
    annotation_fields = ("headnote",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = getattr(self.instance, "_history", None)
        if record is not None and not self.is_bound:
            # Reverting to an earlier version: offer its people and topics too.
            for name in ("senders", "recipients", "mentions", "topics"):
                if name in self.fields:
                    target = Letter._meta.get_field(name).m2m_reverse_name()
                    self.initial[name] = [
                        getattr(row, target) for row in getattr(record, name).all()
                    ]


class FootnoteForm(EditorForm):
    """A footnote in its letter's inline: numbers are checked by the formset."""

    annotation_fields = ("text",)

    class Meta:
        model = Footnote
        fields = ["number", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1

    def validate_unique(self):
        # The formset holds all of the letter's notes and checks their numbers against
        # each other; checking each against the stored ones would forbid swapping two.
        pass


class FootnoteAdminForm(EditorForm):
    """A footnote on its own page: its number must have a marker in its letter."""

    annotation_fields = ("text",)

    class Meta:
        model = Footnote
        fields = ["letter", "number", "text"]

    def clean(self):
        cleaned_data = super().clean()
        letter = cleaned_data.get("letter") or getattr(self.instance, "letter", None)
        number = cleaned_data.get("number", self.instance.number)
        if self.instance.pk is not None:
            stored = (
                Footnote.objects.filter(pk=self.instance.pk)
                .values_list("number", flat=True)
                .first()
            )
            if stored is not None and number != stored:
                raise ValidationError(
                    f"This version is note {number}, the letter now has it as note "
                    f"{stored}: renumber notes on the letter's page, where the markers "
                    "are checked."
                )
        elif letter is not None and number is not None:
            if number not in markers_of(_stored_parts(letter.pk)):
                self.add_error(
                    "number",
                    f"The letter has no marker [^{number}] for this note: add the "
                    "marker on the letter's page.",
                )
        return cleaned_data


def markers_of(parts):
    """{number: [part names holding "[^number]"]} for a dict of letter parts."""
    found = {}
    for name in MARKED_PARTS:
        for match in MARKER.finditer(parts.get(name) or ""):
            places = found.setdefault(int(match.group(1)), [])
            if name not in places:
                places.append(name)
    return found


def _stored_parts(letter_pk):
    if letter_pk is None:
        return {}
    return Letter.objects.filter(pk=letter_pk).values(*MARKED_PARTS).first() or {}


def marker_problems(*, before_parts, before_notes, after_parts, after_notes):
    """What an edit would leave inconsistent between markers and notes.

    The rule: an edit may not create a marker without a note or a note without a
    marker. One that was already there when the edit began is let be: the documents
    have notes whose marker the source never printed, and a letter imported so stays
    editable. Returns ``(markers_without_notes, notes_without_markers)``:
    ``{number: [parts]}`` and ``{number}``, only the new ones.
    """
    markers_before, markers_after = markers_of(before_parts), markers_of(after_parts)
    orphan_markers_before = set(markers_before) - set(before_notes)
    orphan_notes_before = set(before_notes) - set(markers_before)
    markers_without_notes = {
        number: places
        for number, places in markers_after.items()
        if number not in after_notes and number not in orphan_markers_before
    }
    notes_without_markers = {
        number
        for number in after_notes
        if number not in markers_after and number not in orphan_notes_before
    }
    return markers_without_notes, notes_without_markers


class FootnoteInlineFormSet(BaseInlineFormSet):
    """A letter's notes: numbers unique, markers and notes in step, stale edits told."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_kwargs["versions"] = latest_versions(
            Footnote, [note.pk for note in self.get_queryset()]
        )

    def kept_notes(self):
        """{number: form} of the notes the letter will have after this save."""
        notes = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form in self.deleted_forms:
                continue
            if form.instance.pk is None and not form.has_changed():
                continue  # an empty extra row
            number = form.cleaned_data.get("number")
            if number is not None:
                notes[number] = form
        return notes

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            message = form.stale_message()
            if message:
                raise ValidationError(message, code="stale")
        if any(self.errors):
            return
        notes = self.kept_notes()
        stored_notes = set(
            Footnote.objects.filter(letter_id=self.instance.pk).values_list(
                "number", flat=True
            )
            if self.instance.pk
            else ()
        )
        missing, unmarked = marker_problems(
            before_parts=_stored_parts(self.instance.pk),
            before_notes=stored_notes,
            after_parts={name: getattr(self.instance, name) for name in MARKED_PARTS},
            after_notes=set(notes),
        )
        for number in sorted(unmarked):
            notes[number].add_error(
                "number",
                f"Note {number} has no marker [^{number}] in the letter's text: put "
                "the marker where the note belongs, or delete the note.",
            )
        if missing:
            raise ValidationError(
                [
                    ValidationError(
                        f"The {' and '.join(places)} has marker [^{number}], but "
                        f"there is no note {number}: add note {number} or take the "
                        "marker out.",
                        code="marker_without_note",
                    )
                    for number, places in sorted(missing.items())
                ]
            )

    @transaction.atomic
    def save(self, commit=True):
        if commit:
            self._release_changed_numbers()
        return super().save(commit=commit)

    def _release_changed_numbers(self):
        """Park renumbered and deleted notes on numbers no note uses, so saving them
        one by one never trips the (letter, number) constraint (e.g. swapping 1 and 2).
        """
        moving = [
            form.instance.pk
            for form in self.initial_forms
            if form in self.deleted_forms or "number" in form.changed_data
        ]
        parked = 1_000_000_000
        for offset, pk in enumerate(moving):
            Footnote.objects.filter(pk=pk).update(number=parked + offset)
