"""The place, kind and language facets of /letters/ and /api/letters/, the places API
and the letter's new API fields."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from correspondence.models import Language, Letter
from places.linking import link_letter_places
from places.models import Place
from tests.factories import make_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters():
    zurich_berne = make_letter(
        place_sent="Zurich", place_received="Berne", kind="telegram"
    )
    berne_zurich = make_letter(
        place_sent="Berne", place_received="Zurich", kind="letter"
    )
    zurich_zurich = make_letter(place_sent="Zurich", place_received="Zurich")
    paris = make_letter(place_sent="Paris", kind="letter")
    link_letter_places(Letter.objects.all())
    zurich_berne.languages.set([Language.objects.get(code="de")])
    paris.languages.set(
        [Language.objects.get(code="fr"), Language.objects.get(code="en")]
    )
    return zurich_berne, berne_zurich, zurich_zurich, paris


def facet(data, name):
    return {v["value"]: v["count"] for v in data["facets"][name]}


def test_the_place_facet_counts_a_letter_once_per_place_sent_from_or_to(
    client, letters
):
    data = client.get("/api/letters/").json()
    # a letter sent from Zurich to Zurich counts once there
    assert facet(data, "place") == {"zurich": 3, "berne": 2, "paris": 1}
    assert facet(data, "kind") == {"letter": 2, "telegram": 1}
    assert facet(data, "language") == {"de": 1, "fr": 1, "en": 1}
    kinds = {v["value"]: v["label"] for v in data["facets"]["kind"]}
    assert kinds["telegram"] == "telegram"


def test_filtering_by_place_kind_and_language(client, letters):
    zurich_berne, berne_zurich, zurich_zurich, paris = letters

    def slugs(query):
        return {
            r["slug"] for r in client.get(f"/api/letters/?{query}").json()["results"]
        }

    assert slugs("place=berne") == {zurich_berne.slug, berne_zurich.slug}
    assert slugs("place=berne&place=paris") == {
        zurich_berne.slug, berne_zurich.slug, paris.slug
    }  # fmt: skip
    assert slugs("kind=letter") == {berne_zurich.slug, paris.slug}
    assert slugs("kind=letter&place=zurich") == {berne_zurich.slug}
    assert slugs("language=fr") == {paris.slug}
    # each facet is counted without its own choice, with the others
    data = client.get("/api/letters/?kind=letter").json()
    assert facet(data, "kind") == {"letter": 2, "telegram": 1}
    assert facet(data, "place") == {"zurich": 1, "berne": 1, "paris": 1}


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("place=atlantis", "Ignored place “atlantis”: not in the edition."),
        ("kind=novel", "Ignored kind of document “novel”: not in the edition."),
        ("language=xx", "Ignored language “xx”: not in the edition."),
        ("place=%00", "Ignored place “”: not a place's slug."),
    ],
)
def test_an_unknown_value_is_ignored_with_a_note(client, letters, query, note):
    response = client.get(f"/letters/?{query}")
    assert response.status_code == 200
    assert note in response.context["notes"]
    assert client.get(f"/api/letters/?{query}").json()["count"] == 4


def test_the_browsing_page_offers_the_facets_and_chips(client, letters):
    content = client.get("/letters/?place=zurich&kind=telegram").content.decode()
    for text in ['id="facet-place"', 'id="facet-kind"', 'id="facet-language"',
                 "Place: Zurich", "Kind of document: telegram"]:  # fmt: skip
        assert text in content
    assert client.get("/facets/place/").status_code == 200


def test_a_renamed_place_s_old_slug_redirects(client, letters):
    place = Place.objects.get(slug="zurich")
    place.slug = "zuerich"
    place.save()
    response = client.get("/places/zurich/")
    assert (response.status_code, response["Location"]) == (301, "/places/zuerich/")
    response = client.get("/letters/?place=zurich")
    assert response.status_code == 301
    assert response["Location"] == "/letters/?place=zuerich"


def test_a_letter_in_the_api_carries_its_places_kind_and_languages(client, letters):
    zurich_berne = letters[0]
    Place.objects.filter(slug="zurich").update(
        authority_uri="http://www.geonames.org/2657896",
        latitude=47.36667,
        longitude=8.55,
    )
    data = client.get(f"/api/letters/{zurich_berne.slug}/").json()
    assert data["place_sent"] == "Zurich"
    assert data["sent_from"] == {
        "slug": "zurich",
        "name": "Zurich",
        "url": "http://testserver/places/zurich/",
        "authority_uri": "http://www.geonames.org/2657896",
        "latitude": 47.36667,
        "longitude": 8.55,
    }
    assert data["sent_to"]["authority_uri"] is None
    assert data["sent_to"]["latitude"] is None
    assert data["kind"] == "telegram"
    assert data["languages"] == [{"code": "de", "name": "German"}]
    bare = client.get(f"/api/letters/{letters[2].slug}/").json()
    assert (bare["kind"], bare["languages"]) == (None, [])


def test_the_places_api_lists_places_and_their_letters(client, letters):
    data = client.get("/api/places/").json()
    rows = {
        p["slug"]: (p["letters_sent_from"], p["letters_sent_to"])
        for p in data["results"]
    }
    assert rows == {"berne": (1, 1), "paris": (1, 0), "zurich": (2, 2)}
    detail = client.get("/api/places/berne/").json()
    assert [x["slug"] for x in detail["letters"]["sent_from"]] == [letters[1].slug]
    assert [x["slug"] for x in detail["letters"]["sent_to"]] == [letters[0].slug]
    missing = client.get("/api/places/atlantis/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "There is no place with the slug 'atlantis'."}


CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def test_importing_pages_sets_the_kind_language_and_places_they_give(db):
    pages = [
        # "Translated from the German."
        "019-1917-telegram-journey-through-germany.txt",
        "022-1918-telegram-andronnikov.txt",  # "TELEGRAM TO V. N. ANDRONNIKOV"
        "031-1921-dictated-georgian-pamphlet.txt",  # "Dictated by phone"
        "021-1917-antonov-mandate.txt",  # the page never says "mandate"
    ]
    call_command("import_documents", *(CORPUS / p for p in pages), stdout=StringIO())
    by_origin = {
        letter.origin.split("#")[0]: letter
        for letter in Letter.objects.prefetch_related("languages")
    }
    telegram = by_origin[pages[0]]
    assert telegram.kind == "telegram"
    assert [language.name for language in telegram.languages.all()] == ["German"]
    assert (telegram.sent_from.name, telegram.sent_to.name) == ("Zurich", "Berne")
    assert telegram.place_sent == "Zurich"  # the printed text stays
    assert by_origin[pages[1]].kind == "telegram"
    assert by_origin[pages[2]].kind == "telephone"
    mandate = by_origin[pages[3]]
    assert (mandate.kind, list(mandate.languages.all())) == ("", [])


def test_a_reimport_keeps_the_kind_an_editor_recorded(db):
    page = CORPUS / "021-1917-antonov-mandate.txt"
    call_command("import_documents", page, stdout=StringIO())
    Letter.objects.update(kind="mandate")
    call_command("import_documents", page, stdout=StringIO())
    assert Letter.objects.get().kind == "mandate"
