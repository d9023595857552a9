"""Address blocks above a letter, on made-up page text: a house named with a possessive
is no salutation and no addressee, and an address's last line may end with a full
stop."""

from correspondence.importing.detect import parse_document

LABELS = (
    "Source: Collected Works, Some Publishers, 1970, Moscow, Volume 9, page 3.\n"
    "Public Domain: Some Archive. You may freely copy this work.README\n"
)


def only(tmp_path, text):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    (record,) = parse_document(path)
    return record


def test_an_address_block_with_a_house_and_a_street_with_a_full_stop(tmp_path):
    record = only(
        tmp_path,
        LABELS + "\nHer Excellency Anna Reader,\nPetrov’s House, Apt. 4,\n"
        "Long Street.\n\nOctober 1, 1900\n\nDear Anna,\n\nThe books came.\n\nA. W.\n",
    )
    assert record.recipients == ["Anna Reader"]
    assert (record.dateline, record.salutation) == ("October 1, 1900", "Dear Anna,")
    assert record.body == "The books came."


def test_a_short_first_sentence_is_still_the_letters(tmp_path):
    record = only(tmp_path, LABELS + "\nMany thanks.\n\nThe books came.\n\nA. W.\n")
    assert record.body == "Many thanks.\n\nThe books came."


def test_initials_before_a_closing_sentence_are_the_signature(tmp_path):
    record = only(
        tmp_path,
        LABELS + "\nDear Anna,\n\nThe books came.\n\nA. W.\n\nRegards to all.\n",
    )
    assert (record.closing, record.signature) == ("", "A. W.")
    assert record.postscript == "Regards to all."
