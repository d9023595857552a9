"""The Marxists Internet Archive seed page (fixtures/documents/002_...) parses into one
letter."""

import datetime as dt
from pathlib import Path

import pytest

from correspondence.importing.detect import parse_document
from correspondence.importing.records import ParseError

SEED = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "documents"
    / "002_f5d87e88bb137ef6.txt"
)
LICENCE = (
    "Public Domain: Lenin Internet Archive. You may freely copy, distribute, display "
    "and perform this work, as well as make derivative and commercial works. Please "
    "credit “Marxists Internet Archive” as your source."
)


@pytest.fixture(scope="module")
def letter():
    (letter,) = parse_document(SEED)
    return letter


def sources(letter):
    return {source.role: source for source in letter.sources}


def test_the_page_is_one_letter_from_lenin_to_shahumyan(letter):
    assert letter.origin == "002_f5d87e88bb137ef6.txt#letter"
    assert letter.senders == ["Lenin"]
    assert letter.recipients == ["Shahumyan"]


def test_the_written_line_gives_the_date_as_printed_and_the_day(letter):
    date = letter.date
    assert date.as_written == "Written on May 14, 1918"
    assert (date.start, date.end, date.precision) == (dt.date(1918, 5, 14),) * 2 + (
        "day",
    )
    assert (date.supplied, date.julian) == (False, None)


def test_sent_to_gives_the_place_received(letter):
    assert (letter.place_sent, letter.place_received) == ("", "Baku")


def test_the_source_block_is_the_edition_with_its_volume_pages_and_translator(letter):
    edition = sources(letter)["edition"]
    assert (edition.author, edition.title, edition.publisher) == (
        "Lenin",
        "Collected Works",
        "Progress Publishers",
    )
    assert (edition.year, edition.place, edition.volume, edition.pages) == (
        "1976",
        "Moscow",
        "35",
        "332",
    )
    assert edition.translator == "Andrew Rothstein"
    assert edition.note == "Printed from the Bulletins text."


def test_the_published_block_is_the_first_publication(letter):
    first = sources(letter)["first_publication"]
    assert first.title == (
        "Bulletins of the Dictatorship of the Tsentrokaspy and the Presidium of the "
        "Provisional Executive Committee No. 33, September 8, 1918"
    )
    assert first.year == "1918"


def test_the_archive_is_the_transcription_with_transcriber_and_licence_as_printed(
    letter,
):
    transcription = sources(letter)["transcription"]
    assert transcription.title == "Lenin Internet Archive"
    assert transcription.transcriber == "R. Cymbala"
    assert transcription.licence == LICENCE
    assert transcription.url == ""
    assert [source.role for source in letter.sources] == [
        "edition",
        "first_publication",
        "transcription",
    ]


def test_the_letter_parts_are_salutation_three_paragraphs_closing_and_signature(letter):
    assert letter.salutation == "Dear Comrade Shahumyan,"
    paragraphs = letter.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Many thanks for your letter.")
    assert paragraphs[1].endswith("for the time being we have to learn diplomacy.[^1]")
    assert paragraphs[2] == "Best greetings and wishes, and greetings to all friends."
    assert (letter.closing, letter.signature, letter.postscript) == (
        "Yours,",
        "Lenin",
        "",
    )
    assert letter.dateline == letter.heading == letter.headnote == ""
    assert "difficult, situation—and we shall" in letter.body


def test_the_one_note_keeps_its_unnumbered_second_paragraph(letter):
    (note,) = letter.footnotes
    assert note.number == 1
    first, second = note.text.split("\n\n")
    assert first.startswith("The defeat of the anti-Soviet revolt of the Mussavatists")
    assert second.startswith("The Azerbaijan workers’ and peasants’ struggle")
    assert second.endswith("within the nationalist parties.")


def test_no_furniture_or_label_reaches_the_letter(letter):
    text = "\n".join(
        [
            letter.salutation,
            letter.body,
            letter.closing,
            letter.signature,
            letter.postscript,
        ]
        + [note.text for note in letter.footnotes]
    )
    for furniture in (
        "Other Formats",
        "README",
        "| |",
        "Text\n",
        "Written:",
        "Source:",
    ):
        assert furniture not in text


