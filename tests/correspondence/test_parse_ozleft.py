"""The Ozleft seed page (fixtures/documents/000_...) parses into its four letters."""

import datetime as dt
import re
from pathlib import Path

import pytest

from correspondence.importing.detect import parse_document
from correspondence.importing.records import ParseError

SEED = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "documents"
    / "000_69203cdc2c9cc7df.txt"
)
FURNITURE = (
    "An independent forum", "Left links", "Ozleft home", "Comments welcome",
    "Since September 24, 2003", "Letters from Lenin to Inessa Armand", "Extracts from",
)  # fmt: skip


@pytest.fixture(scope="module")
def letters():
    return {
        letter.origin.split("#document-")[1]: letter for letter in parse_document(SEED)
    }


def parts(letter):
    return [
        letter.heading, letter.headnote, letter.dateline, letter.salutation,
        letter.body, letter.closing, letter.signature, letter.postscript,
    ]  # fmt: skip


def test_the_page_splits_into_documents_6_to_9_with_origins_and_heading_lines(letters):
    assert list(letters) == ["6", "7", "8", "9"]
    assert [letters[n].origin for n in letters] == [
        f"000_69203cdc2c9cc7df.txt#document-{n}" for n in (6, 7, 8, 9)
    ]
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for letter in letters.values():
        assert lines[letter.line - 1] == letter.heading


def test_headings_are_kept_as_printed_and_excerpts_are_flagged(letters):
    assert letters["9"].heading == "Document 9. Letter to Armand. (p 27-30)"
    assert letters["7"].heading == "Document 7. Excerpt of a Letter to Armand. (p 27)"
    assert {n: letter.excerpt for n, letter in letters.items()} == {
        "6": False,
        "7": True,
        "8": True,
        "9": False,
    }


def test_every_letter_is_from_lenin_to_armand_as_the_page_names_them(letters):
    for letter in letters.values():
        assert letter.senders == ["Lenin"]
        assert letter.recipients == ["Armand"]


def test_each_letter_cites_the_pipes_edition_with_its_pages_and_the_ozleft_transcription(  # noqa: E501
    letters,
):
    pages = {"6": "26", "7": "27", "8": "27", "9": "27-30"}
    for number, letter in letters.items():
        edition, transcription = letter.sources
        assert (
            edition.role,
            edition.title,
            edition.editor,
            edition.author,
            edition.year,
        ) == (
            "edition",
            "The Unknown Lenin: From the Secret Archives",
            "Richard Pipes",
            "",
            "1996",
        )
        assert edition.pages == pages[number]
        assert (transcription.role, transcription.title) == ("transcription", "Ozleft")
        assert (
            transcription.url
            == transcription.transcriber
            == transcription.licence
            == ""
        )


@pytest.mark.parametrize(
    ("number", "as_written", "start", "end", "precision", "supplied", "julian"),
    [
        ("6", "25 May (7 June) 1914", dt.date(1914, 6, 7), dt.date(1914, 6, 7), "day",
         False, dt.date(1914, 5, 25)),
        ("7", "[Prior to 23 June (6 July) 1914]", None, dt.date(1914, 7, 6), "before",
         True, dt.date(1914, 6, 23)),
        ("8", "[3 (16) July 1914]", dt.date(1914, 7, 16), dt.date(1914, 7, 16), "day",
         True, dt.date(1914, 7, 3)),
        ("9", "[Before 12 (25) July 1914]", None, dt.date(1914, 7, 25), "before", True,
         dt.date(1914, 7, 12)),
    ],
)  # fmt: skip
def test_each_document_has_its_editorial_date(
    letters, number, as_written, start, end, precision, supplied, julian
):
    date = letters[number].date
    assert (
        date.as_written,
        date.start,
        date.end,
        date.precision,
        date.supplied,
        date.julian,
    ) == (
        as_written,
        start,
        end,
        precision,
        supplied,
        julian,
    )


def test_document_6_has_the_dateline_written_on_the_letter_with_its_marker(letters):
    assert letters["6"].dateline == "7 June 1914[^1]"
    assert [letters[n].dateline for n in "789"] == ["", "", ""]


def test_salutations_closing_signature_and_postscripts_are_their_own_parts(letters):
    six, seven, eight, nine = (letters[n] for n in "6789")
    assert six.salutation == "Dear friend!"
    assert seven.salutation == ""
    assert eight.salutation == "My dear & dearest friend![^1]"
    assert nine.salutation == "My dear & dearest friend!"
    assert (six.closing, six.signature) == ("Yours truly", "")
    assert (nine.closing, nine.signature) == ("", "Your W.L.")
    assert six.postscript == (
        "After your depart from Paris — you will not accomplish anything there! "
        "What can you do with people like that!"
    )
    assert nine.postscript.startswith(
        'In our capital "etat de siege". Both [Bolshevik] papers'
    )
    assert "The brother[^6] must be safe" in nine.postscript
    assert nine.postscript.endswith("Nothing is certain.")
    assert seven.postscript == eight.postscript == ""


def test_body_paragraphs_are_separated_by_blank_lines_and_exclude_the_other_parts(
    letters,
):
    six, seven, eight, nine = (letters[n] for n in "6789")
    assert [len(letter.body.split("\n\n")) for letter in (six, seven, eight, nine)] == [
        3,
        1,
        1,
        5,
    ]
    assert six.body.startswith("I am always very busy now & worried")
    assert six.body.endswith("I have caused you a great pain, I know it.")
    assert seven.body.startswith(
        "Never, never have I written that I esteem only three women."
    )
    assert eight.body == (
        "Oh, I would like to kiss you thousand times greeting you & wishing you but "
        "success: I am fully sure you will be victorious."
    )
    assert nine.body.startswith(
        "Best greetings for the commencing revolution in Russia."
    )
    assert nine.body.endswith(
        "Yours very truly, I hope You are not angry against me, my dear friend?"
    )
    for letter in letters.values():
        for part in (
            letter.salutation,
            letter.closing,
            letter.signature,
            letter.postscript,
        ):
            if part:
                assert part not in letter.body


