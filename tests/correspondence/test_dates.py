"""Dates as printed: the Gregorian range, precision, editor's brackets and the Julian
day."""

import datetime as dt

import pytest

from correspondence.dates import (
    date_in_words,
    gregorian_to_julian,
    julian_to_gregorian,
    parse_date,
)
from correspondence.importing.records import ParseError

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "supplied", "julian"),
    [
        (
            "25 May (7 June) 1914",
            D(1914, 6, 7),
            D(1914, 6, 7),
            "day",
            False,
            D(1914, 5, 25),
        ),
        (
            "[Prior to 23 June (6 July) 1914]",
            None,
            D(1914, 7, 6),
            "before",
            True,
            D(1914, 6, 23),
        ),
        (
            "[3 (16) July 1914]",
            D(1914, 7, 16),
            D(1914, 7, 16),
            "day",
            True,
            D(1914, 7, 3),
        ),
        (
            "[Before 12 (25) July 1914]",
            None,
            D(1914, 7, 25),
            "before",
            True,
            D(1914, 7, 12),
        ),
        ("7 June 1914", D(1914, 6, 7), D(1914, 6, 7), "day", False, None),
        ("May 14, 1918", D(1918, 5, 14), D(1918, 5, 14), "day", False, None),
        ("Written on May 14, 1918", D(1918, 5, 14), D(1918, 5, 14), "day", False, None),
        (
            "Written in the middle of November 1913",
            D(1913, 11, 1),
            D(1913, 11, 30),
            "month",
            False,
            None,
        ),
        (
            "Written March 8 or 9, 1912",
            D(1912, 3, 8),
            D(1912, 3, 9),
            "range",
            False,
            None,
        ),
        ("Written after July 27, 1916", D(1916, 7, 28), None, "after", False, None),
        ("not earlier than March 3, 1917", D(1917, 3, 3), None, "after", False, None),
        ("not later than March 3, 1917", None, D(1917, 3, 3), "before", False, None),
        ("9/VIII.1921", D(1921, 8, 9), D(1921, 8, 9), "day", False, None),
        ("26. XII. 1918", D(1918, 12, 26), D(1918, 12, 26), "day", False, None),
        ("1917", D(1917, 1, 1), D(1917, 12, 31), "year", False, None),
        ("[1917]", D(1917, 1, 1), D(1917, 12, 31), "year", True, None),
        (
            "February 16 (March 1), 1917",
            D(1917, 3, 1),
            D(1917, 3, 1),
            "day",
            False,
            D(1917, 2, 16),
        ),
        (
            "March 1 (February 16), 1917",
            D(1917, 3, 1),
            D(1917, 3, 1),
            "day",
            False,
            D(1917, 2, 16),
        ),
        (
            "Salzburg, May 14 (2), 1895",
            D(1895, 5, 14),
            D(1895, 5, 14),
            "day",
            False,
            D(1895, 5, 2),
        ),
        (
            "Written on December 8 (21), 1917",
            D(1917, 12, 21),
            D(1917, 12, 21),
            "day",
            False,
            D(1917, 12, 8),
        ),
        ("16 February, 1920", D(1920, 2, 16), D(1920, 2, 16), "day", False, None),
        (
            "Dictated by phone on July 25, 1921",
            D(1921, 7, 25),
            D(1921, 7, 25),
            "day",
            False,
            None,
        ),
        ("16-18 July 1914", D(1914, 7, 16), D(1914, 7, 18), "range", False, None),
        (
            "Written at the end of August–beginning of September 1916",
            D(1916, 8, 1),
            D(1916, 9, 30),
            "range",
            False,
            None,
        ),
        (
            "Written at the end of November or the beginning of December 1915",
            D(1915, 11, 1),
            D(1915, 12, 31),
            "range",
            False,
            None,
        ),
        (
            "Written November 11, 1002",
            D(1002, 11, 11),
            D(1002, 11, 11),
            "day",
            False,
            None,
        ),
    ],
)
def test_a_printed_date_gives_its_gregorian_range_precision_and_julian_day(
    text, start, end, precision, supplied, julian
):
    date = parse_date(text)
    assert (date.start, date.end, date.precision, date.supplied, date.julian) == (
        start,
        end,
        precision,
        supplied,
        julian,
    )
    assert date.as_written == text


def test_the_date_as_written_keeps_the_editors_brackets():
    assert (
        parse_date("[Before 12 (25) July 1914]").as_written
        == "[Before 12 (25) July 1914]"
    )


def test_a_two_digit_year_or_a_missing_year_is_completed_from_the_context_year():
    assert parse_date("29.IV. 09", context_year=1909).start == D(1909, 4, 29)
    assert parse_date("September 21", context_year=1911).start == D(1911, 9, 21)
    assert parse_date("20/XII.", context_year=1904).end == D(1904, 12, 20)


