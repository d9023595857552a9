"""One letter as a TEI P5 document.

teiHeader: the letter's title and this edition (``fileDesc``), its sources as a
``listBibl`` (edition, first publication, transcription, with pages, translator,
transcriber, licence), its ``correspDesc`` (as in the CMIF, with the date as written)
and topics (``profileDesc``). text: the editorial headnote in ``front``; in ``body`` one
``div type="letter"`` with the source's heading, ``opener`` (dateline, salute), the
paragraphs, ``closer`` (salute, signed) and ``postscript``. Footnotes are ``<note
n="N" place="foot">`` at their markers' exact places; the first note of each number
carries ``xml:id="note-N"``, the id the letter page gives it. The text is diplomatic:
the editors' square brackets ("[sic]", "[Latvian]") stay as printed, with what they
mark as ``sic``, ``supplied`` or ``gap`` (tei_editorial.py).

People are ``persName`` (``orgName`` for an organisation) with ``@ref`` their authority
record, where an editor recorded one, and their page in this edition; places are
``placeName`` with their GeoNames or Wikidata record. The letter's languages are
``langUsage``, its kind a ``term type="kind"``. Valid against TEI P5 (tei_all,
tests/data/tei/).
"""

import re
import xml.etree.ElementTree as ET

from django.db.models import Prefetch

from correspondence.annotations import annotation_text
from correspondence.models import Footnote, Language, Letter, LetterSource, Topic

from .cmif import EDITION_TITLE
from .corresp import CORRESPONDENT_FIELDS, TEI_NS, XML_ID, corresp_desc
from .tei_editorial import append_marked, calendar_desc, letter_date

MARKER = re.compile(r"\[\^(\d+)\]")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

ROLE_NAMES = {
    LetterSource.Role.EDITION: "edition",
    LetterSource.Role.FIRST_PUBLICATION: "first publication",
    LetterSource.Role.TRANSCRIPTION: "online transcription",
}


def for_tei(queryset=None):
    """Letters with everything their TEI needs (people with authority URIs)."""
    queryset = Letter.objects.all() if queryset is None else queryset
    queryset = queryset.select_related("sent_from", "sent_to").with_people(
        *CORRESPONDENT_FIELDS
    )
    return queryset.prefetch_related(
        Prefetch("languages", queryset=Language.objects.order_by("name")),
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
        Prefetch("footnotes", queryset=Footnote.objects.order_by("number")),
        Prefetch(
            "letter_sources",
            queryset=LetterSource.objects.select_related("source").order_by(
                "order", "id"
            ),
        ),
    )


def paragraphs(text):
    return [p.strip() for p in PARAGRAPH_BREAK.split((text or "").strip()) if p.strip()]


class _Notes:
    """Turns markers into notes: the note of each number once with its id."""

    def __init__(self, footnotes):
        self.texts = {note.number: annotation_text(note.text) for note in footnotes}
        self.placed = set()

    def note(self, number):
        element = ET.Element("note", n=str(number), place="foot")
        if number not in self.placed:
            self.placed.add(number)
            element.set(XML_ID, f"note-{number}")
        text = self.texts.get(number)
        if text is None:
            return element  # a marker whose note the source does not print
        parts = paragraphs(text)
        if len(parts) == 1:
            element.text = parts[0]
        else:
            for part in parts:
                ET.SubElement(element, "p").text = part
        return element


def fill(element, text, notes):
    """``element``'s content: ``text`` with ``[^N]`` markers as notes, line breaks as
    ``lb`` and the editors' brackets marked up."""
    pieces = MARKER.split(text)
    for index, piece in enumerate(pieces):
        if index % 2:
            element.append(notes.note(int(piece)))
            continue
        lines = piece.split("\n")
        for number, line in enumerate(lines):
            if number:
                element.append(ET.Element("lb"))
            append_marked(element, line)
    return element


def _sub(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {k: v for k, v in attributes.items() if v})
    if text:
        element.text = text
    return element


def _opt(parent, tag, text, **attributes):
    """An element only where there is something to say."""
    return _sub(parent, tag, text, **attributes) if text else None


