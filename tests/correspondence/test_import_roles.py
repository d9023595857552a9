"""Issue 16: an import keeps how each person stands on a letter (sender or co-signer,
addressee or "copy to") and the order the page names them in; a re-import changes
nothing, and an editor's roles and order survive it."""

from pathlib import Path

import pytest

from correspondence.importing.importer import letters_import
from correspondence.models import Letter
from correspondence.people_links import LetterSender, write_links
from people.models import Person

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
TELEGRAM = "019-1917-telegram-journey-through-germany.txt"  # Lenin, Zinoviev, Ulyanova
CHEKA = "025-1918-telegram-rodniki-surkov-library.txt"  # "Copy to the Cheka"
MDIVANI = "039-1923-mdivani-makharadze-last-letter.txt"  # copies to Trotsky, Kamenev


def letter_of(name):
    return Letter.objects.get(origin=f"{name}#letter")


def links(letter):
    return (
        [(link.person.name, link.role) for link in letter.sender_list],
        [(link.person.name, link.role) for link in letter.recipient_list],
    )


def test_co_signers_are_senders_after_the_sender_with_their_role():
    letters_import(paths=[CORPUS / TELEGRAM])
    senders, _ = links(letter_of(TELEGRAM))
    assert senders == [
        ("Lenin", "sender"),
        ("Zinoviev", "co_signer"),
        ("Ulyanova", "co_signer"),
    ]


def test_a_copy_s_addressee_is_a_recipient_with_the_role_copy_to():
    letters_import(paths=[CORPUS / CHEKA])
    letter = letter_of(CHEKA)
    _, recipients = links(letter)
    assert recipients == [
        ("Rodniki Executive Committee", "recipient"),
        ("Cheka", "copy_to"),
    ]
    # the title names the addressees, not those a copy went to
    assert letter.title.startswith("Lenin to Rodniki Executive Committee, ")
    # a recipient still, for browsing by recipient
    cheka = Person.objects.get(name="Cheka")
    assert list(Letter.objects.received_by([cheka.slug])) == [letter]


def test_addressees_and_copies_keep_the_page_s_order_not_the_alphabet_s():
    letters_import(paths=[CORPUS / MDIVANI])
    _, recipients = links(letter_of(MDIVANI))
    assert recipients == [
        ("P. G. Mdivani", "recipient"),
        ("F. Y. Makharadze", "recipient"),
        ("Trotsky", "copy_to"),
        ("Kamenev", "copy_to"),
    ]


def test_a_re_import_changes_no_role_and_no_order():
    pages = [CORPUS / name for name in (TELEGRAM, CHEKA, MDIVANI)]
    letters_import(paths=pages)
    rows = list(
        LetterSender.objects.order_by("pk").values_list("pk", "role", "position")
    )
    before = {name: links(letter_of(name)) for name in (TELEGRAM, CHEKA, MDIVANI)}
    report = letters_import(paths=pages)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert {name: links(letter_of(name)) for name in before} == before
    assert (
        list(LetterSender.objects.order_by("pk").values_list("pk", "role", "position"))
        == rows
    )


def test_an_editor_s_roles_and_order_survive_a_re_import():
    letters_import(paths=[CORPUS / MDIVANI])
    letter = letter_of(MDIVANI)
    people = {link.person.name: link.person for link in letter.recipient_list}
    # the editor: Makharadze first, and Kamenev an addressee
    edited = [
        (people["F. Y. Makharadze"], "recipient"),
        (people["P. G. Mdivani"], "recipient"),
        (people["Kamenev"], "recipient"),
        (people["Trotsky"], "copy_to"),
    ]
    write_links(letter, "recipients", edited)
    report = letters_import(paths=[CORPUS / MDIVANI])
    (result,) = report.files[0].letters
    assert result.action == "unchanged"
    assert "the editor's roles and order of the recipients" in result.kept
    assert links(letter_of(MDIVANI))[1] == [
        (person.name, role) for person, role in edited
    ]


def test_an_import_from_before_roles_were_kept_takes_the_page_s_roles():
    """A letter imported before issue 16 has links as the migration left them (all
    senders, stored order) and an import record without roles: a re-import gives it
    the page's."""
    letters_import(paths=[CORPUS / TELEGRAM])
    letter = letter_of(TELEGRAM)
    LetterSender.objects.filter(letter=letter).update(role="sender", position=0)
    imported = letter.imported
    del imported["links"]
    Letter.objects.filter(pk=letter.pk).update(imported=imported)
    report = letters_import(paths=[CORPUS / TELEGRAM])
    (result,) = report.files[0].letters
    assert (result.action, result.changed) == ("updated", ["senders"])
    assert links(letter_of(TELEGRAM))[0] == [
        ("Lenin", "sender"),
        ("Zinoviev", "co_signer"),
        ("Ulyanova", "co_signer"),
    ]
    assert letters_import(paths=[CORPUS / TELEGRAM]).unchanged == 1
