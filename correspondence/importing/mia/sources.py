"""The sources a MIA page names: the first publication ("Published: ..."), the
printed edition ("Source: ..."), with the translator, and the online transcription
(the licence label, the transcriber, the page's address).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from correspondence.importing.records import SourceRecord

SENT = re.compile(
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


def read_publication(labels):
    facts = {}
    if "published" not in labels:
        return facts
    text = " ".join(labels["published"]["values"])
    notes, bare_year = [], None
    for sentence in _SENTENCE_BREAK.split(" ".join(text.split())):
        sentence = sentence.strip()
        if match := SENT.match(sentence):
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


def read_edition(labels, published):
    """(author, SourceRecord) from the Source: label."""
    if "source" not in labels:
        return "", None
    text = " ".join(labels["source"]["values"]).strip()
    parts = [
        part.strip(" ;")
        for part in re.split(r",\s*", text.rstrip(". ;"))
        if part.strip(" ;")
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
        elif not record.title and (
            match := re.fullmatch(
                r"(?P<title>[A-Z]{2,}\S*)\s+(?:Volume|Vol\.?)\s*(\S+)", part
            )
        ):
            # an edition cited by its abbreviation: "MECW Volume 40"
            record.title, record.volume = match["title"], match.group(2)
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
    if not record.title and author:
        # a citation with no title but its first words ("MECW", "The Anarchist
        # Library"): those words are what the page calls the source
        record.title, author = author, ""
    record.author = author
    translator = labels.get("translated", {}).get("values", [""])
    record.translator = translator[0].rstrip(".") if translator else ""
    notes = [published.get("note", "")] + [part for part in rest if part]
    record.note = " ".join(note for note in notes if note)
    return author, record


def read_transcription(labels, url):
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
    if not title.strip() and url:
        # no licence line to name the site: the site's address names it
        title = urlsplit(url).hostname or url
    return SourceRecord(
        role="transcription",
        title=title.strip(),
        transcriber=transcriber[0] if transcriber else "",
        licence=text,
        url=url,
    )
