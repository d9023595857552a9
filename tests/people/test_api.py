"""The people JSON API: names, letter counts, search by any name, a person's letters."""

import datetime as dt

import pytest

from tests.factories import make_letter, make_person, make_topic

pytestmark = pytest.mark.django_db

ITEM_KEYS = {
    "slug", "name", "variant_names", "life_dates", "letters_sent", "letters_received",
    "mentioned_in",
    "authority_uri",  # added by issue 18 (additive)
    "kind",  # added by issues 16 and 18 (additive)
}  # fmt: skip
SUMMARY_KEYS = {"slug", "url", "title", "date"}


@pytest.fixture
def malinovsky():
    return make_person(
        "R.V. Malinovsky",
        slug="malinovsky",
        life_dates="1876-1918",
        note="Bolshevik deputy and police agent.",
        variants=[("Malinowsky", "spelling"), ("Malinovsky", "short")],
    )


@pytest.fixture
def lenin():
    return make_person("V.I. Lenin", slug="lenin", variants=[("W.L.", "signature")])


@pytest.fixture
def letters(lenin, malinovsky):
    armand = make_person("Inessa Armand", slug="armand")
    return [
        make_letter(
            slug="b-second",
            senders=[lenin],
            recipients=[armand],
            mentions=[malinovsky],
            date=dt.date(1914, 6, 7),
        ),
        make_letter(
            slug="a-first",
            senders=[lenin],
            recipients=[malinovsky],
            date=dt.date(1913, 1, 1),
        ),
        make_letter(senders=[armand], recipients=[lenin], date=dt.date(1915, 1, 1)),
    ]


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_people_are_listed_by_name_with_exactly_the_contract_fields(client, letters):
    data = get_json(client, "/api/people/")
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 3
    assert all(set(item) == ITEM_KEYS for item in data["results"])
    names = [item["name"] for item in data["results"]]
    assert names == ["Inessa Armand", "R.V. Malinovsky", "V.I. Lenin"]


def test_a_person_has_their_names_and_letter_counts(client, letters):
    people = {
        item["slug"]: item for item in get_json(client, "/api/people/")["results"]
    }
    assert people["malinovsky"] == {
        "slug": "malinovsky",
        "name": "R.V. Malinovsky",
        "kind": "person",
        "variant_names": ["Malinovsky", "Malinowsky"],
        "life_dates": "1876-1918",
        "authority_uri": None,
        "letters_sent": 0,
        "letters_received": 1,
        "mentioned_in": 1,
    }
    assert people["lenin"]["letters_sent"] == 2
    assert people["lenin"]["letters_received"] == 1
    assert people["lenin"]["variant_names"] == ["W.L."]
    assert people["armand"]["life_dates"] is None
    assert people["armand"]["variant_names"] == []


def test_an_organisation_says_so_in_the_list_and_on_its_own(client, lenin):
    cheka = make_person("Cheka", slug="cheka", kind="organisation")
    make_letter(senders=[lenin], recipients=[cheka], date=dt.date(1918, 12, 26))
    people = {
        item["slug"]: item for item in get_json(client, "/api/people/")["results"]
    }
    assert (people["cheka"]["kind"], people["lenin"]["kind"]) == (
        "organisation",
        "person",
    )
    detail = get_json(client, "/api/people/cheka/")
    assert detail["kind"] == "organisation"
    assert detail["letters_received"] == 1


def test_q_finds_a_person_by_a_variant_name(client, letters):
    data = get_json(client, "/api/people/?q=Malinowsky")
    assert [item["slug"] for item in data["results"]] == ["malinovsky"]
    assert data["count"] == 1


def test_q_finds_a_person_by_a_signature_whatever_the_case(client, letters):
    assert [i["slug"] for i in get_json(client, "/api/people/?q=w.l.")["results"]] == [
        "lenin"
    ]


def test_q_matching_nobody_is_an_empty_list(client, letters):
    assert get_json(client, "/api/people/?q=Trotsky")["results"] == []


