"""Who wrote a MIA letter and to whom: the author line, the edition's author or the
signature for the senders (and co-signers beside the sender in the signature); the
"To: ..." heading, the address block or a "Comrade X" salutation for the recipients.
"""

from __future__ import annotations

import re

from correspondence.importing.letterparts import is_signature, strip_marker_text
from correspondence.importing.mia.header import HEADING

_HONORIFIC = re.compile(
    r"^(?:(?:Her|His|Your) Excellency|Comrades?|Commander-in-Chief|Citizens?|Mr\.?"
    r"|Mrs\.?|Herr|Frau|Dear|My|Liebe[rn]?)\s+",
    re.I,
)


def find_senders(author, source_author, signature):
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


def names_listed(text):
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


def find_co_signers(senders, signature):
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


def find_recipients(heading, parts):
    if heading and (match := HEADING.match(strip_marker_text(heading))):
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