def bibl(link):
    """One source of the letter as a TEI ``bibl``."""
    source = link.source
    element = ET.Element("bibl", type=link.role)
    _opt(element, "author", source.author)
    _opt(element, "editor", source.editor)
    _sub(element, "title", source.title)
    if link.translator:
        _sub(element, "editor", link.translator, role="translator")
    if link.transcriber:
        resp = _sub(element, "respStmt")
        _sub(resp, "resp", "transcription")
        _sub(resp, "name", link.transcriber)
    _opt(element, "pubPlace", source.place)
    _opt(element, "publisher", source.publisher)
    _opt(element, "date", source.year)
    if source.volume:
        _sub(element, "biblScope", source.volume, unit="volume")
    if link.pages:
        _sub(element, "biblScope", link.pages, unit="page")
    url = link.url or source.url
    if url:
        _sub(element, "ref", url, target=url)
    _opt(element, "note", link.note)
    if link.licence:
        _sub(element, "note", link.licence, type="licence")
    return element


def header(letter, url, page_ref=None):
    tei_header = ET.Element("teiHeader")
    file_desc = _sub(tei_header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", letter.title)
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "publisher", EDITION_TITLE)
    _sub(publication, "idno", url, type="URL")
    if letter.excerpt:
        notes = _sub(file_desc, "notesStmt")
        _sub(
            notes,
            "note",
            "The source prints only an excerpt of this letter.",
            type="excerpt",
        )
    source_desc = _sub(file_desc, "sourceDesc")
    links = list(letter.letter_sources.all())
    if links:
        list_bibl = _sub(source_desc, "listBibl")
        for link in links:
            list_bibl.append(bibl(link))
    else:
        _sub(source_desc, "p", "No source recorded.")

    profile = _sub(tei_header, "profileDesc")
    languages = list(letter.languages.all())
    if languages:
        usage = _sub(profile, "langUsage")
        for language in languages:
            _sub(usage, "language", language.name, ident=language.code)
    topics = list(letter.topics.all())
    if topics or letter.kind:
        keywords = _sub(_sub(profile, "textClass"), "keywords")
        if letter.kind:
            _sub(
                keywords,
                "term",
                letter.get_kind_display(),
                type="kind",
                key=letter.kind,
            )
        for topic in topics:
            _sub(keywords, "term", topic.name, key=topic.slug)
    calendars = calendar_desc(letter)
    if calendars is not None:
        profile.append(calendars)
    profile.append(corresp_desc(letter, ref=url, date=letter_date, page_ref=page_ref))
    return tei_header


def body(letter):
    notes = _Notes(letter.footnotes.all())
    text = ET.Element("text")
    if letter.headnote:
        editorial = _sub(_sub(text, "front"), "div", type="editorial")
        for paragraph in paragraphs(MARKER.sub("", annotation_text(letter.headnote))):
            _sub(editorial, "p", paragraph)
    div = _sub(_sub(text, "body"), "div", type="letter")
    if letter.heading:
        fill(_sub(div, "head"), letter.heading, notes)
    if letter.dateline or letter.salutation:
        opener = _sub(div, "opener")
        if letter.dateline:
            fill(_sub(opener, "dateline"), letter.dateline, notes)
        if letter.salutation:
            fill(_sub(opener, "salute"), letter.salutation, notes)
    parts = paragraphs(letter.body)
    for paragraph in parts:
        fill(_sub(div, "p"), paragraph, notes)
    if not parts:
        _sub(div, "p")
    if letter.closing or letter.signature:
        closer = _sub(div, "closer")
        if letter.closing:
            fill(_sub(closer, "salute"), letter.closing, notes)
        if letter.signature:
            fill(_sub(closer, "signed"), letter.signature, notes)
    if letter.postscript:
        postscript = _sub(div, "postscript")
        for paragraph in paragraphs(letter.postscript):
            fill(_sub(postscript, "p"), paragraph, notes)
    return text


def letter_tei(letter, url, build_url=None):
    """The TEI document of ``letter`` (prefetched with ``for_tei``) as an Element;
    ``url`` is the letter's page, ``build_url(path)`` makes absolute URLs (for the
    people's pages in their ``@ref``)."""
    root = ET.Element("TEI", {"xmlns": TEI_NS, "xml:lang": "en"})
    page_ref = (
        (lambda person: build_url(person.get_absolute_url())) if build_url else None
    )
    root.append(header(letter, url, page_ref))
    root.append(body(letter))
    return root


def _is_mixed(element):
    return bool((element.text or "").strip()) or any(
        (child.tail or "").strip() for child in element
    )


def indent(element, level=0):
    """Indent the structure for reading, never inside running text: whitespace added in
    a paragraph or a note would change the text."""
    if not len(element) or _is_mixed(element):
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + " " * level


def to_bytes(element):
    indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)
