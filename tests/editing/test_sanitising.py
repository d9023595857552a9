"""Annotations keep their allowed markup; every XSS payload is inert on the pages
and in the API, whether it came through the admin or was stored some other way."""

import re
from html.parser import HTMLParser

import pytest

from correspondence.annotations import annotation_clean, annotation_html
from correspondence.models import Footnote, Letter, Topic
from people.models import Person

from .helpers import (
    admin_url,
    errors_of,
    form_data,
    letter_form,
    note_index,
    save_letter,
)

pytestmark = pytest.mark.django_db

XSS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "javascript-link": '<a href="javascript:alert(1)">x</a>',
    "javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "javascript-leading-space": '<a href=" javascript:alert(1)">x</a>',
    "javascript-decimal-entity": '<a href="&#106;avascript:alert(1)">x</a>',
    "javascript-hex-entities": '<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>',
    "javascript-tab": '<a href="java&#x09;script:alert(1)">x</a>',
    "data-url": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwv">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "svg-onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "style-attribute": '<i style="background:url(javascript:alert(1))">x</i>',
    "style-element": "<style>body{display:none}</style>",
    "event-on-allowed-tag": '<b onmouseover="alert(1)">x</b>',
    "event-on-smallcaps": '<span class="smallcaps" onclick="alert(1)">x</span>',
    "attribute-breakout": '"><script>alert(1)</script>',
    "object": '<object data="javascript:alert(1)"></object>',
    "form-action": '<form action="javascript:alert(1)"><button>x</button></form>',
    "comment": "<!--<img src=x onerror=alert(1)>-->",
    "body-onload": "<body onload=alert(1)>",
    "details-ontoggle": "<details open ontoggle=alert(1)>",
    "noscript-mxss": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "math-mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "target-blank": '<a href="https://example.org/" target="_blank" onclick="x">ok</a>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base-href": '<base href="javascript:alert(1)//">',
}

#: what may appear in an annotation as it is shown (plus the page's own wrappers)
ANNOTATION_TAGS = {"p", "br", "i", "em", "b", "strong", "a", "span"}
SAFE_HREF = re.compile(r"^(https?:|mailto:|/(?!/)|#)", re.I)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_inert(html, extra_tags=()):
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in ANNOTATION_TAGS | set(extra_tags), (tag, html)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, html)
            assert name not in {"style", "src", "srcdoc", "action", "formaction"}
            assert "javascript" not in (value or "").lower(), (tag, name, html)
            if name == "href":
                assert SAFE_HREF.match(value or ""), (tag, value, html)
            if name == "class" and tag == "span":
                assert value in {"smallcaps"}, value


def notes_section(page):
    match = re.search(r'<section class="notes".*?</section>', page, re.S)
    assert match, "no notes on the page"
    return match.group(0)


#: the letter page's own tags around the notes
NOTES_WRAPPERS = {"section", "h2", "ol", "li"}


def store_note(letter, number, text):
    Footnote.objects.filter(letter=letter, number=number).update(text=text)


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_a_payload_typed_into_a_note_is_inert_on_the_letter_page(
    editor_client, client, edition, payload
):
    data = letter_form(editor_client, edition)
    data[f"footnotes-{note_index(data, 3)}-text"] = f"L.B. Kamenev. {payload}"
    response = save_letter(editor_client, edition, data)
    assert response.status_code == 302, errors_of(response)
    saved = edition.footnotes.get(number=3).text
    assert saved == annotation_clean(saved)  # what is stored is already clean
    page = client.get(edition.get_absolute_url()).content.decode()
    notes = notes_section(page)
    assert "L.B. Kamenev." in notes
    assert_inert(notes, NOTES_WRAPPERS)


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_a_payload_stored_without_the_admin_is_inert_on_the_letter_page(
    client, edition, payload
):
    store_note(edition, 3, f"L.B. Kamenev. {payload}")
    page = client.get(edition.get_absolute_url()).content.decode()
    assert_inert(notes_section(page), NOTES_WRAPPERS)


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_a_payload_in_a_note_is_inert_in_the_api(client, edition, payload):
    store_note(edition, 3, f"L.B. Kamenev. {payload}")
    data = client.get(f"/api/letters/{edition.slug}/").json()
    text = {note["number"]: note["text"] for note in data["footnotes"]}[3]
    assert text.startswith("L.B. Kamenev.")
    assert_inert(text)


ALL_PAYLOADS = "\n\n".join(f"Start {name}. {p}" for name, p in XSS.items())


