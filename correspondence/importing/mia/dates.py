"""Where a MIA page gives the letter's date: the "Written:"-like label (with the
places a "Sent from ... to ..." sentence beside it names), else a dateline.
"""

from __future__ import annotations

import re

from correspondence.dates import parse_date
from correspondence.importing.letterparts import strip_marker_text
from correspondence.importing.mia.body import WEEKDAY
from correspondence.importing.mia.sources import SENT
from correspondence.importing.records import ParseError


def read_date(labels, parts, path, context_year, fallback_line):
    """(DateRecord, places) from the Written:-like label, else from a dateline."""
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
    raise ParseError(
        path,
        fallback_line,
        "expected a 'Written:' line or a dateline giving the letter's date",
    )
