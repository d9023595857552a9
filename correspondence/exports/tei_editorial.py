"""What the editors of a printed letter marked in it, as TEI elements.

The text stays diplomatic: every character printed stays where it is, brackets
included, and the elements are added around what the brackets mark, so the words of
a paragraph read exactly as the source prints them.

- ``[St Petersburg]``, ``[Bolshevik]``: words an editor supplied, ``[<supplied>St
  Petersburg</supplied>]``.
- ``Wiring [sic]``: the editor's word that the reading before it is as printed,
  ``<sic>Wiring</sic> [sic]``. No ``<corr>`` is given: the documents print no
  correction, and the edition records none (an editor's change in the admin replaces
  the text, with its history; it is not a corrected reading beside the printed one).
- ``[...]`` or ``[…]``: an omission, ``[<gap reason="omitted"/>...]``.
- ``[See Letter No. 220.—Editor]``: an editor's remark, left as printed.
- A date supplied by the editor ("[Before 12 (25) July 1914]") likewise carries
  ``<supplied>`` inside its brackets. An Old Style date carries ``@calendar``
  (``#julian``, declared in ``calendarDesc``) with the Julian day as ``@when-custom``
  (``@notAfter-custom`` where it is only a bound);
  ``@when``/``@notBefore``/``@notAfter`` stay Gregorian, as TEI requires.
"""

import re
import xml.etree.ElementTree as ET

from .corresp import XML_ID, date_attributes

#: square brackets the source prints (a footnote marker "[^N]" is split off before)
BRACKETS = re.compile(r"\[([^\[\]\n]*)\]")
#: the word a "[sic]" vouches for: the last one before it
LAST_WORD = re.compile(r"([^\W\d_][\w'’-]*)(\s*)$")
OMISSION = {"...", "…", ". . ."}
EDITORS_REMARK = re.compile(r"(?:—|–|-|\s)\s*(?:Editor|Ed)\.?\s*$")

CALENDARS = {
    "julian": "The Julian calendar (Old Style), used in Russia until February 1918.",
    "gregorian": "The Gregorian calendar (New Style).",
}


def append_text(element, text):
    """Add ``text`` at the end of ``element``'s content (after its last child)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def append_marked(element, text):
    """Append ``text`` to ``element`` with the editors' brackets marked up."""
    position = 0
    for match in BRACKETS.finditer(text):
        before, content = text[position : match.start()], match.group(1)
        position = match.end()
        if content.strip().lower() == "sic":
            word = LAST_WORD.search(before)
            if word is None:  # nothing to vouch for: leave it as printed
                append_text(element, before + match.group(0))
                continue
            append_text(element, before[: word.start()])
            ET.SubElement(element, "sic").text = word.group(1)
            append_text(element, word.group(2) + match.group(0))
            continue
        append_text(element, before)
        if content.strip() in OMISSION:
            append_text(element, "[")
            ET.SubElement(element, "gap", reason="omitted").tail = content
            append_text(element, "]")
        elif not content.strip() or EDITORS_REMARK.search(content):
            append_text(element, match.group(0))
        else:
            append_text(element, "[")
            ET.SubElement(element, "supplied").text = content
            append_text(element, "]")
    append_text(element, text[position:])


def letter_date(action, letter):
    """The ``date`` of a ``correspAction``: Gregorian attributes, the date as written
    (``supplied`` inside its brackets where the editor gave it; ``sic`` beside the
    editors' ``corr`` where they corrected it), ``@calendar`` on an Old Style date."""
    attributes = date_attributes(letter)
    written = letter.date_as_written or ""
    if letter.date_julian and written:
        attributes["calendar"] = "#julian"
        custom = _custom_attribute(attributes)
        if custom:
            attributes[custom] = letter.date_julian.isoformat()
            attributes["datingMethod"] = "#julian"
    if not attributes and not written:
        return None
    date = ET.SubElement(action, "date", attributes)
    if letter.date_corrected and written:
        # a misprinted date: as printed, and the editors' correction
        choice = ET.SubElement(date, "choice")
        ET.SubElement(choice, "sic").text = written
        ET.SubElement(choice, "corr").text = letter.date_in_words
    elif not letter.date_supplied:
        date.text = written or None
    elif written.startswith("[") and written.endswith("]"):
        date.text = "["
        ET.SubElement(date, "supplied").text = written[1:-1]
        append_text(date, "]")
    elif written:
        ET.SubElement(date, "supplied").text = written
    return date


def _custom_attribute(attributes):
    """Which Julian attribute goes with the Gregorian ones: the Old Style day is the
    date itself (``when``) or its only bound ("Before 12 (25) July 1914")."""
    if "when" in attributes:
        return "when-custom"
    if "notAfter" in attributes and "notBefore" not in attributes:
        return "notAfter-custom"
    if "notBefore" in attributes and "notAfter" not in attributes:
        return "notBefore-custom"
    return None


def calendar_desc(letter):
    """The calendars the letter's date is written in, or None for a Gregorian one."""
    if not (letter.date_julian and letter.date_as_written):
        return None
    desc = ET.Element("calendarDesc")
    for name, text in CALENDARS.items():
        calendar = ET.SubElement(desc, "calendar")
        calendar.set(XML_ID, name)
        ET.SubElement(calendar, "p").text = text
    return desc
