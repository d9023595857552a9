"""Dates as letters and their editors print them, normalised to a Gregorian range.

Pure Python, no Django. ``parse_date`` keeps the date exactly as written and adds the
Gregorian bounds, the precision, whether the editor supplied it (square brackets) and,
for Old Style / New Style pairs, the Julian day.

Conventions (the documents are not explicit about them, so they are chosen here once):

- A single calendar date is taken as printed (Gregorian); only an Old Style / New Style
  pair ("25 May (7 June) 1914", "May 14 (2), 1895") tells the two calendars apart, and
  the Julian day of the pair is the one whose Gregorian equivalent is the other day,
  whichever order they are printed in. Across New Year ("31 December (13 January)
  1913") a single year printed belongs to the day printed next to it, in parentheses,
  and the other day takes the year before or after; a pair that does not correspond
  exactly (a misprint) is read in the one year printed, the earlier-looking day Julian.
- Open bounds: "before X" / "prior to X" / "not later than X" end on X (its first day
  for "before", its last for "not later than"), as DESIGN.md fixes for "[Before 12 (25)
  July 1914]" (ends 1914-07-25); "not earlier than X" starts on X's first day; "after X"
  starts the day after X, as the hand-read corpus reads it ("after July 27, 1916" starts
  1916-07-28).
- "the middle of", "the end of", "the beginning of", "early", "late" narrow nothing:
  the range is the whole month (precision "month"), or the months named ("range").
- "March 8 or 9, 1912" and "16-18 July 1914" are ranges over the days named.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from correspondence.importing.records import DateRecord, ParseError

MONTHS = {
    name.lower(): number for number, name in enumerate(calendar.month_name) if name
}
MONTHS.update(
    {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
)
MONTHS["sept"] = 9
#: the archive's French section dates its letters in French ("le 29 novembre 1931")
MONTHS.update(
    {
        name: number
        for number, name in enumerate(
            "janvier février mars avril mai juin juillet août septembre octobre "
            "novembre décembre".split(),
            start=1,
        )
    }
)
ROMAN_MONTHS = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6,
    "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12,
}  # fmt: skip

_ROMAN = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
# "9/VIII.1921", "29.IV. 09", "26. XII. 1918", "20/XII.", "12.I.1916"
_ROMAN_DATE = re.compile(
    rf"(?<![\w/.])(\d{{1,2}})\s*[./]\s*({_ROMAN})\s*\.?(?:\s*(\d{{4}}|\d{{2}})(?!\d))?"
)
_TOKEN = re.compile(
    r"(?P<num>\d+)(?:st|nd|rd|th|er)?|(?P<word>[^\W\d_]+)|(?P<lp>\()|(?P<rp>\))"
    r"|(?P<dash>[-–—])|(?P<slash>/)"
)
_BEFORE = re.compile(r"\b(before|prior to|not later than)\b", re.I)
_AFTER = re.compile(r"\b(after|not earlier than|since)\b", re.I)
_INCLUSIVE = re.compile(r"\bnot (later|earlier) than\b", re.I)


def julian_to_gregorian(year, month, day):
    """The Gregorian date of a Julian (Old Style) calendar day, via the Julian Day
    Number."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    # date.fromordinal(1) is 0001-01-01 (proleptic Gregorian), Julian Day Number 1721426
    return dt.date.fromordinal(jdn - 1721425)


def gregorian_to_julian(date):
    """The Julian (Old Style) year, month and day of a Gregorian date."""
    jdn = date.toordinal() + 1721425
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = d - 4800 + m // 10
    return year, month, day


def parse_date(text, *, path=None, line=None, context_year=None):
    """Read a date as printed into a ``DateRecord``.

    ``context_year`` (e.g. from the page's address) completes a dateline that gives no
    year ("September 21") or only two digits ("29.IV. 09"); without it such dates are
    an error. Raises ``ParseError`` naming ``path`` and ``line`` for what it cannot
    read.
    """
    as_written = text.strip()
    if not as_written:
        _fail(text, path, line, "an empty date")
    inner = as_written
    supplied = inner.startswith("[") and inner.endswith("]")
    if supplied:
        inner = inner[1:-1].strip()
    try:
        start, end, precision, julian = _read(inner, context_year)
    except _Unreadable as error:
        _fail(text, path, line, str(error))
    return DateRecord(
        as_written=as_written,
        start=start,
        end=end,
        precision=precision,
        supplied=supplied,
        julian=julian,
    )


