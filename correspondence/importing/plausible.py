"""Doubts about a page's date, for the import report: a date outside the span an
edition of letters can hold, or one the page's own notes contradict ("November 11,
1002" where a note says "November 10 and 11, 1902"). The importer keeps the date as
the page gives it (invent nothing) and says why an editor may want to correct it.

Pure Python: no database.
"""

from __future__ import annotations

import datetime as dt
import re

from correspondence.dates import MONTHS
from correspondence.importing.records import LetterRecord

#: the earliest year a letter of a modern edition is taken as plausible
EARLIEST_YEAR = 1700

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
#: "November 10 and 11, 1902", "Nov. 11 1902"
_MONTH_DAYS_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<days>\d{{1,2}}(?:(?:,|\s+and|\s*[-–])\s*"
    rf"\d{{1,2}})*),?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
#: "10 and 11 November 1902"
_DAYS_MONTH_YEAR = re.compile(
    rf"\b(?P<days>\d{{1,2}}(?:(?:,|\s+and|\s*[-–])\s*\d{{1,2}})*)\s+"
    rf"(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
#: "a misprint for 1902", "should read 1902", "an error for 1902"
_MISPRINT = re.compile(
    r"\b(?:misprint(?:ed)?|should read|(?:slip|error|mistake) for)\b[^.]{0,40}?\b"
    r"(?P<year>\d{4})\b",
    re.IGNORECASE,
)


def date_doubts(record: LetterRecord, today: dt.date | None = None):
    """Why the page's date may be wrong, as report notes (empty when nothing is)."""
    date = record.date
    known = [d for d in (date.start, date.end) if d]
    if not known:
        return []
    today = today or dt.date.today()
    doubts = []
    if min(known).year < EARLIEST_YEAR or max(known) > today:
        doubts.append(
            f"the date {date.as_written!r} ({_span(date)}) is outside the span a "
            f"letter of this edition may have ({EARLIEST_YEAR} to today): kept as "
            "printed; an editor may record a corrected date"
        )
    for label, text in _notes(record):
        day = date.start if date.precision == "day" else None
        for year in _other_years(text, day, (date.start or date.end).year):
            doubts.append(
                f"{label} gives the year {year} where the date {date.as_written!r} "
                "has another: kept as printed; an editor may record a corrected date"
            )
            break
    return doubts


def _span(date):
    start, end = date.start, date.end
    if start and end and start != end:
        return f"{start.isoformat()} to {end.isoformat()}"
    return (start or end).isoformat()


def _notes(record):
    if record.headnote:
        yield "the headnote", record.headnote
    for note in record.footnotes:
        yield f"note {note.number}", note.text


def _other_years(text, day, year):
    """Years other than ``year`` that ``text`` gives to the letter's ``day`` (a date,
    or None when the letter has no single day), or calls the right one for a
    misprint."""
    years = []
    for pattern in (_MONTH_DAYS_YEAR, _DAYS_MONTH_YEAR) if day else ():
        for match in pattern.finditer(text):
            month = MONTHS[match["month"].casefold()]
            days = {int(d) for d in re.findall(r"\d{1,2}", match["days"])}
            if month == day.month and day.day in days:
                years.append(int(match["year"]))
    years += [int(m["year"]) for m in _MISPRINT.finditer(text)]
    return [y for y in dict.fromkeys(years) if y != year]
