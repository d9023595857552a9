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
are senders too (co-signers); a "Copy to ..." line's addressees are recipients after the
letter's addressees.
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

LABEL = re.compile(
    r"^(?P<label>Written|Wired|Dictated|First Published|Published|Source"
    r"|Translated(?:\s*/\s*Edited)?|Transcription\s*[\\/]\s*(?:HTML\s+)?Markup"
    r"|Public Domain|Copyleft|Other Formats)\s*:\s*(?P<value>.*)$",
    re.I,
)
_KEYS = {
    "written": "date", "wired": "date", "dictated": "date",
    "published": "published", "first published": "published", "source": "source",
    "public domain": "licence", "copyleft": "licence", "other formats": "formats",
}  # fmt: skip
_URL = re.compile(r"^#\s*url:\s*(?P<url>\S+)\s*$")
_NOTE = re.compile(r"^\[(?P<number>\d+)\]\s*(?P<text>.*)$")
FURNITURE = (
    re.compile(r"^<\s*backward"),
    re.compile(r"^Works Index\b"),
    re.compile(r"^(?:\|\s*)+$"),
    re.compile(r"^•?\s*README$"),
    re.compile(r"^Text\s*(?:README)?$"),
)
_NOTES_HEADING = re.compile(r"^Notes$")
_HEADING = re.compile(
    r"^(?:(?:telegram|letter|note|message)\s+)?to\b\s*:?\s*(?P<to>.+)$", re.I
)
_POSTSCRIPT = re.compile(r"^P\.\s*(?:P\.\s*)?S\.")
_WEEKDAY = re.compile(
    r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I
)
_MARKING = re.compile(r"^(?:top secret|secret|confidential|urgent|priority)\b", re.I)
_COPY_TO = re.compile(r"^Cop(?:y|ies)\s+to\s+(?P<to>.+?)\.?$", re.I)
_HONORIFIC = re.compile(
    r"^(?:(?:Her|His|Your) Excellency|Comrades?|Commander-in-Chief|Citizens?|Mr\.?"
    r"|Mrs\.?|Herr|Frau|Dear|My|Liebe[rn]?)\s+",
    re.I,
)
_SENT = re.compile(
    r"^(?:Letter\s+)?sent(?:\s+from\s+(?P<sent>.+?))?(?:\s+to\s+(?P<received>.+?))?\.?$",
    re.I,
)
_PUBLISHED = re.compile(
    r"^(?:First\s+)?published\b(?:\s+in\s+(?:full|part))?(?:\s+in\s+(?P<year>\d{4}))?"
    r"(?:\s+in\s+(?:the\s+(?:book|journal|magazine|newspaper)\s*:?\s*)?(?P<title>.+?))?\.?$",
    re.I,
)
_SENTENCE_BREAK = re.compile(
    r"(?<=[.,;])\s+"
    r"(?=(?:Sent|Letter sent|Printed|Published|First published|Translated)\b)"
)
_BARE_YEAR = re.compile(r"\[?(?P<year>1[0-9]{3}|20[0-9]{2})\]?[.,;]?")


def looks_like_mia(lines):
    return any(
        LABEL.match(line.strip())
        and LABEL.match(line.strip())["label"].lower()
        in ("written", "source", "published", "wired", "dictated")
        for line in lines
    )


def parse_mia(text, *, path, name):
    lines = text.splitlines()
    url, first = "", 0
    if lines and (match := _URL.match(lines[0].strip())):
        url, first = match["url"], 1
    label_start = next(
        (
            index
            for index in range(first, len(lines))
            if LABEL.match(lines[index].strip())
        ),
        None,
    )
    if label_start is None:
        raise ParseError(path, first + 1, "expected 'Written:' or 'Source:' labels")
    author, heading_item = _preamble(lines, first, label_start)
    labels, after = _labels(lines, label_start)
    items, notes = _letter_and_notes(lines, after, path)
    context_year = _context_year(url, labels)

    markers = Markers(path, [note.number for note in notes])
    heading = ""
    if heading_item:
        heading = markers.convert(heading_item[1], heading_item[0])
    items = [(line, markers.convert(text_, line)) for line, text_ in items]
    if not items:
        raise ParseError(path, after + 1, "expected the letter's text after the labels")
    parts = _letter_parts(items, context_year)

    date = _date(labels, parts, path, context_year, after)
    published = _published(labels)
    source_author, edition = _edition(labels, published)
    senders = _senders(author, source_author, parts["signature"])
    senders += _co_signers(senders, parts["signature"])
    recipients = _recipients(heading, parts)
    recipients += [name for name in parts["copies"] if name not in recipients]
    place_sent = (
        _dateline_place(parts["dateline"], context_year)
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
    transcription = _transcription(labels, url)
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
        )
    ]


# -- header ----------------------------------------------------------------------------


def _preamble(lines, first, stop):
    author, heading = "", None
    for index in range(first, stop):
        line = lines[index].strip()
        if not line or line.isdigit():
            continue
        if _HEADING.match(line):
            heading = (index + 1, line)
        elif not author:
            author = " ".join(line.split())
    return author, heading


def _labels(lines, start):
    """{key: {"label", "line", "values"}} and the index of the first line after the
    block."""
    labels, current, index = {}, None, start
    while index < len(lines):
        line = lines[index].strip()
        match = LABEL.match(line)
        if match:
            label = " ".join(match["label"].split())
            key = _KEYS.get(label.lower())
            if key is None:
                key = (
                    "translated"
                    if label.lower().startswith("translated")
                    else "transcription"
                )
            value = match["value"].strip()
            ended = value.endswith("README")
            if ended:
                value = value[: -len("README")].strip()
            current = key
            entry = labels.setdefault(
                key, {"label": label, "line": index + 1, "values": []}
            )
            if value:
                entry["values"].append(value)
            index += 1
            if ended:
                break
            continue
        if not line:
            following = next(
                (j for j in range(index + 1, len(lines)) if lines[j].strip()),
                len(lines),
            )
            if following < len(lines) and LABEL.match(lines[following].strip()):
                index = following
                continue
            index = following
            break
        if re.match(r"^(?:•\s*)?(?:Text\s*)?README$", line):
            index += 1
            break
        if current == "formats":
            if line == "Text":
                index += 1
                continue
            break
        if (
            current == "licence"
            and labels["licence"]["values"]
            and re.search(r"(source|above)\.?$", labels["licence"]["values"][-1])
        ):
            break
        unlabelled = _unlabelled_key(line, current, labels)
        if unlabelled:
            current = unlabelled
            labels[current] = {"label": "", "line": index + 1, "values": [line]}
        else:
            labels[current]["values"].append(line)
        index += 1
    return labels, index


_PUBLICATION_NOTE = re.compile(
    r"^(?:First\s+published|Published\s+in|Printed\s+from|Sent\s+(?:from|to))\b", re.I
)
_EDITION_CITATION = re.compile(
    r"^(?:[A-Z][\w.]*(?:['’]s)?\s+)?(?:Collected|Selected|Complete)\s+Works\b"
)


def _unlabelled_key(line, current, labels):
    """The label a value line belongs to when the page dropped that label: a publication
    note ("First published in ...", "Printed from ...") where there is no Published:
    label, an edition citation ("Collected Works, ...") after a finished sentence where
    there is no Source: label, a second name under Translated: where there is no
    Transcription label (the transcriber's). None: the line continues ``current``."""
    values = labels[current]["values"]
    previous = values[-1] if values else ""
    if (
        "published" not in labels
        and current not in ("published", "source")
        and _PUBLICATION_NOTE.match(line)
    ):
        return "published"
    if (
        "source" not in labels
        and current != "source"
        and (not previous or ends_sentence(previous) or current != "published")
        and _EDITION_CITATION.match(line)
    ):
        return "source"
    if (
        current == "translated"
        and "transcription" not in labels
        and previous
        and not re.search(r"(?:\band|&|,)$", previous)
        and is_signature(line)
    ):
        return "transcription"
    return None


def _letter_and_notes(lines, start, path):
    """Letter lines and notes: (line number, text) pairs and FootnoteRecords."""
    items, notes, in_notes = [], [], False
    for index in range(start, len(lines)):
        line = lines[index].strip()
        number = index + 1
        if not line or any(pattern.match(line) for pattern in FURNITURE):
            continue
        if _NOTES_HEADING.match(line):
            in_notes = True
            continue
        match = _NOTE.match(line)
        if match and match["text"] and (in_notes or items):
            in_notes = True
            note_number = int(match["number"])
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
    return items, notes


def _context_year(url, labels):
    if match := re.search(r"/(1[0-9]{3}|20[0-9]{2})/", url):
        return int(match.group(1))
    return None


# -- the letter ------------------------------------------------------------------------


def _is_date(text, context_year):
    bare = strip_marker_text(text).strip()
    if _WEEKDAY.match(bare):
        return True
    if len(words(bare)) > 8:
        return False
    try:
        parse_date(bare, context_year=context_year)
    except ParseError:
        return False
    return True


def _date_then_signature(text, context_year):
    """("29/XI.", "Lenin") for "29/XI. Lenin"; None for anything else."""
    tokens = text.split(" ")
    for cut in range(1, len(tokens)):
        head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:]).strip()
        if (
            tail
            and is_signature(tail)
            and _is_date(head, context_year)
            and not _WEEKDAY.match(head)
        ):
            return head, tail
    return None


def _pre_body(text, context_year):
    bare = strip_marker_text(text)
    return _is_date(text, context_year) or (
        not ends_sentence(bare) and len(words(bare)) <= 10
    )


def _letter_parts(items, context_year):
    texts = [text for _, text in items]
    parts = dict(
        dateline="",
        salutation="",
        body="",
        closing="",
        signature="",
        postscript="",
        address=[],
        copies=[],
    )
    datelines = []
    index = 0
    while index < len(texts):
        text = texts[index]
        following = texts[index + 1] if index + 1 < len(texts) else ""
        if (
            is_salutation(text)
            and not _is_date(text, context_year)
            and not (following and _pre_body(following, context_year))
        ):
            parts["salutation"] = text
            index += 1
            break
        if not _pre_body(text, context_year) or index == len(texts) - 1:
            break
        if _is_date(text, context_year):
            datelines.append(text)
        elif match := _COPY_TO.match(strip_marker_text(text)):
            parts["copies"].extend(_names_listed(match["to"]))
        elif not _MARKING.match(text):
            parts["address"].append(text)
        index += 1
    body = texts[index:]
    postscript = []
    for position, text in enumerate(body):
        if position and _POSTSCRIPT.match(text):
            postscript = body[position:]
            body = body[:position]
            break
    end = len(body)
    for position in range(1, len(body)):
        text = body[position]
        if (
            is_closing(text)
            or (is_signature(text) and not ends_sentence(text))
            or _date_then_signature(text, context_year)
        ):
            end = position
            break
    tail, body = body[end:], body[:end]
    closing, signature = [], []
    while tail and is_closing(tail[0]):
        closing.append(tail.pop(0))
    while tail:
        split = _date_then_signature(tail[0], context_year)
        if split and not signature:
            datelines.append(split[0])
            signature.append(split[1])
            tail.pop(0)
        elif is_signature(tail[0]):
            signature.append(tail.pop(0))
        else:
            break
    if tail and signature and _is_date(tail[0], context_year):
        datelines.append(tail.pop(0))
    parts["dateline"] = "\n".join(datelines)
    parts["body"] = "\n\n".join(body)
    parts["closing"] = "\n".join(closing)
    parts["signature"] = "\n".join(signature)
    parts["postscript"] = "\n\n".join(tail + postscript)
    return parts


def _date(labels, parts, path, context_year, fallback_line):
    """(DateRecord, places) from the Written:-like label, else from a dateline."""
    places = {}
    if "date" in labels and labels["date"]["values"]:
        entry = labels["date"]
        value = entry["values"][0]
        pieces = re.split(
            r"\.\s+(?=(?:Letter\s+)?sent\b)", value, maxsplit=1, flags=re.I
        )
        if len(pieces) == 2 and (match := _SENT.match(pieces[1].strip())):
            places = {k: v for k, v in match.groupdict().items() if v}
        date = parse_date(
            pieces[0], path=path, line=entry["line"], context_year=context_year
        )
        return date, places
    for dateline in parts["dateline"].split("\n"):
        if dateline and not _WEEKDAY.match(dateline):
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


