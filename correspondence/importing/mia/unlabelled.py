"""Pages of the archive's copies that lack its labels: a wiki's infobox rows
("Written | 24 March 1930 |") read as the labels they are, a wiki's "[edit source]"
links dropped, and on a page with no labels at all the letter found where it opens (its
salutation, with the datelines and address lines just above it), below a title that
says it is a letter ("Letter to ...", "Engels To Marx", "Letters of ...") or a date.
"""

from __future__ import annotations

import re

from correspondence.dates import parse_date
from correspondence.importing.letterparts import (
    ends_sentence,
    is_salutation,
    strip_marker_text,
    words,
)
from correspondence.importing.mia.header import (
    HEADING,
    KIND_HEADING,
    SENDER_TO,
    is_collection_title,
    is_furniture,
)
from correspondence.importing.mia.labels import LABEL
from correspondence.importing.records import ParseError

_INFOBOX_ROW = re.compile(r"^(?P<label>[^|]+?)\s*\|\s*(?P<value>[^|]+?)\s*\|$")
#: an infobox row whose cells the copy ran together: "Written 22 November 1915"
_FLAT_ROW = re.compile(
    r"^(?P<label>Written)\s+(?P<value>(?:\d{1,2}\s+)?[A-Z][a-z]+\.?\s+\d{1,4}.*)$"
)
_EDIT_LINK = re.compile(r"\[edit(?:\s+source)?\]")
_DATE_WORDS = re.compile(r"\b\d{1,2}\b.*\b\d{4}\b|\b\d{4}\b")


def normalise(lines):
    """The page's lines with infobox rows as "Label: value" (an author row as the author
    line) and without "[edit source]" links."""
    out = []
    for line in lines:
        line = _EDIT_LINK.sub("", line)
        if match := _FLAT_ROW.match(line.strip()):
            line = f"{match['label']}: {match['value']}"
        if match := _INFOBOX_ROW.match(line.strip()):
            label, value = match["label"], match["value"]
            if re.fullmatch(r"Author(?:\(s\))?", label):
                line = value
            elif LABEL.match(f"{label}: {value}"):
                line = f"{label}: {value}"
        elif match := re.match(r"^Author\(s\)\s+(?P<value>[A-Z].*)$", line.strip()):
            line = match["value"]
        out.append(line)
    return out


def letter_start(lines, first):
    """The index of the letter's first line on a page without labels, or None when the
    page does not look like a letter page (no salutation, or nothing above it saying it
    is a letter)."""
    opening = next(
        (
            index
            for index in range(first, len(lines))
            if is_salutation(lines[index].strip())
            and not HEADING.match(lines[index].strip())
        ),
        None,
    )
    if opening is None:
        return None
    start = opening
    for index in range(opening - 1, first - 1, -1):
        line = lines[index].strip()
        if not line:
            continue
        if not _above_salutation(line):
            break
        start = index
    titled = any(_says_letter(line.strip()) for line in lines[first:start])
    return start if titled else None


def _above_salutation(line):
    """A dateline or an address line: short, not a sentence, not a title."""
    bare = " ".join(re.sub(r"\s*\[\d+\]", "", line).split())
    if KIND_HEADING.match(line) or SENDER_TO.match(bare):
        # a bare "To: ..." above the salutation is the letter's own address line
        return False
    if _is_dateline(line):
        return True
    return (
        not is_collection_title(line)
        and not (_DATE_WORDS.search(line) and not HEADING.match(line))
        and not is_furniture(line)
        and not ends_sentence(line)
        and len(words(line)) <= 10
    )


def _is_dateline(line):
    # any year completes a year-less dateline ("July 6"): only its form matters here
    try:
        date = parse_date(strip_marker_text(line), context_year=2000)
    except ParseError:
        return False
    # a year alone is a title's ("Letters of Anna Writer, 1901"), not a dateline
    return len(words(line)) <= 8 and date.precision != "year"


def _says_letter(line):
    return bool(
        HEADING.match(line)
        or SENDER_TO.match(" ".join(re.sub(r"\s*\[\d+\]", "", line).split()))
        or is_collection_title(line)
        or (_DATE_WORDS.search(line) and len(words(line)) <= 12)
    )
