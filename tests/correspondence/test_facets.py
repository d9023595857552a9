import datetime as dt

import pytest

from browse.facets import (
    correspondent_facet,
    month_facet,
    person_facet,
    topic_facet,
    year_facet,
)
from correspondence.models import Letter
from tests.factories import make_letter, make_person, make_topic

pytestmark = pytest.mark.django_db


def counts(facet):
    return {item["value"]: item["count"] for item in facet}


@pytest.fixture
def edition():
    lenin = make_person("Lenin", slug="lenin")
    armand = make_person("Inessa Armand", slug="armand")
    kamenev = make_person("Kamenev", slug="kamenev")
    war = make_topic("Outbreak of war", slug="war")
    affair = make_topic("Malinovsky affair", slug="affair")
    make_letter(
        senders=[lenin],
        recipients=[armand],
        topics=[affair, war],
        date=dt.date(1914, 6, 7),
    )
    make_letter(
        senders=[lenin],
        recipients=[kamenev],
        topics=[war],
        date=None,
        date_start=dt.date(1914, 11, 1),
        date_end=dt.date(1915, 2, 28),
        date_precision="range",
    )
    make_letter(
        senders=[armand],
        recipients=[lenin],
        date=None,
        date_end=dt.date(1916, 7, 25),
        date_precision="before",
    )
    make_letter(senders=[kamenev], recipients=[], date=None)  # undated
    return Letter.objects.all()


def test_a_letter_spanning_two_years_counts_in_both(edition):
    assert counts(year_facet(edition)) == {"1914": 2, "1915": 1, "1916": 1}


def test_a_letter_with_only_an_end_bound_counts_in_that_year(edition):
    assert counts(year_facet(edition))["1916"] == 1


def test_a_letter_counts_in_every_year_its_range_meets():
    make_letter(
        date=None,
        date_start=dt.date(1913, 12, 1),
        date_end=dt.date(1917, 1, 1),
        date_precision="range",
    )
    assert counts(year_facet(Letter.objects.all())) == {
        "1913": 1,
        "1914": 1,
        "1915": 1,
        "1916": 1,
        "1917": 1,
    }


def test_years_come_in_calendar_order_as_strings(edition):
    facet = year_facet(edition)
    assert [item["value"] for item in facet] == ["1914", "1915", "1916"]
    assert facet[0] == {"value": "1914", "label": "1914", "count": 2, "selected": False}


def test_correspondents_count_letters_sent_or_received(edition):
    assert counts(correspondent_facet(edition)) == {
        "lenin": 3,
        "armand": 2,
        "kamenev": 2,
    }


def test_a_person_writing_to_themselves_counts_the_letter_once():
    lenin = make_person("Lenin", slug="lenin")
    make_letter(senders=[lenin], recipients=[lenin])
    assert counts(correspondent_facet(Letter.objects.all())) == {"lenin": 1}


def test_correspondents_come_most_letters_first_with_names_as_labels(edition):
    facet = correspondent_facet(edition)
    assert facet[0] == {
        "value": "lenin",
        "label": "Lenin",
        "count": 3,
        "selected": False,
    }
    assert [item["label"] for item in facet[1:]] == ["Inessa Armand", "Kamenev"]


def test_facets_count_only_the_letters_given(edition):
    only_war = edition.filter(topics__slug="war")
    assert counts(correspondent_facet(only_war)) == {
        "lenin": 2,
        "armand": 1,
        "kamenev": 1,
    }
    assert counts(year_facet(only_war)) == {"1914": 2, "1915": 1}
    assert counts(topic_facet(only_war)) == {"war": 2, "affair": 1}


def test_topics_count_their_letters(edition):
    facet = topic_facet(edition)
    assert facet == [
        {"value": "war", "label": "Outbreak of war", "count": 2, "selected": False},
        {
            "value": "affair",
            "label": "Malinovsky affair",
            "count": 1,
            "selected": False,
        },
    ]


def test_selected_values_are_marked_and_listed_even_without_letters(edition):
    make_topic("Baku Commune", slug="baku")
    none = edition.none()
    assert topic_facet(none, ["baku"]) == [
        {"value": "baku", "label": "Baku Commune", "count": 0, "selected": True}
    ]
    assert year_facet(edition, ["1915", "1920"])[1]["selected"] is True
    assert counts(year_facet(edition, ["1920"]))["1920"] == 0
    assert correspondent_facet(none, ["lenin", "nobody"]) == [
        {"value": "lenin", "label": "Lenin", "count": 0, "selected": True}
    ]


def test_person_facet_counts_one_relation(edition):
    assert counts(person_facet(edition, "senders")) == {
        "lenin": 2,
        "armand": 1,
        "kamenev": 1,
    }
    assert counts(person_facet(edition, "recipients")) == {
        "armand": 1,
        "kamenev": 1,
        "lenin": 1,
    }


def test_month_facet_counts_the_months_of_one_year_a_range_meets(edition):
    assert counts(month_facet(edition, 1914)) == {"6": 1, "11": 1, "12": 1}
    assert counts(month_facet(edition, 1915)) == {"1": 1, "2": 1}
    assert month_facet(edition, 1916)[0]["label"] == "July"


def test_each_facet_is_a_fixed_number_of_queries(
    edition, django_assert_max_num_queries
):
    for _ in range(10):
        make_letter(date=dt.date(1917, 1, 1), topics=[make_topic()])
    # correspondent 3, topic 1; the year spans and the data version they are kept
    # under (spans.py)
    with django_assert_max_num_queries(6):
        correspondent_facet(Letter.objects.all())
        year_facet(Letter.objects.all())
        topic_facet(Letter.objects.all())
