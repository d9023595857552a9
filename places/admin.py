from django.contrib import admin
from django.db import models

from editing.admin import EditedAdmin
from editing.forms import EditorForm
from people.authority import FOR_PLACES, authority_help, clean_authority_field

from .models import Place


class PlaceForm(EditorForm):
    annotation_fields = ("note",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "authority_uri" in self.fields:
            self.fields["authority_uri"].help_text = authority_help(FOR_PLACES)

    def clean_authority_uri(self):
        return clean_authority_field(self, FOR_PLACES)


@admin.register(Place)
class PlaceAdmin(EditedAdmin):
    form = PlaceForm
    list_display = ["name", "slug", "authority_uri", "latitude", "longitude"]
    search_fields = ["name", "variant_names", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "history_version",
        "name",
        "slug",
        "variant_names",
        "authority_uri",
        ("latitude", "longitude"),
        "note",
    ]
