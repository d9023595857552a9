"""Rules for pages the parsers were never tuned to (issue 16), each on a few lines of
made-up page text: markers whose notes the page lost, dates found where the page gives
them (after the letter, in the publication note, in the title), an undated page, date
bounds in words."""

import datetime as dt

from correspondence.dates import parse_date
from correspondence.importing.detect import parse_document

LICENCE = "Public Domain: Some Archive. You may freely copy this work.README\n"
SOURCE = "Source: Collected Works, Some Publishers, 1970, Moscow, Volume 9, page 3.\n"


def parse(tmp_path, text, name="page.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(path)


def only(tmp_path, text):
    (record,) = parse(tmp_path, text)
    return record


# -- markers -------------------------------------------------------------------------


def test_an_edition_endnote_number_is_a_marker_and_a_bracketed_year_is_text(tmp_path):
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nLondon, 2 May [1861]\n\nDear Friend,\n\n"
        "The pamphlet [212] is out.\n\nYours,\nA. B.\n",
    )
    assert record.body == "The pamphlet [^212] is out."
    assert record.dateline == "London, 2 May [1861]"
    assert record.date.start == dt.date(1861, 5, 2)
    assert len(record.warnings) == 1 and "[212] has no note" in record.warnings[0]


# -- dates ---------------------------------------------------------------------------


def test_a_date_alone_after_the_letter_is_its_dateline(tmp_path):
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nComrade Orlov:\n\nSend the grain.\n\n"
        "Odessa, March 3, 1919\n",
    )
    assert record.body == "Send the grain."
    assert record.dateline == "Odessa, March 3, 1919"
    assert record.date.start == dt.date(1919, 3, 3)
    assert record.place_sent == "Odessa"
    assert record.warnings == []


def test_written_on_in_the_publication_note_dates_the_letter(tmp_path):
    record = only(
        tmp_path,
        "Published: First published in 1930 in Some Miscellany. Written on "
        "June 5 (18), 1905. Printed from the original.\n"
        + SOURCE
        + LICENCE
        + "\nDear Friend,\n\nThe grain must go.\n\nA. B.\n",
    )
    assert record.date.as_written == "Written on June 5 (18), 1905"
    assert (record.date.start, record.date.julian) == (
        dt.date(1905, 6, 18),
        dt.date(1905, 6, 5),
    )


def test_a_title_ending_with_a_date_dates_the_letter(tmp_path):
    record = only(
        tmp_path,
        "A. Writer\n\nNOTE TO C. D. NAME BY DIRECT LINE, JULY 4, 1920\n\n"
        + SOURCE
        + LICENCE
        + "\nSend the grain.\n\nA. Writer\n",
    )
    assert record.date.as_written == "JULY 4, 1920"
    assert record.date.start == dt.date(1920, 7, 4)
    # the addressee named only in the title, without how the note was sent
    assert record.recipients == ["C. D. Name"]


def test_a_page_with_no_date_imports_undated_with_a_warning(tmp_path):
    record = only(tmp_path, SOURCE + LICENCE + "\nDear Friend,\n\nSend it.\n\nA. B.\n")
    assert (record.date.start, record.date.end, record.date.precision) == (
        None,
        None,
        "unknown",
    )
    assert record.warnings == ["no date on the page: imported as undated"]


def test_not_earlier_than_and_not_later_than_bound_a_range_of_days():
    date = parse_date("Written in May, not earlier than 7 and not later than 12, 1920")
    assert (date.start, date.end, date.precision) == (
        dt.date(1920, 5, 7),
        dt.date(1920, 5, 12),
        "range",
    )


# -- who wrote to whom -----------------------------------------------------------------

BARE_LABELS = "Source: MECW Volume 12, p. 34;\n"


def test_a_sender_to_recipient_line_names_both(tmp_path):
    record = only(
        tmp_path,
        "Some Correspondence 1850\n\nSMITH TO JONES\nIn Leeds\n\n"
        + BARE_LABELS
        + "\nLeeds, 3 May 1850\n\nDear Friend,\n\nThe books came.\n\nYours,\nA. S.\n",
    )
    assert (record.senders, record.recipients) == (["Smith"], ["Jones"])
    assert record.place_sent == "Leeds"


def test_a_collection_of_two_writers_gives_the_one_whose_initial_signs(tmp_path):
    text = (
        "Letters of Brown and Smith, 1850\n" + BARE_LABELS + "Dear Brown,\n"
        "The books came.\nYour\nJ. S.\n"
    )
    record = only(tmp_path, text)
    # an abbreviation ("MECW Volume 12") is an edition, not a sender
    assert record.senders == ["Smith"]
    # the label block ends at the salutation though no blank line comes first; the
    # salutation's name counts because the page's title names Brown too
    assert (record.salutation, record.recipients) == ("Dear Brown,", ["Brown"])
    assert record.body == "The books came."


