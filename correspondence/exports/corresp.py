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


def name_tag(person):
    """``orgName`` for an organisation (``Person.is_organisation``: the Cheka, an
    executive committee), ``persName`` for a person."""
    return "orgName" if person.is_organisation else "persName"


def _person_name(parent, person, page_ref=None):
    """The correspondent's name, ``@ref`` its authority record (CMIF: the only ref
    correspSearch reads) and, with ``page_ref(person)``, its page here too (TEI)."""
    element = ET.SubElement(parent, name_tag(person))
    refs = [person.authority_uri] if person.authority_uri else []
    if page_ref is not None:
        refs.append(page_ref(person))
    if refs:
        element.set("ref", " ".join(refs))
    element.text = person.name
    return element


def _place_name(parent, text, place):
    """The place as printed (the record's name where nothing is printed), ``@ref`` the
    record's GeoNames or Wikidata URI where an editor recorded one."""
    name = (text or "").strip() or (place.name if place is not None else "")
    if not name:
        return None
    element = ET.SubElement(parent, "placeName")
    if place is not None and place.authority_uri:
        element.set("ref", place.authority_uri)
    element.text = name
    return element


def _action(parent, kind, people, place, dates=None, date_text=None, page_ref=None):
    action = ET.SubElement(parent, "correspAction", type=kind)
    for person in people:
        _person_name(action, person, page_ref)
    if not people:
        ET.SubElement(action, "persName").text = UNKNOWN
    _place_name(action, *place)
    if dates:
        date = ET.SubElement(action, "date", dates)
        if date_text:
            date.text = date_text
    return action


def corresp_desc(
    letter, *, ref, source=None, key=None, date_text=False, page_ref=None, date=None
):
    """The ``correspDesc`` of ``letter`` (senders, recipients and places prefetched,
    see ``with_correspondents``).

    ``ref`` is the letter's page, ``source`` the ``#id`` of the bibl the metadata comes
    from, ``key`` the letter's number in that edition. With ``date_text`` the date as
    written is the date element's content (TEI); CMIF keeps the element empty.
    ``page_ref(person)`` adds each person's page here to their ``@ref`` (TEI);
    ``date(action, letter)`` builds the date element itself (TEI's richer one).
    """
    attributes = {"ref": ref}
    if key:
        attributes["key"] = key
    if source:
        attributes["source"] = source
    desc = ET.Element("correspDesc", attributes)
    # The sender and those who signed beside them sent it together: one "sent" action
    # with them all, in the document's order.
    sent = _action(
        desc,
        "sent",
        [link.person for link in letter.sender_list],
        (letter.place_sent, letter.sent_from),
        None if date else date_attributes(letter),
        letter.date_as_written if date_text else None,
        page_ref,
    )
    if date:
        date(sent, letter)
    _action(
        desc,
        "received",
        [link.person for link in letter.addressee_links],
        (letter.place_received, letter.sent_to),
        page_ref=page_ref,
    )
    if copies := letter.copy_links:
        # Those a copy went to ("Copy to the Cheka") received it too, but are not its
        # addressees: a second "received" action with @subtype="cc". The CMIF schema
        # (tests/data/cmif/cmi-customization.rng) allows only "sent" and "received" as
        # @type and any token as @subtype (given a @type, as its Schematron asks);
        # persName carries no role there, and a note would be prose an aggregator
        # cannot read. The place received is the addressees'.
        _action(
            desc,
            "received",
            [link.person for link in copies],
            ("", None),
            page_ref=page_ref,
        ).set("subtype", "cc")
    return desc


_DOCUMENT_NUMBER = re.compile(r"^\s*Document\s+(\d+)\b")


def edition_number(letter):
    """The letter's number in its printed edition, where the heading gives one
    ("Document 9. Letter to Armand." -> "9")."""
    match = _DOCUMENT_NUMBER.match(letter.heading or "")
    return match.group(1) if match else None


#: what ``corresp_desc`` reads of a person record
CORRESPONDENT_FIELDS = ("slug", "name", "authority_uri", "kind")
#: what ``corresp_desc`` reads of a place record
PLACE_FIELDS = ("slug", "name", "authority_uri")


def with_correspondents(queryset):
    """What ``corresp_desc`` and the CMIF ``source`` need, prefetched."""
    editions = LetterSource.objects.filter(role=LetterSource.Role.EDITION)
    queryset = queryset.select_related("sent_from", "sent_to")
    return queryset.with_people(*CORRESPONDENT_FIELDS).prefetch_related(
        Prefetch(
            "letter_sources",
            queryset=editions.select_related("source").order_by("order", "id"),
            to_attr="edition_links",
        ),
    )
