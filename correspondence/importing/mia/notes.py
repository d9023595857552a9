"""The notes after a MIA letter ("[1] ...", or "1. ..." where the page shows it is a
note, under an optional "Notes" heading, each possibly of several paragraphs), and the
navigation furniture that is no part of it.
"""

from __future__ import annotations

import re

from correspondence.importing.records import FootnoteRecord, ParseError

_NOTE = re.compile(r"^\[(?P<number>\d+)\]\s*(?P<text>.*)$")
#: "1. See Note 435.—Ed.", "(1) On the night ...": a note numbered as a list
_LISTED_NOTE = re.compile(
    r"^(?:(?P<number>\d{1,3})\.|\((?P<paren>\d{1,3})\))\s+(?P<text>\S.*)$"
)
FURNITURE = (
    re.compile(r"^<\s*backward"),
    re.compile(r"^Works Index\b"),
    re.compile(r"^(?:\|\s*)+$"),
    re.compile(r"^•?\s*README$"),
    re.compile(r"^Text\s*(?:README)?$"),
)
_NOTES_HEADING = re.compile(r"^Notes$")


def _listed_note(line, raw, in_notes, items):
    """A note numbered "1. ..." where the page shows it is one: under a "Notes"
    heading, indented as a list item, or when the letter above has a bracketed marker
    of its number ("Mohr [2]", "Dear Comrade Lenin,(1)")."""
    match = _LISTED_NOTE.match(line)
    if not match:
        return None
    if in_notes or raw[:1].isspace():
        return match
    if match["paren"]:
        marker = re.compile(rf"[\w.,;:!?]\s?\({match['paren']}\)")
    else:
        marker = re.compile(rf"\[{match['number']}\]")
    return match if any(marker.search(text) for _, text in items) else None


def read_letter_and_notes(lines, start, path):
    """Letter lines and notes: (line number, text) pairs, FootnoteRecords, and whether
    the notes are numbered "(1)" (so that the markers are too)."""
    items, notes, in_notes, parenthesised = [], [], False, False
    for index in range(start, len(lines)):
        line = lines[index].strip()
        number = index + 1
        if not line or any(pattern.match(line) for pattern in FURNITURE):
            continue
        if _NOTES_HEADING.match(line):
            in_notes = True
            continue
        match = _NOTE.match(line) or _listed_note(line, lines[index], in_notes, items)
        if match and match["text"] and (in_notes or items):
            in_notes = True
            parenthesised = parenthesised or bool(match.groupdict().get("paren"))
            note_number = int(match["number"] or match["paren"])
            if any(note.number == note_number for note in notes):
                raise ParseError(
                    path, number, f"note [{note_number}] is numbered twice"
                )
            notes.append(FootnoteRecord(number=note_number, text=match["text"]))
            continue
        if in_notes:
            if not notes:
                raise ParseError(
                    path, number, "expected a note '[1] ...' after 'Notes'"
                )
            notes[-1].text += "\n\n" + line
            continue
        items.append((number, line))
    return items, notes, parenthesised
