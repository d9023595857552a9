"""Every change is recorded (who, when, what), shown as a diff, and can be reverted."""

import datetime as dt

import pytest
from django.utils import timezone

from correspondence.models import Footnote, Letter, LetterSource, Source, Topic
from editing.history import BASELINE_REASON, annotations_last_changed
from people.models import Person, PersonName
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

HISTORIES = [Letter, Footnote, Topic, Source, LetterSource, Person, PersonName]


def edit_note(client, letter, number, text):
    data = letter_form(client, letter)
    data[f"footnotes-{note_index(data, number)}-text"] = text
    response = save_letter(client, letter, data)
    assert response.status_code == 302, errors_of(response)
    return letter.footnotes.get(number=number)


def revert(client, model, obj_pk, record):
    url = admin_url(model, "simple_history", obj_pk, record.history_id)
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, form_data(form))
    assert response.status_code == 302, errors_of(response)


def test_loading_the_edition_writes_no_history(client, edition):
    for model in HISTORIES:
        assert not model.history.exists(), model
    page = client.get(edition.get_absolute_url()).content.decode()
    assert "Annotations last changed" not in page


def test_an_edit_is_recorded_with_who_when_and_the_state_before_it(
    editor_client, editor, edition
):
    original = edition.footnotes.get(number=3).text
    note = edit_note(editor_client, edition, 3, "L.B. Kamenev (1883-1936).")
    baseline, change = note.history.order_by("history_id")
    assert (baseline.text, baseline.history_change_reason) == (
        original,
        BASELINE_REASON,
    )
    assert (change.text, change.history_user, change.history_type) == (
        "L.B. Kamenev (1883-1936).",
        editor,
        "~",
    )
    assert timezone.now() - change.history_date < dt.timedelta(minutes=1)
    # Only the note changed: the untouched notes got no rows.
    assert Footnote.history.exclude(id=note.pk).count() == 0


