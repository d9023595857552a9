"""Bad input in the admin is a form error on the field, and nothing is saved."""

import datetime as dt

import pytest

from correspondence.models import Footnote, Letter, Topic
from people.models import Person
from tests.factories import make_letter

from .helpers import (
    admin_url,
    errors_of,
    form_data,
    letter_form,
    note_index,
    save_letter,
)

pytestmark = pytest.mark.django_db


def note_key(data, number, field):
    return f"footnotes-{note_index(data, number)}-{field}"


def notes(letter):
    return dict(letter.footnotes.values_list("number", "text"))


def assert_refused(response, letter, before, *messages):
    assert response.status_code == 200, "the form was accepted"
    errors = " | ".join(str(e) for e in errors_of(response))
    for message in messages:
        assert message in errors, errors
    assert notes(letter) == before
    assert "errornote" in response.content.decode()


def test_an_invalid_date_is_an_error_on_the_field(editor_client, edition):
    data = letter_form(editor_client, edition)
    data["date_start"] = "1914-13-45"
    response = save_letter(editor_client, edition, data)
    assert response.status_code == 200
    assert "date_start" in response.context["adminform"].form.errors
    edition.refresh_from_db()
    assert edition.date_start == dt.date(1914, 6, 7)


def test_an_end_before_the_start_is_an_error_on_the_end(editor_client, edition):
    data = letter_form(editor_client, edition)
    data["date_end"] = "1914-06-01"
    response = save_letter(editor_client, edition, data)
    errors = response.context["adminform"].form.errors
    assert "The latest date is before the earliest date." in errors["date_end"]
    edition.refresh_from_db()
    assert edition.date_end == dt.date(1914, 6, 7)


def test_a_duplicate_slug_is_an_error_on_the_slug(editor_client, edition):
    data = letter_form(editor_client, edition)
    data["slug"] = "lenin-to-armand-1914-07-16"
    data["body"] = "Changed as well."
    response = save_letter(editor_client, edition, data)
    assert "slug" in response.context["adminform"].form.errors
    edition.refresh_from_db()
    assert edition.slug == "lenin-to-armand-1914-06-07"
    assert edition.body != "Changed as well."


def test_an_empty_footnote_is_an_error_on_its_text(editor_client, edition):
    before = notes(edition)
    data = letter_form(editor_client, edition)
    data[note_key(data, 3, "text")] = "   "
    response = save_letter(editor_client, edition, data)
    assert_refused(response, edition, before, "This field is required.")


def test_a_footnote_of_nothing_but_unsafe_markup_is_refused(editor_client, edition):
    before = notes(edition)
    data = letter_form(editor_client, edition)
    data[note_key(data, 3, "text")] = "<script>alert(1)</script>"
    response = save_letter(editor_client, edition, data)
    assert_refused(response, edition, before, "Nothing is left once the markup")


def test_a_marker_without_a_note_is_refused_and_named(editor_client, edition):
    before = notes(edition)
    data = letter_form(editor_client, edition)
    data["body"] += " A new claim.[^9]"
    response = save_letter(editor_client, edition, data)
    assert_refused(
        response, edition, before, "The body has marker [^9], but there is no note 9"
    )
    edition.refresh_from_db()
    assert "[^9]" not in edition.body


def test_a_new_note_without_a_marker_is_refused_on_its_number(editor_client, edition):
    before = notes(edition)
    data = letter_form(editor_client, edition)
    data["footnotes-TOTAL_FORMS"] = "6"
    data["footnotes-5-number"] = "6"
    data["footnotes-5-text"] = "A note pointing nowhere."
    data["footnotes-5-letter"] = str(edition.pk)
    response = save_letter(editor_client, edition, data)
    assert_refused(response, edition, before, "Note 6 has no marker [^6]")
    (notes_inline,) = [
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "footnotes"
    ]
    errors = notes_inline.formset.errors[5]
    assert "number" in errors


