"""Places as records: made from the place text the documents print, linked from
letters, extended by editors, each with a page of its letters and, where an editor
recorded coordinates, a map."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from correspondence.models import Letter
from places.linking import link_letter_places
from places.maps import place_map
from places.models import Place
from tests.editing.helpers import admin_url, errors_of, form_data
from tests.factories import make_letter

pytestmark = pytest.mark.django_db


def test_the_seed_edition_links_baku_as_the_place_sent_to(edition):
    letter = Letter.objects.get(slug="lenin-to-shahumyan-1918-05-14")
    assert letter.place_received == "Baku"
    assert letter.sent_to.name == "Baku"
    assert letter.sent_to.slug == "baku"
    # nothing is invented: a place starts with its printed name only
    place = letter.sent_to
    assert (place.authority_uri, place.latitude, place.longitude, place.names) == (
        "",
        None,
        None,
        [],
    )


def test_identical_texts_become_one_place_and_the_printed_text_stays():
    letters = [
        make_letter(place_sent="Zurich", place_received="Berne"),
        make_letter(place_sent="Berne", place_received="Zurich"),
        make_letter(place_sent="Cracow"),
        make_letter(place_sent="Krakow"),
    ]
    assert link_letter_places(letters) == 4
    assert sorted(Place.objects.values_list("name", flat=True)) == [
        "Berne",
        "Cracow",
        "Krakow",
        "Zurich",
    ]
    first, second = (Letter.objects.get(pk=letter.pk) for letter in letters[:2])
    assert first.sent_from == second.sent_to
    assert first.sent_to == second.sent_from
    assert (first.place_sent, first.place_received) == ("Zurich", "Berne")


def test_a_variant_name_an_editor_recorded_links_later_letters_to_that_place():
    krakow = Place.objects.create(
        slug="krakow", name="Krakow", variant_names="Cracow\nKraków"
    )
    letter = make_letter(place_sent="Cracow")
    assert link_letter_places([letter]) == 0
    assert Letter.objects.get(pk=letter.pk).sent_from == krakow


def test_a_link_an_editor_set_is_never_changed():
    chosen = Place.objects.create(slug="bern", name="Bern")
    letter = make_letter(place_sent="Berne", sent_from=chosen)
    link_letter_places([letter])
    assert Letter.objects.get(pk=letter.pk).sent_from == chosen
    assert not Place.objects.filter(name="Berne").exists()


def test_linking_writes_no_history():
    letter = make_letter(place_sent="Zurich")
    before = letter.history.count()
    link_letter_places([letter])
    assert letter.history.count() == before


def test_the_places_page_lists_each_place_with_its_counts(client):
    make_letter(place_sent="Zurich", place_received="Berne")
    make_letter(place_sent="Zurich")
    link_letter_places(Letter.objects.all())
    response = client.get(reverse("places:list"))
    assert response.status_code == 200
    rows = {
        p.name: (p.sent_from_count, p.sent_to_count) for p in response.context["places"]
    }
    assert rows == {"Zurich": (2, 0), "Berne": (0, 1)}
    assert response.context["map"] is None  # no coordinates recorded
    assert b"<svg" not in response.content


def test_a_place_page_lists_its_letters_both_ways(client):
    sent = make_letter(place_sent="Zurich", place_received="Berne")
    received = make_letter(place_sent="Berne", place_received="Zurich")
    link_letter_places(Letter.objects.all())
    response = client.get(reverse("places:detail", args=["zurich"]))
    assert response.status_code == 200
    lists = {group["key"]: group for group in response.context["letter_lists"]}
    assert [letter.pk for letter in lists["from"]["letters"]] == [sent.pk]
    assert [letter.pk for letter in lists["to"]["letters"]] == [received.pk]
    content = response.content.decode()
    assert sent.get_absolute_url() in content and received.get_absolute_url() in content
    assert "none recorded" in content  # no authority, no coordinates
    assert 'href="/letters/?place=zurich"' in content


def test_a_place_page_lists_the_first_letters_and_says_how_many_there_are(
    client, settings
):
    settings.RECORD_PAGE_LETTERS = 2
    letters = [
        make_letter(date=dt.date(1910 - n, 1, 1), place_sent="Zurich") for n in range(3)
    ]
    link_letter_places(Letter.objects.all())
    response = client.get(reverse("places:detail", args=["zurich"]))
    content = response.content.decode()
    # the first two in date order: the letters of 1908 and 1909, not 1910's
    assert letters[2].get_absolute_url() in content
    assert letters[1].get_absolute_url() in content
    assert letters[0].get_absolute_url() not in content
    assert "Showing the first 2 of 3, in date order." in content
    assert 'href="/letters/?place=zurich"' in content


def test_an_unknown_place_is_a_404(client):
    assert client.get("/places/nowhere/").status_code == 404


def test_a_place_with_coordinates_has_a_map_of_its_point(client):
    Place.objects.create(
        slug="zurich",
        name="Zurich",
        latitude=Decimal("47.36667"),
        longitude=Decimal("8.55"),
    )
    response = client.get("/places/zurich/")
    content = response.content.decode()
    assert content.count("<svg") == 1
    assert 'role="group"' in content and "<title" in content
    assert "vendor/world-atlas-2.0.2/countries-110m.svg" in content
    (point,) = response.context["map"].points
    assert point.y == pytest.approx(-47.36667, abs=0.001)


def test_the_map_shows_every_located_place_inside_its_view():
    places = [
        Place(name="Zurich", latitude=Decimal("47.37"), longitude=Decimal("8.55")),
        Place(name="Moscow", latitude=Decimal("55.75"), longitude=Decimal("37.62")),
        Place(name="Baku"),  # no coordinates: not drawn
    ]
    drawn = place_map(places)
    left, top, width, height = map(float, drawn.view_box.split())
    assert [p.place.name for p in drawn.points] == ["Zurich", "Moscow"]
    for point in drawn.points:
        assert left < point.x < left + width
        assert top < point.y < top + height
    assert width / height == pytest.approx(1.6, rel=1e-3)
    assert place_map([Place(name="Baku")]) is None


def test_the_page_links_the_letter_s_places_to_their_records(client, edition):
    letter = Letter.objects.get(slug="lenin-to-shahumyan-1918-05-14")
    content = client.get(letter.get_absolute_url()).content.decode()
    assert '<a href="/places/baku/">Baku</a>' in content


def test_an_editor_adds_coordinates_and_an_authority_with_history(admin_client):
    place = Place.objects.create(slug="zurich", name="Zurich")
    url = admin_url(Place, "change", place.pk)
    data = form_data(admin_client.get(url))
    data.update(
        latitude="47.36667",
        longitude="8.55",
        authority_uri="https://www.geonames.org/2657896/zurich.html",
        variant_names="Zürich",
    )
    assert admin_client.post(url, data).status_code == 302
    place.refresh_from_db()
    assert place.authority_uri == "http://www.geonames.org/2657896"
    assert (place.latitude, place.longitude) == (Decimal("47.36667"), Decimal("8.55"))
    assert place.names == ["Zürich"]
    latest = place.history.first()
    assert (latest.history_type, latest.latitude) == ("~", Decimal("47.36667"))
    assert admin_client.get(admin_url(Place, "history", place.pk)).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"latitude": "47.36667"}, "Give both coordinates, or neither"),
        ({"latitude": "97", "longitude": "8.55"}, "less than or equal to 90"),
        ({"authority_uri": "https://viaf.org/viaf/36924137"}, "GeoNames or Wikidata"),
    ],
)
def test_the_admin_refuses_bad_coordinates_or_authorities_and_changes_nothing(
    admin_client, changes, message
):
    place = Place.objects.create(slug="zurich", name="Zurich")
    url = admin_url(Place, "change", place.pk)
    data = form_data(admin_client.get(url))
    data.update(changes, name="Zürich")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert any(message in error for error in errors_of(response))
    place.refresh_from_db()
    assert (place.name, place.latitude, place.authority_uri) == ("Zurich", None, "")


def test_editors_may_edit_places_and_languages(client):
    from tests.editing.helpers import make_editor

    client.force_login(make_editor())
    place = Place.objects.create(slug="zurich", name="Zurich")
    assert client.get(admin_url(Place, "change", place.pk)).status_code == 200
    assert client.get(admin_url(Place, "add")).status_code == 200
    assert client.get(admin_url(Place, "delete", place.pk)).status_code == 403


def test_loading_the_edition_twice_makes_no_second_place(db):
    call_command("load_edition", stdout=StringIO())
    call_command("load_edition", "--force", stdout=StringIO())
    assert list(Place.objects.values_list("slug", flat=True)) == ["baku"]


def test_the_letter_page_says_its_kind_and_languages_only_when_recorded(client):
    from correspondence.models import Language

    letter = make_letter(kind="telephone")
    letter.languages.set(Language.objects.filter(code__in=["fr", "de"]))
    content = client.get(letter.get_absolute_url()).content.decode()
    assert "Message by telephone, written in French and German" in content
    bare = make_letter()
    assert "<dt>Kind</dt>" not in client.get(bare.get_absolute_url()).content.decode()
