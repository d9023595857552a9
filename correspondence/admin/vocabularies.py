"""The admin of the vocabularies letters are filed by: languages and topics."""

from django.contrib import admin
from django.db.models import Count

from correspondence.models import Language, Topic
from editing.admin import EditedAdmin
from editing.forms import EditorForm


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