def test_a_bare_name_in_a_salutation_that_the_page_names_nowhere_else_is_no_recipient(
    tmp_path,
):
    text = "A. Writer\n" + BARE_LABELS + "\nDear Kolya,\n\nThe books came.\n\nA. W.\n"
    assert only(tmp_path, text).recipients == []
    text = text.replace("Dear Kolya,", "Dear Mr Kolya,")
    assert only(tmp_path, text).recipients == ["Kolya"]


def test_a_collection_addressed_to_one_person_names_the_recipient(tmp_path):
    record = only(
        tmp_path,
        "Anna Writer\nLetters to Boris Reader\n\nTown, May 2, 1917\n\n"
        "Dear Borya,\n\nAll is well.\n\nA.\n",
    )
    assert (record.senders, record.recipients) == (["Anna Writer"], ["Boris Reader"])
    assert (record.date.start, record.place_sent) == (dt.date(1917, 5, 2), "Town")


# -- pages without the archive's labels ------------------------------------------------


def test_a_wiki_copy_with_infobox_rows_and_a_titled_page_without_labels(tmp_path):
    record = only(
        tmp_path,
        "Category | Template | Form |\nLetter to Boris Reader, June 1, 1930\n"
        "Author(s) | Anna Writer |\nWritten | 1 June 1930 |\n"
        "Dear Comrade,\nAll is well.\nI shake your hand.\n",
    )
    assert (record.senders, record.recipients) == (["Anna Writer"], ["Boris Reader"])
    assert record.date.start == dt.date(1930, 6, 1)
    assert record.body == "All is well.\n\nI shake your hand."


def test_a_page_with_no_labels_opens_at_its_dateline_above_the_salutation(tmp_path):
    record = only(
        tmp_path,
        "Letter to Boris Reader, July 6, 1914\n\nFrom Some-wiki\n"
        "Jump to navigation Jump to search\n\nJuly 6[edit source]\n\n"
        "Dear Comrade,\n\nAll is well.\n\nYours,\n\nA. Writer\n",
    )
    assert record.dateline == "July 6"
    assert record.date.start == dt.date(1914, 7, 6)
    assert (record.salutation, record.body) == ("Dear Comrade,", "All is well.")
    assert (record.closing, record.signature) == ("Yours,", "A. Writer")
    assert record.recipients == ["Boris Reader"]


# -- the letter's end and its notes ----------------------------------------------------


def test_a_short_formula_with_a_full_stop_closes_and_a_closing_shares_the_name_line(
    tmp_path,
):
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nDear Friend,\n\nThe books came.\n\nBest greetings.\n\n"
        "Yours, A. Writer\n",
    )
    assert record.body == "The books came."
    assert (record.closing, record.signature) == (
        "Best greetings.\nYours,",
        "A. Writer",
    )
    # a sentence with more in it ends the body; "Your W.L." with no comma stays whole
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nDear Friend,\n\nThe books came.\n\n"
        "Kindest regards to your wife and children.\n\nYour W.L.\n",
    )
    assert record.body.endswith("Kindest regards to your wife and children.")
    assert (record.closing, record.signature) == ("", "Your W.L.")


def test_notes_numbered_as_a_list_are_notes_where_the_page_shows_they_are(tmp_path):
    letter = "\nDear Friend,\n\nThe books[1] came.\n\nA. Writer\n\n"
    for notes in ("Notes\n\n1. The books of May.\n", "  1. The books of May.\n",
                  "1. The books of May.\n"):  # fmt: skip
        record = only(tmp_path, SOURCE + LICENCE + letter + notes)
        assert [(n.number, n.text) for n in record.footnotes] == [
            (1, "The books of May.")
        ]
        assert record.body == "The books[^1] came."
    # a numbered paragraph with no marker of its number is the letter's own
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nDear Friend,\n\nTwo things.\n\n1. The books came.\n\n"
        "A. Writer\n",
    )
    assert record.footnotes == []
    assert record.body == "Two things.\n\n1. The books came."


def test_a_place_in_the_editors_brackets_is_the_place_sent(tmp_path):
    for dateline in ("[Leeds,] 3 May 1850", "[Leeds, 3 May 1850]"):
        record = only(
            tmp_path, SOURCE + LICENCE + f"\n{dateline}\n\nDear Friend,\n\nOk.\n\nA.\n"
        )
        assert (record.place_sent, record.date.start) == ("Leeds", dt.date(1850, 5, 3))


