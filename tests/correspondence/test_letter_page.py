"""The letter page's markers and notes: a marker wherever its text is shown, a way
back from a note only to a marker that is there, and changes told only when an editor
made them."""

import pytest
from django.contrib.auth.models import User

from correspondence.models import Footnote
from editing.history import annotations_last_changed
from tests.factories import make_letter

pytestmark = pytest.mark.django_db

HEADING = "To: G. V. CHICHERIN[^1]"


@pytest.fixture
def to_chicherin():
    return make_letter(
        heading=HEADING,
        body="The underscored is absolutely intolerable.[^2]",
        footnotes=["The heading's note.", "The body's note.", "A note without marker."],
    )


def test_a_marker_in_the_heading_links_to_its_note_on_the_letter_page(
    client, to_chicherin
):
    html = client.get(to_chicherin.get_absolute_url()).content.decode()
    assert "[^1]" not in html
    assert (
        'To: G. V. CHICHERIN\u2060<sup class="noteref" id="noteref-1">'
        '<a href="#note-1" aria-describedby="notes-heading">1</a></sup>'
    ) in html


def test_a_marker_in_the_heading_is_a_superscript_in_the_list_of_letters(
    client, to_chicherin
):
    html = client.get("/letters/").content.decode()
    assert "[^1]" not in html
    assert 'To: G. V. CHICHERIN\u2060<sup class="noteref">1</sup>' in html


def test_the_tei_export_places_the_heading_s_note_in_its_head(client, to_chicherin):
    xml = client.get(f"{to_chicherin.get_absolute_url()}tei.xml").content.decode()
    assert "[^1]" not in xml
    assert '<head>To: G. V. CHICHERIN<note n="1" place="foot"' in xml


def test_only_notes_with_a_marker_link_back_to_the_text(client, to_chicherin):
    html = client.get(to_chicherin.get_absolute_url()).content.decode()
    assert 'href="#noteref-1"' in html
    assert 'href="#noteref-2"' in html
    assert 'href="#noteref-3"' not in html
    assert html.count("back to text</a>") == 2


def test_saves_without_an_editor_are_not_told_as_annotation_changes(client):
    # an import saves as its script user, who is no staff member
    script = User.objects.create_user("import_documents", is_active=False)
    letter = make_letter(footnotes=["A note."])
    note = letter.footnotes.get()
    note.text, note._history_user = "A note, imported again.", script
    note.save()
    assert annotations_last_changed(letter) is None
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "Annotations last changed" not in html


def test_a_change_by_an_editor_is_told(client):
    editor = User.objects.create_user("editor", is_staff=True)
    letter = make_letter(footnotes=["A note."])
    note = Footnote.objects.get(letter=letter)
    note.text, note._history_user = "A corrected note.", editor
    note.save()
    assert annotations_last_changed(letter) == note.history.latest().history_date
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "Annotations last changed on" in html


def test_the_notes_script_comes_only_with_notes(client, to_chicherin):
    html = client.get(to_chicherin.get_absolute_url()).content.decode()
    assert '<script src="/static/js/notes.js" defer></script>' in html
    bare = make_letter(body="No notes here.")
    html = client.get(bare.get_absolute_url()).content.decode()
    assert "notes.js" not in html
