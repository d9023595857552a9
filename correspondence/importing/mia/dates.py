"""Where a MIA page gives the letter's date: the "Written:"-like label (with the
places a "Sent from ... to ..." sentence beside it names), else a dateline (above the
letter or after it), else "Written on ..." inside the publication note, else the end of
the page's title ("Note to A. B. Name by direct line, May 7, 1919"), else the year of
the collection the page belongs to. A page with none
of these is undated: the caller warns, nothing is guessed.
"""

from __future__ import annotations

import re

from correspondence.dates import parse_date
from correspondence.importing.letterparts import strip_marker_text
from correspondence.importing.mia.body import WEEKDAY
from correspondence.importing.mia.header import is_collection_title
from correspondence.importing.mia.sources import SENT
from correspondence.importing.records import DateRecord, ParseError

UNDATED = DateRecord(as_written="", start=None, end=None, precision="unknown")
_WRITTEN_IN_NOTE = re.compile(
    r"\b(?P<date>Written\s+(?:on|in|between|not|before|after)\b.+?\d{4})", re.I
)


def read_date(labels, parts, path, context_year, fallback_line, titles=()):
    """(DateRecord, places) from the Written:-like label, a dateline, the publication
    note or a title; UNDATED where the page gives no date."""
    places = {}
    if "date" in labels and labels["date"]["values"]:
        entry = labels["date"]
        value = entry["values"][0]
        pieces = re.split(
            r"\.\s+(?=(?:Letter\s+)?sent\b)", value, maxsplit=1, flags=re.I
        )
        if len(pieces) == 2 and (match := SENT.match(pieces[1].strip())):
            places = {k: v for k, v in match.groupdict().items() if v}
        date = parse_date(
            pieces[0], path=path, line=entry["line"], context_year=context_year
        )
        return date, places
    for dateline in parts["dateline"].split("\n"):
        if dateline and not WEEKDAY.match(dateline):
            return parse_date(
                strip_marker_text(dateline),
                path=path,
                line=fallback_line,
                context_year=context_year,
            ), places
    published = " ".join(labels.get("published", {}).get("values", []))
    if match := _WRITTEN_IN_NOTE.search(published):
        date = _readable(match["date"], context_year)
        if date:
            return date, places
    for title in titles:
        date = title_date(title)
        if date:
            return date, places
    for title in titles:
        # the year the archive files a collection's letter under: "Letters of Jenny
        # Marx 1860", "Marx-Engels Correspondence 1857"
        if is_collection_title(title) and (match := re.search(r"\b\d{4}$", title)):
            return parse_date(match.group()), places
    return UNDATED, places


def title_date(title):
    """The date a title ends with after a comma: "Letter to Karl Marx, December 26,
    1862" -> the date "December 26, 1862"; None if it ends with none."""
    pieces = strip_marker_text(title).split(",")
    for cut in range(1, len(pieces)):
        tail = ",".join(pieces[cut:]).strip()
        if not re.search(r"\d{4}\W*$", tail) or len(tail.split()) > 6:
            continue
        if date := _readable(tail, None):
            return date
    return None


def _readable(text, context_year):
    """The date ``text`` gives when it has a day or a month, else None."""
    try:
        date = parse_date(text.strip(" ."), context_year=context_year)
    except ParseError:
        return None
    return date
