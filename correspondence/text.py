"""Plain-text forms of a letter's parts, shared by the pages, search and the API.

The database keeps footnote markers as "[^N]" at the exact place of the printed marker
(see ``correspondence.importing.records``); readers of plain text get the words alone.
"""

import re

#: the letter's own words, in reading order; each may hold "[^N]" footnote markers
TEXT_PARTS = ("dateline", "salutation", "body", "closing", "signature", "postscript")
#: every field of a letter a footnote marker may stand in, in reading order: the
#: source's heading ("To: G. V. CHICHERIN[^1]"), the editors' headnote, the letter
MARKED_PARTS = ("heading", "headnote", *TEXT_PARTS)

#: what a slug may be in a URL or a parameter (looked up only when it matches)
SLUG_RE = re.compile(r"^[-a-z0-9_]{1,100}$")
#: a stored footnote marker, e.g. "[^12]"
MARKER_RE = re.compile(r"\[\^\d+\]")
_MARKER_NUMBER = re.compile(r"\[\^(\d+)\]")


def marker_numbers(letter):
    """The numbers of the notes whose markers stand in ``letter``'s parts."""
    return {
        int(number)
        for name in MARKED_PARTS
        for number in _MARKER_NUMBER.findall(getattr(letter, name) or "")
    }


def strip_markers(text):
    """``text`` without footnote markers: "liquidators[^2] say" -> "liquidators say".

    Only the markers go; everything else (spacing, "[sic]", editorial brackets, blank
    lines between paragraphs) is kept letter for letter. ``None`` stays ``None``.
    """
    if text is None:
        return None
    return MARKER_RE.sub("", text)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def plain_text(text):
    """A stored part as plain text: markers stripped, paragraphs separated by one blank
    line.

    Empty or missing text is ``None`` (the API's "absent fact"), never "".
    """
    text = strip_markers(text or "").replace("\r\n", "\n").strip()
    if not text:
        return None
    return "\n\n".join(_PARAGRAPH_BREAK.split(text))
