"""Reading admin form data back from the admin's own pages, and posting it."""

import datetime as dt
import importlib
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import connection
from django.urls import reverse

from correspondence.models import Letter


def admin_url(model, view, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def make_editor(username="editor", *, staff=True, password=None):
    """A user in the Editors group (no password unless given: hashing one is slow)."""
    user = User.objects.create_user(username, password=password, is_staff=staff)
    user.groups.add(editors_group())
    return user


def editors_group():
    """The Editors group, made again by its own data migration if a transactional test
    flushed the database (a flush removes what data migrations wrote)."""
    group = Group.objects.filter(name="Editors").first()
    if group is None:
        schema_editor = SimpleNamespace(connection=connection)
        migration = importlib.import_module("editing.migrations.0002_editors_group")
        migration.create_editors(apps, schema_editor)
        later = importlib.import_module(
            "editing.migrations.0004_editors_edit_places_languages"
        )
        later.grant(apps, schema_editor)
        importlib.import_module(
            "editing.migrations.0009_editors_edit_letter_people"
        ).grant(apps, schema_editor)
        group = Group.objects.get(name="Editors")
    return group


def _as_post(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)


def _form_values(form, data):
    for name in form.fields:
        value = _as_post(form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value


def form_data(response):
    """Everything the admin change page would post back unchanged (main form and
    inlines), as a dict ready for ``client.post``."""
    data = {}
    _form_values(response.context["adminform"].form, data)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        _form_values(formset.management_form, data)
        for form in formset.forms:
            _form_values(form, data)
    return data


def note_index(data, number):
    """The inline index of note ``number`` in ``form_data`` of a letter."""
    for key, value in data.items():
        if (
            key.startswith("footnotes-")
            and key.endswith("-number")
            and value == str(number)
        ):
            return int(key.split("-")[1])
    raise KeyError(number)


def letter_form(client, letter):
    response = client.get(admin_url(Letter, "change", letter.pk))
    assert response.status_code == 200
    return form_data(response)


def save_letter(client, letter, data):
    return client.post(admin_url(Letter, "change", letter.pk), data)


def errors_of(response):
    """All error messages on an admin change page: main form, inlines, non-form."""
    messages = []
    if response.context is None:
        return messages
    form = response.context["adminform"].form
    for field_errors in form.errors.values():
        messages.extend(field_errors)
    for inline in response.context.get("inline_admin_formsets", []):
        messages.extend(inline.formset.non_form_errors())
        for form_errors in inline.formset.errors:
            for field_errors in form_errors.values():
                messages.extend(field_errors)
    return messages
