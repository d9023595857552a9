"""The whole edition as one CMIF file (Correspondence Metadata Interchange Format), for
correspSearch and other aggregators. Schema: tests/data/cmif/cmi-customization.rng.

Streamed: the header, then one ``correspDesc`` per letter from a chunked iterator (the
people and edition links of each chunk prefetched), then the footer. Memory stays flat
however many letters there are.

Sources (``sourceDesc/bibl``): one ``bibl type="print"`` per printed edition any letter
is in (role ``edition``: Pipes, *The Unknown Lenin*; Lenin, *Collected Works* vol. 35),
and one ``bibl type="online"`` for this digital edition. A letter's ``correspDesc``
points (``@source``) to its first printed edition, with ``@key`` its number there where
the heading gives one ("Document 9"), and ``@ref`` to its page here; a letter in no
printed edition points to the online bibl. The ``xml:id``s are static UUIDs derived
from the source keys.
"""

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.urls import reverse

from correspondence.models import Letter, LetterSource, Source

from .corresp import (
    PLACE_FIELDS,
    TEI_NS,
    corresp_desc,
    edition_number,
    static_uuid,
    with_correspondents,
)
from .streaming import letter_path_maker

EDITION_TITLE = "Letters: a digital edition of correspondence"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_TEXT = (
    "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"
)
DEFAULT_CONTACT = "The editors of Letters"
#: letters fetched (with their people) per database round trip
CHUNK_SIZE = 500


def online_bibl_id():
    return static_uuid("edition:letters")


def source_bibl_id(source):
    return static_uuid(f"source:{source.key}")


def bibl_text(source):
    """ "Richard Pipes (ed.), The Unknown Lenin: From the Secret Archives, 1996." """
    people = []
    if source.author:
        people.append(source.author)
    if source.editor:
        people.append(f"{source.editor} (ed.)")
    parts = [" and ".join(people)] if people else []
    parts.append(source.title)
    if source.volume:
        parts.append(f"vol. {source.volume}")
    imprint = ": ".join(p for p in (source.place, source.publisher) if p)
    parts.extend(p for p in (imprint, source.year) if p)
    return ", ".join(parts) + "."


def printed_editions():
    """The sources some letter is printed in (role ``edition``), by key."""
    return (
        Source.objects.filter(letter_sources__role=LetterSource.Role.EDITION)
        .distinct()
        .order_by("key")
    )


def editor_xml():
    """CMIF's contact for the file (``titleStmt/editor``): settings
    ``EDITION_CONTACT_NAME`` and ``EDITION_CONTACT_EMAIL`` (optional), so that no name
    or address is invented here."""
    name = getattr(settings, "EDITION_CONTACT_NAME", DEFAULT_CONTACT)
    editor = _element("editor", name)
    email = getattr(settings, "EDITION_CONTACT_EMAIL", "")
    if email:
        editor.append(_element("email", email))
    return _xml(editor)


def _element(tag, text=None, **attributes):
    element = ET.Element(tag, attributes)
    element.text = text
    return element


def _xml(element):
    return ET.tostring(element, encoding="unicode")


def header(*, title, file_url, home_url, changed):
    """Everything before the first ``correspDesc``."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<TEI xmlns="{TEI_NS}">\n<teiHeader>\n<fileDesc>\n'
    yield f"<titleStmt><title>{escape(title)}</title>{editor_xml()}</titleStmt>\n"
    yield "<publicationStmt>\n"
    yield (
        f"<publisher><ref target={quoteattr(home_url)}>"
        f"{escape(EDITION_TITLE)}</ref></publisher>\n"
    )
    yield f'<idno type="url">{escape(file_url)}</idno>\n'
    yield f'<date when="{changed.isoformat(timespec="seconds")}"/>\n'
    yield (
        f"<availability><licence target={quoteattr(LICENCE_URL)}>"
        f"{escape(LICENCE_TEXT)}</licence></availability>\n"
    )
    yield "</publicationStmt>\n<sourceDesc>\n"
    online = _element("bibl", f"{EDITION_TITLE}, ", type="online")
    online.set("{http://www.w3.org/XML/1998/namespace}id", online_bibl_id())
    online.append(_element("ref", home_url, target=home_url))
    yield _xml(online) + "\n"
    for source in printed_editions().iterator(chunk_size=CHUNK_SIZE):
        bibl = _element("bibl", bibl_text(source), type="print")
        bibl.set("{http://www.w3.org/XML/1998/namespace}id", source_bibl_id(source))
        yield _xml(bibl) + "\n"
    yield "</sourceDesc>\n</fileDesc>\n<profileDesc>\n"


FOOTER = "</profileDesc>\n</teiHeader>\n<text><body><p/></body></text>\n</TEI>\n"


def letter_corresp_desc(letter, letter_url):
    """A letter's CMIF ``correspDesc`` (needs ``with_correspondents``)."""
    editions = getattr(letter, "edition_links", None)
    if editions is None:  # not prefetched: ask (one letter, e.g. in a test)
        editions = list(
            letter.letter_sources.filter(role=LetterSource.Role.EDITION)
            .select_related("source")
            .order_by("order", "id")
        )
    if editions:
        source, key = f"#{source_bibl_id(editions[0].source)}", edition_number(letter)
    else:
        source, key = f"#{online_bibl_id()}", None
    return corresp_desc(letter, ref=letter_url, source=source, key=key)


def stream(*, build_url, changed, queryset=None):
    """The CMIF document in pieces of text.

    ``build_url(path)`` makes an absolute URL (``request.build_absolute_uri``);
    ``changed`` is the data's last change (``publicationStmt/date``).
    """
    yield from header(
        title=f"{EDITION_TITLE}: correspondence metadata (CMIF)",
        file_url=build_url(reverse("exports:cmif")),
        home_url=build_url(reverse("home")),
        changed=changed,
    )
    letters = with_correspondents(
        Letter.objects.in_date_order() if queryset is None else queryset
    ).only(
        "id", "slug", "heading", "date_start", "date_end", "date_precision",
        "date_as_written", "place_sent", "place_received",
        *(f"{link}__{field}" for link in ("sent_from", "sent_to")
          for field in PLACE_FIELDS),
    )  # fmt: skip
    letter_path = letter_path_maker()
    for letter in letters.iterator(chunk_size=CHUNK_SIZE):
        desc = letter_corresp_desc(letter, build_url(letter_path(letter.slug)))
        yield _xml(desc) + "\n"
    yield FOOTER
