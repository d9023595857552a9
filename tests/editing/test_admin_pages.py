"""What an editor reads in the admin: a history that says only what is known and shows
a long text's change word by word, a revert of a note that lands on its letter, a
letter list of titles, and a word on what the sanitiser took out."""

import re

import pytest
from django.contrib import messages

from correspondence.models import Footnote, Letter
from editing.history import BASELINE_REASON

from .helpers import admin_url, errors_of, form_data, letter_form, note_index

pytestmark = pytest.mark.django_db


def edit_body(client, letter, old, new):
    data = letter_form(client, letter)
    assert old in data["body"]
    data["body"] = data["body"].replace(old, new)
    response = client.post(admin_url(Letter, "change", letter.pk), data)
    assert response.status_code == 302, errors_of(response)


def cells(html, name):
    return [
        re.sub(r"\s+", " ", cell).strip()
        for cell in re.findall(rf'<td class="{name}">(.*?)</td>', html, re.S)
    ]


def test_the_history_shows_a_reason_only_where_there_is_one(editor_client, edition):
    edit_body(editor_client, edition, "Malinowsky", "Malinovsky")
    html = editor_client.get(admin_url(Letter, "history", edition.pk)).content.decode()
    assert cells(html, "history-reason") == ["", BASELINE_REASON]
    assert "None" not in " ".join(cells(html, "history-user"))


def test_a_long_text_s_change_is_shown_word_by_word(editor_client, edition):
    assert len(edition.body) > 100
    edit_body(editor_client, edition, "Malinowsky", "Malinovsky")
    html = editor_client.get(admin_url(Letter, "history", edition.pk)).content.decode()
    assert "chars]" not in html
    assert "<del>Malinowsky.</del><ins>Malinovsky.</ins>" in html
    # the words around the change, for context; far-away ones left out
    assert "same story of <del>" in html
    assert "…" in html


def test_reverting_a_note_lands_on_its_letter(editor_client, edition):
    note = edition.footnotes.get(number=3)
    data = letter_form(editor_client, edition)
    data[f"footnotes-{note_index(data, 3)}-text"] = "Kamenev."
    editor_client.post(admin_url(Letter, "change", edition.pk), data)
    baseline = note.history.earliest()
    url = admin_url(Footnote, "simple_history", note.pk, baseline.history_id)
    response = editor_client.post(url, form_data(editor_client.get(url)))
    assert response.status_code == 302, errors_of(response)
    assert response.url == admin_url(Letter, "change", edition.pk)
    # and so does saving the note on its own page
    url = admin_url(Footnote, "change", note.pk)
    response = editor_client.post(url, form_data(editor_client.get(url)))
    assert response.url == admin_url(Letter, "change", edition.pk)


def test_the_letter_list_shows_titles_dates_and_correspondents(editor_client, edition):
    html = editor_client.get(admin_url(Letter, "changelist")).content.decode()
    assert "Lenin to Inessa Armand, 7 June 1914" in html
    assert "lenin-to-armand-1914-06-07</a>" not in html  # no slug for a title
    assert '<td class="field-date">1914-06-07</td>' in html
    assert '<td class="field-correspondents">Lenin → Inessa Armand</td>' in html
    found = editor_client.get(admin_url(Letter, "changelist"), {"q": "Inessa"})
    assert "Lenin to Inessa Armand, 7 June 1914" in found.content.decode()


def test_the_admin_says_people(editor_client, edition):
    html = editor_client.get("/admin/").content.decode()
    assert ">People<" in html
    assert "Persons" not in html


def test_the_editor_is_told_what_the_sanitiser_removed(editor_client, edition):
    data = letter_form(editor_client, edition)
    data[f"footnotes-{note_index(data, 3)}-text"] = (
        'Kamenev<script>alert(1)</script> <a href="javascript:alert(1)">link</a>'
        ' <b onclick="x()">bold</b>'
    )
    response = editor_client.post(
        admin_url(Letter, "change", edition.pk), data, follow=True
    )
    told = [str(m) for m in response.context["messages"] if m.level == messages.WARNING]
    assert len(told) == 1, told
    assert told[0].startswith("Removed on saving from Note 3 (text): ")
    assert "<script>" in told[0]
    assert "javascript:" in told[0]
    assert "onclick" in told[0]
    assert edition.footnotes.get(number=3).text == (
        'Kamenev <a rel="noopener noreferrer">link</a> <b>bold</b>'
    )


def test_a_clean_annotation_draws_no_warning(editor_client, edition):
    data = letter_form(editor_client, edition)
    data[f"footnotes-{note_index(data, 3)}-text"] = "Kamenev & <i>brother</i>."
    response = editor_client.post(
        admin_url(Letter, "change", edition.pk), data, follow=True
    )
    assert not [m for m in response.context["messages"] if m.level == messages.WARNING]
