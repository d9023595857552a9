"""The preamble above a MIA page's labels (or above the letter, on a page without
labels): the author line, a "To: ..." / "Letter to ..." heading, a "Sender to
Recipient" line ("Engels To Marx", "Karl Marx to Ludwig Kugelmann, 18 February 1867"),
a collection title ("Marx-Engels Correspondence 1858", "Letters of Jenny Marx 1860",
"Letters to Sophie Liebknecht"), which is no author but may name the writers or the
addressee; item numbers and a wiki's furniture are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = re.compile(
    r"^(?:(?:an?\s+)?(?:telegram|letter|note|(?:telephone\s+)?message|lettre)\s+)?"
    r"(?:to|à)\b"
    r"\s*:?\s*(?P<to>.+)$",
    re.I,
)
_NAME = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
#: "Engels To Marx", "ENGELS TO MARX", "Karl Marx to Ludwig Kugelmann, 18 February 1867"
SENDER_TO = re.compile(
    r"^(?:(?:An?\s+)?(?:Letter|Note|Telegram)\s+from\s+)?"
    rf"(?P<sender>{_NAME})\s+(?:to|To|TO)\s+(?P<to>{_NAME})\s*(?:,\s*(?P<rest>.*))?$"
)
_NOT_A_SENDER = re.compile(
    r"^(?:letters?|notes?|telegrams?|messages?|telephone|reply|memo|postcard|a|an|the)\b",
    re.I,
)
#: "Letters of Jenny Marx 1860", "Letters of Marx and Engels, 1849"
_LETTERS_OF = re.compile(r"^Letters\s+of\s+(?P<writers>.+?)[,\s]*(?:\d{4})?$")
#: "Letters to Sophie Liebknecht"
_LETTERS_TO = re.compile(
    r"^(?:[A-Z]\w*\s+)?(?i:letters)\s+to\s+(?P<to>[A-Z].+?)[,\s]*(?:\d{4})?$"
)
#: "Marx-Engels Correspondence 1858"
_CORRESPONDENCE = re.compile(r"^(?P<writers>.+?)\s+Correspondence\b[,\s]*(?:\d{4})?$")
#: a wiki copy's navigation ("From Marxists-en", "Jump to navigation Jump to search")
#: and its template rows ("Category | Template | Form |")
_FURNITURE = re.compile(
    r"^(?:From\s+\S+$|Jump to\b|Special pages\b|.*\|\s*$|.*\s\|\s.*\s\|\s)"
)


def _author(line):
    """The author line's name ("Peter Kropotkin. 1920" -> "Peter Kropotkin"), or "" for
    a line that is no name."""
    name = re.sub(r"[.,]?\s*\d{4}$", "", line).strip()
    if not name[:1].isupper() or re.search(r"\d", name):
        return ""
    if re.match(r"^in\s", name, re.I):
        # "In Frankfurt am Main": where the letter went, under the heading
        return ""
    return name


def is_furniture(line):
    return bool(_FURNITURE.match(line))


def is_collection_title(line):
    return bool(
        _LETTERS_OF.match(line)
        or _LETTERS_TO.match(line)
        or _CORRESPONDENCE.match(line)
    )


@dataclass
class Preamble:
    author: str = ""
    #: (line number, text) of a "To: ..." heading
    heading: tuple | None = None
    #: every line of the preamble, in order (titles that may end with a date)
    lines: list = field(default_factory=list)
    #: from a "Sender to Recipient" line
    sender: str = ""
    recipient: str = ""
    #: the addressee a collection title names ("Letters to Sophie Liebknecht")
    collection_to: str = ""
    #: the writers a collection title names ("Marx-Engels" -> Marx, Engels)
    writers: list = field(default_factory=list)


def title_case(name):
    """A name printed in capitals as a name: "B. S. STOMONYAKOV" -> "B. S.
    Stomonyakov", "REVOLUTIONARY COUNCIL OF THE 1st ARMY" -> "Revolutionary Council of
    the 1st Army"."""
    if any(len(word) > 2 and word.islower() for word in re.findall(r"[^\W\d_]+", name)):
        return name
    if name.upper() != name and not re.search(r"\b\d+(?:st|nd|rd|th)\b", name):
        return name
    words = []
    for index, word in enumerate(name.split()):
        if index and word.lower() in ("of", "the", "and", "for", "in"):
            words.append(word.lower())
        elif word[:1].isdigit():
            words.append(word)  # "1st"
        else:
            words.append(word.capitalize())
    return " ".join(words)


def read_preamble(lines, first, stop):
    found = Preamble()
    for index in range(first, stop):
        line = lines[index].strip()
        if not line or line.isdigit() or _FURNITURE.match(line):
            continue
        found.lines.append(line)
        if HEADING.match(line):
            found.heading = found.heading or (index + 1, line)
            continue
        line = " ".join(re.sub(r"\s*\[\d+\]", "", line).split())
        if (match := SENDER_TO.match(line)) and not _NOT_A_SENDER.match(
            match["sender"]
        ):
            found.sender = found.sender or title_case(match["sender"])
            found.recipient = found.recipient or title_case(match["to"])
        elif match := _LETTERS_OF.match(line) or _CORRESPONDENCE.match(line):
            found.writers = [
                name
                for name in re.split(r"\s*-\s*|\s+and\s+|,\s*", match["writers"])
                if name
            ]
        elif match := _LETTERS_TO.match(line):
            found.collection_to = found.collection_to or match["to"]
        elif not found.author and _author(line):
            found.author = _author(line)
    return found


#: a heading that names the document's kind: "Letter to ...", "Lettre à ..."
KIND_HEADING = re.compile(
    r"^(?:an?\s+)?(?:telegram|letter|note|(?:telephone\s+)?message|lettre)\s+(?:to|à)\s",
    re.I,
)


def title_after_labels(items):
    """The index of a title naming the document's kind among the first short lines
    after the labels, or None."""
    for index, (_, text) in enumerate(items[:6]):
        if KIND_HEADING.match(text):
            return index
        if len(text.split()) > 12:
            return None
    return None


def merged(first, second):
    """A preamble read in two pieces (above and below the labels) as one."""
    for name in ("author", "heading", "sender", "recipient", "collection_to"):
        if not getattr(first, name):
            setattr(first, name, getattr(second, name))
    first.lines += second.lines
    first.writers = first.writers or second.writers
    return first
