"""Finding letters in the admin: filters by year, correspondent and topic; search."""

import pytest

from correspondence.models import Letter, Topic

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def listed(client, **params):
    response = client.get(admin_url(Letter, "changelist"), params)
    assert response.status_code == 200
    return sorted(letter.slug for letter in response.context["cl"].result_list)


def test_letters_are_filtered_by_year(editor_client, edition):
    assert listed(editor_client, year="1918") == ["lenin-to-shahumyan-1918-05-14"]
    assert "lenin-to-shahumyan-1918-05-14" not in listed(editor_client, year="1914")
    assert len(listed(editor_client, year="nonsense")) == Letter.objects.count()


def test_letters_are_filtered_by_correspondent(editor_client, edition):
    assert listed(editor_client, correspondent="shahumyan") == [
        "lenin-to-shahumyan-1918-05-14"
    ]
    assert len(listed(editor_client, correspondent="lenin")) == Letter.objects.count()


def test_letters_are_filtered_by_topic(editor_client, edition):
    topic = Topic.objects.get(slug="malinovsky-affair")
    assert listed(editor_client, topics__id__exact=topic.pk) == sorted(
        topic.letters.values_list("slug", flat=True)
    )


def test_letters_are_found_by_the_text_of_their_notes(editor_client, edition):
    assert listed(editor_client, q="L.B. Kamenev") == [
        "lenin-to-armand-1914-06-07",
        "lenin-to-armand-before-1914-07-25",
    ]


@pytest.mark.parametrize(("model", "term"), [("person", "Kamen"), ("topic", "Malin")])
def test_people_and_topics_are_offered_by_autocomplete_on_a_letter(
    editor_client, edition, model, term
):
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "term": term,
            "app_label": "correspondence",
            "model_name": "letter",
            "field_name": "mentions" if model == "person" else "topics",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"]
