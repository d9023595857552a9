"""A browser sends a textarea's lines ended by CRLF: saving an admin form, or reverting
to a version, stores the text the editor saw, and a field nobody changed records no
change in the history."""

import pytest
from django.contrib import admin

from correspondence.models import Footnote, Letter, LetterSource, Source, Topic
from people.models import Person, PersonName

from .helpers import admin_url, errors_of, form_data, letter_form, note_index

pytestmark = pytest.mark.django_db

EDITED_MODELS = [Letter, Footnote, Topic, Source, LetterSource, Person, PersonName]


def as_browser(data):
    """``data`` as a browser posts it: every line of every text ended by CRLF."""
    return {
        key: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for key, value in data.items()
    }


def changed_fields(record):
    """The fields a history row changed against the row before it."""
    previous = record.prev_record
    if previous is None:
        return set()
    return {change.field for change in record.diff_against(previous).changes}


def save_as_browser(client, model, pk, edit=None):
    url = admin_url(model, "change", pk)
    data = form_data(client.get(url))
    if edit:
        edit(data)
    response = client.post(url, as_browser(data))
    assert response.status_code == 302, errors_of(response)


def test_editing_one_note_leaves_the_letter_s_text_as_it_was(editor_client, edition):
    parts = {name: getattr(edition, name) for name in Letter.MARKED_PARTS}
    assert "\n\n" in edition.body
    data = letter_form(editor_client, edition)
    data[f"footnotes-{note_index(data, 3)}-text"] = "L.B. Kamenev,\nthe brother."
    response = editor_client.post(
        admin_url(Letter, "change", edition.pk), as_browser(data)
    )
    assert response.status_code == 302, errors_of(response)

    edition.refresh_from_db()
    assert {name: getattr(edition, name) for name in Letter.MARKED_PARTS} == parts
    assert edition.footnotes.get(number=3).text == "L.B. Kamenev,\nthe brother."
    assert changed_fields(edition.history.latest()) == set()
    assert changed_fields(edition.footnotes.get(number=3).history.latest()) == {"text"}
    # the other notes were not touched, so they got no history at all
    assert Footnote.history.exclude(id=edition.footnotes.get(number=3).pk).count() == 0


def test_a_text_typed_with_crlf_is_stored_with_newlines(editor_client, edition):
    def edit(data):
        data["headnote"] = "First paragraph.\n\nSecond paragraph."

    save_as_browser(editor_client, Letter, edition.pk, edit)
    edition.refresh_from_db()
    assert edition.headnote == "First paragraph.\n\nSecond paragraph."
    assert changed_fields(edition.history.latest()) == {"headnote"}


def test_people_topics_and_their_inlines_keep_their_text(editor_client, edition):
    person = Person.objects.get(slug="kamenev")
    Person.objects.filter(pk=person.pk).update(note="Line one.\n\nLine two.")
    PersonName.objects.filter(person=person).update(note="possibly\nso")
    topic = Topic.objects.get(slug="liquidators")
    Topic.objects.filter(pk=topic.pk).update(description="One.\n\nTwo.")

    save_as_browser(editor_client, Person, person.pk)
    save_as_browser(editor_client, Topic, topic.pk)

    person.refresh_from_db()
    topic.refresh_from_db()
    assert person.note == "Line one.\n\nLine two."
    assert set(PersonName.objects.filter(person=person).values_list("note", flat=True))
    assert not PersonName.objects.filter(note__contains="\r").exists()
    assert topic.description == "One.\n\nTwo."
    assert changed_fields(person.history.latest()) == set()
    assert changed_fields(topic.history.latest()) == set()


def test_sources_and_their_links_keep_their_text(editor_client, edition):
    link = LetterSource.objects.filter(letter=edition).first()
    LetterSource.objects.filter(pk=link.pk).update(licence="CC BY-SA\nas printed")
    save_as_browser(editor_client, LetterSource, link.pk)
    save_as_browser(editor_client, Source, link.source_id)
    link.refresh_from_db()
    assert link.licence == "CC BY-SA\nas printed"
    assert changed_fields(link.history.latest()) == set()
    assert changed_fields(Source.objects.get(pk=link.source_id).history.latest()) == (
        set()
    )


def test_a_value_with_outer_spaces_that_nobody_touched_is_kept(editor_client, edition):
    Letter.objects.filter(pk=edition.pk).update(postscript="P.S. Greetings.\n")
    save_as_browser(editor_client, Letter, edition.pk)
    edition.refresh_from_db()
    assert edition.postscript == "P.S. Greetings.\n"
    assert changed_fields(edition.history.latest()) == set()


def test_a_revert_stores_the_version_s_text_with_newlines(editor_client, edition):
    original = edition.body
    # The damage an earlier save did: the body stored with CRLF.
    save_as_browser(editor_client, Letter, edition.pk)
    Letter.objects.filter(pk=edition.pk).update(body=original.replace("\n", "\r\n"))
    as_loaded = edition.history.earliest()

    url = admin_url(Letter, "simple_history", edition.pk, as_loaded.history_id)
    response = editor_client.post(url, as_browser(form_data(editor_client.get(url))))
    assert response.status_code == 302, errors_of(response)
    edition.refresh_from_db()
    assert edition.body == original


def test_every_admin_form_and_inline_keeps_untouched_text():
    """Every edit form of the edition's admin, inlines included, is a ``TextForm``."""
    from editing.forms import TextForm

    for model in EDITED_MODELS:
        model_admin = admin.site._registry[model]
        assert issubclass(model_admin.form, TextForm), model
        for inline in model_admin.inlines:
            assert issubclass(inline.form, TextForm), (model, inline)
