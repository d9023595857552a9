"""The letters and topics JSON API: the shapes DESIGN.md fixes, errors, query counts."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from correspondence.models import LetterSource
from tests.factories import make_letter, make_person, make_source, make_topic

pytestmark = pytest.mark.django_db

LIST_KEYS = {"count", "next", "previous", "results", "facets", "messages"}
#: DESIGN's three, and the page's other facets (month: empty unless one year is chosen)
FACET_KEYS = {
    "correspondent", "year", "topic", "sender", "recipient", "month",
    # added by issue 18 (additive)
    "place", "kind", "language",
}  # fmt: skip
FACET_VALUE_KEYS = {"value", "label", "count", "selected"}
DATE_KEYS = {
    "as_written", "start", "end", "precision", "supplied_by_editor", "julian",
    "corrected_by_editor", "correction",
}  # fmt: skip
DETAIL_KEYS = {
    "slug", "url", "title", "heading", "senders", "recipients", "mentions", "date",
    "place_sent", "place_received", "excerpt", "headnote", "salutation", "closing",
    "signature", "postscript", "text", "footnotes", "topics", "sources",
    # added by issue 18 (additive)
    "sent_from", "sent_to", "kind", "languages",
}  # fmt: skip
SOURCE_KEYS = {
    "role", "title", "author", "editor", "publisher", "place", "year", "volume",
    "pages", "translator", "url",
}  # fmt: skip


@pytest.fixture
def lenin():
    return make_person("V.I. Lenin", slug="lenin")


@pytest.fixture
def armand():
    return make_person("Inessa Armand", slug="armand")


@pytest.fixture
def letter_to_armand(lenin, armand):
    """Document 9 of the Pipes edition, shortened: glued markers, two sources."""
    malinovsky = make_person("R.V. Malinovsky", slug="malinovsky")
    pipes = make_source(
        "The Unknown Lenin: From the Secret Archive",
        key="pipes-1996",
        editor="Richard Pipes",
        publisher="Yale University Press",
        place="New Haven",
        year="1996",
    )
    ozleft = make_source("Ozleft", key="ozleft", url="https://ozleft.example/")
    letter = make_letter(
        slug="lenin-to-armand-1914-06-07",
        senders=[lenin],
        recipients=[armand],
        mentions=[malinovsky],
        topics=[make_topic("The Malinovsky affair", slug="malinovsky-affair")],
        footnotes=["Malinovsky resigned from the Duma.", "The liquidators."],
        heading="Document 9. Letter to Armand. (p 27-30)",
        headnote="Written after Malinovsky's flight[^1].",
        date=dt.date(1914, 6, 7),
        date_as_written="25 May (7 June) 1914",
        date_julian=dt.date(1914, 5, 25),
        place_sent="Poronin",
        salutation="Dear friend,",
        body="The Malinowsky[^1] affair.\n\nThe liquidators[^2] are glad. Generalle.",
        closing="Yours,",
        signature="W.L.",
        excerpt=True,
    )
    LetterSource.objects.create(
        letter=letter, source=pipes, role="edition", pages="27-30"
    )
    LetterSource.objects.create(
        letter=letter,
        source=ozleft,
        role="transcription",
        order=1,
        transcriber="Ozleft volunteers",
        licence="CC BY-SA",
        url="https://ozleft.example/lenin-armand.html",
    )
    return letter


@pytest.fixture
def letter_before(lenin, armand):
    """An editorially supplied upper bound: "[Before 12 (25) July 1914]"."""
    return make_letter(
        slug="lenin-to-armand-before-1914-07-25",
        senders=[lenin],
        recipients=[armand],
        date=None,
        date_as_written="[Before 12 (25) July 1914]",
        date_start=None,
        date_end=dt.date(1914, 7, 25),
        date_julian=dt.date(1914, 7, 12),
        date_precision="before",
        date_supplied=True,
    )


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# -- the list --------------------------------------------------------------------------


def test_the_letter_list_has_exactly_the_envelope_of_the_contract(
    client, letter_to_armand
):
    from correspondence.models import Language
    from places.models import Place

    letter_to_armand.sent_from = Place.objects.create(slug="cracow", name="Cracow")
    letter_to_armand.kind = "letter"
    letter_to_armand.save()
    letter_to_armand.languages.set([Language.objects.get(code="en")])
    data = get_json(client, "/api/letters/")
    assert set(data) == LIST_KEYS
    assert set(data["facets"]) == FACET_KEYS
    assert data["facets"]["month"] == [] and data["messages"] == []
    for name, values in data["facets"].items():
        if name != "month":
            assert values and all(set(value) == FACET_VALUE_KEYS for value in values)
    assert data["count"] == 1
    assert data["next"] is None and data["previous"] is None


def test_a_list_item_carries_slug_url_title_people_and_date(client, letter_to_armand):
    (item,) = get_json(client, "/api/letters/")["results"]
    assert {"slug", "url", "title", "senders", "recipients", "date"} <= set(item)
    assert item["slug"] == "lenin-to-armand-1914-06-07"
    assert item["url"] == "http://testserver/letters/lenin-to-armand-1914-06-07/"
    assert item["title"] == "V.I. Lenin to Inessa Armand, 7 June 1914"
    assert item["senders"] == [
        {"slug": "lenin", "name": "V.I. Lenin", "kind": "person", "role": "sender"}
    ]
    assert item["recipients"] == [
        {
            "slug": "armand",
            "name": "Inessa Armand",
            "kind": "person",
            "role": "recipient",
        }
    ]
    assert set(item["date"]) == DATE_KEYS


def test_letters_are_listed_in_date_order(client, letter_to_armand, letter_before):
    early = make_letter(slug="zz-early", date=dt.date(1913, 1, 1))
    results = get_json(client, "/api/letters/")["results"]
    assert [item["slug"] for item in results] == [
        early.slug,
        letter_to_armand.slug,
        letter_before.slug,
    ]


def test_facets_count_the_whole_edition(client, letter_to_armand, letter_before):
    make_letter(
        date=None,
        date_start=dt.date(1914, 12, 1),
        date_end=dt.date(1915, 1, 31),
        date_precision="range",
    )
    facets = get_json(client, "/api/letters/")["facets"]
    years = {value["value"]: value["count"] for value in facets["year"]}
    assert years == {"1914": 3, "1915": 1}
    people = {value["value"]: value["count"] for value in facets["correspondent"]}
    assert people["lenin"] == 2 and people["armand"] == 2
    assert facets["topic"] == [
        {
            "value": "malinovsky-affair",
            "label": "The Malinovsky affair",
            "count": 1,
            "selected": False,
        }
    ]


def test_an_empty_edition_answers_an_empty_first_page(client):
    data = get_json(client, "/api/letters/")
    assert data == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
        "facets": {
            "correspondent": [],
            "year": [],
            "topic": [],
            "sender": [],
            "recipient": [],
            "month": [],
            "place": [],
            "kind": [],
            "language": [],
        },
        "messages": [],
    }


# -- pages -----------------------------------------------------------------------------


def test_pages_link_to_each_other_keeping_other_parameters(client, settings):
    settings.LETTERS_PAGE_SIZE = 2
    for day in range(1, 6):
        make_letter(date=dt.date(1914, 1, day))
    first = get_json(client, "/api/letters/?topic=war&page=1")
    assert first["count"] == 5 and len(first["results"]) == 2
    assert first["previous"] is None
    parts = urlsplit(first["next"])
    assert (parts.scheme, parts.netloc, parts.path) == (
        "http",
        "testserver",
        "/api/letters/",
    )
    assert parse_qs(parts.query) == {"topic": ["war"], "page": ["2"]}

    second = get_json(client, first["next"])
    assert parse_qs(urlsplit(second["previous"]).query)["page"] == ["1"]
    assert parse_qs(urlsplit(second["next"]).query)["page"] == ["3"]
    last = get_json(client, second["next"])
    assert len(last["results"]) == 1 and last["next"] is None
    slugs = [item["slug"] for page in (first, second, last) for item in page["results"]]
    assert len(set(slugs)) == 5


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "", "99"])
def test_a_bad_page_is_a_400_with_a_message(client, letter_to_armand, page):
    data = get_json(client, f"/api/letters/?page={page}", status=400)
    assert set(data) == {"detail"}
    assert isinstance(data["detail"], str) and "page" in data["detail"]


def test_a_page_past_the_last_says_how_many_pages_there_are(client, letter_to_armand):
    data = get_json(client, "/api/letters/?page=3", status=400)
    assert data["detail"] == "There is no page 3: the pages run from 1 to 1."


# -- one letter ------------------------------------------------------------------------


def test_a_letter_has_exactly_the_fields_of_the_contract(client, letter_to_armand):
    data = get_json(client, f"/api/letters/{letter_to_armand.slug}/")
    assert set(data) == DETAIL_KEYS
    assert set(data["date"]) == DATE_KEYS
    assert all(set(note) == {"number", "text"} for note in data["footnotes"])
    assert all(set(topic) == {"slug", "name"} for topic in data["topics"])
    for people in ("senders", "recipients", "mentions"):
        # authority_uri: added by issue 18, role by issue 16, kind since (additive)
        keys = {"slug", "name", "authority_uri"} | (
            {"kind", "role"} if people != "mentions" else set()
        )
        assert all(set(person) == keys for person in data[people])


def test_co_signers_and_copies_keep_their_roles_in_the_document_s_order(client):
    """Issue 16: "Copy to the Cheka" is no addressee, and a co-signer signs after the
    sender, whatever the alphabet says."""
    zinoviev, lenin = (
        make_person("Zinoviev", slug="zinoviev"),
        make_person("Lenin", slug="lenin"),
    )
    stalin, cheka = (
        make_person("Stalin", slug="stalin"),
        make_person("Cheka", slug="cheka", kind="organisation"),
    )
    letter = make_letter(
        senders=[lenin, (zinoviev, "co_signer")],
        recipients=[stalin, (cheka, "copy_to")],
        date=dt.date(1919, 5, 1),
    )
    data = get_json(client, f"/api/letters/{letter.slug}/")
    assert data["title"] == "Lenin and Zinoviev to Stalin, 1 May 1919"
    assert [(p["slug"], p["role"]) for p in data["senders"]] == [
        ("lenin", "sender"),
        ("zinoviev", "co_signer"),
    ]
    assert [(p["slug"], p["role"]) for p in data["recipients"]] == [
        ("stalin", "recipient"),
        ("cheka", "copy_to"),
    ]
    (item,) = get_json(client, "/api/letters/?recipient=cheka")["results"]
    assert item["recipients"][1] == {
        "slug": "cheka",
        "name": "Cheka",
        "kind": "organisation",
        "role": "copy_to",
    }
    # the letter's own record says so too
    assert data["recipients"][1]["kind"] == "organisation"
    assert data["senders"][0]["kind"] == "person"


def test_a_letter_answers_its_record(client, letter_to_armand):
    data = get_json(client, f"/api/letters/{letter_to_armand.slug}/")
    assert data["url"] == "http://testserver/letters/lenin-to-armand-1914-06-07/"
    assert data["heading"] == "Document 9. Letter to Armand. (p 27-30)"
    assert data["mentions"] == [
        {"slug": "malinovsky", "name": "R.V. Malinovsky", "authority_uri": None}
    ]
    assert data["place_sent"] == "Poronin"
    assert data["place_received"] is None
    assert data["excerpt"] is True
    assert data["salutation"] == "Dear friend,"
    assert data["closing"] == "Yours,"
    assert data["signature"] == "W.L."
    assert data["postscript"] is None
    assert data["footnotes"] == [
        {"number": 1, "text": "Malinovsky resigned from the Duma."},
        {"number": 2, "text": "The liquidators."},
    ]
    assert data["topics"] == [
        {"slug": "malinovsky-affair", "name": "The Malinovsky affair"}
    ]


def test_the_text_is_plain_paragraphs_without_footnote_markers(
    client, letter_to_armand
):
    data = get_json(client, f"/api/letters/{letter_to_armand.slug}/")
    assert (
        data["text"] == "The Malinowsky affair.\n\nThe liquidators are glad. Generalle."
    )
    assert data["headnote"] == "Written after Malinovsky's flight."
    assert "[^" not in str(data)


def test_an_exact_day_has_equal_bounds_and_its_julian_day(client, letter_to_armand):
    data = get_json(client, f"/api/letters/{letter_to_armand.slug}/")
    assert data["date"] == {
        "as_written": "25 May (7 June) 1914",
        "start": "1914-06-07",
        "end": "1914-06-07",
        "precision": "day",
        "supplied_by_editor": False,
        "julian": "1914-05-25",
        "corrected_by_editor": False,
        "correction": None,
    }


def test_a_before_date_has_only_an_end_and_is_supplied_by_the_editor(
    client, letter_before
):
    data = get_json(client, f"/api/letters/{letter_before.slug}/")
    assert data["date"] == {
        "as_written": "[Before 12 (25) July 1914]",
        "start": None,
        "end": "1914-07-25",
        "precision": "before",
        "supplied_by_editor": True,
        "julian": "1914-07-12",
        "corrected_by_editor": False,
        "correction": None,
    }


def test_an_undated_letter_has_null_dates(client):
    letter = make_letter(date=None)
    data = get_json(client, f"/api/letters/{letter.slug}/")
    assert data["date"] == {
        "as_written": None,
        "start": None,
        "end": None,
        "precision": "unknown",
        "supplied_by_editor": False,
        "julian": None,
        "corrected_by_editor": False,
        "correction": None,
    }


def test_a_transcription_carries_transcriber_and_licence_and_an_edition_does_not(
    client, letter_to_armand
):
    edition, transcription = get_json(client, f"/api/letters/{letter_to_armand.slug}/")[
        "sources"
    ]
    assert set(edition) == SOURCE_KEYS
    assert edition == {
        "role": "edition",
        "title": "The Unknown Lenin: From the Secret Archive",
        "author": None,
        "editor": "Richard Pipes",
        "publisher": "Yale University Press",
        "place": "New Haven",
        "year": "1996",
        "volume": None,
        "pages": "27-30",
        "translator": None,
        "url": None,
    }
    assert set(transcription) == SOURCE_KEYS | {"transcriber", "licence"}
    assert transcription["role"] == "transcription"
    assert transcription["transcriber"] == "Ozleft volunteers"
    assert transcription["licence"] == "CC BY-SA"
    assert transcription["url"] == "https://ozleft.example/lenin-armand.html"


def test_absent_facts_are_null_or_empty_lists(client):
    letter = make_letter(senders=[], recipients=[], body="", heading="")
    data = get_json(client, f"/api/letters/{letter.slug}/")
    absent = ("heading", "headnote", "salutation", "closing", "signature",
              "postscript", "text", "place_sent", "place_received")  # fmt: skip
    for key in absent:
        assert data[key] is None, key
    for key in ("senders", "recipients", "mentions", "footnotes", "topics", "sources"):
        assert data[key] == [], key
    assert data["title"] == "Unknown to unknown recipient, 7 June 1914"


def test_an_unknown_letter_is_a_json_404(client):
    data = get_json(client, "/api/letters/no-such-letter/", status=404)
    assert data == {"detail": "There is no letter with the slug 'no-such-letter'."}


# -- read only -------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "url",
    [
        "/api/letters/",
        "/api/letters/lenin-to-armand-1914-06-07/",
        "/api/topics/",
        "/api/topics/malinovsky-affair/",
    ],
)
def test_every_write_method_is_refused(client, letter_to_armand, method, url):
    response = getattr(client, method)(url, data={}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {
        "detail": f"{method.upper()} is not allowed: the API is read-only."
    }


def test_a_write_without_a_csrf_token_is_still_a_405_not_a_403(letter_to_armand):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/api/letters/")
    assert response.status_code == 405


# -- topics ----------------------------------------------------------------------------


def test_topics_list_with_their_letter_counts(client, letter_to_armand):
    make_topic("Baku Commune", slug="baku")
    data = get_json(client, "/api/topics/")
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["results"] == [
        {
            "slug": "baku",
            "name": "Baku Commune",
            "description": None,
            "letter_count": 0,
        },
        {
            "slug": "malinovsky-affair",
            "name": "The Malinovsky affair",
            "description": None,
            "letter_count": 1,
        },
    ]


def test_a_topic_lists_its_letters(client, letter_to_armand):
    data = get_json(client, "/api/topics/malinovsky-affair/")
    assert set(data) == {
        "slug", "name", "description", "letter_count", "next", "previous", "letters"
    }  # fmt: skip
    assert data["next"] is None and data["previous"] is None
    assert data["letters"] == [
        {
            "slug": letter_to_armand.slug,
            "url": "http://testserver/letters/lenin-to-armand-1914-06-07/",
            "title": "V.I. Lenin to Inessa Armand, 7 June 1914",
            "date": {
                "as_written": "25 May (7 June) 1914",
                "start": "1914-06-07",
                "end": "1914-06-07",
                "precision": "day",
                "supplied_by_editor": False,
                "julian": "1914-05-25",
                "corrected_by_editor": False,
                "correction": None,
            },
        }
    ]


def test_a_topic_pages_its_letters(client, settings):
    settings.LETTERS_PAGE_SIZE = 2
    topic = make_topic(slug="war")
    for day in range(1, 4):
        make_letter(slug=f"war-{day}", topics=[topic], date=dt.date(1914, 8, day))
    first = get_json(client, "/api/topics/war/")
    assert [letter["slug"] for letter in first["letters"]] == ["war-1", "war-2"]
    assert first["letter_count"] == 3
    assert first["next"] == "http://testserver/api/topics/war/?page=2"
    second = get_json(client, first["next"])
    assert [letter["slug"] for letter in second["letters"]] == ["war-3"]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/topics/war/?page=1"
    assert get_json(client, "/api/topics/war/?page=3", status=400)["detail"]


def test_an_unknown_topic_is_a_json_404(client):
    assert get_json(client, "/api/topics/nothing/", status=404) == {
        "detail": "There is no topic with the slug 'nothing'."
    }


# -- OpenAPI and docs ------------------------------------------------------------------


def test_the_openapi_document_describes_every_endpoint(client):
    data = get_json(client, "/api/openapi.json")
    assert data["openapi"].startswith("3.")
    assert {
        "/api/letters/",
        "/api/letters/{slug}/",
        "/api/people/",
        "/api/people/{slug}/",
        "/api/topics/",
        "/api/topics/{slug}/",
    } <= set(data["paths"])
    assert all(set(methods) == {"get"} for methods in data["paths"].values())


def test_the_docs_page_loads_nothing_from_another_site(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html and 'src="//' not in html


# -- queries ---------------------------------------------------------------------------


def make_letters(count):
    topic = make_topic()
    people = [make_person() for _ in range(3)]
    for n in range(count):
        source = make_source()
        make_letter(
            date=dt.date(1914 + n % 3, 1, 1),
            senders=people[:2],
            recipients=[make_person()],
            mentions=people,
            topics=[topic, make_topic()],
            footnotes=["a", "b"],
            sources=[(source, "edition", "1"), (make_source(), "transcription", "")],
        )
    return topic


@pytest.mark.parametrize("count", [3, 12])
def test_the_letter_list_takes_the_same_queries_for_3_or_12_letters(
    client, count, django_assert_max_num_queries
):
    make_letters(count)
    # count, page, senders, recipients; facets: 3 correspondent, 1 sender,
    # 1 recipient, 1 year, 1 topic, 3 place, 1 kind, 1 language; the data version for
    # the count, the facets and the year spans, kept in the cache (browse_cache.cached,
    # spans.py)
    with django_assert_max_num_queries(19):
        data = get_json(client, "/api/letters/")
    assert len(data["results"]) == count


@pytest.mark.parametrize("count", [3, 12])
def test_a_letter_takes_the_same_queries_however_much_it_holds(
    client, count, django_assert_max_num_queries
):
    make_letters(count)
    letter = make_letter(
        mentions=[make_person() for _ in range(count)],
        topics=[make_topic() for _ in range(count)],
        footnotes=["note"] * count,
        sources=[(make_source(), "edition", str(n)) for n in range(count)],
    )
    # letter (+ places), senders, recipients, mentions, languages, topics, footnotes,
    # sources (+ source)
    with django_assert_max_num_queries(8):
        get_json(client, f"/api/letters/{letter.slug}/")


@pytest.mark.parametrize("count", [3, 12])
def test_topics_take_the_same_queries_for_3_or_12_letters(
    client, count, django_assert_max_num_queries
):
    topic = make_letters(count)
    with django_assert_max_num_queries(2):
        get_json(client, "/api/topics/")
    # topic with its count, letters, senders, recipients
    with django_assert_max_num_queries(4):
        data = get_json(client, f"/api/topics/{topic.slug}/")
    assert len(data["letters"]) == count


def test_facet_lists_are_capped_by_facet_limit_keeping_the_selected_values(client):
    people = [make_person() for _ in range(8)]
    # people[7] writes the most letters, people[0] the fewest
    for n, person in enumerate(people):
        for _ in range(n + 1):
            make_letter(senders=[person])
    assert len(get_json(client, "/api/letters/")["facets"]["sender"]) == 8
    capped = get_json(client, "/api/letters/?facet_limit=3")["facets"]
    assert len(capped["correspondent"]) == 3
    url = f"/api/letters/?facet_limit=3&sender={people[0].slug}"
    data = get_json(client, url)["facets"]
    senders = [item["value"] for item in data["sender"]]
    assert senders == [p.slug for p in people[:-4:-1]] + [people[0].slug]
    assert data["sender"][-1]["selected"]
    for bad in ("0", "501", "many"):
        response = client.get(f"/api/letters/?facet_limit={bad}")
        assert response.status_code == 400, bad
    schema = client.get("/api/openapi.json").json()
    params = schema["paths"]["/api/letters/"]["get"]["parameters"]
    limit = next(p for p in params if p["name"] == "facet_limit")
    assert "selected value" in limit["description"]
    assert limit["schema"]["default"] == 50
