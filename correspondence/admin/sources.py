"""The admin of sources (the works letters are printed in), merging duplicates, and of
the links between letters and sources."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse

from correspondence.merging import MergeConflict, conflicts, merge_sources
from correspondence.models import LetterSource, Source
from editing.admin import EditedAdmin
from editing.forms import EditorForm

#: addresses typed without a scheme are taken as https (Django 6's default)
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


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
