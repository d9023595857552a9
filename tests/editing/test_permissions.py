"""Who may edit: the Editors group, staff in it, nobody anonymous."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import connection

from correspondence.models import Footnote, Letter, Topic
from people.models import Person

from .helpers import admin_url, letter_form, make_editor, save_letter

pytestmark = pytest.mark.django_db

editors_migration = importlib.import_module("editing.migrations.0002_editors_group")


def test_the_editors_group_may_change_annotations_but_delete_only_footnotes():
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    for model in ["letter", "footnote", "topic", "source", "lettersource"]:
        assert {f"view_{model}", f"add_{model}", f"change_{model}"} <= codenames
    for model in ["person", "personname"]:
        assert {f"view_{model}", f"add_{model}", f"change_{model}"} <= codenames
    assert "delete_footnote" in codenames
    assert "delete_letter" not in codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def test_the_editors_group_migration_is_reversible():
    schema_editor = type("SchemaEditor", (), {"connection": connection})()
    editors_migration.remove_editors(apps, schema_editor)
    assert not Group.objects.filter(name="Editors").exists()
    editors_migration.create_editors(apps, schema_editor)
    assert Group.objects.get(name="Editors").permissions.count() == 22


def test_an_editor_edits_a_letter_in_the_admin(editor_client, edition):
    data = letter_form(editor_client, edition)
    data["heading"] = "Document 6. Letter to Armand (corrected)"
    response = save_letter(editor_client, edition, data)
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.heading == "Document 6. Letter to Armand (corrected)"


@pytest.mark.parametrize("model", [Letter, Footnote, Topic, Person])
def test_an_editor_opens_the_lists_and_change_pages(editor_client, edition, model):
    obj = model.objects.first()
    assert editor_client.get(admin_url(model, "changelist")).status_code == 200
    assert editor_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert editor_client.get(admin_url(model, "history", obj.pk)).status_code == 200


def test_an_editor_cannot_delete_a_letter(editor_client, edition):
    response = editor_client.get(admin_url(Letter, "delete", edition.pk))
    assert response.status_code == 403
    response = editor_client.post(
        admin_url(Letter, "delete", edition.pk), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Letter.objects.filter(pk=edition.pk).exists()
    changelist = editor_client.get(admin_url(Letter, "changelist"))
    assert "delete_selected" not in changelist.content.decode()


def test_an_editor_cannot_delete_a_letter_with_the_bulk_action(editor_client, edition):
    response = editor_client.post(
        admin_url(Letter, "changelist"),
        {"action": "delete_selected", "_selected_action": [edition.pk], "post": "yes"},
    )
    assert Letter.objects.filter(pk=edition.pk).exists()
    assert response.status_code in (200, 302)


def test_an_editor_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(admin_url(User, "changelist")).status_code == 403
    assert editor_client.get(admin_url(Group, "changelist")).status_code == 403


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/correspondence/letter/", "/admin/correspondence/footnote/1/"],
)
def test_anonymous_users_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_group_member_who_is_not_staff_cannot_enter_the_admin(client, edition):
    client.force_login(make_editor("not-staff", staff=False))
    response = client.get(admin_url(Letter, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_staff_user_outside_the_group_cannot_see_letters(client, edition):
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get(admin_url(Letter, "changelist")).status_code == 403


@pytest.mark.parametrize(
    ("model", "slug"), [(Letter, "lenin-to-armand-1914-06-07"), (Person, "kamenev")]
)
def test_letters_and_people_have_a_view_on_site_link_to_their_public_page(
    editor_client, edition, model, slug
):
    obj = model.objects.get(slug=slug)
    page = editor_client.get(admin_url(model, "change", obj.pk)).content.decode()
    assert "View on site" in page
    on_site = editor_client.get(f"/admin/r/{_content_type(model)}/{obj.pk}/")
    assert on_site.status_code == 302
    assert on_site["Location"].endswith(obj.get_absolute_url())


def _content_type(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk
