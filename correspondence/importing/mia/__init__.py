"""Parser for Marxists Internet Archive letter pages (one letter a page). Pure Python.

A page is: an optional "# url: ..." line (where the page came from, not part of it), a
preamble (author line, an item number, a "To: ..." heading), a block of labels
("Written:", "Published:", "Source:", "Translated:", "Transcription\\Markup:",
"Public Domain:", "Other Formats:" and their variants) whose values sit on the same line
or on the lines below, then the letter (datelines, address lines, salutation, body,
closing, signature, postscript) and its notes ("[1] ..."), with navigation furniture.

A value line whose label the page dropped is read by what it says (a publication note,
an edition citation, the transcriber under the translator). The place a dateline names
("Geneva, May 2, 1902") is where the letter was sent from. An address repeated for
several places gives the person named in each block; others signing beside the sender
are senders too, after the sender, with the role co-signer; a "Copy to ..." line's
addressees are recipients after the letter's addressees, with the role "copy to".
"""

from __future__ import annotations

from correspondence.importing.letterparts import Markers
from correspondence.importing.mia.body import dateline_place, read_letter_parts
from correspondence.importing.mia.dates import read_date, title_date
from correspondence.importing.mia.header import (
    merged,
    read_preamble,
    title_after_labels,
)
from correspondence.importing.mia.labels import (
    LABEL,
    URL_LINE,
    read_labels,
    year_from_url,
)
from correspondence.importing.mia.notes import read_letter_and_notes
from correspondence.importing.mia.people import (
    find_co_signers,
    find_recipients,
    find_senders,
)
from correspondence.importing.mia.sources import (
    read_edition,
    read_publication,
    read_transcription,
)
from correspondence.importing.mia.unlabelled import letter_start, normalise
from correspondence.importing.records import LetterRecord, ParseError, SourceRecord


def looks_like_mia(lines):
    lines = normalise(lines)
    return any(
        LABEL.match(line.strip())
        and LABEL.match(line.strip())["label"].lower()
        in ("written", "source", "published", "wired", "dictated")
        for line in lines
    ) or (letter_start(lines, 0) is not None)


def _title_year(titles):
    """The year of a date a title ends with, to complete a year-less dateline where
    the page's address gives no year."""
    dates = [title_date(title) for title in titles]
    return next((date.start.year for date in dates if date and date.start), None)


def parse_mia(text, *, path, name):
    lines = normalise(text.splitlines())
    url, first = "", 0
    if lines and (match := URL_LINE.match(lines[0].strip())):
        url, first = match["url"], 1
    label_start = next(
        (
            index
            for index in range(first, len(lines))
            if LABEL.match(lines[index].strip())
        ),
        None,
    )
    if label_start is not None:
        preamble = read_preamble(lines, first, label_start)
        labels, after = read_labels(lines, label_start)
    else:
        label_start = after = letter_start(lines, first)
        if after is None:
            raise ParseError(path, first + 1, "expected 'Written:' or 'Source:' labels")
        preamble, labels = read_preamble(lines, first, after), {}
    items, notes, parenthesised = read_letter_and_notes(lines, after, path)
    if titled := title_after_labels(items):
        # the page's title under its labels ("luxemburg" / "Rosa Luxemburg" /
        # "Lettre à Sonia Liebknecht"): part of the preamble, not of the letter
        preamble = merged(preamble, read_preamble(lines, after, items[titled][0]))
        items = items[titled + 1 :]
    context_year = year_from_url(url, labels) or _title_year(preamble.lines)

    heading_item = preamble.heading
    markers = Markers(path, [note.number for note in notes], parenthesised)
    heading = ""
    if heading_item:
        heading = markers.convert(heading_item[1], heading_item[0])
    items = [(line, markers.convert(text_, line)) for line, text_ in items]
    if not items:
        raise ParseError(path, after + 1, "expected the letter's text after the labels")
    parts = read_letter_parts(items, context_year)

    date = read_date(labels, parts, path, context_year, after, titles=preamble.lines)
    warnings = markers.warnings()
    if date[0].precision == "unknown" and not date[0].as_written:
        warnings.append("no date on the page: imported as undated")
    published = read_publication(labels)
    source_author, edition = read_edition(labels, published)
    senders = find_senders(preamble, source_author, parts["signature"])
    co_signers = [
        name
        for name in find_co_signers(senders, parts["signature"])
        if name not in senders
    ]
    senders += co_signers
    elsewhere = " ".join(preamble.lines + [note.text for note in notes])
    recipients = find_recipients(heading, parts, preamble, elsewhere)
    # an addressee also named on a "Copy to" line stays an addressee
    copies_to = list(
        dict.fromkeys(name for name in parts["copies"] if name not in recipients)
    )
    recipients += copies_to
    place_sent = (
        dateline_place(parts["dateline"], context_year)
        or published.get("sent", "")
        or date[1].get("sent", "")
    )
    place_received = published.get("received", "") or date[1].get("received", "")

    sources = [edition] if edition else []
    if published.get("title"):
        sources.append(
            SourceRecord(
                role="first_publication",
                title=published["title"],
                year=published.get("year", ""),
            )
        )
    transcription = read_transcription(labels, url)
    if transcription:
        sources.append(transcription)
    letter_line = heading_item[0] if heading_item else label_start + 1
    return [
        LetterRecord(
            origin=f"{name}#letter",
            line=letter_line,
            date=date[0],
            senders=senders,
            recipients=recipients,
            co_signers=co_signers,
            copies_to=copies_to,
            heading=heading,
            place_sent=place_sent,
            place_received=place_received,
            dateline=parts["dateline"],
            salutation=parts["salutation"],
            body=parts["body"],
            closing=parts["closing"],
            signature=parts["signature"],
            postscript=parts["postscript"],
            footnotes=notes,
            sources=sources,
            warnings=warnings,
        )
    ]
