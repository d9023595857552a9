from django.contrib import admin
from django.db import models

from editing.admin import EditedAdmin
from editing.forms import EditorForm

from .models import Person, PersonName


class PersonForm(EditorForm):
    annotation_fields = ("note",)


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 1
    fields = ["name", "kind", "note"]


@admin.register(Person)
class PersonAdmin(EditedAdmin):
    form = PersonForm
    list_display = ["name", "life_dates", "slug"]
    search_fields = ["name", "names__name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["history_version", "name", "slug", "life_dates", "note", "authority_uri"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PersonNameInline]


@admin.register(PersonName)
class PersonNameAdmin(EditedAdmin):
    list_display = ["name", "kind", "person"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]