def test_a_new_note_with_its_marker_is_saved(editor_client, edition):
    data = letter_form(editor_client, edition)
    data["body"] += " A new claim.[^6]"
    data["footnotes-TOTAL_FORMS"] = "6"
    data["footnotes-5-number"] = "6"
    data["footnotes-5-text"] = "The new note."
    data["footnotes-5-letter"] = str(edition.pk)
    response = save_letter(editor_client, edition, data)
    assert response.status_code == 302, errors_of(response)
    assert notes(edition)[6] == "The new note."


def test_deleting_a_note_whose_marker_stays_is_refused(editor_client, edition):
    before = notes(edition)
    data = letter_form(editor_client, edition)
    data[note_key(data, 3, "DELETE")] = "on"
    response = save_letter(editor_client, edition, data)
    assert_refused(response, edition, before, "The body has marker [^3]")


def test_deleting_a_note_with_its_marker_is_saved(editor_client, edition):
    data = letter_form(editor_client, edition)
    data[note_key(data, 3, "DELETE")] = "on"
    data["body"] = data["body"].replace("[^3]", "")
    response = save_letter(editor_client, edition, data)
    assert response.status_code == 302, errors_of(response)
    assert sorted(notes(edition)) == [1, 2, 4, 5]


def test_renumbering_a_note_without_its_marker_is_refused(editor_client, edition):
    before = notes(edition)
    data = letter_form(editor_client, edition)
    data[note_key(data, 5, "number")] = "7"
    response = save_letter(editor_client, edition, data)
    assert_refused(
        response, edition, before, "Note 7 has no marker [^7]", "marker [^5]"
    )


def test_two_notes_swap_numbers_with_their_markers(editor_client, edition):
    before = notes(edition)
    data = letter_form(editor_client, edition)
    two, three = note_key(data, 2, "number"), note_key(data, 3, "number")
    data[two], data[three] = "3", "2"
    body = data["body"].replace("[^2]", "[^x]").replace("[^3]", "[^2]")
    data["body"] = body.replace("[^x]", "[^3]")
    response = save_letter(editor_client, edition, data)
    assert response.status_code == 302, errors_of(response)
    after = notes(edition)
    assert (after[2], after[3]) == (before[3], before[2])


def test_two_notes_with_one_number_are_refused(editor_client, edition):
    before = notes(edition)
    data = letter_form(editor_client, edition)
    data[note_key(data, 4, "number")] = "3"
    response = save_letter(editor_client, edition, data)
    assert_refused(response, edition, before, "duplicate data for number")


def test_a_note_imported_without_a_marker_may_stay_so(editor_client):
    # The corpus has notes whose marker the source never printed.
    letter = make_letter(body="Text with one marker.[^1]", footnotes=["One.", "Two."])
    data = letter_form(editor_client, letter)
    data[note_key(data, 1, "text")] = "One, corrected."
    response = save_letter(editor_client, letter, data)
    assert response.status_code == 302, errors_of(response)
    assert notes(letter) == {1: "One, corrected.", 2: "Two."}


def test_the_letter_page_shows_where_each_marker_stands(editor_client, edition):
    page = editor_client.get(admin_url(Letter, "change", edition.pk)).content.decode()
    assert "the liquidators<mark>[^2]</mark> continue" in page
    assert "<small>dateline:</small> 7 June 1914<mark>[^1]</mark>" in page


def test_a_footnote_added_on_its_own_page_needs_a_marker(editor_client, edition):
    response = editor_client.post(
        admin_url(Footnote, "add"),
        {"letter": edition.pk, "number": 8, "text": "Lost note."},
    )
    assert response.status_code == 200
    assert "number" in response.context["adminform"].form.errors
    assert not edition.footnotes.filter(number=8).exists()


def test_a_footnote_is_not_deleted_on_its_own_page(editor_client, edition):
    note = edition.footnotes.get(number=1)
    response = editor_client.get(admin_url(Footnote, "delete", note.pk))
    assert response.status_code == 403


