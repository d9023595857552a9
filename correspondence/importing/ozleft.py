"""Parser for Ozleft book-extract pages: several letters, each under a "Document N."
heading.

The page names its edition once ("Extracts from <title>, <editor>, <year>") and its
correspondents in its title ("Letters from <sender> to <recipient>"). Each document is:
heading, date line (editorial, possibly in square brackets), an optional dateline
written on the letter, salutation, body paragraphs, closing, signature, postscript, then
its notes as numbered paragraphs ("1. ..."). An unnumbered paragraph after a note goes
on with it when the note breaks off mid-sentence or the paragraph starts in lower case;
other unnumbered paragraphs between one document's notes and the next heading are that
next document's headnote, and after the last document they are the page's, not a
letter's.
Pure Python: no Django.
"""

from __future__ import annotations

import re

from correspondence.dates import parse_date
from correspondence.importing.letterparts import (
    Markers,
    ends_sentence,
    is_closing,
    is_salutation,
    is_signature,
    strip_marker_text,
    words,
)
from correspondence.importing.records import (
    FootnoteRecord,
    LetterRecord,
    ParseError,
    SourceRecord,
)

HEADING = re.compile(r"^Document\s+(?P<number>\d+)\.\s*(?P<rest>.*)$")
_EXTRACTS = re.compile(
    r"^Extracts? from (?P<title>.+),\s*(?P<editor>[^,]+),\s*(?P<year>\d{4})\.?$"
)
_PAGE_TITLE = re.compile(r"^Letters? from (?P<sender>.+?) to (?P<recipient>.+?)\.?$")
_RECIPIENT = re.compile(r"\bLetter (?:to|To) (?P<name>[^.(]+?)\s*(?:\.|\(|$)")
_PAGES = re.compile(
    r"\(\s*pp?\.?\s*(?P<pages>[\dA-Za-z]+(?:\s*[-–]\s*[\dA-Za-z]+)?)\s*\)"
)
_NOTE = re.compile(r"^(?P<number>\d+)\.\s+(?P<text>\S.*)$")
_SITE_HOME = re.compile(r"^(?P<site>\w[\w .-]*?) home$")
FURNITURE = (
    re.compile(r"^An independent forum\b"),
    re.compile(r"^Left links$"),
    re.compile(r"^\w[\w .-]* home$"),
    re.compile(r"^Comments welcome$"),
    re.compile(r"^Since \w+ \d{1,2}, \d{4}$"),
)


def looks_like_ozleft(lines):
    return any(HEADING.match(line.strip()) for line in lines)


def parse_ozleft(text, *, path, name):
    """The letters of an Ozleft page; ``name`` (the file name) goes into each origin."""
    paragraphs = _paragraphs(text)
    page = _page_facts(paragraphs, path)
    headings = [
        index for index, (_, para) in enumerate(paragraphs) if HEADING.match(para)
    ]
    if not headings:
        raise ParseError(path, 1, "expected 'Document N.' headings on an Ozleft page")
    letters = []
    headnote = []
    for position, start in enumerate(headings):
        stop = (
            headings[position + 1] if position + 1 < len(headings) else len(paragraphs)
        )
        chunk = [
            item
            for item in paragraphs[start + 1 : stop]
            if not any(pattern.match(item[1]) for pattern in FURNITURE)
        ]
        letter, headnote_next = _document(
            paragraphs[start],
            chunk,
            headnote,
            page,
            path,
            name,
            is_last=position + 1 == len(headings),
        )
        letters.append(letter)
        headnote = headnote_next
    _check_unique(letters, path)
    return letters


def _paragraphs(text):
    """(line number, paragraph) pairs: runs of non-blank lines, joined with spaces."""
    paragraphs, current, first = [], [], None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line.strip())
        elif current:
            paragraphs.append((first, " ".join(current)))
            current = []
    if current:
        paragraphs.append((first, " ".join(current)))
    return paragraphs


def _page_facts(paragraphs, path):
    facts = {"sender": "", "recipient": "", "edition": None, "site": ""}
    for _, para in paragraphs:
        if HEADING.match(para):
            break
        if match := _PAGE_TITLE.match(para):
            facts["sender"], facts["recipient"] = match["sender"], match["recipient"]
        elif match := _EXTRACTS.match(para):
            facts["edition"] = match.groupdict()
    for _, para in paragraphs:
        if match := _SITE_HOME.match(para):
            facts["site"] = match["site"]
            break
    return facts


