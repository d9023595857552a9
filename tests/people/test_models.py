"""The person record's kind: a person, or an organisation."""

import pytest

from people.models import Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_a_record_is_a_person_unless_it_says_it_is_an_organisation():
    lenin = make_person("Lenin")
    cheka = make_person("Cheka", kind=Person.Kind.ORGANISATION)
    assert (lenin.kind, lenin.is_organisation) == ("person", False)
    assert (cheka.kind, cheka.is_organisation) == ("organisation", True)


def test_the_index_order_files_people_then_organisations_each_by_name():
    make_person("Zasulich", sort_name="Zasulich, V.I.")
    make_person("Akmolinsk Soviet", kind=Person.Kind.ORGANISATION)
    make_person("V.I. Axelrod", sort_name="Axelrod, V.I.")
    make_person("Cheka", kind=Person.Kind.ORGANISATION)
    assert [p.name for p in Person.objects.in_index_order()] == [
        "V.I. Axelrod",
        "Zasulich",
        "Akmolinsk Soviet",
        "Cheka",
    ]