def test_a_topic_with_a_duplicate_slug_is_refused(editor_client, edition):
    response = editor_client.post(
        admin_url(Topic, "add"),
        {"name": "Again", "slug": "malinovsky-affair", "description": ""},
    )
    assert "slug" in response.context["adminform"].form.errors
    assert Topic.objects.filter(slug="malinovsky-affair").count() == 1


# ---------------------------------------------------------------- stale forms


def test_a_stale_save_of_the_same_note_is_refused_and_says_who(
    editor_client, other_editor_client, edition
):
    mine = letter_form(editor_client, edition)
    theirs = letter_form(other_editor_client, edition)
    theirs[note_key(theirs, 3, "text")] = "L.B. Kamenev (their correction)."
    assert save_letter(other_editor_client, edition, theirs).status_code == 302

    mine[note_key(mine, 3, "text")] = "L.B. Kamenev (my correction)."
    response = save_letter(editor_client, edition, mine)
    assert response.status_code == 200
    errors = " ".join(str(e) for e in errors_of(response))
    assert "was changed by second-editor" in errors
    assert "reload the page" in errors
    assert notes(edition)[3] == "L.B. Kamenev (their correction)."


def test_a_stale_delete_of_a_changed_note_is_refused(
    editor_client, other_editor_client, edition
):
    mine = letter_form(editor_client, edition)
    theirs = letter_form(other_editor_client, edition)
    theirs[note_key(theirs, 5, "text")] = "Rabochii: their correction."
    assert save_letter(other_editor_client, edition, theirs).status_code == 302

    mine[note_key(mine, 5, "DELETE")] = "on"
    mine["body"] = mine["body"].replace("[^5]", "")
    response = save_letter(editor_client, edition, mine)
    assert response.status_code == 200
    assert "was changed by second-editor" in " ".join(map(str, errors_of(response)))
    assert notes(edition)[5] == "Rabochii: their correction."


def test_a_stale_page_cannot_save_another_note_until_reloaded(
    editor_client, other_editor_client, edition
):
    mine = letter_form(editor_client, edition)
    theirs = letter_form(other_editor_client, edition)
    theirs[note_key(theirs, 3, "text")] = "Their note 3."
    assert save_letter(other_editor_client, edition, theirs).status_code == 302

    # My page still shows the old note 3; I change note 4 only. The old text of
    # note 3 is posted back unchanged from my page, which differs from the stored
    # text, so it counts as a change of note 3 and is refused too.
    mine[note_key(mine, 4, "text")] = "My note 4."
    response = save_letter(editor_client, edition, mine)
    assert response.status_code == 200
    assert notes(edition)[3] == "Their note 3."

    # Reloaded, the same change goes through.
    fresh = letter_form(editor_client, edition)
    fresh[note_key(fresh, 4, "text")] = "My note 4."
    assert save_letter(editor_client, edition, fresh).status_code == 302
    assert notes(edition)[4] == "My note 4."


def test_a_stale_change_to_the_letter_itself_is_refused(
    editor_client, other_editor_client, edition
):
    mine = letter_form(editor_client, edition)
    theirs = letter_form(other_editor_client, edition)
    theirs["heading"] = "Their heading"
    assert save_letter(other_editor_client, edition, theirs).status_code == 302
    mine["heading"] = "My heading"
    response = save_letter(editor_client, edition, mine)
    assert response.status_code == 200
    assert "was changed by second-editor" in str(
        response.context["adminform"].form.non_field_errors()
    )
    edition.refresh_from_db()
    assert edition.heading == "Their heading"


def test_a_stale_person_note_is_refused(editor_client, other_editor_client, edition):
    person = Person.objects.get(slug="kamenev")
    url = admin_url(Person, "change", person.pk)
    mine = form_data(editor_client.get(url))
    theirs = form_data(other_editor_client.get(url))
    theirs["note"] = "Their note."
    assert other_editor_client.post(url, theirs).status_code == 302
    mine["note"] = "My note."
    response = editor_client.post(url, mine)
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.note == "Their note."