def _document(heading_item, chunk, headnote, page, path, name, *, is_last):
    line, heading = heading_item
    match = HEADING.match(heading)
    number = match["number"]
    if not chunk:
        raise ParseError(
            path, line, f"expected a date line after the heading {heading!r}"
        )
    date_line, date_text = chunk[0]
    date = parse_date(date_text, path=path, line=date_line)
    body_items, notes, headnote_next = _split_notes(chunk[1:], path, is_last=is_last)
    markers = Markers(path, [note.number for note in notes])
    heading_marked = markers.convert(heading, line)
    marked = [
        (item_line, markers.convert(para, item_line)) for item_line, para in body_items
    ]
    parts = _letter_parts(marked, path)
    rest = match["rest"]
    recipient = _RECIPIENT.search(rest)
    recipients = (
        [recipient["name"].strip()]
        if recipient
        else ([page["recipient"]] if page["recipient"] else [])
    )
    pages = _PAGES.search(rest)
    return (
        LetterRecord(
            origin=f"{name}#document-{number}",
            line=line,
            date=date,
            senders=[page["sender"]] if page["sender"] else [],
            recipients=recipients,
            heading=heading_marked,
            headnote="\n\n".join(headnote),
            excerpt=bool(re.search(r"\bexcerpts?\b", rest, re.I)),
            footnotes=notes,
            sources=_sources(page, re.sub(r"\s+", "", pages["pages"]) if pages else ""),
            warnings=markers.warnings(),
            **parts,
        ),
        headnote_next,
    )


def _split_notes(items, path, *, is_last):
    """(letter paragraphs, notes, headnote of the next document)."""
    first_note = next(
        (
            index
            for index, (_, para) in enumerate(items)
            if (match := _NOTE.match(para)) and match["number"] == "1"
        ),
        None,
    )
    if first_note is None:
        return items, [], []
    notes, trailing = [], []
    for item_line, para in items[first_note:]:
        match = _NOTE.match(para)
        if match and not trailing:
            number = int(match["number"])
            if any(note.number == number for note in notes):
                raise ParseError(path, item_line, f"note {number} is numbered twice")
            if number != len(notes) + 1:
                raise ParseError(
                    path,
                    item_line,
                    f"expected note {len(notes) + 1}, found note {number}",
                )
            notes.append(FootnoteRecord(number=number, text=match["text"]))
        elif match:
            raise ParseError(
                path, item_line, f"note {match['number']} after unnumbered paragraphs"
            )
        elif not trailing and _continues(notes[-1].text, para):
            notes[-1].text = "\n\n".join([notes[-1].text, para])
        else:
            trailing.append(para)
    if is_last:
        # no heading follows: page text after the last letter, no note's and no letter's
        trailing = []
    return items[:first_note], notes, trailing


def _continues(note, para):
    """An unnumbered paragraph goes on with the note above it when the note breaks off
    mid-sentence or the paragraph starts in lower case; otherwise it is new text (the
    next document's headnote, or the page's own after the last document)."""
    return not ends_sentence(note) or para[:1].islower()


def _letter_parts(items, path):
    """dateline, salutation, body, closing, signature and postscript from marked
    paragraphs."""
    parts = dict(
        dateline="", salutation="", body="", closing="", signature="", postscript=""
    )
    paras = [para for _, para in items]
    index = 0
    if paras and _is_dateline(paras[0]):
        parts["dateline"] = paras[0]
        index = 1
    if index < len(paras) and is_salutation(paras[index]):
        parts["salutation"] = paras[index]
        index += 1
    body = paras[index:]
    end = len(body)
    for position in range(1, len(body)):
        if is_closing(body[position]) or (
            is_signature(body[position]) and not ends_sentence(body[position])
        ):
            end = position
            break
    tail = body[end:]
    body = body[:end]
    closing, signature = [], []
    while tail and is_closing(tail[0]) and not signature:
        closing.append(tail.pop(0))
    while tail and is_signature(tail[0]):
        signature.append(tail.pop(0))
    parts["body"] = "\n\n".join(body)
    parts["closing"] = "\n".join(closing)
    parts["signature"] = "\n".join(signature)
    parts["postscript"] = "\n\n".join(tail)
    return parts


def _is_dateline(para):
    bare = strip_marker_text(para)
    if len(words(bare)) > 8:
        return False
    try:
        parse_date(bare)
    except ParseError:
        return False
    return True


def _sources(page, pages):
    sources = []
    if page["edition"]:
        edition = page["edition"]
        sources.append(
            SourceRecord(
                role="edition",
                title=edition["title"].strip(),
                editor=edition["editor"].strip(),
                year=edition["year"],
                pages=pages,
            )
        )
    if page["site"]:
        sources.append(SourceRecord(role="transcription", title=page["site"]))
    return sources


def _check_unique(letters, path):
    seen = {}
    for letter in letters:
        if letter.origin in seen:
            raise ParseError(
                path,
                letter.line,
                f"{letter.heading!r} repeats the heading on line {seen[letter.origin]}",
            )
        seen[letter.origin] = letter.line
