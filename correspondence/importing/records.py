"""Plain records the parsers return: no Django, no database.

Letter parts keep footnote markers as "[^N]" at the exact place of the printed marker;
every other character is kept as the document prints it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MARKER_FORMAT = "[^{}]"


class ParseError(ValueError):
    """A document the parser cannot read: names the file, the line and what was
    expected."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{self.path}:{line}: {message}")


@dataclass(frozen=True)
class DateRecord:
    #: exactly as printed, e.g. "25 May (7 June) 1914", "[Before 12 (25) July 1914]"
    as_written: str
    #: Gregorian bounds; one may be None for "before"/"after" dates
    start: dt.date | None
    end: dt.date | None
    #: one of day, month, year, range, before, after, unknown
    precision: str
    #: printed in square brackets: supplied by the editor
    supplied: bool = False
    #: the Old Style day where the document gives one
    julian: dt.date | None = None


@dataclass
class FootnoteRecord:
    number: int
    #: paragraphs separated by blank lines
    text: str


@dataclass
class SourceRecord:
    #: "edition", "first_publication" or "transcription"
    role: str
    title: str
    author: str = ""
    editor: str = ""
    publisher: str = ""
    place: str = ""
    year: str = ""
    volume: str = ""
    #: the next fields belong to this letter's printing, not to the source as a whole
    pages: str = ""
    translator: str = ""
    transcriber: str = ""
    licence: str = ""
    url: str = ""
    note: str = ""


@dataclass
class LetterRecord:
    #: "file name#locator", e.g. "000_69203cdc2c9cc7df.txt#document-6"
    origin: str
    #: 1-based line of the document where the letter starts (for error messages)
    line: int
    date: DateRecord
    #: names as the document gives them, in its order, e.g. ["Lenin"], ["Armand"]:
    #: the sender(s), then those who signed beside them; the addressees, then those a
    #: copy went to
    senders: list[str]
    recipients: list[str]
    heading: str = ""
    headnote: str = ""
    excerpt: bool = False
    place_sent: str = ""
    place_received: str = ""
    dateline: str = ""
    salutation: str = ""
    #: paragraphs separated by blank lines
    body: str = ""
    closing: str = ""
    signature: str = ""
    postscript: str = ""
    footnotes: list[FootnoteRecord] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)
    #: which of ``senders`` signed beside the sender ("Lenin, Zinoviev" signed by
    #: Lenin: Zinoviev), and which of ``recipients`` a copy went to ("Copy to the
    #: Cheka"): the roles the letter's links keep
    co_signers: list[str] = field(default_factory=list)
    copies_to: list[str] = field(default_factory=list)
    #: what the parser had to assume, for the import report ("no date on the page")
    warnings: list[str] = field(default_factory=list)


def sender_roles(record: LetterRecord):
    """``[(name, role)]`` of the record's senders in its order: "sender" or
    "co_signer" (the roles of ``people_links.LetterSender``)."""
    return [
        (name, "co_signer" if name in record.co_signers else "sender")
        for name in record.senders
    ]


def recipient_roles(record: LetterRecord):
    """``[(name, role)]`` of the record's recipients in its order: "recipient" or
    "copy_to"."""
    return [
        (name, "copy_to" if name in record.copies_to else "recipient")
        for name in record.recipients
    ]