_PLACE = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2}")


def _dateline_place(datelines, context_year):
    """The place a dateline names beside its date or weekday: "Geneva" in "Salzburg,
    May 14, 1895" or in "Tuesday, Geneva". The letter's own word for where it was
    written goes before an editor's "Sent from"."""
    for dateline in datelines.split("\n"):
        pieces = [piece.strip() for piece in strip_marker_text(dateline).split(",")]
        if len(pieces) < 2:
            continue
        for place, rest in ((pieces[0], pieces[1:]), (pieces[-1], pieces[:-1])):
            rest = ", ".join(rest)
            if (
                _PLACE.fullmatch(place)
                and not _is_date(place, context_year)
                and _is_date(rest, context_year)
            ):
                return place
    return ""


# -- people ----------------------------------------------------------------------------


def _senders(author, source_author, signature):
    if author:
        if source_author and author.split()[-1] == source_author:
            return [source_author]
        return [author]
    if source_author:
        return [source_author]
    first = signature.split("\n")[0] if signature else ""
    if match := re.search(r"\(([^)]+)\)", first):
        return [match.group(1)]
    return [first] if first else []


def _names_listed(text):
    """The names a list gives: "Comrades Trotsky and Kamenev" -> ["Trotsky",
    "Kamenev"]; "the Cheka" -> ["Cheka"]."""
    names = []
    for part in re.split(
        r",\s*|\s+and\s+", _HONORIFIC.sub("", text.strip()), flags=re.I
    ):
        part = re.sub(r"^the\s+", "", " ".join(part.split()).strip(" ."), flags=re.I)
        if part:
            names.append(part)
    return names


def _co_signers(senders, signature):
    """The others a signature line lists beside the sender: "Lenin, Zinoviev, Ulyanova"
    signed by Lenin gives Zinoviev and Ulyanova. A title ("Chairman, Defence Council")
    lists no sender and gives no one."""
    first = strip_marker_text(signature.split("\n")[0]) if signature else ""
    names = [" ".join(p.split()) for p in re.split(r",\s*|\s+and\s+", first)]
    if (
        len(names) < 2
        or not senders
        or not all(
            name and is_signature(name) and len(name.split()) <= 3 for name in names
        )
    ):
        return []
    sender = senders[0].split()[-1]
    if not any(name.split()[-1] == sender for name in names):
        return []
    return [name for name in names if name.split()[-1] != sender]


def _title_case(name):
    if name.upper() != name:
        return name
    return " ".join(word.capitalize() for word in name.split())


def _recipients(heading, parts):
    if heading and (match := _HEADING.match(strip_marker_text(heading))):
        names = []
        for part in re.split(r",\s*|\s+and\s+", match["to"].strip(), flags=re.I):
            part = " ".join(part.split()).strip(" .")
            if not part or part.lower() == "others" or len(part.split()) > 4:
                continue
            names.append(_title_case(part))
        if names:
            return names
    if parts["address"]:
        names = [_addressee(block) for block in _address_blocks(parts["address"])]
        if names := [name for name in names if name]:
            return names
    salutation = strip_marker_text(parts["salutation"]).strip().rstrip(",:!").strip()
    if match := re.search(r"\bComrade\s+(?P<name>[A-Z][^,:!]*)$", salutation):
        return [match["name"].strip()]
    return []


_PERSON_LINE = re.compile(
    r"^(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+(?P<title>\S+\s+\S.*)$"
)


def _address_blocks(lines):
    """An address block, or several where the address is repeated for another place
    (a telegram to two towns): a new block starts where the first line comes again."""
    blocks = [[]]
    for line in lines:
        if blocks[-1] and line == lines[0]:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _addressee(block):
    """Who an address block is for: a person named with their post inside the block
    ("Budassi, builder of the railway" under the committees, above the town), else the
    first line's name ("Her Excellency M. A. Ulyanova," -> "M. A. Ulyanova")."""
    for line in block[1:-1]:
        if match := _PERSON_LINE.match(strip_marker_text(line).strip()):
            return match["name"]
    first = strip_marker_text(block[0]).split(",")[0].strip()
    return _HONORIFIC.sub("", first)


