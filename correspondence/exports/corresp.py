"""``correspDesc``: who wrote to whom, where and when, shared by CMIF and TEI.

Elements are built without a namespace; the documents they go into declare TEI as the
default namespace on their root, so they serialise as plain TEI elements.
"""

import functools
import re
import uuid
import xml.etree.ElementTree as ET
from itertools import count

from django.db.models import Prefetch

from correspondence.models import Letter, LetterSource
from people.models import Person

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI_NS = "http://www.tei-c.org/ns/1.0"

#: the name CMIF asks for when a sender or addressee is not known
UNKNOWN = "Unknown"

#: all the static UUIDs of this edition are derived from this one
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:letters-edition")


@functools.lru_cache(maxsize=4096)  # pure: the same answer in every process
def static_uuid(name):
    """A UUID that stays the same for ``name`` across runs and machines (CMIF asks for
    a "static" one) and starts with a letter, since ``xml:id`` must (an NCName).

    uuid5 of ``name``; if that starts with a digit, of ``name#1``, ``name#2`` ...
    """
    for attempt in count():
        value = uuid.uuid5(UUID_NAMESPACE, name if not attempt else f"{name}#{attempt}")
        if not value.hex[0].isdigit():
            return str(value)


def date_attributes(letter):
    """The letter's Gregorian date as TEI dating attributes, or {} when undated.

    An exact day, month or year is ``when`` (YYYY-MM-DD, YYYY-MM, YYYY: the formats
    CMIF accepts); a range is ``notBefore``/``notAfter``; a date known only as a bound
    ("[Before 12 (25) July 1914]") gives that bound alone.
    """
    start, end, precision = letter.date_start, letter.date_end, letter.date_precision
    if start is None and end is None:
        return {}
    if start is not None and start == end:
        return {"when": start.isoformat()}
    if start is not None and end is not None:
        if precision == Letter.Precision.MONTH and (start.year, start.month) == (
            end.year,
            end.month,
        ):
            return {"when": start.strftime("%Y-%m")}
        if precision == Letter.Precision.YEAR and start.year == end.year:
            return {"when": f"{start.year:04d}"}
    attributes = {}
    if start is not None:
        attributes["notBefore"] = start.isoformat()
    if end is not None:
        attributes["notAfter"] = end.isoformat()
    return attributes


def _pers_name(parent, person):
    element = ET.SubElement(parent, "persName")
    if person.authority_uri:
        element.set("ref", person.authority_uri)
    element.text = person.name
    return element


def _action(parent, kind, people, place, dates=None, date_text=None):
    action = ET.SubElement(parent, "correspAction", type=kind)
    for person in people:
        _pers_name(action, person)
    if not people:
        ET.SubElement(action, "persName").text = UNKNOWN
    if place:
        ET.SubElement(action, "placeName").text = place
    if dates:
        date = ET.SubElement(action, "date", dates)
        if date_text:
            date.text = date_text
    return action


def corresp_desc(letter, *, ref, source=None, key=None, date_text=False):
    """The ``correspDesc`` of ``letter`` (senders and recipients prefetched, see
    ``with_correspondents``).

    ``ref`` is the letter's page, ``source`` the ``#id`` of the bibl the metadata comes
    from, ``key`` the letter's number in that edition. With ``date_text`` the date as
    written is the date element's content (TEI); CMIF keeps the element empty.
    """
    attributes = {"ref": ref}
    if key:
        attributes["key"] = key
    if source:
        attributes["source"] = source
    desc = ET.Element("correspDesc", attributes)
    _action(
        desc,
        "sent",
        list(letter.senders.all()),
        letter.place_sent,
        date_attributes(letter),
        letter.date_as_written if date_text else None,
    )
    _action(desc, "received", list(letter.recipients.all()), letter.place_received)
    return desc


_DOCUMENT_NUMBER = re.compile(r"^\s*Document\s+(\d+)\b")


def edition_number(letter):
    """The letter's number in its printed edition, where the heading gives one
    ("Document 9. Letter to Armand." -> "9")."""
    match = _DOCUMENT_NUMBER.match(letter.heading or "")
    return match.group(1) if match else None


def with_correspondents(queryset):
    """What ``corresp_desc`` and the CMIF ``source`` need, prefetched."""
    people = Person.objects.only("slug", "name", "authority_uri").order_by("name", "id")
    editions = LetterSource.objects.filter(role=LetterSource.Role.EDITION)
    return queryset.prefetch_related(
        Prefetch("senders", queryset=people),
        Prefetch("recipients", queryset=people),
        Prefetch(
            "letter_sources",
            queryset=editions.select_related("source").order_by("order", "id"),
            to_attr="edition_links",
        ),
    )
