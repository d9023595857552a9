"""/cmif.xml: the edition's correspondence metadata in CMIF, for correspSearch.

Validated with jing against the CMIF schema (tests/data/cmif/cmi-customization.rng);
the schema's Schematron rules (cmif.sch, XSLT 2, which jing cannot run) are checked
here in Python.
"""

import datetime as dt
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from correspondence.exports import cmif
from correspondence.exports.corresp import date_attributes, static_uuid
from correspondence.models import Letter, LetterSource
from people.models import Person
from tests.factories import make_letter, make_person, make_source

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "cmif" / "cmi-customization.rng"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DOCUMENT_9 = "lenin-to-armand-before-1914-07-25"


def jing(path):
    """Validate ``path`` against the CMIF schema; skip without jing (fail in CI)."""
    executable = shutil.which("jing")
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "jing is not installed; CI must validate CMIF (.ci/run installs it)"
            )
        pytest.skip("jing is not installed (apt-get install jing): CMIF not validated")
    result = subprocess.run(
        [executable, str(SCHEMA), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = [line for line in result.stdout.splitlines() if "error" in line]
    assert result.returncode == 0 and not errors, result.stdout + result.stderr


@pytest.fixture
def edition():
    call_command("load_edition", stdout=StringIO())


def get_cmif(client):
    response = client.get("/cmif.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def corresp_descs(root):
    return root.findall(".//tei:profileDesc/tei:correspDesc", NS)


def check_schematron_rules(root):
    """cmif.sch's errors E0001-E0004 (and its UUID warning, made strict here)."""
    ids = {bibl.get(XML_ID) for bibl in root.iterfind(".//tei:sourceDesc/tei:bibl", NS)}
    for bibl_id in ids:
        assert len(bibl_id) == 36 and bibl_id[0] in "abcdef", bibl_id
    for desc in corresp_descs(root):
        kinds = [a.get("type") for a in desc.findall("tei:correspAction", NS)]
        assert "sent" in kinds and "received" in kinds, ET.tostring(desc)
        assert desc.get("source", "").removeprefix("#") in ids, desc.get("source")
    for date in root.iterfind(".//tei:date", NS):
        assert {"when", "from", "to", "notBefore", "notAfter"} & set(date.attrib)


def test_the_edition_as_cmif_is_valid_against_the_schema(client, edition, tmp_path):
    path = tmp_path / "cmif.xml"
    path.write_bytes(get_cmif(client))
    jing(path)
    check_schematron_rules(ET.parse(path).getroot())


def test_one_corresp_desc_per_letter_pointing_to_its_page(client, edition):
    root = ET.fromstring(get_cmif(client))
    refs = [desc.get("ref") for desc in corresp_descs(root)]
    slugs = Letter.objects.in_date_order().values_list("slug", flat=True)
    assert refs == [f"http://testserver/letters/{slug}/" for slug in slugs]
    for ref in refs:
        assert client.get(ref).status_code == 200


def test_document_9_is_dated_only_by_its_upper_bound(client, edition):
    root = ET.fromstring(get_cmif(client))
    desc = next(
        d for d in corresp_descs(root) if d.get("ref").endswith(f"/{DOCUMENT_9}/")
    )
    printed = root.findall(".//tei:sourceDesc/tei:bibl[@type='print']", NS)
    pipes = next(bibl for bibl in printed if "The Unknown Lenin" in bibl.text)
    assert (
        pipes.text
        == "Richard Pipes (ed.), The Unknown Lenin: From the Secret Archives, 1996."
    )
    assert desc.attrib == {
        "ref": f"http://testserver/letters/{DOCUMENT_9}/",
        "key": "9",
        "source": f"#{pipes.get(XML_ID)}",
    }
    sent, received = desc.findall("tei:correspAction", NS)
    assert sent.get("type") == "sent" and received.get("type") == "received"
    assert [p.text for p in sent.findall("tei:persName", NS)] == ["Lenin"]
    assert sent.find("tei:persName", NS).get("ref") is None  # no authority recorded
    assert sent.find("tei:date", NS).attrib == {"notAfter": "1914-07-25"}
    assert sent.find("tei:placeName", NS) is None  # the document names no place
    assert [p.text for p in received.findall("tei:persName", NS)] == ["Inessa Armand"]
    assert received.find("tei:date", NS) is None


def test_exact_days_are_when_and_known_places_are_named(client, edition):
    xml = get_cmif(client).decode()
    assert (
        '<correspDesc ref="http://testserver/letters/lenin-to-shahumyan-1918-05-14/" '
        in xml
    )
    root = ET.fromstring(xml)
    shahumyan = next(d for d in corresp_descs(root) if "shahumyan" in d.get("ref"))
    sent, received = shahumyan.findall("tei:correspAction", NS)
    assert sent.find("tei:date", NS).attrib == {"when": "1918-05-14"}
    assert received.find("tei:placeName", NS).text == "Baku"
    bibl = {b.get(XML_ID): b for b in root.iterfind(".//tei:sourceDesc/tei:bibl", NS)}
    assert "Collected Works, vol. 35, Moscow: Progress Publishers, 1976" in (
        bibl[shahumyan.get("source")[1:]].text
    )
    assert shahumyan.get("key") is None  # the heading gives no document number


def test_pers_name_has_a_ref_only_where_an_editor_recorded_an_authority(
    client, edition
):
    Person.objects.filter(slug="lenin").update(
        authority_uri="http://viaf.org/viaf/64009368"
    )
    root = ET.fromstring(get_cmif(client))
    names = root.findall(".//tei:persName", NS)
    lenin = [n for n in names if n.text == "Lenin"]
    others = [n for n in names if n.text != "Lenin"]
    assert lenin and all(n.get("ref") == "http://viaf.org/viaf/64009368" for n in lenin)
    assert others and all(n.get("ref") is None for n in others)


def test_an_organisation_is_an_org_name_with_its_authority_as_ref(client, tmp_path):
    """orgName, not persName; @ref only where an editor recorded an authority."""
    lenin = make_person("Lenin", slug="lenin")
    cheka = make_person(
        "Cheka",
        kind=Person.Kind.ORGANISATION,
        authority_uri="https://www.wikidata.org/wiki/Q207229",
    )
    committee = make_person("Rodniki Executive Committee", kind="organisation")
    make_letter(senders=[lenin], recipients=[committee, cheka], date=D(1918, 12, 26))
    make_letter(senders=[committee], recipients=[lenin], date=D(1918, 12, 30))
    path = tmp_path / "cmif.xml"
    path.write_bytes(get_cmif(client))
    jing(path)
    root = ET.parse(path).getroot()
    check_schematron_rules(root)
    to_them, from_them = corresp_descs(root)
    received = to_them.find("tei:correspAction[@type='received']", NS)
    assert received.findall("tei:persName", NS) == []
    # in the document's order
    assert [(o.text, o.get("ref")) for o in received.findall("tei:orgName", NS)] == [
        ("Rodniki Executive Committee", None),
        ("Cheka", "https://www.wikidata.org/wiki/Q207229"),
    ]
    sent = from_them.find("tei:correspAction[@type='sent']", NS)
    assert [o.text for o in sent.findall("tei:orgName", NS)] == [
        "Rodniki Executive Committee"
    ]
    assert [p.text for p in root.findall(".//tei:persName", NS)] == ["Lenin", "Lenin"]


D = dt.date


@pytest.mark.parametrize(
    "start, end, precision, expected",
    [
        (D(1914, 6, 7), D(1914, 6, 7), "day", {"when": "1914-06-07"}),
        (D(1914, 7, 1), D(1914, 7, 31), "month", {"when": "1914-07"}),
        (D(1916, 1, 1), D(1916, 12, 31), "year", {"when": "1916"}),
        (D(1912, 3, 8), D(1912, 3, 9), "range",
         {"notBefore": "1912-03-08", "notAfter": "1912-03-09"}),
        (None, D(1914, 7, 25), "before", {"notAfter": "1914-07-25"}),
        (D(1916, 7, 27), None, "after", {"notBefore": "1916-07-27"}),
        (None, None, "unknown", {}),
    ],
)  # fmt: skip
def test_dates_become_when_or_bounds(start, end, precision, expected):
    letter = Letter(date_start=start, date_end=end, date_precision=precision)
    assert date_attributes(letter) == expected


def test_odd_letters_stay_valid(client, tmp_path):
    """Undated, no recipient, no edition, names and places needing escapes."""
    odd = make_person(
        'Zina "Z." <Lilina> & co', authority_uri="https://d-nb.info/gnd/1"
    )
    make_letter(
        date=None, senders=[odd], recipients=[], place_sent="Bern & Zürich",
        date_precision="unknown",
    )  # fmt: skip
    make_letter(
        date=dt.date(1917, 4, 1),
        sources=[(make_source("A Print"), LetterSource.Role.FIRST_PUBLICATION, "")],
    )
    path = tmp_path / "cmif.xml"
    path.write_bytes(get_cmif(client))
    jing(path)
    root = ET.parse(path).getroot()
    check_schematron_rules(root)
    descs = corresp_descs(root)
    # undated letters sort first on SQLite and last on PostgreSQL (NULL dates)
    first = next(d for d in descs if "Zina" in "".join(d.itertext()))
    second = next(d for d in descs if d is not first)
    sent, received = first.findall("tei:correspAction", NS)
    assert sent.find("tei:persName", NS).text == 'Zina "Z." <Lilina> & co'
    assert sent.find("tei:placeName", NS).text == "Bern & Zürich"
    assert sent.find("tei:date", NS) is None
    assert received.find("tei:persName", NS).text == "Unknown"
    online = root.find(".//tei:sourceDesc/tei:bibl[@type='online']", NS)
    assert first.get("source") == second.get("source") == f"#{online.get(XML_ID)}"


def test_bibl_ids_are_static_uuids_beginning_with_a_letter():
    assert static_uuid("source:ozleft") == static_uuid("source:ozleft")
    ids = {static_uuid(f"source:{n}") for n in range(200)}
    assert len(ids) == 200
    assert all(i[0] in "abcdef" and len(i) == 36 for i in ids)


def test_the_file_is_dated_by_the_last_recorded_change(client, edition):
    user = get_user_model().objects.create(username="editor")
    entry = LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Letter),
        object_id="1",
        object_repr="a letter",
        action_flag=CHANGE,
    )
    # later than anything the history tables (if any) hold
    when = dt.datetime(2099, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    LogEntry.objects.filter(pk=entry.pk).update(action_time=when)
    root = ET.fromstring(get_cmif(client))
    date = root.find(".//tei:publicationStmt/tei:date", NS)
    assert date.get("when") == "2099-03-04T05:06:07+00:00"
    assert root.find(".//tei:publicationStmt/tei:idno", NS).text == (
        "http://testserver/cmif.xml"
    )


def test_letters_are_read_in_chunks_not_one_query_each(client, monkeypatch):
    for day in range(1, 11):
        make_letter(date=dt.date(1914, 7, day))
    monkeypatch.setattr(cmif, "CHUNK_SIZE", 4)
    pieces = cmif.stream(
        build_url=lambda path: f"https://example.org{path}",
        changed=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    with CaptureQueriesContext(connection) as queries:
        chunks = list(pieces)
    assert len(corresp_descs(ET.fromstring("".join(chunks)))) == 10
    assert len(chunks) > 10  # made piece by piece, not built whole
    # the printed sources, the letters (one cursor read in chunks), and 3 prefetches
    # (senders, recipients, editions) per chunk of 4
    assert len(queries) == 1 + 1 + 3 * 3, [q["sql"] for q in queries]
    response = client.get("/cmif.xml")
    assert isinstance(response, StreamingHttpResponse)


def test_only_get_and_head(client):
    assert client.post("/cmif.xml").status_code == 405


def test_place_name_has_a_ref_where_an_editor_recorded_the_place_s_authority(
    client, edition, tmp_path
):
    from places.models import Place

    Place.objects.filter(slug="baku").update(
        authority_uri="http://www.geonames.org/587084"
    )
    path = tmp_path / "cmif.xml"
    path.write_bytes(get_cmif(client))
    jing(path)
    root = ET.parse(path).getroot()
    (baku,) = [n for n in root.iterfind(".//tei:placeName", NS) if n.text == "Baku"]
    assert baku.get("ref") == "http://www.geonames.org/587084"
    assert all(
        n.get("ref") is None
        for n in root.iterfind(".//tei:placeName", NS)
        if n.text != "Baku"
    )


def test_places_cost_no_query_of_their_own(monkeypatch):
    from places.linking import link_letter_places
    from places.models import Place

    for day in range(1, 9):
        make_letter(date=dt.date(1914, 7, day), place_sent=f"Place {day}")
    link_letter_places(Letter.objects.all())
    Place.objects.update(authority_uri="http://www.geonames.org/587084")
    monkeypatch.setattr(cmif, "CHUNK_SIZE", 4)
    pieces = cmif.stream(
        build_url=lambda path: f"https://example.org{path}",
        changed=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    with CaptureQueriesContext(connection) as queries:
        text = "".join(pieces)
    assert text.count('<placeName ref="http://www.geonames.org/587084">') == 8
    # as without places: sources, letters (joined with their places), 3 prefetches a
    # chunk
    assert len(queries) == 1 + 1 + 3 * 2, [q["sql"] for q in queries]