def test_a_two_digit_year_without_a_context_year_is_an_error():
    with pytest.raises(ParseError, match="two-digit year"):
        parse_date("29.IV. 09")


@pytest.mark.parametrize(
    "text", ["Sunday evening", "Tuesday, Geneva", "", "32 May 1914", "Feb 30, 1917"]
)
def test_an_unreadable_date_raises_a_parse_error_naming_file_and_line(text):
    with pytest.raises(ParseError) as caught:
        parse_date(text, path="letters/x.txt", line=12)
    assert str(caught.value).startswith("letters/x.txt:12: ")
    assert "expected a date such as" in str(caught.value)


@pytest.mark.parametrize(
    ("julian", "gregorian"),
    [
        ((1582, 10, 5), D(1582, 10, 15)),  # the first Gregorian day
        ((1700, 2, 18), D(1700, 2, 28)),  # 10 days before the Julian leap day of 1700
        ((1700, 2, 19), D(1700, 3, 1)),
        ((1800, 3, 1), D(1800, 3, 13)),  # 12 days in the 1800s
        ((1899, 12, 31), D(1900, 1, 12)),
        (
            (1900, 2, 29),
            D(1900, 3, 13),
        ),  # a Julian leap day the Gregorian calendar lacks
        ((1900, 3, 1), D(1900, 3, 14)),  # 13 days from March 1900 ...
        ((1914, 5, 25), D(1914, 6, 7)),
        ((1918, 1, 31), D(1918, 2, 13)),  # Soviet Russia's switch
        ((2099, 12, 31), D(2100, 1, 13)),  # ... to the end of February 2100
    ],
)
def test_julian_days_convert_exactly_across_centuries(julian, gregorian):
    assert julian_to_gregorian(*julian) == gregorian
    assert gregorian_to_julian(gregorian) == julian


def test_the_gap_between_the_calendars_is_12_days_in_the_1800s_and_13_in_1900_to_2099():
    for year in range(1801, 1900, 7):
        assert (julian_to_gregorian(year, 6, 1) - D(year, 6, 1)).days == 12
    for year in range(1901, 2100, 7):
        assert (julian_to_gregorian(year, 6, 1) - D(year, 6, 1)).days == 13


@pytest.mark.parametrize(
    ("text", "julian", "gregorian"),
    [
        # one year printed: it belongs to the day printed next to it, in parentheses
        ("30 December (12 January) 1906", D(1905, 12, 30), D(1906, 1, 12)),
        (
            "[Before 28 December 1913 (10 January 1914)]",
            D(1913, 12, 28),
            D(1914, 1, 10),
        ),
        # New Style first, Old Style in parentheses
        ("2 January (20 December) 1908", D(1908, 12, 20), D(1909, 1, 2)),
        # a year on each side
        ("December 25, 1910 (January 7, 1911)", D(1910, 12, 25), D(1911, 1, 7)),
        ("Written on 18 (31) December 1916", D(1916, 12, 18), D(1916, 12, 31)),
    ],
)
def test_an_old_and_new_style_pair_across_new_year_takes_the_year_it_needs(
    text, julian, gregorian
):
    date = parse_date(text)
    assert date.julian == julian
    assert date.end == gregorian
    assert date.start in (gregorian, None)


def test_a_pair_with_a_year_on_each_side_that_do_not_correspond_is_an_error():
    with pytest.raises(ParseError, match="do not correspond"):
        parse_date("December 2, 1910 (January 7, 1911)")


def test_a_pair_that_does_not_correspond_in_one_year_is_read_as_before():
    # a misprinted pair: the earlier-looking day is the Julian one, in the year printed
    date = parse_date("3 (9) March 1912")
    assert (date.julian, date.start) == (D(1912, 3, 3), D(1912, 3, 9))


@pytest.mark.parametrize(
    ("start", "end", "precision", "words"),
    [
        (D(1895, 5, 14), D(1895, 5, 14), "day", "14 May 1895"),
        (D(1913, 11, 1), D(1913, 11, 30), "month", "November 1913"),
        (D(1915, 1, 1), D(1915, 12, 31), "year", "1915"),
        (D(1912, 3, 8), D(1912, 3, 9), "range",
         "between 8 March 1912 and 9 March 1912"),
        (None, D(1914, 7, 25), "before", "before 25 July 1914"),
        (D(1916, 7, 28), None, "after", "after 28 July 1916"),
        (None, None, "unknown", "undated"),
    ],
)  # fmt: skip
def test_a_normalised_date_in_words(start, end, precision, words):
    assert date_in_words(start, end, precision) == words
