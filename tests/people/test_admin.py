import re

import pytest
from django.urls import reverse

from people.models import Person, PersonName
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def malinovsky():
    return make_person(
        "R.V. Malinovsky",
        slug="malinovsky",
        life_dates="1876-1918",
        variants=[("Malinowsky", PersonName.Kind.SPELLING)],
    )


def _url(model, view, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", [Person, PersonName])
def test_every_people_model_has_a_changelist_an_add_and_a_change_page(
    admin_client, malinovsky, model
):
    obj = model.objects.first()
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "add")).status_code == 200
    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200


def test_the_person_list_shows_name_life_dates_and_slug(admin_client, malinovsky):
    content = admin_client.get(_url(Person, "changelist")).content.decode()
    for text in ["R.V. Malinovsky", "1876-1918", "malinovsky"]:
        assert text in content


@pytest.mark.parametrize("query", ["Malinovsky", "Malinowsky", "malinowsky"])
def test_a_person_is_found_by_any_of_their_names(admin_client, malinovsky, query):
    make_person("L.B. Kamenev", slug="kamenev")
    response = admin_client.get(_url(Person, "changelist"), {"q": query})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [malinovsky]


def test_the_person_page_edits_the_names_inline(admin_client, malinovsky):
    content = admin_client.get(_url(Person, "change", malinovsky.pk)).content.decode()
    assert 'value="Malinowsky"' in content


def test_a_person_is_added_with_a_pseudonym(admin_client):
    response = admin_client.post(
        _url(Person, "add"),
        {
            "name": "L.B. Kamenev",
            "kind": "person",
            "slug": "kamenev",
            "life_dates": "",
            "note": "",
            "authority_uri": "",
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-MIN_NUM_FORMS": "0",
            "names-MAX_NUM_FORMS": "1000",
            "names-0-name": "brother",
            "names-0-kind": "pseudonym",
            "names-0-note": "",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(slug="kamenev")
    assert [(n.name, n.kind) for n in person.names.all()] == [("brother", "pseudonym")]


def test_an_editor_records_an_organisation_and_the_list_filters_by_kind(
    admin_client, malinovsky
):
    response = admin_client.post(
        _url(Person, "add"),
        {
            "name": "Rodniki Executive Committee",
            "kind": "organisation",
            "slug": "rodniki-executive-committee",
            "life_dates": "",
            "note": "",
            "authority_uri": "",
            "names-TOTAL_FORMS": "0",
            "names-INITIAL_FORMS": "0",
            "names-MIN_NUM_FORMS": "0",
            "names-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    committee = Person.objects.get(slug="rodniki-executive-committee")
    assert committee.is_organisation and not malinovsky.is_organisation

    form = admin_client.get(_url(Person, "change", committee.pk)).content.decode()
    assert re.search(r'name="kind" value="organisation"[^>]*checked', form)
    changelist = _url(Person, "changelist")
    listed = admin_client.get(changelist, {"kind__exact": "organisation"})
    assert list(listed.context["cl"].result_list) == [committee]
    listed = admin_client.get(changelist, {"kind__exact": "person"})
    assert list(listed.context["cl"].result_list) == [malinovsky]


def test_a_record_of_an_unknown_kind_is_not_saved(admin_client):
    response = admin_client.post(
        _url(Person, "add"),
        {
            "name": "Cheka",
            "kind": "body",
            "slug": "cheka",
            "names-TOTAL_FORMS": "0",
            "names-INITIAL_FORMS": "0",
            "names-MIN_NUM_FORMS": "0",
            "names-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "kind" in response.context["adminform"].form.errors
    assert not Person.objects.filter(slug="cheka").exists()


def test_person_names_are_searchable(admin_client, malinovsky):
    response = admin_client.get(_url(PersonName, "changelist"), {"q": "Malinowsky"})
    assert [n.name for n in response.context["cl"].result_list] == ["Malinowsky"]


def test_the_person_list_filters_the_possible_duplicates(admin_client, malinovsky):
    short = make_person("Malinovsky", slug="malinovsky-2")
    make_person("Natsarenus", slug="natsarenus")
    response = admin_client.get(_url(Person, "changelist"), {"duplicate": "yes"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list.order_by("slug")) == [
        malinovsky,
        short,
    ]
    assert "Possibly the same as another" in response.content.decode()