def test_a_salutation_without_punctuation_and_a_closing_before_initials(tmp_path):
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nDear Boris\n\nThe books came.\n\nFondest love. A.\n\n"
        "Greet the children.\n",
    )
    assert (record.salutation, record.body) == ("Dear Boris", "The books came.")
    assert (record.closing, record.signature) == ("Fondest love.", "A.")
    assert record.postscript == "Greet the children."


def test_infobox_cells_run_together_and_a_closing_with_no_name_after_it(tmp_path):
    record = only(
        tmp_path,
        "Letter to Boris Reader, May 3, 1915\n\nAuthor(s) Anna Writer\n"
        "Written 3 May 1915\n\nFirst published in 1924 in Some Miscellany. Sent from "
        "Berne to Paris.\n" + SOURCE + "\nDear Boris,\n\nThe books came.\n\n"
        "Every good wish,\n",
    )
    assert record.senders == ["Anna Writer"]
    assert (record.date.start, record.place_sent) == (dt.date(1915, 5, 3), "Berne")
    assert (record.body, record.closing, record.signature) == (
        "The books came.",
        "Every good wish,",
        "",
    )


def test_a_french_dateline_dates_the_letter_and_names_the_place():
    date = parse_date("le 29 novembre 1931")
    assert (date.start, date.precision) == (dt.date(1931, 11, 29), "day")
    assert parse_date("1er août 1914").start == dt.date(1914, 8, 1)


def test_a_collection_year_dates_a_letter_the_page_dates_nowhere_else(tmp_path):
    text = (
        "Letters of Anna Writer 1860\n"
        + BARE_LABELS
        + "Dear Boris,\nThe books came.\nAnna Writer\n"
    )
    record = only(tmp_path, text)
    assert (record.date.as_written, record.date.precision) == ("1860", "year")
    assert record.senders == ["Anna Writer"]
    assert record.warnings == []


def test_a_telephone_message_heading_names_its_addressee_with_its_marker(tmp_path):
    record = only(
        tmp_path,
        "A. Writer\n\nTELEPHONE MESSAGE TO B. C. READER[1]\n\n"
        + SOURCE
        + LICENCE
        + "\nSend the grain.\n\nA. Writer\n\n[1] A note.\n",
    )
    assert record.recipients == ["B. C. Reader"]
    assert record.heading == "TELEPHONE MESSAGE TO B. C. READER[^1]"


def test_notes_numbered_in_parentheses_and_their_markers(tmp_path):
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nDear Comrade Reader,(1)\n\nThe grain came. (2) On "
        "May 14 (2) it left.\n\nA. Writer\n\n(1) A note.\n\n(2) Another.\n",
    )
    assert record.salutation == "Dear Comrade Reader,[^1]"
    assert record.body == "The grain came. [^2] On May 14 (2) it left."
    assert [note.number for note in record.footnotes] == [1, 2]
    # without notes so numbered, "(1)" is text and "(1) ..." paragraphs the letter's
    record = only(
        tmp_path,
        SOURCE
        + LICENCE
        + "\nDear Comrade,\n\nWe have two plans:\n\n(1) that we go.\n\n"
        "A. Writer\n\n[1] A note.\n",
    )
    assert record.body == "We have two plans:\n\n(1) that we go."


def test_a_heading_names_a_body_and_ends_where_it_goes_on_about_the_document(
    tmp_path,
):
    def recipients(heading):
        return only(
            tmp_path,
            f"A. Writer\n\n{heading}\n\n"
            + SOURCE
            + LICENCE
            + "\nSend the grain.\n\nA. Writer\n",
        ).recipients

    assert recipients("A Note to C. D. Reader with a Motion for the Board, S.B.") == [
        "C. D. Reader"
    ]
    assert recipients("TELEGRAM TO THE SUPPLY COUNCIL OF THE 2nd GRAIN ARMY") == [
        "Supply Council of the 2nd Grain Army"
    ]
    # after a person, a body's long name is the person's post
    assert recipients("TELEGRAM TO C. D. READER, SUPPLY COUNCIL OF THE GRAIN ARMY") == [
        "C. D. Reader"
    ]


def test_many_regards_closes_and_a_sentence_ending_in_your_leads_into_the_name(
    tmp_path,
):
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nDear Friend,\n\nThe books came.\n\nMany regards,\n\n"
        "Your\n\nA. W.\n",
    )
    assert (record.body, record.closing) == ("The books came.", "Many regards,\nYour")
    record = only(
        tmp_path,
        SOURCE + LICENCE + "\nDear Friend,\n\nThe books came.\n\n"
        "Accept the compliments of your\n\nAnna Writer\n",
    )
    assert record.body == "The books came."
    assert (record.closing, record.signature) == (
        "Accept the compliments of your",
        "Anna Writer",
    )


