"""The base of the edition's admin pages: history with diffs and revert.

``EditedAdmin`` is django-simple-history's ``SimpleHistoryAdmin`` (a "History" page per
object listing every recorded version with who, when and a field-by-field diff, and a
"Revert" form for each version) plus the baseline: before the first recorded change to
an object, or to an inline object such as a footnote, its stored state is recorded, so
the state as loaded can be restored too (``editing.history``).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from .diffs import HistoryChanges
from .forms import TextForm
from .history import history_baseline


def _has_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def _is_key(field, value):
    """Whether ``value`` from a URL could be a value of key ``field`` ("x1" is not)."""
    try:
        field.to_python(unquote(value))
    except ValidationError:
        return False
    return True


class EditedAdmin(SimpleHistoryAdmin):
    #: the base of every form here: text the editor did not change stays as stored
    form = TextForm
    object_history_list_template = "editing/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryChanges(self.model, historical_record)

    # django-simple-history filters by the id as the URL gives it: "x1" for a number
    # would be a server error. Answered as Django's own admin pages answer it.
    def history_view(self, request, object_id, extra_context=None):
        if not _is_key(self.opts.pk, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_key = self.model.history.model._meta.pk
        if not (_is_key(self.opts.pk, object_id) and _is_key(history_key, version_id)):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def tell_removals(self, request, form):
        """Tell the editor what the sanitiser took out of what they typed."""
        removals = getattr(form, "sanitiser_removals", dict)()
        for field, removed in removals.items():
            listed = ", ".join(removed[:-1]) + " and " if len(removed) > 1 else ""
            self.message_user(
                request,
                f"Removed on saving from {form.instance} ({field}): "
                f"{listed}{removed[-1]}. Only the markup the help text lists is kept.",
                messages.WARNING,
            )

    def save_form(self, request, form, change):
        self.tell_removals(request, form)
        return super().save_form(request, form, change)

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
        for inline_form in formset.forms:
            if inline_form not in formset.deleted_forms:
                self.tell_removals(request, inline_form)
        super().save_formset(request, form, formset, change)
