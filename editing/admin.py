"""The base of the edition's admin pages: history with diffs and revert.

``EditedAdmin`` is django-simple-history's ``SimpleHistoryAdmin`` (a "History" page per
object listing every recorded version with who, when and a field-by-field diff, and a
"Revert" form for each version) plus the baseline: before the first recorded change to
an object, or to an inline object such as a footnote, its stored state is recorded, so
the state as loaded can be restored too (``editing.history``).
"""

from simple_history.admin import SimpleHistoryAdmin

from .forms import TextForm
from .history import history_baseline


def _has_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


class EditedAdmin(SimpleHistoryAdmin):
    #: the base of every form here: text the editor did not change stays as stored
    form = TextForm

    def save_model(self, request, obj, form, change):
        if change and _has_history(type(obj)):
            history_baseline(type(obj), [obj.pk])
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if _has_history(formset.model):
            touched = [
                f.instance.pk
                for f in formset.initial_forms
                if f in formset.deleted_forms or f.has_changed()
            ]
            history_baseline(formset.model, touched)
        super().save_formset(request, form, formset, change)
