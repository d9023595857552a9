"""Copying from the letter page: the citation, the permalink and each note's link are
marked for static/js/copy.js, which adds the buttons; without it they are plain,
selectable text and links."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import make_letter, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter():
    return make_letter(
        slug="with-notes",
        body="A text.[^1] More.[^2]",
        footnotes=["The first note.", "The second note."],
        sources=[(make_source(), "edition", "27")],
    )


def test_the_citation_permalink_and_notes_are_found_by_the_copy_script(client, letter):
    html = client.get(letter.get_absolute_url()).content.decode()
    # the citation's markup stays as it was: the script finds it by its ids
    assert '<p class="citation__text" id="cite-chicago">' in html
    assert '<pre class="citation__bibtex" id="cite-bibtex">' in html
    assert '<p class="citation__hint">Permalink: <a href="http://testserver/' in html
    script = Path(settings.BASE_DIR, "static", "js", "copy.js").read_text()
    for selector in ("#cite-chicago", "#cite-bibtex", ".citation__hint > a"):
        assert f'"{selector}"' in script
    for number in (1, 2):
        assert (
            f'<a href="http://testserver/letters/with-notes/#note-{number}" '
            f'data-copy="link to note {number}">Link to note {number}</a>'
        ) in html


def test_the_script_is_a_static_file_and_no_button_is_in_the_page(client, letter):
    html = client.get(letter.get_absolute_url()).content.decode()
    assert '<script src="/static/js/copy.js" defer></script>' in html
    assert "<script>" not in html
    # the buttons come only with the script: without it, nothing to press that fails
    assert "<button" not in html.split("<main", 1)[1]
    assert (
        "[data-copy]" in Path(settings.BASE_DIR, "static", "js", "copy.js").read_text()
    )
