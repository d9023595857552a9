"""/network/: who wrote to whom among the letters /letters/ shows for the same
parameters, drawn and tabled, each exchange and person linking to its letters."""

import random
from collections import Counter

import pytest
from django.http import QueryDict

from browse.filters import LetterFilter
from browse.search import MAX_QUERY_LENGTH
from correspondence.models import Letter
from network import graph
from network.views import links_to_letters
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response


def exchanges_in_sql(letters):
    """{(sender slug, recipient slug): letters} counted the plain way."""
    found = Counter()
    for letter in letters.prefetch_related("senders", "recipients"):
        for sender in letter.senders.all():
            for recipient in letter.recipients.all():
                if sender != recipient:
                    found[sender.slug, recipient.slug] += 1
    return found


def drawn(network):
    return {(e.source.slug, e.target.slug): e.count for e in network.edges}


def test_the_seed_edition_s_exchanges_link_to_their_letters(client, edition):
    response = get(client, "/network/")
    network = response.context["network"]
    assert drawn(network) == {("lenin", "armand"): 4, ("lenin", "shahumyan"): 1}
    assert (network.letters, network.people_total, network.people_left_out) == (5, 3, 0)
    html = response.content.decode()
    assert 'href="/letters/?sender=lenin&amp;recipient=armand"' in html
    assert 'aria-label="4 letters from Lenin to Inessa Armand">4</a>' in html
    assert 'href="/letters/?correspondent=lenin"' in html
    # drawn for the eye, with every link in the tables for everyone else
    assert '<svg class="network__svg"' in html and 'aria-hidden="true"' in html


def test_the_filters_of_the_list_of_letters_choose_the_letters(client, edition):
    response = get(client, "/network/?year=1918")
    assert drawn(response.context["network"]) == {("lenin", "shahumyan"): 1}
    html = response.content.decode()
    assert 'href="/letters/?sender=lenin&amp;recipient=shahumyan&amp;year=1918"' in html
    assert "Year: 1918" in html  # the chip, to remove the filter


def test_the_counts_agree_with_the_letters_on_random_correspondences(client, db):
    rng = random.Random(5)
    people = [make_person(slug=f"p{n}") for n in range(6)]
    for _ in range(40):
        make_letter(
            senders=rng.sample(people, rng.choice([1, 1, 2])),
            recipients=rng.sample(people, rng.choice([0, 1, 1, 2])),
        )
    for url, letters in [
        ("/network/", Letter.objects.all()),
        ("/network/?sender=p1", Letter.objects.sent_by(["p1"])),
        ("/network/?correspondent=p2&correspondent=p3",
         Letter.objects.with_correspondents(["p2", "p3"])),
    ]:  # fmt: skip
        network = get(client, url).context["network"]
        assert drawn(network) == exchanges_in_sql(letters), url
        assert network.exchanges_total == len(exchanges_in_sql(letters))


def test_the_busiest_are_drawn_and_the_rest_counted(client, db, monkeypatch):
    monkeypatch.setattr(graph, "MAX_PEOPLE", 2)
    hub, busy, quiet = (
        make_person(name, slug=name) for name in ("hub", "busy", "quiet")
    )
    for _ in range(3):
        make_letter(senders=[hub], recipients=[busy])
    make_letter(senders=[quiet], recipients=[hub])
    response = get(client, "/network/")
    network = response.context["network"]
    assert [node.slug for node in network.nodes] == ["hub", "busy"]
    assert drawn(network) == {("hub", "busy"): 3}
    assert (network.people_left_out, network.exchanges_left_out) == (1, 1)
    assert "1 person is and 1 exchange is left out" in response.content.decode()


def test_nothing_chosen_says_so(client, edition):
    html = get(client, "/network/?year=1800").content.decode()
    assert "No letter among those chosen goes from one person to another." in html
    assert "<svg" not in html


def test_bad_parameters_are_ignored_with_a_note_and_too_long_a_search_refused(
    client, edition
):
    response = get(client, "/network/?year=abc&sender=nobody")
    html = response.content.decode()
    assert "Ignored year" in html and "Ignored sender" in html
    # the filters ignored, every letter is drawn
    assert drawn(response.context["network"]) == drawn(
        get(client, "/network/").context["network"]
    )
    too_long = "word " * (MAX_QUERY_LENGTH // 5 + 1)
    response = client.get("/network/?q=" + too_long)
    assert response.status_code == 400
    assert "shorten it" in response.content.decode()


def test_the_network_takes_no_query_but_the_data_version_once_indexed(
    client, edition, django_assert_max_num_queries
):
    get(client, "/network/")  # builds the browse index
    with django_assert_max_num_queries(2):
        get(client, "/network/?correspondent=armand")


def test_a_person_s_page_leads_to_the_network_of_their_letters(client, edition):
    html = get(client, "/people/armand/").content.decode()
    assert 'href="/network/?correspondent=armand"' in html
    network = get(client, "/network/?correspondent=armand").context["network"]
    assert drawn(network) == {("lenin", "armand"): 4}


def test_only_the_heaviest_exchanges_are_drawn(client, db, monkeypatch):
    monkeypatch.setattr(graph, "MAX_EDGES", 1)
    a, b, c = (make_person(name, slug=name) for name in ("a", "b", "c"))
    make_letter(senders=[a], recipients=[b])
    for _ in range(2):
        make_letter(senders=[b], recipients=[c])
    response = get(client, "/network/")
    network = response.context["network"]
    assert drawn(network) == {("b", "c"): 2}
    assert network.exchanges_left_out == 1
    assert "1 exchange is left out" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["", "year=1914", "q=liquidators&sort=relevance&topic=liquidators", "sort=-date"],
)
def test_the_links_are_those_of_the_list_of_letters(edition, query):
    filterset = LetterFilter(QueryDict(query))
    letters_url = links_to_letters(filterset, "/letters/")
    for changes in (
        {"correspondent": ["lenin"]},
        {"sender": ["lenin"], "recipient": ["armand"]},
    ):
        assert letters_url(**changes) == "/letters/" + filterset.url(**changes)
