"""Who wrote a MIA letter and to whom: the author line, the edition's author or the
signature for the senders (and co-signers beside the sender in the signature); the
"To: ..." heading, the address block or a "Comrade X" salutation for the recipients.
"""

from __future__ import annotations

import re

from correspondence.dates import parse_date
from correspondence.importing.letterparts import is_signature, strip_marker_text
from correspondence.importing.mia.header import HEADING, KIND_HEADING, title_case
from correspondence.importing.records import ParseError

_HONORIFIC = re.compile(
    r"^(?:(?:Her|His|Your) Excellency|Comrades?|Commander-in-Chief|Citizens?|Mr\.?"
    r"|Mrs\.?|Herr|Frau|Dear|My|Liebe[rn]?)\s+",
    re.I,
)


def find_senders(preamble, source_author, signature):
    """The page's "Sender to Recipient" line, else its author line (shortened to the
    edition's author where they agree), else the edition's author, else the writer of
    a collection ("Letters of Marx and Engels") whose initial ends the signature ("K.
    M." -> Marx), else the signature."""
    author = preamble.author
    if not _is_person(source_author):
        source_author = ""
    if preamble.sender:
        return [preamble.sender]
    if author:
        if source_author and author.split()[-1] == source_author:
            return [source_author]
        return [author]
    if source_author:
        return [source_author]
    first = strip_marker_text(signature.split("\n")[0]) if signature else ""
    if writer := _writer_signing(preamble.writers, first):
        return [writer]
    if match := re.search(r"\(([^)]+)\)", first):
        return [match.group(1)]
    return [first] if first else []


def _is_person(name):
    """An edition's author that is a person, not an abbreviation ("MECW"), a citation
    ("MECW Volume 38") or a title ("Extraits des lettres de prison")."""
    return (
        bool(name)
        and not re.search(r"\d", name)
        and not name.isupper()
        and len(name.split()) <= 4
        and all(word[:1].isupper() or word in _PARTICLES for word in name.split())
    )


def _writer_signing(writers, signature):
    """The one writer of ``writers`` whose surname's initial ends ``signature``'s
    initials ("K. M." or "K Marx" by Marx of Marx and Engels); "" if not one."""
    last = re.findall(r"[A-Z]", signature.split()[-1]) if signature.split() else []
    if not writers or not last:
        return ""
    signing = [name for name in writers if name.split()[-1][:1] == last[-1]]
    if len(signing) != 1 and len(writers) == 1:
        signing = writers
    if len(signing) != 1:
        return ""
    # a full name signed ("Karl Marx") is the writer as the letter names him
    if signature.split()[-1] == signing[0].split()[-1] and len(signature.split()) > 1:
        return signature
    return signing[0]


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


_DESCRIPTION = re.compile(
    r"^(?:friends?|comrades?|sirs?|madam|mother|father|sister|brother|citizens?"
    r"|colleagues?|all)$",
    re.I,
)
#: "Dear Engels,", "Dear Mr Engels,", "My dear Radek!": a name in the salutation
_SALUTED = re.compile(
    r"^(?:My\s+)?(?i:dear)\s+(?P<title>(?:Mr|Mrs|Herr|Frau|Citizen)\.?\s+)?"
    r"(?P<name>[A-Z][\w’'-]+)$"
)


_HEADING_GOES_ON = re.compile(r"\s+(?:with|about|concerning|regarding|by|on)\s+", re.I)
_PARTICLES = {"of", "the", "and", "for", "in", "to", "de", "du", "la", "von"}


def _is_body_name(text):
    """A long name of a body, every word capitalised but its particles: "Revolutionary
    Military Council of the 1st Cavalry Army" (not a sentence)."""
    return all(
        word[:1].isupper() or word[:1].isdigit() or word.lower() in _PARTICLES
        for word in text.split()
    )


def find_recipients(heading, parts, preamble, elsewhere=""):
    """The preamble's "Engels To Marx", else the heading's addressees, else a
    collection's ("Letters to Sophie Liebknecht"), else the address block's, else a
    name in the salutation ("Comrade Fotieva:", "Dear Mr Engels,"; not "Dear
    Friend,"). A bare name ("Dear Engels,") counts where ``elsewhere`` (the page's
    titles and notes) names it too: a pet name ("Dear Zina,") alone says not who the
    reader was."""
    if preamble.recipient:
        return [preamble.recipient]
    if heading and (match := HEADING.match(strip_marker_text(heading))):
        names = []
        to = title_date_removed(match["to"].strip())
        # the addressee ends where the heading goes on about the document: "to V. M.
        # Molotov with a Motion ...", "TO A. B. NAME BY DIRECT LINE"
        to = _HEADING_GOES_ON.split(to, maxsplit=1)[0]
        for part in re.split(r",\s*|\s+and\s+", to, flags=re.I):
            part = re.sub(
                r"^the\s+", "", " ".join(part.split()).strip(" ."), flags=re.I
            )
            if not part or part.lower() == "others":
                continue
            # a body's long name is the addressee only when it leads: after a person
            # ("V. N. ANDRONNIKOV, REGIONAL BOARD OF ...") it is that person's post
            long_name = _is_body_name(part) or KIND_HEADING.match(heading.strip())
            if len(part.split()) > 4 and (names or not long_name):
                continue
            names.append(title_case(part))
        if names:
            return names
    if preamble.collection_to:
        return [preamble.collection_to]
    if parts["address"]:
        names = [_addressee(block) for block in _address_blocks(parts["address"])]
        # "Kiev, for Kamenev": the telegram goes on to another addressee
        for line in parts["address"]:
            if (match := _FOR.search(strip_marker_text(line))) and match[
                1
            ] not in names:
                names.append(match[1])
        if names := [name for name in names if name]:
            return names
    salutation = strip_marker_text(parts["salutation"]).strip().rstrip(",:!").strip()
    if match := re.search(r"\bComrade\s+(?P<name>[A-Z][^,:!]*)$", salutation):
        return [match["name"].strip()]
    match = _SALUTED.match(salutation)
    if (
        match
        and not _DESCRIPTION.match(match["name"])
        and (match["title"] or re.search(rf"\b{match['name']}\b", elsewhere))
    ):
        return [match["name"]]
    return []


def title_date_removed(text):
    """A heading without the date it ends with: "Karl Marx, December 26, 1862" or
    "Karl Marx, Between January 10 and 22, 1917" -> "Karl Marx"."""
    pieces = text.split(",")
    for cut in range(1, len(pieces)):
        tail = ",".join(pieces[cut:]).strip()
        if re.search(r"\d{4}\W*$", tail) and len(tail.split()) <= 8:
            try:
                parse_date(tail)
            except ParseError:
                continue
            return ",".join(pieces[:cut])
    return text


_PERSON_LINE = re.compile(
    r"^(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}),\s+(?P<title>\S+\s+\S.*)$"
)


_FOR = re.compile(r",\s+for\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\.?$")


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
        match = _PERSON_LINE.match(strip_marker_text(line).strip())
        if match and not re.search(r"\w[’']s\b", match["name"]):
            # a person with their post, not a house ("Davydov’s House, Apt. 4,")
            return match["name"]
    first = strip_marker_text(block[0]).split(",")[0].strip()
    return _HONORIFIC.sub("", re.sub(r"^To(?:\s*:\s*|\s+)", "", first))