def test_the_history_page_shows_a_field_by_field_diff(editor_client, edition):
    note = edit_note(editor_client, edition, 3, "L.B. Kamenev (1883-1936).")
    page = editor_client.get(admin_url(Footnote, "history", note.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>Text:</strong>" in html
    assert "L.B. Kamenev." in html and "L.B. Kamenev (1883-1936)." in html
    assert "editor" in html


def test_an_edit_shows_on_the_public_page_at_once_and_a_revert_restores_it(
    editor_client, client, edition
):
    url = edition.get_absolute_url()
    assert "L.B. Kamenev." in client.get(url).content.decode()
    note = edit_note(editor_client, edition, 3, "Lev Borisovich Kamenev.")
    assert "Lev Borisovich Kamenev." in client.get(url).content.decode()

    baseline = note.history.earliest()
    revert(editor_client, Footnote, note.pk, baseline)
    page = client.get(url).content.decode()
    assert "L.B. Kamenev." in page
    assert "Lev Borisovich" not in page
    latest = note.history.latest()
    assert (latest.text, latest.history_user.username) == ("L.B. Kamenev.", "editor")


def test_a_letter_s_people_and_topics_are_recorded_and_restored(editor_client, edition):
    kamenev = Person.objects.get(slug="kamenev")
    data = letter_form(editor_client, edition)
    # Lenin stays, Kamenev signs first (the senders' inline: person, role, order)
    data["sender_links-0-position"] = "1"
    data |= {
        "sender_links-TOTAL_FORMS": "2",
        "sender_links-1-person": str(kamenev.pk),
        "sender_links-1-role": "sender",
        "sender_links-1-position": "0",
    }
    data["sender_links-0-role"] = "co_signer"
    data["topics"] = []
    response = save_letter(editor_client, edition, data)
    assert response.status_code == 302, errors_of(response)
    assert [(link.person.slug, link.role) for link in edition.sender_list] == [
        ("kamenev", "sender"),
        ("lenin", "co_signer"),
    ]

    latest = edition.history.latest()
    assert [
        (row.person.slug, row.role, row.position)
        for row in latest.senders.order_by("position")
    ] == [("kamenev", "sender", 0), ("lenin", "co_signer", 1)]
    assert list(latest.topics.all()) == []
    baseline = edition.history.earliest()
    assert baseline.history_change_reason == BASELINE_REASON
    assert [(row.person.slug, row.role) for row in baseline.senders.all()] == [
        ("lenin", "sender")
    ]

    page = editor_client.get(admin_url(Letter, "history", edition.pk)).content.decode()
    assert "<strong>Senders:</strong>" in page

    revert(editor_client, Letter, edition.pk, baseline)
    assert [(link.person.slug, link.role) for link in edition.sender_list] == [
        ("lenin", "sender")
    ]
    assert set(edition.topics.values_list("slug", flat=True)) == {
        "lenin-and-armand",
        "liquidators",
        "malinovsky-affair",
    }


def test_a_letter_s_text_is_restored_from_its_history(editor_client, client, edition):
    data = letter_form(editor_client, edition)
    data["headnote"] = "A new <i>headnote</i>."
    assert save_letter(editor_client, edition, data).status_code == 302
    page = client.get(edition.get_absolute_url()).content.decode()
    assert "A new <i>headnote</i>." in page
    revert(editor_client, Letter, edition.pk, edition.history.earliest())
    edition.refresh_from_db()
    assert edition.headnote == ""
    assert edition.date_min == dt.date(1914, 6, 7)  # generated again by the database


def test_a_deleted_note_is_recorded_and_can_be_restored(editor_client, edition):
    note = edition.footnotes.get(number=5)
    data = letter_form(editor_client, edition)
    data[f"footnotes-{note_index(data, 5)}-DELETE"] = "on"
    data["body"] = data["body"].replace("[^5]", "")
    assert save_letter(editor_client, edition, data).status_code == 302
    assert not Footnote.objects.filter(pk=note.pk).exists()
    assert Footnote.history.filter(id=note.pk).latest().history_type == "-"

    page = editor_client.get(admin_url(Footnote, "history", note.pk))
    assert page.status_code == 200
    revert(
        editor_client,
        Footnote,
        note.pk,
        Footnote.history.get(id=note.pk, history_change_reason=BASELINE_REASON),
    )
    assert edition.footnotes.get(number=5).text == note.text


def test_person_and_topic_edits_are_recorded_with_the_editor(
    editor_client, editor, edition
):
    person = Person.objects.get(slug="kamenev")
    url = admin_url(Person, "change", person.pk)
    data = form_data(editor_client.get(url))
    data["note"] = "Lev Borisovich Kamenev, 1883-1936."
    data["life_dates"] = "1883-1936"
    assert editor_client.post(url, data).status_code == 302
    latest = person.history.latest()
    assert (latest.note, latest.history_user) == (data["note"], editor)
    delta = latest.diff_against(latest.prev_record)
    assert {change.field for change in delta.changes} == {"note", "life_dates"}

    topic = Topic.objects.get(slug="liquidators")
    url = admin_url(Topic, "change", topic.pk)
    data = form_data(editor_client.get(url))
    data["description"] = "Mensheviks who would <i>liquidate</i> the party."
    assert editor_client.post(url, data).status_code == 302
    assert topic.history.latest().history_user == editor


def test_the_letter_page_says_when_its_annotations_last_changed(
    editor_client, client, edition
):
    edit_note(editor_client, edition, 2, "Liquidators: Mensheviks.")
    changed = annotations_last_changed(edition)
    assert changed == Footnote.history.latest().history_date
    page = client.get(edition.get_absolute_url()).content.decode()
    day = timezone.localtime(changed)
    assert f'Annotations last changed on <time datetime="{day.isoformat()}">' in page
    assert f"{day.day} {day:%B} {day.year}</time>" in page


@pytest.mark.parametrize("notes", [1, 8])
def test_the_letter_page_costs_the_same_queries_however_long_its_history(
    client, django_assert_num_queries, notes
):
    markers = "".join(f" word[^{n}]" for n in range(1, notes + 1))
    letter = make_letter(body=f"Text{markers}.", footnotes=["A note."] * notes)
    for note in letter.footnotes.all():
        for n in range(3):
            note.text = f"Version {n}."
            note.save()
    # letter (with its places), senders, recipients, mentions, languages, topics,
    # footnotes, sources, the two latest history dates; letter to letter, alone in the
    # edition and in its correspondence (correspondence/neighbours.py): 3 + 1
    with django_assert_num_queries(14):
        assert client.get(letter.get_absolute_url()).status_code == 200


def test_saves_outside_the_admin_are_recorded_too_without_a_user():
    letter = make_letter(footnotes=["A note."])
    assert letter.history.earliest().history_type == "+"
    assert letter.history.earliest().history_user is None
    assert letter.footnotes.get().history.count() == 1


def save_letter_with(client, letter, **changes):
    data = letter_form(client, letter)
    data.update(changes)
    response = save_letter(client, letter, data)
    assert response.status_code == 302, errors_of(response)


def test_a_correction_of_the_text_is_no_change_to_the_annotations(
    editor_client, client, edition
):
    save_letter_with(editor_client, edition, salutation="Dear friend!!")
    assert edition.history.latest().history_user.is_staff  # an editor's change
    assert annotations_last_changed(edition) is None
    page = client.get(edition.get_absolute_url()).content.decode()
    assert "Annotations last changed" not in page


def test_a_change_to_the_headnote_or_the_topics_is_told(editor_client, edition):
    save_letter_with(editor_client, edition, headnote="Written from Kraków.")
    assert annotations_last_changed(edition) == edition.history.latest().history_date
    letter = Letter.objects.get(slug="lenin-to-shahumyan-1918-05-14")
    topic = Topic.objects.get(slug="liquidators")
    data = letter_form(editor_client, letter)
    data["topics"] = [*data.get("topics", []), str(topic.pk)]
    assert save_letter(editor_client, letter, data).status_code == 302
    assert annotations_last_changed(letter) == letter.history.latest().history_date
