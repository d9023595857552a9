"""/people/ files everyone by surname, with an A-Z index, a link for each count, and a
search that does not mind which apostrophe the reader types."""

import re

import pytest

from people.models import Person
from people.sorting import sort_name_for
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db


def names_listed(client, query=""):
    html = client.get(f"/people/{query}").content.decode()
    return re.findall(r'class="person-row__name"><a href="[^"]*">([^<]*)</a>', html)


@pytest.mark.parametrize(
    "name, sort_name",
    [
        ("A.A. Troianovsky", "Troianovsky, A.A."),
        ("Ya A. Berzin", "Berzin, Ya A."),
        ("G. V. Chicherin", "Chicherin, G. V."),
        ("Inessa Armand", "Armand, Inessa"),
        ("Lenin", "Lenin"),
        ("W.L.", "W.L."),
    ],
)
def test_a_sort_name_puts_the_surname_first(name, sort_name):
    assert sort_name_for(name) == sort_name


def test_the_edition_s_people_are_listed_by_surname(client, edition):
    listed = names_listed(client)
    assert listed.index("Inessa Armand") < listed.index("Ya A. Berzin")
    assert listed.index("Ya A. Berzin") < listed.index("A.A. Troianovsky")
    assert Person.objects.get(name="A.A. Troianovsky").sort_name == (
        "Troianovsky, A.A."
    )


def test_an_editor_s_sort_name_decides_the_place(client, edition):
    Person.objects.filter(name="A.A. Troianovsky").update(sort_name="Antonov")
    listed = names_listed(client)
    assert listed.index("A.A. Troianovsky") < listed.index("Ya A. Berzin")


def test_the_a_to_z_index_lists_the_initials_and_narrows_to_one(client, edition):
    html = client.get("/people/").content.decode()
    assert 'href="/people/?initial=T"' in html
    assert 'href="/people/?initial=Q"' not in html  # no surname starts with Q
    assert names_listed(client, "?initial=T") == ["A.A. Troianovsky"]
    assert "A.A. Troianovsky" in names_listed(client, "?initial=nonsense")


def test_mentioned_in_links_to_the_person_s_letters_that_mention_them(client):
    person = make_person("Roman Malinovsky")
    make_letter(mentions=[person])
    html = client.get("/people/").content.decode()
    assert (
        f'<a href="{person.get_absolute_url()}#mentioned-heading">mentioned in 1</a>'
    ) in html


def test_a_plain_apostrophe_finds_a_typographic_one(client):
    make_person("Lenin’s sister")
    assert names_listed(client, "?q=Lenin's") == ["Lenin’s sister"]