class _Unreadable(ValueError):
    pass


def _fail(text, path, line, why):
    raise ParseError(
        path if path is not None else "<date>",
        line,
        f"cannot read the date {text!r} ({why}): expected a date such as "
        "'25 May (7 June) 1914', 'May 14, 1918', '[Before 12 (25) July 1914]', "
        "'March 8 or 9, 1912', '9/VIII.1921' or a year",
    )


def _roman_to_words(text, context_year):
    def replace(match):
        day, roman, year = match.groups()
        month = calendar.month_name[ROMAN_MONTHS[roman]]
        if year is None:
            return f"{day} {month}"
        if len(year) == 2:
            if context_year is None:
                raise _Unreadable(
                    f"a two-digit year {year!r} and no year to complete it"
                )
            century = context_year - context_year % 100
            candidates = (
                century - 100 + int(year),
                century + int(year),
                century + 100 + int(year),
            )
            year = str(min(candidates, key=lambda y: abs(y - context_year)))
        return f"{day} {month} {year}"

    return _ROMAN_DATE.sub(replace, text)


def _tokens(text):
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "num":
            tokens.append(("num", int(value), len(value)))
        elif kind == "word":
            low = value.lower()
            if low in MONTHS:
                tokens.append(("month", MONTHS[low], 0))
            elif low == "or":
                tokens.append(("or", None, 0))
            elif low in ("and", "to", "till", "until"):
                tokens.append(("dash", None, 0))
            else:
                tokens.append(("word", low, 0))
        else:
            tokens.append((kind, None, 0))
    return tokens


def _last_day(year, month):
    return calendar.monthrange(year, month)[1]


def _day(year, month, day):
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise _Unreadable(f"no such day: {year}-{month}-{day}") from error


def _old_and_new_style(first, second, year, outer_year, inner_year):
    """(Julian day, Gregorian day) of a pair printed "first (second)", each a (month,
    day). The Julian one is the day whose Gregorian equivalent is the other; across New
    Year ("31 December (13 January) 1913") the year printed belongs to the day printed
    next to it, the parenthesised one, and the other day takes the year before or after.
    A pair that does not correspond exactly (a misprint) is read as in one year, the
    earlier-looking day Julian."""
    second_year = inner_year or year
    first_years = [outer_year] if outer_year else [second_year, second_year - 1,
                                                   second_year + 1]  # fmt: skip
    for first_year in first_years:
        for (old, old_year), (new, new_year) in (
            ((first, first_year), (second, second_year)),
            ((second, second_year), (first, first_year)),
        ):
            try:
                julian, gregorian = dt.date(old_year, *old), dt.date(new_year, *new)
            except ValueError:
                continue
            if julian_to_gregorian(old_year, *old) == gregorian:
                return julian, gregorian
    if outer_year and inner_year and outer_year != inner_year:
        raise _Unreadable("a pair of dates in two calendars that do not correspond")
    old, new = (first, second) if first <= second else (second, first)
    return _day(year, *old), _day(year, *new)


