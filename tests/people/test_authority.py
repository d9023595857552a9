"""Authority records: an editor pastes an address, the form checks it names a record
of an authority this edition recognises and keeps its canonical form."""

import pytest
from django.core.exceptions import ValidationError

from people.authority import FOR_PEOPLE, FOR_PLACES, authority_name, authority_uri
from people.models import Person
from tests.editing.helpers import admin_url, errors_of, form_data
from tests.factories import make_person


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("https://viaf.org/viaf/36924137/", "http://viaf.org/viaf/36924137"),
        ("http://viaf.org/viaf/36924137", "http://viaf.org/viaf/36924137"),
        ("https://d-nb.info/gnd/118571249", "http://d-nb.info/gnd/118571249"),
        ("http://d-nb.info/gnd/4069573-6/about/html", "http://d-nb.info/gnd/4069573-6"),
        ("https://www.wikidata.org/wiki/Q1394", "http://www.wikidata.org/entity/Q1394"),
        (
            "http://www.wikidata.org/entity/Q1394",
            "http://www.wikidata.org/entity/Q1394",
        ),
        (
            "  https://wikidata.org/wiki/q1394#sitelinks ",
            "http://www.wikidata.org/entity/Q1394",
        ),
    ],
)
def test_a_person_s_authority_address_is_kept_in_its_canonical_form(typed, canonical):
    assert authority_uri(typed, FOR_PEOPLE) == canonical


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        (
            "https://www.geonames.org/2657896/zurich.html",
            "http://www.geonames.org/2657896",
        ),
        ("http://sws.geonames.org/2657896/", "http://www.geonames.org/2657896"),
        ("https://www.wikidata.org/wiki/Q72", "http://www.wikidata.org/entity/Q72"),
    ],
)
def test_a_place_s_authority_address_is_kept_in_its_canonical_form(typed, canonical):
    assert authority_uri(typed, FOR_PLACES) == canonical


@pytest.mark.parametrize(
    ("typed", "authorities"),
    [
        ("https://www.geonames.org/2657896", FOR_PEOPLE),  # a place's authority
        ("https://viaf.org/viaf/36924137", FOR_PLACES),  # a person's authority
        ("https://en.wikipedia.org/wiki/Vladimir_Lenin", FOR_PEOPLE),
        ("https://viaf.org/viaf/lenin", FOR_PEOPLE),
        ("https://d-nb.info.example.com/gnd/118571249", FOR_PEOPLE),
        ("https://www.wikidata.org/wiki/Property:P214", FOR_PEOPLE),
    ],
)
def test_an_address_of_another_kind_or_site_is_refused_naming_the_authorities(
    typed, authorities
):
    with pytest.raises(ValidationError) as raised:
        authority_uri(typed, authorities)
    message = raised.value.messages[0]
    assert typed in message
    assert all(a.name in message for a in authorities)


def test_empty_stays_empty_and_stored_uris_name_their_authority():
    assert authority_uri("  ", FOR_PEOPLE) == ""
    assert authority_name("http://d-nb.info/gnd/118571249") == "GND"
    assert authority_name("http://www.geonames.org/2657896") == "GeoNames"
    assert authority_name("https://example.org/1") == ""


@pytest.mark.django_db
def test_the_admin_saves_a_person_s_authority_in_canonical_form(admin_client):
    person = make_person("Lenin", slug="lenin")
    url = admin_url(Person, "change", person.pk)
    data = form_data(admin_client.get(url))
    data["authority_uri"] = "https://viaf.org/viaf/36924137/"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.authority_uri == "http://viaf.org/viaf/36924137"


@pytest.mark.django_db
def test_the_admin_refuses_an_unrecognised_authority_and_changes_nothing(admin_client):
    person = make_person("Lenin", slug="lenin", life_dates="1870-1924")
    url = admin_url(Person, "change", person.pk)
    data = form_data(admin_client.get(url))
    data["authority_uri"] = "https://en.wikipedia.org/wiki/Vladimir_Lenin"
    data["life_dates"] = "1870-1925"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    (error,) = errors_of(response)
    assert "not an address this edition recognises" in error
    assert "VIAF, GND or Wikidata" in error
    person.refresh_from_db()
    assert (person.authority_uri, person.life_dates) == ("", "1870-1924")


@pytest.mark.django_db
def test_a_stored_authority_the_editor_does_not_touch_is_not_rewritten(admin_client):
    person = make_person(
        "Lenin", slug="lenin", authority_uri="https://viaf.org/viaf/1/"
    )
    url = admin_url(Person, "change", person.pk)
    data = form_data(admin_client.get(url))
    data["life_dates"] = "1870-1924"
    assert admin_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.authority_uri == "https://viaf.org/viaf/1/"
    assert person.life_dates == "1870-1924"