# -- sources ---------------------------------------------------------------------------


def _published(labels):
    facts = {}
    if "published" not in labels:
        return facts
    text = " ".join(labels["published"]["values"])
    notes, bare_year = [], None
    for sentence in _SENTENCE_BREAK.split(" ".join(text.split())):
        sentence = sentence.strip()
        if match := _SENT.match(sentence):
            facts.update({k: v for k, v in match.groupdict().items() if v})
        elif (
            (match := _PUBLISHED.match(sentence.rstrip(" ;,")))
            and "title" not in facts
            and match["title"]
        ):
            facts["title"] = match["title"].strip()
            year = match["year"] or _last_year(match["title"])
            if not year and bare_year:
                year = bare_year[0]
                notes.remove(bare_year[1])
            facts["year"] = year or ""
        elif (match := _BARE_YEAR.fullmatch(sentence)) and "title" not in facts:
            # "1931, First published in ...": the year of the publication it leads
            bare_year = (match["year"], sentence)
            notes.append(sentence)
        elif sentence:
            notes.append(sentence)
    facts["note"] = " ".join(notes)
    return facts


def _last_year(text):
    years = re.findall(r"\b(1[0-9]{3}|20[0-9]{2})\b", text)
    return years[-1] if years else ""


def _edition(labels, published):
    """(author, SourceRecord) from the Source: label."""
    if "source" not in labels:
        return "", None
    text = " ".join(labels["source"]["values"]).strip()
    parts = [
        part.strip() for part in re.split(r",\s*", text.rstrip(". ")) if part.strip()
    ]
    record = SourceRecord(role="edition", title="")
    author = ""
    rest = []
    for part in parts:
        if match := re.fullmatch(r"\[?(\d{4})\]?", part):
            record.year = match.group(1)
        elif match := re.fullmatch(r"(?:Volume|Vol\.?)\s*(\S+)", part, re.I):
            record.volume = match.group(1)
        elif match := re.fullmatch(
            r"(?:pages?|pp?\.)\s*(\S+(?:\s*[-–]\s*\S+)?)", part, re.I
        ):
            record.pages = match.group(1).rstrip(".")
        elif re.search(r"\bPublishers?\b|\bPress\b|\bVerlag\b", part):
            record.publisher = part
        elif not record.title:
            match = re.fullmatch(
                r"(?P<author>[A-Z][\w.\s]*?)(?:’s|'s)?\s+(?P<title>(?:Collected|Selected|Complete)\b.*)",
                part,
            )
            if match:
                author, record.title = match["author"].strip(), match["title"]
            elif rest or author:
                record.title = part
            elif re.search(r"\bWorks\b", part):
                record.title = part
            else:
                author = part
        elif (
            record.publisher and not record.place and re.fullmatch(r"[A-Z][\w-]+", part)
        ):
            record.place = part
        else:
            rest.append(part)
    if not record.place:
        for part in rest:
            if re.fullmatch(r"[A-Z][\w-]+", part):
                record.place = part
                rest.remove(part)
                break
    record.author = author
    translator = labels.get("translated", {}).get("values", [""])
    record.translator = translator[0].rstrip(".") if translator else ""
    notes = [published.get("note", "")] + [part for part in rest if part]
    record.note = " ".join(note for note in notes if note)
    return author, record


def _transcription(labels, url):
    licence = labels.get("licence")
    transcriber = labels.get("transcription", {}).get("values", [""])
    if not licence and not url:
        return None
    title, text = "", ""
    if licence:
        value = " ".join(" ".join(licence["values"]).split())
        text = f"{licence['label']}: {value}" if value else ""
        match = re.match(r"^(?P<title>.*?\bArchive\b)", value)
        title = match["title"] if match else value.split(".")[0]
    return SourceRecord(
        role="transcription",
        title=title.strip(),
        transcriber=transcriber[0] if transcriber else "",
        licence=text,
        url=url,
    )