def _read(text, context_year):
    """(start, end, precision, julian) for the text inside any square brackets."""
    words = _roman_to_words(text, context_year)
    tokens = _tokens(words)
    depths, depth = [], 0
    for kind, _, _ in tokens:
        depth += kind == "lp"
        depths.append(depth)
        depth = max(depth - (kind == "rp"), 0)
    # the year: the last number of three or four digits
    year_index = None
    for index in range(len(tokens) - 1, -1, -1):
        kind, value, width = tokens[index]
        if kind == "num" and width in (3, 4):
            year_index = index
            break
    # an Old Style / New Style pair across New Year may print a year on each side:
    # "31 December 1912 (13 January 1913)"
    years_by_side = {}
    if year_index is None:
        if context_year is None:
            raise _Unreadable("no year")
        year = context_year
        dated = list(range(len(tokens)))
    else:
        year = tokens[year_index][1]
        years_by_side[depths[year_index] > 0] = year
        dated = list(range(year_index))
        others = [i for i in dated if tokens[i][0] == "num" and tokens[i][2] in (3, 4)]
        if len(others) == 1 and (depths[others[0]] > 0) not in years_by_side:
            years_by_side[depths[others[0]] > 0] = tokens[others[0]][1]
            dated.remove(others[0])
        elif others:
            raise _Unreadable("more than one year")
    outer, inner = [], []
    for index in dated:
        token = tokens[index]
        if token[0] in ("lp", "rp"):
            continue
        (inner if depths[index] else outer).append(token)
    days = [value for kind, value, _ in outer if kind == "num"]
    months = [value for kind, value, _ in outer if kind == "month"]
    inner_days = [value for kind, value, _ in inner if kind == "num"]
    inner_months = [value for kind, value, _ in inner if kind == "month"]
    if any(day > 31 or day < 1 for day in days + inner_days):
        raise _Unreadable("a day out of range")
    if (days or inner_days) and not (months or inner_months):
        raise _Unreadable("a day without a month")

    julian = None
    if inner_days or inner_months:
        # an Old Style / New Style pair: "25 May (7 June)", "3 (16) July", "May 14 (2)"
        if (
            len(days) != 1
            or len(inner_days) != 1
            or len(months) + len(inner_months) > 2
        ):
            raise _Unreadable("a pair of dates in two calendars that cannot be matched")
        first_month = months[0] if months else inner_months[0]
        second_month = inner_months[0] if inner_months else first_month
        first = (first_month, days[0])
        second = (second_month, inner_days[0])
        sides = years_by_side if len(years_by_side) == 2 else {}
        julian, start = _old_and_new_style(
            first, second, year, sides.get(False), sides.get(True)
        )
        end = start
        precision = "day"
    elif len(days) == 2 and len(months) in (1, 2):
        # "March 8 or 9, 1912", "16-18 July 1914", "30 June - 2 July 1914"
        first_month = months[0]
        last_month = months[-1]
        start = _day(year, first_month, days[0])
        end = _day(year, last_month, days[1])
        if end < start:
            raise _Unreadable("a range that ends before it starts")
        precision = "range"
    elif len(days) == 1 and len(months) == 1:
        start = end = _day(year, months[0], days[0])
        precision = "day"
    elif not days and len(months) == 2:
        # "at the end of November or the beginning of December 1915"
        start = _day(year, months[0], 1)
        end = _day(year, months[1], _last_day(year, months[1]))
        if end < start:
            raise _Unreadable("a range that ends before it starts")
        precision = "range"
    elif not days and len(months) == 1:
        start = _day(year, months[0], 1)
        end = _day(year, months[0], _last_day(year, months[0]))
        precision = "month"
    elif not days and not months:
        if year_index is None:
            raise _Unreadable("no year")
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        precision = "year"
    else:
        raise _Unreadable("days and months that do not make one date")

    before, after = _BEFORE.search(text), _AFTER.search(text)
    if before and after:
        # "in May, not earlier than 7 and not later than 12, 1920": the days named
        if len(_INCLUSIVE.findall(text)) == 2 and precision == "range":
            return start, end, precision, julian
        raise _Unreadable("both 'before' and 'after'")
    if before:
        inclusive = _INCLUSIVE.search(text)
        return None, (end if inclusive else start), "before", julian
    if after:
        inclusive = _INCLUSIVE.search(text)
        return (
            (start if inclusive else end + dt.timedelta(days=1)),
            None,
            "after",
            julian,
        )
    return start, end, precision, julian


def day_in_words(day):
    """ "14 May 1895"."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def date_in_words(start, end, precision):
    """A normalised date in words, as an editor writes it in a title: "14 May 1895",
    "March 1912", "between 8 March 1912 and 9 March 1912", "before 25 July 1914",
    "undated"."""
    known = start or end
    if precision == "before" and end:
        return f"before {day_in_words(end)}"
    if precision == "after" and start:
        return f"after {day_in_words(start)}"
    if known is None:
        return "undated"
    if precision == "year":
        return str(known.year)
    if precision == "month":
        return f"{calendar.month_name[known.month]} {known.year}"
    if start and end and start != end:
        return f"between {day_in_words(start)} and {day_in_words(end)}"
    return day_in_words(known)
