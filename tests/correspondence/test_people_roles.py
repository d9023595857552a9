"""Issue 16, what readers and other systems see: a co-signer signs after the sender,
"Copy to the Cheka" is no addressee, and people stand in the document's order (not the
alphabet's) on the letter's page, in its title, the CSV, TEI and CMIF."""

import csv
import datetime as dt
import xml.etree.ElementTree as ET
from io import StringIO

import pytest

from correspondence.models import Letter
from correspondence.people_links import LetterSender, write_links
from tests.correspondence import test_cmif, test_tei
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db

NS = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture
def to_stalin():
    """Signed "Zinoviev, Lenin" (Lenin the sender, Zinoviev beside him), to Stalin and
    Kamenev, "Copy to the Cheka": every list out of alphabetical order."""
    lenin = make_person("Lenin", slug="lenin")
    zinoviev = make_person("Zinoviev", slug="zinoviev")
    stalin = make_person("Stalin", slug="stalin")
    kamenev = make_person("Kamenev", slug="kamenev")
    cheka = make_person("Cheka", slug="cheka")
    return make_letter(
        slug="lenin-to-stalin-1919-05-01",
        senders=[lenin, (zinoviev, "co_signer")],
        recipients=[stalin, kamenev, (cheka, "copy_to")],
        date=dt.date(1919, 5, 1),
    )


def test_the_title_names_senders_to_addressees_in_the_document_s_order(to_stalin):
    assert to_stalin.title == "Lenin and Zinoviev to Stalin and Kamenev, 1 May 1919"
    (listed,) = Letter.objects.with_people()
    assert listed.title == to_stalin.title


def test_the_letter_page_says_co_signer_and_copy_to(client, to_stalin):
    page = client.get(to_stalin.get_absolute_url()).content.decode()
    sent = page.index('<a href="/people/lenin/">Lenin</a>')
    assert page.index('<a href="/people/zinoviev/">Zinoviev</a> ') > sent
    assert '<span class="letter__role">(co-signer)</span>' in page
    to = page.index("<dt>To</dt>")
    copy = page.index("<dt>Copy to</dt>")
    stalin = page.index('<a href="/people/stalin/">Stalin</a>')
    kamenev = page.index('<a href="/people/kamenev/">Kamenev</a>')
    cheka = page.index('<a href="/people/cheka/">Cheka</a>')
    assert to < stalin < kamenev < copy < cheka


def test_the_list_of_letters_finds_a_copy_by_its_recipient(client, to_stalin):
    page = client.get("/letters/?recipient=cheka").content.decode()
    assert to_stalin.get_absolute_url() in page


def test_the_csv_gives_people_in_order_with_their_roles(client, to_stalin):
    response = client.get("/letters/?format=csv")
    (row,) = csv.DictReader(StringIO(b"".join(response.streaming_content).decode()))
    assert (row["senders"], row["sender_roles"]) == (
        "Lenin; Zinoviev",
        "sender; co_signer",
    )
    assert (row["recipient_slugs"], row["recipient_roles"]) == (
        "stalin; kamenev; cheka",
        "recipient; recipient; copy_to",
    )


def _actions(root):
    (desc,) = root.iter(f"{{{NS['tei']}}}correspDesc")
    return [
        (
            action.get("type"),
            action.get("subtype"),
            [name.text for name in action.findall("tei:persName", NS)],
        )
        for action in desc.findall("tei:correspAction", NS)
    ]


EXPECTED_ACTIONS = [
    ("sent", None, ["Lenin", "Zinoviev"]),
    ("received", None, ["Stalin", "Kamenev"]),
    ("received", "cc", ["Cheka"]),
]


def test_tei_puts_a_copy_in_a_received_action_of_its_own(client, to_stalin, tmp_path):
    content = client.get(f"/letters/{to_stalin.slug}/tei.xml").content
    assert _actions(ET.fromstring(content)) == EXPECTED_ACTIONS
    path = tmp_path / "letter.xml"
    path.write_bytes(content)
    test_tei.jing(path)


def test_cmif_puts_a_copy_in_a_received_action_of_its_own(client, to_stalin, tmp_path):
    content = test_cmif.get_cmif(client)
    root = ET.fromstring(content)
    assert _actions(root) == EXPECTED_ACTIONS
    path = tmp_path / "cmif.xml"
    path.write_bytes(content)
    test_cmif.jing(path)
    test_cmif.check_schematron_rules(root)


def test_writing_links_gives_roles_and_order_and_changes_only_what_differs(to_stalin):
    lenin, zinoviev = (link.person for link in to_stalin.sender_list)
    rows = list(LetterSender.objects.order_by("pk").values_list("pk", "role"))
    assert not write_links(
        to_stalin, "senders", [(lenin, "sender"), (zinoviev, "co_signer")]
    )
    assert list(LetterSender.objects.order_by("pk").values_list("pk", "role")) == rows
    # Zinoviev first, named twice: he keeps his first place; the title follows
    assert write_links(
        to_stalin,
        "senders",
        [(zinoviev, "sender"), (lenin, "co_signer"), (zinoviev, "co_signer")],
    )
    assert [
        (link.person.name, link.role, link.position) for link in to_stalin.sender_list
    ] == [("Zinoviev", "sender", 0), ("Lenin", "co_signer", 1)]
    assert to_stalin.title.startswith("Zinoviev and Lenin to ")


def test_a_person_s_page_says_which_letters_they_co_signed_or_got_a_copy_of(
    client, to_stalin
):
    cheka = client.get("/people/cheka/").content.decode()
    assert to_stalin.title in cheka
    assert '<span class="badge">copy</span>' in cheka
    zinoviev = client.get("/people/zinoviev/").content.decode()
    assert '<span class="badge">co-signer</span>' in zinoviev
    stalin = client.get("/people/stalin/").content.decode()
    assert '<span class="badge">' not in stalin
