"""/letters/<slug>/tei.xml: each letter as a TEI P5 document.

Validated with jing against TEI P5's tei_all schema (tests/data/tei/: version 3.0.0,
the newest to be had from the package registries); also checked for the structure the
edition promises: header with title, publication, sources and correspDesc; a body with
opener, paragraphs, closer, signed and postscript; a note at each marker's place; the
editors' brackets marked up with the printed text unchanged.
"""

import datetime as dt
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from correspondence.models import Letter
from correspondence.text import plain_text
from people.models import Person
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
MARKER = re.compile(r"\[\^(\d+)\]")
SEED_SLUGS = [
    "lenin-to-armand-1914-06-07",
    "lenin-to-armand-before-1914-07-06",
    "lenin-to-armand-1914-07-16",
    "lenin-to-armand-before-1914-07-25",
    "lenin-to-shahumyan-1918-05-14",
]


SCHEMA = Path(__file__).resolve().parent.parent / "data" / "tei" / "tei_all.rng"


@pytest.fixture
def edition():
    call_command("load_edition", stdout=StringIO())


def jing(*paths):
    """Validate ``paths`` against TEI P5 (tei_all); skip without jing (fail in CI)."""
    executable = shutil.which("jing")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jing is not installed; CI must validate TEI (.ci/run does)")
        pytest.skip("jing is not installed (apt-get install jing): TEI not validated")
    result = subprocess.run(
        [executable, str(SCHEMA), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line for line in result.stdout.splitlines() if "error" in line]
    assert result.returncode == 0 and not errors, result.stdout + result.stderr


def get_tei(client, slug):
    response = client.get(f"/letters/{slug}/tei.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/tei+xml; charset=utf-8"
    return ET.fromstring(response.content)  # raises on anything not well-formed


def text_without_notes(element):
    """The words of ``element`` as a reader sees them: notes out, <lb/> as newline."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEI}lb":
            parts.append("\n")
        elif child.tag != f"{TEI}note":
            parts.append(text_without_notes(child))
        parts.append(child.tail or "")
    return "".join(parts)


def one(root, path):
    found = root.findall(path, NS)
    assert len(found) == 1, (path, found)
    return found[0]


def test_the_seed_letters_are_all_in_the_edition(edition):
    assert sorted(Letter.objects.values_list("slug", flat=True)) == sorted(SEED_SLUGS)


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_each_seed_letter_is_a_well_formed_tei_document(client, edition, slug):
    letter = Letter.objects.get(slug=slug)
    root = get_tei(client, slug)
    assert root.tag == f"{TEI}TEI"
    header = one(root, "tei:teiHeader")
    assert one(header, "tei:fileDesc/tei:titleStmt/tei:title").text == letter.title
    assert one(header, "tei:fileDesc/tei:publicationStmt/tei:idno").text == (
        f"http://testserver/letters/{slug}/"
    )
    bibls = header.findall("tei:fileDesc/tei:sourceDesc/tei:listBibl/tei:bibl", NS)
    links = list(letter.letter_sources.order_by("order"))
    assert [b.get("type") for b in bibls] == [link.role for link in links]
    assert [one(b, "tei:title").text for b in bibls] == [
        link.source.title for link in links
    ]
    desc = one(header, "tei:profileDesc/tei:correspDesc")
    assert desc.get("ref") == f"http://testserver/letters/{slug}/"
    sent = one(desc, "tei:correspAction[@type='sent']")
    assert "".join(one(sent, "tei:date").itertext()) == letter.date_as_written
    one(desc, "tei:correspAction[@type='received']")

    div = one(root, "tei:text/tei:body/tei:div[@type='letter']")
    paragraphs = div.findall("tei:p", NS)
    assert [text_without_notes(p) for p in paragraphs] == plain_text(letter.body).split(
        "\n\n"
    )
    if letter.salutation:
        salute = one(div, "tei:opener/tei:salute")
        assert text_without_notes(salute) == plain_text(letter.salutation)
    if letter.closing:
        assert text_without_notes(one(div, "tei:closer/tei:salute")) == letter.closing
    if letter.signature:
        assert text_without_notes(one(div, "tei:closer/tei:signed")) == letter.signature
    if letter.postscript:
        postscript = one(div, "tei:postscript")
        assert "\n\n".join(
            text_without_notes(p) for p in postscript.findall("tei:p", NS)
        ) == plain_text(letter.postscript)


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_notes_stand_at_their_markers_places(client, edition, slug):
    letter = Letter.objects.get(slug=slug)
    root = get_tei(client, slug)
    notes = root.findall(".//tei:text//tei:note", NS)
    stored = "".join(
        [letter.dateline, letter.salutation, letter.body, letter.closing,
         letter.signature, letter.postscript]
    )  # fmt: skip
    assert [note.get("n") for note in notes] == MARKER.findall(stored)
    texts = {note.number: note.text for note in letter.footnotes.all()}
    for note in notes:
        assert note.get("place") == "foot"
        assert note.get(XML_ID) == f"note-{note.get('n')}"
        assert "\n\n".join(note.itertext()) == texts[int(note.get("n"))]


def test_document_9_in_detail(client, edition):
    root = get_tei(client, "lenin-to-armand-before-1914-07-25")
    div = one(root, "tei:text/tei:body/tei:div")
    assert one(div, "tei:head").text == "Document 9. Letter to Armand. (p 27-30)"
    assert one(div, "tei:opener/tei:salute").text == "My dear & dearest friend!"
    assert one(div, "tei:closer/tei:signed").text == "Your W.L."
    first = div.find("tei:p", NS)
    note = first.find("tei:note", NS)
    assert first.text.endswith(
        "The idiot Brussels conference can be forgotten in such time."
    )
    assert note.get("n") == "1"
    assert note.text.startswith("Reference to conference in Brussels")
    assert note.tail.startswith(" (I understand that the liquidators & Plekhanov")
    postscript = one(div, "tei:postscript/tei:p")
    assert text_without_notes(postscript).startswith(
        'In our capital "etat de siege". Both [Bolshevik] papers '
        "must be closed. Arrests innombrable. The brother"
    )
    assert postscript.text == 'In our capital "etat de siege". Both ['
    assert one(postscript, "tei:supplied").text == "Bolshevik"
    assert one(postscript, "tei:note").text == "L.B. Kamenev."
    editorial = one(root, "tei:text/tei:front/tei:div[@type='editorial']/tei:p")
    assert editorial.text.startswith("The importance of Document 9 lies")
    date = one(root, ".//tei:correspDesc/tei:correspAction[@type='sent']/tei:date")
    assert date.attrib == {
        "notAfter": "1914-07-25",
        "calendar": "#julian",
        "notAfter-custom": "1914-07-12",
        "datingMethod": "#julian",
    }
    assert "".join(date.itertext()) == "[Before 12 (25) July 1914]"
    assert one(date, "tei:supplied").text == "Before 12 (25) July 1914"
    terms = [t.text for t in root.findall(".//tei:textClass/tei:keywords/tei:term", NS)]
    assert "The outbreak of the First World War" in terms


def test_document_6_keeps_sic_and_dateline_note(client, edition):
    response = client.get("/letters/lenin-to-armand-1914-06-07/tei.xml")
    assert b"<sic>Wiring</sic> [sic] with brother<note" in response.content
    root = ET.fromstring(response.content)
    dateline = one(root, ".//tei:opener/tei:dateline")
    assert dateline.text == "7 June 1914"
    assert (
        one(dateline, "tei:note").text == "The date is recorded in the hand of Armand."
    )
    assert "the wire [news]" in "".join(root.itertext())


def test_shahumyan_carries_translator_transcriber_and_licence(client, edition):
    root = get_tei(client, "lenin-to-shahumyan-1918-05-14")
    bibls = root.findall(".//tei:sourceDesc/tei:listBibl/tei:bibl", NS)
    edition_bibl, first, transcription = bibls
    assert (
        one(edition_bibl, "tei:editor[@role='translator']").text == "Andrew Rothstein"
    )
    assert one(edition_bibl, "tei:biblScope[@unit='volume']").text == "35"
    assert one(edition_bibl, "tei:biblScope[@unit='page']").text == "332"
    assert one(transcription, "tei:respStmt/tei:name").text == "R. Cymbala"
    assert one(transcription, "tei:note[@type='licence']").text.startswith(
        "Public Domain"
    )
    assert (
        one(root, ".//tei:correspAction[@type='received']/tei:placeName").text == "Baku"
    )
    assert one(root, ".//tei:closer/tei:salute").text == "Yours,"


def test_an_excerpt_says_so_and_odd_text_stays_well_formed(client):
    letter = make_letter(
        excerpt=True,
        body='Line one\nline <two> & "three"[^1]\n\n[^2]Second',
        footnotes=["A note\n\nin two paragraphs."],
    )
    root = get_tei(client, letter.slug)
    assert one(root, ".//tei:notesStmt/tei:note[@type='excerpt']") is not None
    first, second = root.findall(".//tei:body/tei:div/tei:p", NS)
    assert text_without_notes(first) == 'Line one\nline <two> & "three"'
    assert [p.text for p in first.find("tei:note", NS)] == [
        "A note",
        "in two paragraphs.",
    ]
    orphan = second.find("tei:note", NS)  # a marker whose note the source lacks
    assert orphan.get("n") == "2" and not list(orphan.itertext())


def test_unknown_slug_is_404_in_every_format(client, edition):
    assert client.get("/letters/no-such-letter/tei.xml").status_code == 404
    assert client.get("/letters/no-such-letter/").status_code == 404
    assert client.get("/letters/no-such-letter/?format=tei").status_code == 404
    assert client.get("/letters/no-such-letter/?format=json").status_code == 404
    assert client.get("/api/letters/no-such-letter/").status_code == 404


def test_a_letter_page_leads_to_its_tei_and_json(client, edition):
    slug = "lenin-to-armand-before-1914-07-25"
    html = client.get(f"/letters/{slug}/").content.decode()
    assert (
        f'<link rel="alternate" type="application/tei+xml" '
        f'href="http://testserver/letters/{slug}/tei.xml"' in html
    )
    assert (
        f'<link rel="alternate" type="application/json" '
        f'href="http://testserver/api/letters/{slug}/"' in html
    )
    assert f'<a href="/letters/{slug}/tei.xml" type="application/tei+xml">' in html
    assert '<meta name="DC.date" content="1914-07-25">' in html
    assert '<meta name="DC.creator" content="Lenin">' in html
    tei = client.get(f"/letters/{slug}/?format=tei")
    assert tei.status_code == 302 and tei["Location"] == f"/letters/{slug}/tei.xml"
    json = client.get(f"/letters/{slug}/?format=JSON")
    assert json.status_code == 302 and json["Location"] == f"/api/letters/{slug}/"


def test_an_unsupported_format_of_a_letter_is_a_400_with_a_message(client, edition):
    response = client.get("/letters/lenin-to-armand-1914-06-07/?format=pdf")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "Unsupported format 'pdf': this page is available as html, tei, json.\n"
    )


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_every_footnote_has_a_permalink_on_the_page(client, edition, slug):
    letter = Letter.objects.get(slug=slug)
    html = client.get(f"/letters/{slug}/").content.decode()
    for note in letter.footnotes.all():
        assert f'<li id="note-{note.number}"' in html
        assert f'href="#note-{note.number}"' in html  # the marker links to it


def test_the_seed_letters_are_valid_tei_p5(client, edition, tmp_path):
    paths = []
    for slug in SEED_SLUGS:
        path = tmp_path / f"{slug}.xml"
        path.write_bytes(client.get(f"/letters/{slug}/tei.xml").content)
        paths.append(path)
    jing(*paths)


def test_a_letter_with_every_editorial_mark_is_valid_and_reads_as_printed(
    client, tmp_path
):
    from correspondence.models import Language
    from people.models import Person
    from places.models import Place

    lenin = Person.objects.create(
        slug="lenin", name="Lenin", authority_uri="http://viaf.org/viaf/36924137"
    )
    zurich = Place.objects.create(
        slug="zurich", name="Zurich", authority_uri="http://www.geonames.org/2657896"
    )
    body = (
        "The [Latvian] comrades wrote [...] and Wiring [sic] came.[^1]\n"
        "[sic] alone, [See Letter No. 220.—Editor] and [] stay."
    )
    letter = make_letter(
        senders=[lenin],
        body=body,
        footnotes=["A note."],
        kind="telegram",
        place_sent="Zürich",
        sent_from=zurich,
        date_as_written="25 May (7 June) 1914",
        date_julian=dt.date(1914, 5, 25),
    )
    letter.languages.set([Language.objects.get(code="de")])
    content = client.get(f"/letters/{letter.slug}/tei.xml").content
    path = tmp_path / "letter.xml"
    path.write_bytes(content)
    jing(path)

    root = ET.fromstring(content)
    p = one(root, ".//tei:body/tei:div/tei:p")
    assert text_without_notes(p) == plain_text(body)  # every printed character kept
    assert [e.text for e in p.findall("tei:supplied", NS)] == ["Latvian"]
    assert [e.text for e in p.findall("tei:sic", NS)] == ["Wiring"]
    assert one(p, "tei:gap").get("reason") == "omitted"
    sent = one(root, ".//tei:correspAction[@type='sent']")
    assert one(sent, "tei:persName").get("ref") == (
        "http://viaf.org/viaf/36924137 http://testserver/people/lenin/"
    )
    place = one(sent, "tei:placeName")
    assert (place.text, place.get("ref")) == (
        "Zürich",
        "http://www.geonames.org/2657896",
    )
    date = one(sent, "tei:date")
    assert date.attrib == {
        "when": "1914-06-07",
        "calendar": "#julian",
        "when-custom": "1914-05-25",
        "datingMethod": "#julian",
    }
    assert date.text == "25 May (7 June) 1914"  # @calendar only on a date with content
    calendars = root.findall(".//tei:profileDesc/tei:calendarDesc/tei:calendar", NS)
    assert [c.get(XML_ID) for c in calendars] == ["julian", "gregorian"]
    language = one(root, ".//tei:profileDesc/tei:langUsage/tei:language")
    assert (language.get("ident"), language.text) == ("de", "German")
    kind = one(root, ".//tei:textClass/tei:keywords/tei:term[@type='kind']")
    assert (kind.get("key"), kind.text) == ("telegram", "telegram")


def test_an_organisation_is_an_org_name_and_the_letter_stays_valid(client, tmp_path):
    lenin = make_person("Lenin", slug="lenin")
    soviet = make_person(
        "Baku Soviet",
        slug="baku-soviet",
        kind=Person.Kind.ORGANISATION,
        authority_uri="https://www.wikidata.org/wiki/Q4074337",
    )
    letter = make_letter(senders=[lenin], recipients=[soviet])
    content = client.get(f"/letters/{letter.slug}/tei.xml").content
    path = tmp_path / "letter.xml"
    path.write_bytes(content)
    jing(path)
    root = ET.fromstring(content)
    received = one(root, ".//tei:correspAction[@type='received']")
    assert received.findall("tei:persName", NS) == []
    org = one(received, "tei:orgName")
    assert (org.text, org.get("ref")) == (
        "Baku Soviet",
        "https://www.wikidata.org/wiki/Q4074337 http://testserver/people/baku-soviet/",
    )
    sent = one(root, ".//tei:correspAction[@type='sent']")
    assert one(sent, "tei:persName").text == "Lenin"


def test_a_gregorian_letter_declares_no_calendar(client):
    letter = make_letter(date=dt.date(1918, 5, 14))
    root = get_tei(client, letter.slug)
    assert root.find(".//tei:calendarDesc", NS) is None
    assert one(root, ".//tei:correspAction[@type='sent']/tei:date").attrib == {
        "when": "1918-05-14"
    }


def test_a_corrected_date_gives_the_printed_one_as_sic_and_the_correction(
    client, tmp_path
):
    letter = make_letter(
        date=dt.date(1902, 11, 11),
        date_as_written="Written November 11, 1002",
        date_corrected=True,
        date_correction="misprint for 1902 (note 1)",
    )
    content = client.get(f"/letters/{letter.slug}/tei.xml").content
    path = tmp_path / "letter.xml"
    path.write_bytes(content)
    jing(path)
    date = one(ET.fromstring(content), ".//tei:correspAction[@type='sent']/tei:date")
    assert date.attrib == {"when": "1902-11-11"}
    assert one(date, "tei:choice/tei:sic").text == "Written November 11, 1002"
    assert one(date, "tei:choice/tei:corr").text == "11 November 1902"
