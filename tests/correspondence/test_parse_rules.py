"""General rules of the page parsers, each on a small made-up page (not from the
corpus): labels a page dropped, publication notes, the place in a dateline, address
blocks for several places, co-signers, copies, and text after an Ozleft page's last
notes."""

from correspondence.importing.detect import parse_document
from correspondence.importing.records import recipient_roles, sender_roles

LICENCE = "Public Domain: Some Archive. You may freely copy this work.README\n"


def write(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def page(tmp_path, letter, *, labels=None):
    labels = labels or (
        "Written: Written on April 3, 1910\n"
        "Source: Lenin Collected Works, Progress Publishers, 1974, Moscow, Volume 17, "
        "page 12.\n"
        "Translated: A. Translator\n" + LICENCE
    )
    (record,) = parse_document(write(tmp_path, labels + letter))
    return record


def roles(record):
    return {source.role: source for source in record.sources}


# -- labels and publication notes ------------------------------------------------------


def test_lines_whose_labels_the_page_dropped_are_read_by_what_they_say(tmp_path):
    labels = (
        "Written: Written on April 3, 1910\n"
        "First published in 1950 in Some Miscellany IV.\n"
        "Printed from a copy.\n"
        "Selected Works,\n"
        "Some Publishers,\n"
        "Volume 9,\n"
        "pages 10b-11a.\n"
        "Translated: A. Translator\n"
        "B. Transcriber\n" + LICENCE
    )
    record = page(
        tmp_path, "Dear Friend,\n\nA short letter.\n\nN. Lenin\n", labels=labels
    )
    sources = roles(record)
    edition = sources["edition"]
    assert (edition.title, edition.publisher, edition.volume, edition.pages) == (
        "Selected Works", "Some Publishers", "9", "10b-11a",
    )  # fmt: skip
    assert (edition.translator, edition.note) == (
        "A. Translator",
        "Printed from a copy.",
    )
    assert (sources["first_publication"].title, sources["first_publication"].year) == (
        "Some Miscellany IV", "1950",
    )  # fmt: skip
    assert sources["transcription"].transcriber == "B. Transcriber"
    assert record.date.as_written == "Written on April 3, 1910"


def test_a_translated_value_wrapped_after_and_is_not_a_transcriber(tmp_path):
    labels = (
        "Written: Written on April 3, 1910\n"
        "Source: Lenin Collected Works, Progress Publishers, 1974, Moscow, Volume 17, "
        "page 12.\n"
        "Translated: A. Translator and\n"
        "C. Translator\n" + LICENCE
    )
    record = page(
        tmp_path, "Dear Friend,\n\nA short letter.\n\nN. Lenin\n", labels=labels
    )
    assert roles(record)["transcription"].transcriber == ""


def test_a_bare_year_before_a_first_publication_is_its_year(tmp_path):
    labels = (
        "Written: Written on April 3, 1910\n"
        "Published: 1940, First published in Letters to Friends.\n"
        "Source: Lenin Collected Works, Progress Publishers, 1974, Moscow, Volume 17, "
        "page 12.\n" + LICENCE
    )
    record = page(
        tmp_path, "Dear Friend,\n\nA short letter.\n\nN. Lenin\n", labels=labels
    )
    sources = roles(record)
    assert (sources["first_publication"].title, sources["first_publication"].year) == (
        "Letters to Friends", "1940",
    )  # fmt: skip
    assert sources["edition"].note == ""


def test_a_first_publication_with_only_a_year_stays_a_note_not_a_title(tmp_path):
    labels = (
        "Written: Written on April 3, 1910\n"
        "Published: First published in 1941; Published according to the typescript\n"
        "Source: Lenin Collected Works, Progress Publishers, 1974, Moscow, Volume 17, "
        "page 12.\n" + LICENCE
    )
    record = page(
        tmp_path, "Dear Friend,\n\nA short letter.\n\nN. Lenin\n", labels=labels
    )
    sources = roles(record)
    assert "first_publication" not in sources
    assert sources["edition"].note == (
        "First published in 1941; Published according to the typescript"
    )


# -- the place a dateline names --------------------------------------------------------


def test_a_dateline_names_the_place_sent_before_or_after_the_date(tmp_path):
    labels = (
        "Published: First published in 1950 in Some Miscellany IV. Sent from Lyons to "
        "Paris.\nSource: Lenin Collected Works, Progress Publishers, 1974, Moscow, "
        "Volume 17, page 12.\n" + LICENCE
    )
    before = page(
        tmp_path, "Zurich, 3 April 1910\n\nDear Friend,\n\nA letter.\n\nN. L.\n",
        labels=labels,
    )  # fmt: skip
    assert (before.place_sent, before.place_received) == ("Zurich", "Paris")
    assert before.date.as_written == "Zurich, 3 April 1910"
    weekday = page(tmp_path, "Friday, Lausanne\n\nDear Friend,\n\nA letter.\n\nN. L.\n",
                   labels="Written: Written on April 8, 1910\n" + LICENCE)  # fmt: skip
    assert weekday.place_sent == "Lausanne"
    plain = page(tmp_path, "April 3, 1910\n\nDear Friend,\n\nA letter.\n\nN. L.\n",
                 labels=labels)  # fmt: skip
    assert plain.place_sent == "Lyons"


# -- addressees, co-signers and copies -------------------------------------------------


def test_an_address_repeated_for_several_places_gives_the_person_named_in_each(
    tmp_path,
):
    letter = (
        "Town Soviet\nPort Authority\nIvanov, chief of the river fleet\nNizhny\n"
        "Town Soviet\nPort Authority\nPetrova, head of the grain office\nKazan\n"
        "Send all barges south at once. Report daily.\n\nLenin\n"
    )
    assert page(tmp_path, letter).recipients == ["Ivanov", "Petrova"]


def test_an_address_block_without_a_person_gives_its_first_line(tmp_path):
    letter = (
        "Town Soviet\nKazan, Kazan Gubernia\nSend the barges south at once.\n\nLenin\n"
    )
    assert page(tmp_path, letter).recipients == ["Town Soviet"]


def test_others_signing_beside_the_sender_are_senders_too(tmp_path):
    letter = (
        "We agree to the plan and leave on Monday.\n\n"
        "With thanks,\nKamenev, Lenin and Radek\n"
    )
    record = page(tmp_path, letter)
    assert record.senders == ["Lenin", "Kamenev", "Radek"]
    assert record.co_signers == ["Kamenev", "Radek"]


def test_the_sender_and_co_signers_have_their_roles_in_the_signature_s_order(
    tmp_path,
):
    letter = "We leave on Monday.\n\nZinoviev, Lenin, Ulyanova\n"
    record = page(tmp_path, letter)
    assert sender_roles(record) == [
        ("Lenin", "sender"),
        ("Zinoviev", "co_signer"),
        ("Ulyanova", "co_signer"),
    ]


def test_a_sender_alone_has_no_co_signer(tmp_path):
    record = page(tmp_path, "We leave on Monday.\n\nLenin\n")
    assert (record.co_signers, sender_roles(record)) == ([], [("Lenin", "sender")])


def test_a_title_as_signature_names_no_co_signer(tmp_path):
    letter = "Release the grain at once.\n\nChairman, Labour Council\n"
    assert page(tmp_path, letter).senders == ["Lenin"]


def test_a_copy_line_adds_its_addressees_as_recipients_after_the_addressee(tmp_path):
    letter = (
        "Comrade Orlov\nCopy to Comrades Sidorov and Belova\nCopy to the Supply Board\n"
        "Dear Comrade,\n\nThe grain must go today.\n\nLenin\n"
    )
    record = page(tmp_path, letter)
    assert record.recipients == ["Orlov", "Sidorov", "Belova", "Supply Board"]
    assert "Copy to" not in record.body + record.salutation


def test_a_copy_s_addressees_have_the_role_copy_to_in_the_page_s_order(tmp_path):
    letter = (
        "Comrade Orlov\nCopy to the Cheka\nCopy to Comrades Sidorov and Belova\n"
        "Dear Comrade,\n\nThe grain must go today.\n\nLenin\n"
    )
    record = page(tmp_path, letter)
    assert record.copies_to == ["Cheka", "Sidorov", "Belova"]
    assert recipient_roles(record) == [
        ("Orlov", "recipient"),
        ("Cheka", "copy_to"),
        ("Sidorov", "copy_to"),
        ("Belova", "copy_to"),
    ]


def test_an_addressee_also_sent_a_copy_stays_an_addressee(tmp_path):
    letter = (
        "Comrade Orlov\nCopy to Comrade Orlov\n"
        "Dear Comrade,\n\nThe grain must go today.\n\nLenin\n"
    )
    record = page(tmp_path, letter)
    assert recipient_roles(record) == [("Orlov", "recipient")]


# -- Ozleft: text after the last document's notes --------------------------------------

OZLEFT = """Letters from Anna to Boris

Extracts from A Book of Letters, C. Editor, 1990

Document 1. Letter to Boris (p 5)

[3 May 1912]

Dear Boris,

The weather is fine.1

Yours, Anna

1. A note that breaks off

and goes on here.

Document 2. Letter to Boris (p 6)

[4 May 1912]

Dear Boris,

Still fine.1

Anna

1. Another note.

A word from the page's editors about this collection.

Some Site home
"""


def test_an_ozleft_note_goes_on_only_where_it_breaks_off_and_page_text_is_no_note(
    tmp_path,
):
    first, second = parse_document(write(tmp_path, OZLEFT))
    assert [note.text for note in first.footnotes] == [
        "A note that breaks off\n\nand goes on here."
    ]
    assert second.headnote == ""
    assert [note.text for note in second.footnotes] == ["Another note."]