def test_the_paragraph_before_document_9_is_its_headnote(letters):
    assert letters["9"].headnote == (
        "The importance of Document 9 lies in the opening sentence, which reveals that "
        "Lenin saw the outbreak of the First World War as inevitably leading to a "
        "revolution in Russia."
    )
    assert [letters[n].headnote for n in "678"] == ["", "", ""]
    assert "The importance" not in letters["8"].footnotes[-1].text


def test_footnotes_are_counted_per_document_and_kept_verbatim(letters):
    assert [len(letters[n].footnotes) for n in "6789"] == [5, 0, 1, 6]
    for letter in letters.values():
        assert [note.number for note in letter.footnotes] == list(
            range(1, len(letter.footnotes) + 1)
        )
    six, nine = letters["6"].footnotes, letters["9"].footnotes
    assert six[0].text == "The date is recorded in the hand of Armand."
    assert six[4].text.startswith(
        "Reference to the newspaper Rabochii [The workerj, the first"
    )
    assert nine[1].text.startswith(
        "Georgy Valentinovich Plekhanov (18/6/1918): founding father"
    )
    assert nine[5].text == "L.B. Kamenev."
    assert letters["8"].footnotes[0].text == 'The PSS version has it, "My dear friend!"'


@pytest.mark.parametrize(
    ("number", "marked"),
    [
        ("6", "the liquidators[^2] continue"),
        ("6", "Wiring [sic] with brother[^3] & small"),
        ("6", "members of the Central Committee.[^4] As for"),
        ("6", "the new newspaper.[^5]"),
        ("9", "forgotten in such time.[^1] (I understand"),
        ("9", "the liquidators & Plekhanov[^2] & other canailles"),
        ("9", "from the letton [Latvian] party.[^3]"),
        ("9", "the events in SPB [St Petersburg].[^4]"),
        ("9", "the stupid wife of the army.[^5] She is here"),
    ],
)
def test_glued_markers_become_references_at_the_exact_place(letters, number, marked):
    assert marked in letters[number].body


def test_every_marker_has_its_note_and_every_note_its_marker_on_this_page(letters):
    for letter in letters.values():
        found = [
            int(n) for part in parts(letter) for n in re.findall(r"\[\^(\d+)\]", part)
        ]
        assert found == [note.number for note in letter.footnotes]


@pytest.mark.parametrize(
    ("number", "text"),
    [
        ("7", "confined to only 2-3 women"),
        ("9", "i) young man with grey hair"),
        ("9", "after having left Krakow in summer 1912, and"),
        ("6", "Wiring [sic]"), ("6", "Generalle he is very good, excellent — but"),
        ("6", "infamous compagn of slander"), ("6", "we knew oui dire (rumors)"),
        ("6", "the wire [news]"), ("6", "submitting [them] to"),
        ("6", "so useless & helpless"),
        ("6", "see him -- so"), ("9", "but no telegramms!!"),
        ("9", "Oh, quelle misère!"), ("9", 'the new "third-july block"!!)'),
    ],
)  # fmt: skip
def test_other_digits_and_the_diplomatic_text_are_kept_letter_for_letter(
    letters, number, text
):
    assert text in letters[number].body


def test_no_page_furniture_reaches_any_letter(letters):
    for letter in letters.values():
        text = "\n".join(parts(letter) + [note.text for note in letter.footnotes])
        for furniture in FURNITURE:
            assert furniture not in text


def test_the_source_typo_in_a_note_is_kept(letters):
    assert "[The workerj," in letters["6"].footnotes[4].text


def write(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_text():
    return SEED.read_text(encoding="utf-8")


def test_a_heading_with_no_date_line_after_it_is_an_error_naming_file_and_line(
    tmp_path,
):
    text = "Letters from Lenin to Inessa Armand\n\nDocument 1. Letter to Armand (p 1)\n"
    with pytest.raises(
        ParseError, match=r"page\.txt:3: expected a date line after the heading"
    ):
        parse_document(write(tmp_path, text))


def test_a_heading_whose_next_line_is_not_a_date_is_an_error(tmp_path):
    text = seed_text().replace("[3 (16) July 1914]", "Sometime that summer")
    with pytest.raises(ParseError) as caught:
        parse_document(write(tmp_path, text))
    assert str(caught.value).startswith(
        f"{tmp_path / 'page.txt'}:48: cannot read the date"
    )


def test_a_note_number_given_twice_is_an_error(tmp_path):
    text = seed_text().replace("3. L.B. Kamenev.", "2. L.B. Kamenev.")
    with pytest.raises(ParseError, match=r":34: note 2 is numbered twice"):
        parse_document(write(tmp_path, text))


def test_a_note_out_of_sequence_is_an_error(tmp_path):
    text = seed_text().replace("3. L.B. Kamenev.", "4. L.B. Kamenev.")
    with pytest.raises(ParseError, match=r":34: expected note 3, found note 4"):
        parse_document(write(tmp_path, text))


def test_a_glued_number_that_is_not_the_next_note_stays_text(tmp_path):
    text = seed_text().replace("the liquidators2 continue", "the liquidators7 continue")
    six = parse_document(write(tmp_path, text))[0]
    assert "the liquidators7 continue" in six.body
    # the next expected note is still 2: brother3 is no longer a marker, and so on
    assert "brother3" in six.body
