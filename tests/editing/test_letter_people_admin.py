"""Issue 16 in the admin: editors see and edit each sender's and recipient's role and
order on the letter's page; a save that leaves them alone changes none of them."""

import datetime as dt

import pytest

from browse.search import search_letters
from correspondence.models import Letter
from correspondence.people_links import LetterRecipient, LetterSender
from tests.factories import make_letter, make_person

from .helpers import admin_url, errors_of, letter_form, save_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter():
    return make_letter(
        senders=[
            make_person("Lenin", slug="lenin"),
            (make_person("Zinoviev", slug="zinoviev"), "co_signer"),
        ],
        recipients=[
            make_person("Stalin", slug="stalin"),
            (make_person("Cheka", slug="cheka"), "copy_to"),
        ],
        date=dt.date(1919, 5, 1),
    )


def stored_links():
    return [
        list(
            model.objects.order_by("pk").values_list(
                "pk", "person_id", "role", "position"
            )
        )
        for model in (LetterSender, LetterRecipient)
    ]


def test_the_letter_s_page_shows_each_person_s_role_and_order(editor_client, letter):
    response = editor_client.get(admin_url(Letter, "change", letter.pk))
    assert response.status_code == 200
    inlines = {
        inline.formset.prefix: inline.formset
        for inline in response.context["inline_admin_formsets"]
    }
    senders = inlines["sender_links"]
    assert [
        (form.instance.person.name, form.instance.role, form.instance.position)
        for form in senders.initial_forms
    ] == [("Lenin", "sender", 0), ("Zinoviev", "co_signer", 1)]
    assert {"person", "role", "position"} <= set(senders.forms[0].fields)
    page = response.content.decode()
    assert "copy to" in page and "co-signer" in page


def test_saving_a_letter_without_touching_its_people_changes_none_of_them(
    editor_client, letter
):
    before = stored_links()
    history = letter.history.count()
    data = letter_form(editor_client, letter)
    data["salutation"] = "Dear comrades,"
    response = save_letter(editor_client, letter, data)
    assert response.status_code == 302, errors_of(response)
    assert stored_links() == before
    assert Letter.objects.get(pk=letter.pk).salutation == "Dear comrades,"
    # the save's own row (and its baseline), no row for links that did not change
    assert letter.history.count() == history + 1
    latest = letter.history.latest()
    assert [
        (row.person.slug, row.role, row.position)
        for row in latest.recipients.order_by("position")
    ] == [("stalin", "recipient", 0), ("cheka", "copy_to", 1)]


def test_an_editor_changes_a_role_and_the_order_and_the_page_follows(
    editor_client, client, letter
):
    data = letter_form(editor_client, letter)
    # the Cheka becomes an addressee, before Stalin
    data["recipient_links-1-role"] = "recipient"
    data["recipient_links-1-position"] = "0"
    data["recipient_links-0-position"] = "1"
    response = save_letter(editor_client, letter, data)
    assert response.status_code == 302, errors_of(response)
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.title == "Lenin and Zinoviev to Cheka and Stalin, 1 May 1919"
    page = client.get(letter.get_absolute_url()).content.decode()
    assert "<dt>Copy to</dt>" not in page
    latest = letter.history.latest()
    assert [
        (row.person.slug, row.role) for row in latest.recipients.order_by("position")
    ] == [("cheka", "recipient"), ("stalin", "recipient")]


def test_a_person_added_in_the_inline_is_found_by_search(editor_client, letter):
    kamenev = make_person("Kamenev", slug="kamenev")
    data = letter_form(editor_client, letter)
    data |= {
        "recipient_links-TOTAL_FORMS": "3",
        "recipient_links-2-person": str(kamenev.pk),
        "recipient_links-2-role": "copy_to",
        "recipient_links-2-position": "2",
    }
    response = save_letter(editor_client, letter, data)
    assert response.status_code == 302, errors_of(response)
    assert [link.person.slug for link in letter.recipient_list] == [
        "stalin",
        "cheka",
        "kamenev",
    ]
    assert [hit.pk for hit in search_letters("Kamenev")] == [letter.pk]


def test_a_letter_needs_a_sender(editor_client, letter):
    data = letter_form(editor_client, letter)
    data["sender_links-0-DELETE"] = "on"
    data["sender_links-1-DELETE"] = "on"
    response = save_letter(editor_client, letter, data)
    assert response.status_code == 200
    assert "A letter needs a sender" in " ".join(errors_of(response))
    assert len(letter.sender_list) == 2
