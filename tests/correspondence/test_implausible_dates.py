"""Implausible dates: the importer's doubts (a year outside the edition's span, or one
the page's notes contradict), the editors' correction beside the date as printed, and
browsing by the correction."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from correspondence.dates import parse_date
from correspondence.importing.importer import letters_import
from correspondence.importing.plausible import date_doubts
from correspondence.importing.records import FootnoteRecord, LetterRecord
from correspondence.models import Letter
from tests.factories import make_letter, make_person

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
#: "Written November 11, 1002"; note 1 speaks of "November 10 and 11, 1902"
MISPRINT = "003-1902-li-geneva-lecture.txt"
TODAY = dt.date(2026, 1, 1)


def record(as_written, notes=(), headnote=""):
    return LetterRecord(
        origin="x.txt#letter",
        line=1,
        date=parse_date(as_written),
        senders=["Lenin"],
        recipients=[],
        headnote=headnote,
        footnotes=[FootnoteRecord(n, text) for n, text in enumerate(notes, start=1)],
    )


def test_a_year_before_the_editions_span_is_doubted():
    (doubt,) = date_doubts(record("November 11, 1002"), TODAY)
    assert doubt.startswith("the date 'November 11, 1002' (1002-11-11) is outside")


def test_a_date_after_today_is_doubted():
    (doubt,) = date_doubts(record("March 3, 2031"), TODAY)
    assert "outside the span" in doubt


@pytest.mark.parametrize(
    "as_written, note, year",
    [
        ("November 11, 1002",
         "Lenin refers to his lectures on November 10 and 11, 1902, in Geneva.", 1902),
        ("November 11, 1902", "The lecture of 11 November 1912 was postponed.", 1912),
        ("November 11, 1902", "The year is a misprint for 1912.", 1912),
    ],
)  # fmt: skip
def test_a_note_giving_the_letters_day_another_year_is_doubted(as_written, note, year):
    doubts = date_doubts(record(as_written, notes=[note]), TODAY)
    assert doubts[-1].startswith(f"note 1 gives the year {year} where the date")


def test_the_headnote_is_read_too():
    doubts = date_doubts(
        record("May 2, 1918", headnote="Sent on May 2, 1919 by wire."), TODAY
    )
    assert doubts and doubts[0].startswith("the headnote gives the year 1919")


@pytest.mark.parametrize(
    "as_written, note",
    [
        ("November 11, 1902", "On November 11, 1902 he lectured."),  # agrees
        ("November 11, 1902", "On November 12, 1901 he lectured."),  # another day
        ("November 1902", "On November 1, 1901 he wrote."),  # no single day
        ("November 11, 1902", "This error of the Party in 1903 was grave."),
    ],
)
def test_notes_that_do_not_contradict_the_date_raise_no_doubt(as_written, note):
    assert date_doubts(record(as_written, notes=[note]), TODAY) == []


@pytest.mark.django_db
def test_the_import_reports_the_doubts_and_keeps_the_date_as_printed():
    report = letters_import(paths=[CORPUS / MISPRINT])
    (result,) = report.files[0].letters
    doubts = [n for n in result.notes if "an editor may record a corrected date" in n]
    assert len(doubts) == 2
    assert "note 1 gives the year 1902" in doubts[1]
    letter = Letter.objects.get(slug=result.slug)
    assert (letter.date_as_written, letter.date_start) == (
        "Written November 11, 1002",
        dt.date(1002, 11, 11),
    )


@pytest.mark.django_db
def test_a_corrected_date_is_shown_beside_the_printed_one_and_survives_a_re_import(
    client,
):
    make_person("Lenin", slug="lenin")
    report = letters_import(paths=[CORPUS / MISPRINT])
    letter = Letter.objects.get(slug=report.files[0].letters[0].slug)
    letter.date_start = letter.date_end = dt.date(1902, 11, 11)
    letter.date_corrected, letter.date_correction = True, "misprint for 1902 (note 1)"
    letter.full_clean()
    letter.save()

    again = letters_import(paths=[CORPUS / MISPRINT])
    (result,) = again.files[0].letters
    assert (result.slug, result.action) == (letter.slug, "unchanged")
    assert Letter.objects.count() == 1
    letter.refresh_from_db()
    assert letter.date_start == dt.date(1902, 11, 11)
    assert letter.title == "Lenin to unknown recipient, 11 November 1902"
    # browsing uses the correction
    assert list(Letter.objects.in_any_year([1902])) == [letter]
    assert not Letter.objects.in_any_year([1002]).exists()

    html = client.get(letter.get_absolute_url()).content.decode()
    assert "Written November 11, 1002" in html and ">[sic]</span>" in html
    assert "(corrected by the editors: misprint for 1902 (note 1))" in html
    date = client.get(f"/api/letters/{letter.slug}/").json()["date"]
    assert (date["as_written"], date["start"]) == (
        "Written November 11, 1002",
        "1902-11-11",
    )
    assert (date["corrected_by_editor"], date["correction"]) == (
        True,
        "misprint for 1902 (note 1)",
    )


@pytest.mark.django_db
def test_a_correction_needs_the_corrected_day():
    letter = make_letter(date=None, date_corrected=True)
    with pytest.raises(ValidationError) as error:
        letter.full_clean()
    assert "date_corrected" in error.value.message_dict


@pytest.mark.django_db
def test_an_uncorrected_date_has_no_sic(client):
    letter = make_letter()
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "[sic]" not in html and "corrected by the editors" not in html
