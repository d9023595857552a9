"""Annotation markup (an editor's <i>, &amp;) stays out of search and the TEI text."""

import xml.etree.ElementTree as ET

import pytest

from browse.search import search_letters, snippets_for
from correspondence.annotations import annotation_clean
from correspondence.models import Footnote
from tests.factories import make_letter

TEI = "{http://www.tei-c.org/ns/1.0}"
NOTE = annotation_clean("The newspaper <i>Rabochii</i> & its editors.")


@pytest.fixture
def letter(db):
    letter = make_letter(body="We are sending you the new newspaper.[^1]")
    Footnote.objects.create(letter=letter, number=1, text=NOTE)
    return letter


def test_a_marked_up_note_is_found_by_its_words(letter):
    assert list(search_letters("Rabochii").values_list("pk", flat=True)) == [letter.pk]
    assert not search_letters("amp").exists()


def test_a_snippet_from_a_marked_up_note_shows_no_tags(letter):
    snippet = snippets_for([letter], "Rabochii")[letter.pk]
    assert "<mark>Rabochii</mark>" in snippet
    assert "&lt;i&gt;" not in snippet and "&amp;amp;" not in snippet


def test_the_tei_note_holds_the_words_without_markup(client, letter):
    root = ET.fromstring(client.get(f"/letters/{letter.slug}/tei.xml").content)
    note = root.find(f".//{TEI}note[@n='1']")
    assert "".join(note.itertext()) == "The newspaper Rabochii & its editors."