def test_a_title_under_the_labels_and_a_salutation_run_into_the_first_sentence(
    tmp_path,
):
    record = only(
        tmp_path,
        "1916\n\nSource : Extraits de lettres, Anna Writer, Editions X, 1969\n\n"
        "writer\n\nAnna Writer\n\nLettre à Boris Reader\n\n"
        "Ville, le 2 mai 1916\n\nMon cher Boris, je vous écris enfin.\n\nVotre Anna\n",
    )
    # a title ("Extraits de lettres") is no sender; the title lines are no address
    assert (record.senders, record.recipients) == (["Anna Writer"], ["Boris Reader"])
    assert (record.salutation, record.body) == (
        "Mon cher Boris,",
        "je vous écris enfin.",
    )
    assert (record.date.start, record.place_sent) == (dt.date(1916, 5, 2), "Ville")


def test_an_edition_cited_by_abbreviation_and_a_site_with_no_licence_line(tmp_path):
    (record,) = parse(
        tmp_path,
        "# url: https://copy.example.org/archive/1850/05/03.htm\n"
        "Some Correspondence 1850\n\nSMITH TO JONES\n\n"
        "Source: MECW Volume 12, p. 34;\n\nDear Jones,\n\nThe books came.\n\nA. S.\n",
    )
    sources = {source.role: source for source in record.sources}
    edition = sources["edition"]
    assert (edition.title, edition.volume, edition.pages, edition.author) == (
        "MECW",
        "12",
        "34",
        "",
    )
    transcription = sources["transcription"]
    assert (transcription.title, transcription.url) == (
        "copy.example.org",
        "https://copy.example.org/archive/1850/05/03.htm",
    )


def test_a_page_with_prose_credits_an_address_line_and_a_motto_above_the_closing(
    tmp_path,
):
    record = only(
        tmp_path,
        "Anna Writer\n\nLetter to the Secretary of the Leeds branch of the Union\n\n"
        "(3 May 1901)\n\nFirst published in Some Paper, 1973.\nTranscribed by C. D.\n\n"
        "Memo from the Party.\nTo: Sec. Leeds U.\n3 May 1901.\n\nDear Comrade,\n\n"
        "The books came.\n\nFor the Cause\nYour old comrade,\nAnna Writer,\n",
    )
    assert record.recipients == ["Secretary of the Leeds branch of the Union"]
    assert (record.date.start, record.salutation) == (
        dt.date(1901, 5, 3),
        "Dear Comrade,",
    )
    assert record.body == "The books came."
    assert (record.closing, record.signature) == (
        "For the Cause\nYour old comrade,",
        "Anna Writer,",
    )
    assert record.postscript == ""


def test_an_address_line_to_someone_names_the_recipient(tmp_path):
    record = only(
        tmp_path,
        "Anna Writer\n\nLetters of Anna Writer, 1901\n\n"
        "To: B. Reader\n3 May 1901.\n\nDear Comrade,\n\nThe books came.\n\nA. W.\n",
    )
    assert record.recipients == ["B. Reader"]


def test_an_address_line_for_another_person_adds_that_addressee(tmp_path):
    letter = (
        "Orlov, Chairman, Supply Board\nOdessa, for Belova\n\nSend the grain.\n\nA.\n"
    )
    record = only(tmp_path, SOURCE + LICENCE + "\n" + letter)
    assert record.recipients == ["Orlov", "Belova"]


def test_preamble_forms_of_sender_and_recipient(tmp_path):
    def people(preamble):
        record = only(
            tmp_path,
            preamble + "\n\n" + BARE_LABELS + "\nLeeds, 3 May 1850\n\nDear Friend,\n\n"
            "The books came.\n\nA. S.\n",
        )
        return record.senders, record.recipients

    # a marker on the line, and the place it went to under it, are no names
    assert people("SMITH TO JONES[1]\nIN YORK") == (["Smith"], ["Jones"])
    assert people("Letter from Smith to Jones") == (["Smith"], ["Jones"])
    # an author line with the year after it; a collection of letters to one person
    assert people("Anna Smith. 1850\n\nTwo letters to Jones") == (
        ["Anna Smith"],
        ["Jones"],
    )
    # a site's navigation row is no author
    assert people("Home | Archive | Smith | Index\nAnna Smith") == (["Anna Smith"], [])


def test_a_title_with_a_span_of_dates_names_only_the_addressee(tmp_path):
    record = only(
        tmp_path,
        "Letter to Boris Reader, Between January 10 and 22, 1917\n\n"
        "Dear B. R.,\n\nThe books came.\n\nA. W.\n",
    )
    assert record.recipients == ["Boris Reader"]
    assert (record.date.start, record.date.end) == (
        dt.date(1917, 1, 10),
        dt.date(1917, 1, 22),
    )
