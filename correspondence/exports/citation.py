"""How to cite a letter: Chicago (notes style) and BibTeX, with the permalink and the
access date.

Chicago, after the Manual's form for a letter in a published collection (14.111), with
the digital edition as where it was consulted:

    Lenin to Armand, before 25 July 1914, in The Unknown Lenin: From the Secret
    Archives, ed. Richard Pipes (1996), 27–30; Letters: A Digital Edition of
    Correspondence, accessed November 24, 2026, https://…/letters/lenin-to-armand-…/.

The letter's title is the edition's: its people and its normalised date
(``Letter.title``); the date as written is in the letter's own record.
A citation is a list of ``(text, italic)`` segments, rendered as plain text or HTML.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from correspondence.models import LetterSource

#: the edition's name, capitalised headline-style as citations want it
EDITION_CITED = "Letters: A Digital Edition of Correspondence"


def page_range(pages):
    """ "27-30" -> "27–30" (an en dash between numbers, as Chicago prints ranges)."""
    return re.sub(r"(?<=\d)\s*-+\s*(?=\d)", "–", pages or "")


def source_segments(link):
    """A printing of the letter in Chicago notes form, as ``(text, italic)`` segments:
    "Lenin, Collected Works, trans. Andrew Rothstein, vol. 35 (Moscow: Progress
    Publishers, 1976), 332"."""
    source = link.source
    segments = [(f"{source.author}, ", False)] if source.author else []
    segments.append((source.title, True))
    after = []
    if source.editor:
        after.append(f"ed. {source.editor}")
    if link.translator:
        after.append(f"trans. {link.translator}")
    if source.volume:
        after.append(f"vol. {source.volume}")
    text = "".join(f", {part}" for part in after)
    imprint = ": ".join(p for p in (source.place, source.publisher) if p)
    imprint = ", ".join(p for p in (imprint, source.year) if p)
    if imprint:
        text += f" ({imprint})"
    if link.pages:
        text += f", {page_range(link.pages)}"
    if text:
        segments.append((text, False))
    return segments


def source_reference(link):
    return to_text(source_segments(link))


def _accessed(day):
    return f"{day:%B} {day.day}, {day.year}"


def editions(letter):
    """The letter's printed editions (role ``edition``), from the prefetched links."""
    links = getattr(letter, "edition_links", None)
    if links is None:
        links = [
            link
            for link in letter.letter_sources.all()
            if link.role == LetterSource.Role.EDITION
        ]
    return links


def chicago_segments(letter, url, accessed):
    segments = [(letter.title.rstrip("."), False)]
    for number, link in enumerate(editions(letter)):
        segments.append((", in " if not number else "; also in ", False))
        segments.extend(source_segments(link))
    segments.append(("; ", False))
    segments.append((EDITION_CITED, True))
    segments.append((f", accessed {_accessed(accessed)}, {url}.", False))
    return segments


def to_text(segments):
    return "".join(text for text, _ in segments)


def to_html(segments):
    return mark_safe(
        "".join(
            f"<i>{escape(text)}</i>" if italic else str(escape(text))
            for text, italic in segments
        )
    )


def chicago(letter, url, accessed):
    """The Chicago citation as plain text."""
    return to_text(chicago_segments(letter, url, accessed))


def chicago_html(letter, url, accessed):
    return to_html(chicago_segments(letter, url, accessed))


_BIBTEX_REPLACEMENTS = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "–": "--",
    "—": "---",
    **{char: "\\" + char for char in "&%$#_{}"},
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _BIBTEX_REPLACEMENTS))


def bibtex_escape(text):
    """Text safe inside a BibTeX field: TeX's special characters as commands, dashes
    as TeX writes them; one pass, so no replacement is escaped again."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACEMENTS[m.group()], text or "")


def _year(letter):
    first = letter.date_start or letter.date_end
    last = letter.date_end or letter.date_start
    if first and first.year == last.year:
        return str(first.year)
    return None


def bibtex(letter, url, accessed):
    """A BibTeX ``@misc`` entry keyed by the letter's slug (biblatex reads
    ``urldate``)."""
    senders = [link.person.name for link in letter.sender_list]
    printed = "; ".join(source_reference(link) for link in editions(letter))
    note = f"Printed in {printed}. " if printed else ""
    note += f"Accessed {accessed.isoformat()}"
    fields = [
        ("author", " and ".join(f"{{{bibtex_escape(name)}}}" for name in senders)),
        ("title", f"{{{bibtex_escape(letter.title)}}}"),
        ("year", _year(letter)),
        ("howpublished", bibtex_escape(EDITION_CITED)),
        ("note", bibtex_escape(note)),
        ("url", url),
        ("urldate", accessed.isoformat()),
    ]
    width = max(len(name) for name, _ in fields)
    lines = [f"@misc{{{letter.slug},"]
    lines += [f"  {name:<{width}} = {{{value}}}," for name, value in fields if value]
    lines.append("}")
    return "\n".join(lines)