def test_payloads_in_a_headnote_are_inert_on_the_page_and_in_the_api(client, edition):
    Letter.objects.filter(pk=edition.pk).update(headnote=ALL_PAYLOADS)
    page = client.get(edition.get_absolute_url()).content.decode()
    headnote = re.search(r'<section class="headnote".*?</section>', page, re.S)
    assert "Start script." in headnote.group(0)
    assert_inert(headnote.group(0), {"section", "h2"})
    assert_inert(client.get(f"/api/letters/{edition.slug}/").json()["headnote"])


def test_payloads_in_a_person_note_are_inert_on_the_page_and_in_the_api(
    client, edition
):
    Person.objects.filter(slug="kamenev").update(note=ALL_PAYLOADS)
    page = client.get("/people/kamenev/").content.decode()
    note = re.search(r'<section class="headnote".*?</section>', page, re.S).group(0)
    assert "Start script." in note
    assert_inert(note, {"section", "h2"})
    assert_inert(client.get("/api/people/kamenev/").json()["note"])


def test_payloads_in_a_topic_description_are_inert_on_the_pages_and_in_the_api(
    client, edition
):
    topic = Topic.objects.get(slug="malinovsky-affair")
    Topic.objects.filter(pk=topic.pk).update(description=ALL_PAYLOADS)
    page = client.get(topic.get_absolute_url()).content.decode()
    lede = re.search(r'<div class="lede">.*?</div>', page, re.S).group(0)
    assert_inert(lede, {"div"})
    listing = client.get("/topics/").content.decode()
    item = re.search(
        r"<li>\s*<h2 class=\"topic-list__name\"><a href=\"/topics/"
        r"malinovsky-affair/\">.*?</li>",
        listing,
        re.S,
    ).group(0)
    assert_inert(item, {"li", "h2"})
    api = client.get("/api/topics/").json()["results"]
    assert_inert(next(t for t in api if t["slug"] == topic.slug)["description"])


def test_allowed_markup_is_kept_on_the_page_and_in_the_api(
    editor_client, client, edition
):
    text = (
        'The newspaper <i>Pravda</i>, <span class="smallcaps">rsdlp</span>: see '
        '<a href="https://www.marxists.org/" title="MIA">the archive</a>, '
        "<b>not</b> <em>ever</em> <strong>again</strong>."
    )
    data = letter_form(editor_client, edition)
    data[f"footnotes-{note_index(data, 5)}-text"] = text
    assert save_letter(editor_client, edition, data).status_code == 302
    expected = (
        'The newspaper <i>Pravda</i>, <span class="smallcaps">rsdlp</span>: see '
        '<a href="https://www.marxists.org/" title="MIA" rel="noopener noreferrer">'
        "the archive</a>, <b>not</b> <em>ever</em> <strong>again</strong>."
    )
    page = client.get(edition.get_absolute_url()).content.decode()
    assert f"<p>{expected}</p>" in notes_section(page)
    api = client.get(f"/api/letters/{edition.slug}/").json()
    assert api["footnotes"][4]["text"] == expected


def test_a_person_note_and_a_topic_description_are_sanitised_on_saving(editor_client):
    response = editor_client.post(
        admin_url(Topic, "add"),
        {
            "name": "Baku Commune",
            "slug": "baku-commune",
            "description": "The <i>Commune</i><script>alert(1)</script>.",
        },
    )
    assert response.status_code == 302, errors_of(response)
    assert Topic.objects.get(slug="baku-commune").description == ("The <i>Commune</i>.")
    person = Person.objects.create(slug="shahumyan", name="Stepan Shahumyan")
    url = admin_url(Person, "change", person.pk)
    data = form_data(editor_client.get(url))
    data["note"] = 'Leader <img src=x onerror="alert(1)">of the Commune & <b>more</b>'
    assert editor_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.note == "Leader of the Commune &amp; <b>more</b>"


@pytest.mark.parametrize(
    "payload", [p for k, p in XSS.items() if k not in {"comment", "attribute-breakout"}]
)
def test_the_inertness_check_catches_each_payload_left_raw(payload):
    with pytest.raises(AssertionError):
        assert_inert(payload)


@pytest.mark.parametrize("payload", XSS.values(), ids=XSS.keys())
def test_cleaning_is_idempotent(payload):
    once = annotation_clean(payload)
    assert annotation_clean(once) == once
    assert str(annotation_html(once)) == str(annotation_html(payload))


def test_plain_text_notes_read_the_same_after_cleaning():
    text = 'Plekhanov (18/6/1918) & "liquidators" < 3 — it\'s [sic]'
    assert annotation_html(text) == (
        '<p>Plekhanov (18/6/1918) &amp; "liquidators" &lt; 3 — it\'s [sic]</p>'
    )


def test_markup_does_not_run_across_paragraphs():
    html = annotation_html("<i>One\n\nTwo</i>")
    assert html == "<p><i>One</i></p>\n<p>Two</p>"