def write(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_text():
    return SEED.read_text(encoding="utf-8")


def test_a_url_line_gives_the_transcription_url_and_is_not_part_of_the_page(tmp_path):
    url = "https://www.marxists.org/archive/lenin/works/1918/may/14.htm"
    (letter,) = parse_document(write(tmp_path, f"# url: {url}\n" + seed_text()))
    assert sources(letter)["transcription"].url == url
    assert letter.salutation == "Dear Comrade Shahumyan,"


def test_labels_with_values_on_the_same_line_read_the_same(tmp_path):
    text = (
        "V. I.   Lenin\n\nTO S. G. SHAHUMYAN\n\n\n"
        "Written: Written on May 14, 1918\n"
        "Published: Published in Bulletins No. 33, September 8, 1918."
        " Sent from Moscow to Baku."
        " Printed from the Bulletins text.\n"
        "Source: Lenin Collected Works, Progress Publishers, [1976], Moscow,"
        " Volume 35, page 332.\n"
        "Translated: Andrew Rothstein\n"
        "Transcription\\Markup: R. Cymbala\n"
        "Public Domain: Lenin Internet Archive.   You may freely copy.README\n\n"
        "Dear Comrade Shahumyan,\n\nMany thanks.[1]\n\nYours,\nLenin\n\n\nNotes\n\n"
        "[1] A note.\n\n< backward   forward >\nWorks Index   |   Volume 35\n"
    )
    (letter,) = parse_document(write(tmp_path, text))
    edition, first, transcription = letter.sources
    assert letter.heading == "TO S. G. SHAHUMYAN"
    assert letter.recipients == ["S. G. Shahumyan"]
    assert (letter.place_sent, letter.place_received) == ("Moscow", "Baku")
    assert (edition.year, edition.volume, edition.pages, edition.place) == (
        "1976",
        "35",
        "332",
        "Moscow",
    )
    assert (first.title, first.year) == ("Bulletins No. 33, September 8, 1918", "1918")
    assert (
        transcription.licence
        == "Public Domain: Lenin Internet Archive. You may freely copy."
    )
    assert (letter.body, letter.closing, letter.signature) == (
        "Many thanks.[^1]",
        "Yours,",
        "Lenin",
    )
    assert [(note.number, note.text) for note in letter.footnotes] == [(1, "A note.")]


def test_a_bracketed_marker_with_no_note_is_kept_with_a_warning_naming_its_line(
    tmp_path,
):
    # the issue: a page whose note was lost (or is the edition's endnote) still imports
    text = seed_text().replace(
        "Best greetings and wishes,", "Best greetings[2] and wishes,"
    )
    (letter,) = parse_document(write(tmp_path, text))
    assert "Best greetings[^2] and wishes, and greetings" in letter.body
    assert [note.number for note in letter.footnotes] == [1]
    assert letter.warnings == [
        "line 29: footnote marker [2] has no note on the page (kept as a marker; "
        "the note may be in the printed edition)"
    ]


def test_a_note_number_given_twice_is_an_error(tmp_path):
    text = seed_text().replace("The Azerbaijan workers’", "[1] The Azerbaijan workers’")
    with pytest.raises(ParseError, match=r"page\.txt:33: note \[1\] is numbered twice"):
        parse_document(write(tmp_path, text))


def test_a_page_with_no_date_anywhere_imports_undated_with_a_warning(tmp_path):
    # the issue: "A page with no date anywhere imports as undated, with a warning"
    text = seed_text().replace("Written: Written on May 14, 1918\n", "")
    (letter,) = parse_document(write(tmp_path, text))
    assert (letter.date.as_written, letter.date.precision) == ("", "unknown")
    assert (letter.date.start, letter.date.end) == (None, None)
    assert letter.warnings == ["no date on the page: imported as undated"]
