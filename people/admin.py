from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.template.response import TemplateResponse

from editing.admin import EditedAdmin
from editing.forms import EditorForm, TextForm

from .authority import FOR_PEOPLE, authority_help, clean_authority_field
from .merging import MergeConflict, conflicts, merge_people
from .models import Person, PersonName


class PersonForm(EditorForm):
    annotation_fields = ("note",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "authority_uri" in self.fields:
            self.fields["authority_uri"].help_text = authority_help(FOR_PEOPLE)

    def clean_authority_uri(self):
        return clean_authority_field(self, FOR_PEOPLE)


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep",
    )
    kind = forms.ChoiceField(
        choices=PersonName.Kind.choices,
        initial=PersonName.Kind.SPELLING,
        label="The others' names are",
        help_text="What the others' primary names are to the person kept.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Person.objects.filter(
            pk__in=[p.pk for p in people]
        )
        # the record most letters name, by default
        self.fields["keep"].initial = max(
            people,
            key=lambda p: (
                p.letters_sent_count + p.letters_received_count + p.mentioned_in_count
            ),
        ).pk


class PossibleDuplicateFilter(admin.SimpleListFilter):
    """People who may be another record of the edition (``candidate_duplicates``):
    select them and merge, or leave them apart."""

    title = "possible duplicate"
    parameter_name = "duplicate"

    def lookups(self, request, model_admin):
        return [("yes", "Possibly the same as another")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        pairs = Person.objects.candidate_duplicates()
        return queryset.filter(
            pk__in={p.pk for pair in pairs for p in (pair.first, pair.second)}
        )


class PersonNameInline(admin.TabularInline):
    model = PersonName
    form = TextForm
    extra = 1
    fields = ["name", "kind", "note"]


@admin.register(Person)
class PersonAdmin(EditedAdmin):
    form = PersonForm
    list_display = ["name", "kind", "sort_name", "life_dates", "slug"]
    list_filter = ["kind", PossibleDuplicateFilter]
    search_fields = ["name", "sort_name", "names__name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "history_version",
        "name",
        "kind",
        "sort_name",
        "slug",
        "life_dates",
        "note",
        "authority_uri",
        "not_the_same",
    ]
    autocomplete_fields = ["not_the_same"]
    radio_fields = {"kind": admin.HORIZONTAL}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PersonNameInline]
    actions = ["merge_selected", "mark_not_the_same"]

    def has_merge_permission(self, request):
        """A merge changes one record and deletes the others: both are needed (the
        Editors group may not delete, so only those granted it merge)."""
        return self.has_change_permission(request) and self.has_delete_permission(
            request
        )

    @admin.action(
        description="Mark the selected people as different people",
        permissions=["change"],
    )
    def mark_not_the_same(self, request, queryset):
        """Each of the selected is not the others: no longer a possible duplicate."""
        people = list(queryset.order_by("name"))
        if len(people) < 2:
            self.message_user(request, "Choose at least two people.", messages.WARNING)
            return
        for person in people:
            person.not_the_same.add(*(p for p in people if p.pk != person.pk))
        self.message_user(
            request,
            f"Marked {', '.join(p.name for p in people)} as different people: they "
            "are no longer listed as possible duplicates.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Merge the selected people into one", permissions=["merge"]
    )
    def merge_selected(self, request, queryset):
        """A confirmation page (which record to keep), then ``merge_people``."""
        people = list(queryset.with_letter_counts().with_names().order_by("name"))
        if len(people) < 2:
            self.message_user(
                request, "Choose at least two people to merge.", messages.WARNING
            )
            return None
        form = MergeForm(
            request.POST if "merge" in request.POST else None, people=people
        )
        problems = conflicts(people[0], people[1:])
        if form.is_valid() and not problems:
            keep = form.cleaned_data["keep"]
            others = [p for p in people if p.pk != keep.pk]
            try:
                relinked = merge_people(
                    keep, others, kind=form.cleaned_data["kind"], user=request.user
                )
            except MergeConflict as error:  # changed since the page was shown
                self.message_user(request, str(error), messages.ERROR)
                return None
            merged = ", ".join(p.name for p in others)
            self.message_user(
                request,
                f"Merged {merged} into {keep.name}; {relinked} letters now name "
                "them as one person.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge people",
            "opts": self.model._meta,
            "people": people,
            "form": form,
            "problems": problems,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/people/person/merge.html", context)


@admin.register(PersonName)
class PersonNameAdmin(EditedAdmin):
    list_display = ["name", "kind", "person"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]
