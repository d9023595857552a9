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
    assert record.date.as_written == "on June 5 (18), 1905"
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
