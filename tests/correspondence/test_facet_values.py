"""/facets/<facet>/: every value of a people or topic facet, for the values the
/letters/ page leaves out."""

import re

import pytest

from browse.views import LetterListView
from tests.factories import make_letter, make_person, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_correspondents():
    """Lenin writing to 8 people, person i receiving i letters (i = 1..8); one topic
    on the letters to the last four; Malinówsky among them."""
    lenin = make_person("Lenin", slug="lenin")
    topic = make_topic("Party affairs", slug="party")
    people = []
    for i in range(1, 9):
        name = "Roman Malinówsky" if i == 3 else f"Correspondent {i}"
        person = make_person(name, slug=f"p{i}")
        people.append(person)
        for _ in range(i):
            make_letter(
                senders=[lenin], recipients=[person], topics=[topic] if i > 4 else []
            )
    return people


def values_on(page):
    """(label, count, href) of each value listed."""
    html = page.content.decode()
    rows = re.findall(
        r'<li class="facet__value[^"]*"><a href="([^"]+)"[^>]*>([^<]+)</a>'
        r'(?:[^<]|<(?!span class="facet__count))*<span class="facet__count">(\d+)',
        html,
    )
    return [
        (label, int(count), href.replace("&amp;", "&")) for href, label, count in rows
    ]


def test_every_value_with_its_count_most_letters_first(client, many_correspondents):
    page = client.get("/facets/recipient/")
    assert page.status_code == 200
    listed = values_on(page)
    assert [(label, count) for label, count, _ in listed] == [
        ("Correspondent 8", 8),
        ("Correspondent 7", 7),
        ("Correspondent 6", 6),
        ("Correspondent 5", 5),
        ("Correspondent 4", 4),
        ("Roman Malinówsky", 3),
        ("Correspondent 2", 2),
        ("Correspondent 1", 1),
    ]
    # each value leads to the letters with it chosen
    assert listed[0][2] == "/letters/?recipient=p8"
    assert client.get(listed[0][2]).context["paginator"].count == 8


def test_the_filters_chosen_are_kept_and_counted_within(client, many_correspondents):
    page = client.get("/facets/recipient/?topic=party&sort=-date")
    listed = values_on(page)
    assert [label for label, _, _ in listed] == [
        "Correspondent 8",
        "Correspondent 7",
        "Correspondent 6",
        "Correspondent 5",
    ]
    assert listed[-1][2] == "/letters/?recipient=p5&topic=party&sort=-date"
    html = page.content.decode()
    assert 'href="/letters/?topic=party&amp;sort=-date"' in html  # back to the letters
    assert "Topic: Party affairs" in html  # the chip


def test_names_can_be_narrowed_and_listed_a_to_z(client, many_correspondents):
    # case and accents aside
    found = values_on(client.get("/facets/recipient/?within=MALINOWSKY"))
    assert [label for label, _, _ in found] == ["Roman Malinówsky"]
    by_name = values_on(client.get("/facets/recipient/?order=name"))
    labels = [label for label, _, _ in by_name]
    assert labels == sorted(labels, key=str.casefold) and len(labels) == 8
    nothing = client.get("/facets/recipient/?within=nobody")
    assert "No recipients with “nobody” in their names." in nothing.content.decode()


def test_long_lists_are_paged(client, many_correspondents, monkeypatch):
    from browse.views import FacetValuesView

    monkeypatch.setattr(FacetValuesView, "paginate_by", 3)
    second = client.get("/facets/recipient/?order=name&page=2")
    assert len(values_on(second)) == 3
    assert 'href="?order=name&amp;page=3"' in second.content.decode()
    assert client.get("/facets/recipient/?page=9").status_code == 400


def test_bad_input_is_a_clear_answer(client, many_correspondents):
    assert client.get("/facets/year/").status_code == 404  # years are all on the page
    assert client.get("/facets/nonsense/").status_code == 404
    too_long = client.get("/facets/recipient/", {"q": "word " * 250})  # 1,250
    assert too_long.status_code == 400
    ignored = client.get("/facets/recipient/?year=abc")
    assert ignored.status_code == 200 and "abc" in ignored.content.decode()


def test_the_letters_page_links_here_for_the_values_it_leaves_out(
    client, many_correspondents, monkeypatch
):
    monkeypatch.setattr(LetterListView, "facet_shown", 2)
    monkeypatch.setattr(LetterListView, "facet_folded", 2)
    # Lenin and the four people of the topic: 2 shown, 2 folded, 1 left out
    html = client.get("/letters/?topic=party").content.decode()
    assert (
        'And 1 more with fewer letters: <a href="/facets/correspondent/?topic=party">'
        "all 5 correspondents</a>" in html
    )
    html = client.get("/letters/").content.decode()
    assert '<a href="/facets/recipient/?">all 8 recipients</a>' in html
    # nothing left out, no link
    monkeypatch.setattr(LetterListView, "facet_folded", 40)
    assert "/facets/" not in client.get("/letters/").content.decode()