def test_people_pages_like_letters(client, settings, letters):
    settings.LETTERS_PAGE_SIZE = 2
    first = get_json(client, "/api/people/?page=1")
    assert len(first["results"]) == 2
    assert first["next"] == "http://testserver/api/people/?page=2"
    assert get_json(client, "/api/people/?page=3", status=400)["detail"]
    assert get_json(client, "/api/people/?page=x", status=400)["detail"]


def test_a_person_lists_the_letters_sent_received_and_mentioned_in(client, letters):
    data = get_json(client, "/api/people/lenin/")
    assert set(data) == ITEM_KEYS | {"url", "note", "next", "previous", "letters"}
    assert data["next"] is None and data["previous"] is None
    assert data["url"] == "http://testserver/people/lenin/"
    assert data["note"] is None
    assert set(data["letters"]) == {"sent", "received", "mentioned_in"}
    sent = data["letters"]["sent"]
    assert [letter["slug"] for letter in sent] == ["a-first", "b-second"]  # date order
    assert all(set(letter) == SUMMARY_KEYS for letter in sent)
    assert sent[0]["url"] == "http://testserver/letters/a-first/"
    assert sent[0]["title"] == "V.I. Lenin to R.V. Malinovsky, 1 January 1913"
    assert sent[0]["date"]["start"] == "1913-01-01"
    assert len(data["letters"]["received"]) == 1
    assert data["letters"]["mentioned_in"] == []


def test_a_mentioned_person_lists_where_they_are_mentioned(client, letters):
    data = get_json(client, "/api/people/malinovsky/")
    assert data["note"] == "Bolshevik deputy and police agent."
    assert [letter["slug"] for letter in data["letters"]["mentioned_in"]] == [
        "b-second"
    ]
    assert [letter["slug"] for letter in data["letters"]["received"]] == ["a-first"]


def test_a_person_pages_all_their_lists_together(client, settings, lenin):
    settings.LETTERS_PAGE_SIZE = 2
    for day in range(1, 6):
        make_letter(slug=f"sent-{day}", senders=[lenin], date=dt.date(1914, 1, day))
    make_letter(slug="received-1", recipients=[lenin])
    first = get_json(client, "/api/people/lenin/")
    assert [letter["slug"] for letter in first["letters"]["sent"]] == [
        "sent-1",
        "sent-2",
    ]
    assert [letter["slug"] for letter in first["letters"]["received"]] == ["received-1"]
    assert first["letters_sent"] == 5
    assert first["next"] == "http://testserver/api/people/lenin/?page=2"
    third = get_json(client, "/api/people/lenin/?page=3")
    assert [letter["slug"] for letter in third["letters"]["sent"]] == ["sent-5"]
    assert third["letters"]["received"] == []
    assert third["next"] is None
    assert "no page 4" in get_json(client, "/api/people/lenin/?page=4", 400)["detail"]


def test_an_unknown_person_is_a_json_404(client):
    assert get_json(client, "/api/people/nobody/", status=404) == {
        "detail": "There is no person with the slug 'nobody'."
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/people/", "/api/people/lenin/"])
def test_people_cannot_be_written(client, lenin, method, url):
    response = getattr(client, method)(url, data={}, content_type="application/json")
    assert response.status_code == 405
    assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize("count", [3, 12])
def test_people_take_the_same_queries_for_3_or_12_letters(
    client, count, django_assert_max_num_queries
):
    lenin = make_person("Lenin", slug="lenin", variants=[("W.L.", "signature")])
    for n in range(count):
        make_letter(
            senders=[lenin],
            recipients=[make_person(variants=[(f"Alias {n}", "pseudonym")])],
            mentions=[lenin, make_person()],
            topics=[make_topic()],
        )
    # count, page of people with their counts, their names
    with django_assert_max_num_queries(3):
        get_json(client, "/api/people/?q=e")
    # person with counts, names; sent, received, mentioned: letters, senders, recipients
    with django_assert_max_num_queries(11):
        data = get_json(client, "/api/people/lenin/")
    assert len(data["letters"]["sent"]) == count
