"""The reading pages: home, letters, one letter, topics."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.urls import reverse

from correspondence.models import LetterSource
from tests.factories import make_letter, make_person, make_source, make_topic

pytestmark = pytest.mark.django_db

DOCUMENT_9_BODY = """\
Best greetings for the commencing revolution in Russia. We are here without \
news. The idiot Brussels conference can be forgotten in such time.[^1] (I \
understand that the liquidators & Plekhanov[^2] & other canailles are \
preparing a common manifesto.)

Tomorrow I expect here the comrade You have seen in Brussels from the letton \
[Latvian] party.[^3]

This summer is extremely unhappy: at first "affair" of Malinovsky, then the \
conference at Brussels. And now totally unknown if the great meeting of our \
party will be possible after the events in SPB [St Petersburg].[^4]"""


@pytest.fixture
def document_9():
    """Document 9 of the Ozleft extracts from The Unknown Lenin (shortened)."""
    lenin = make_person("Lenin", slug="lenin", variants=[("W.L.", "signature")])
    armand = make_person("Armand", slug="armand", life_dates="1874-1920")
    berzin = make_person("Ya A. Berzin", slug="berzin", life_dates="1881-1938")
    pipes = make_source(
        "The Unknown Lenin: From the Secret Archives",
        author="Richard Pipes",
        year="1996",
    )
    ozleft = make_source("Letters from Lenin to Inessa Armand", author="Ozleft")
    letter = make_letter(
        slug="lenin-to-armand-1914-07-25",
        heading="Document 9. Letter to Armand. (p 27-30)",
        headnote="The importance of Document 9 lies in the opening sentence, "
        "which reveals "
        "that Lenin saw the outbreak of the First World War as inevitably leading to a "
        "revolution in Russia.",
        date=None,
        date_as_written="[Before 12 (25) July 1914]",
        date_end=dt.date(1914, 7, 25),
        date_julian=dt.date(1914, 7, 12),
        date_precision="before",
        date_supplied=True,
        salutation="My dear & dearest friend!",
        body=DOCUMENT_9_BODY,
        signature="Your W.L.",
        postscript='In our capital "etat de siege". '
        "Both [Bolshevik] papers must be closed.",
        senders=[lenin],
        recipients=[armand],
        mentions=[berzin],
        topics=[make_topic("Outbreak of the First World War", slug="outbreak-of-war")],
        footnotes=[
            "Reference to conference in Brussels of the International "
            "Socialist Bureau, "
            "16-18 July 1914 (NS).",
            "Georgy Valentinovich Plekhanov: founding father of Russian "
            "Social Democracy.",
            "Ya A. Berzin (1881-1938). Old Bolshevik of Latvian origin.\n\n"
            "Perished in Stalin's terror.",
            "Reference to major industrial strike in St Petersburg "
            "on 12-14 July 1914 (NS).",
        ],
        sources=[
            (pipes, LetterSource.Role.EDITION, "27-30"),
            (ozleft, LetterSource.Role.TRANSCRIPTION, ""),
        ],
    )
    return letter


def test_home_page_says_what_the_edition_holds_and_credits_its_sources(
    client, document_9
):
    make_letter(date=dt.date(1918, 5, 14))
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>2</strong> letters" in html
    assert "<strong>" in html and "people" in html
    assert "<strong>1</strong> topic<" in html
    assert '<time datetime="1914-07-25">25 July 1914</time>' in html
    assert '<time datetime="1918-05-14">14 May 1918</time>' in html
    assert "Marxists Internet Archive" in html
    assert "Ozleft" in html
    for url in ("/letters/", "/people/", "/topics/"):
        assert f'href="{url}"' in html


def test_every_page_has_a_skip_link_landmarks_and_the_main_navigation(
    client, document_9
):
    html = client.get(reverse("letters:list")).content.decode()
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert '<a href="/letters/" aria-current="page">Letters</a>' in html
    assert "<footer" in html


def test_letter_list_gives_every_letter_in_date_order(client, document_9):
    later = make_letter(
        date=dt.date(1918, 5, 14),
        excerpt=True,
        senders=[make_person("Lenin II")],
        recipients=[make_person("Shahumyan")],
    )
    earlier = make_letter(
        date=dt.date(1914, 6, 7), date_as_written="25 May (7 June) 1914"
    )
    response = client.get("/letters/")
    assert response.status_code == 200
    html = response.content.decode()
    positions = [
        html.index(f'href="{x.get_absolute_url()}"')
        for x in (earlier, document_9, later)
    ]
    assert positions == sorted(positions)
    assert "Lenin to Armand, before 25 July 1914" in html
    assert "Lenin II to Shahumyan, 14 May 1918" in html
    assert '<span class="badge">Excerpt</span>' in html
    assert "4 notes" in html


def test_letter_list_is_paginated_by_the_page_size_setting(client, settings):
    settings.LETTERS_PAGE_SIZE = 2
    for day in range(1, 6):
        make_letter(date=dt.date(1914, 6, day))
    first = client.get("/letters/")
    assert len(first.context["letters"]) == 2
    assert "Page 1 of 3" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()
    last = client.get("/letters/?page=3")
    assert len(last.context["letters"]) == 1


def test_letter_list_answers_400_for_a_page_beyond_the_last(client):
    make_letter()
    response = client.get("/letters/?page=9")
    assert response.status_code == 400  # as the API does (test_browse.py)
    assert "There is no page 9: the pages run from 1 to 1." in response.content.decode()


def test_letter_page_gives_the_letter_as_the_document_does(client, document_9):
    response = client.get(document_9.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="letter-title">Lenin to Armand, before 25 July 1914</h1>' in html
    assert "Document 9. Letter to Armand. (p 27-30)" in html
    assert '<h2 id="headnote-label" class="headnote__label">Editorial note</h2>' in html
    assert "The importance of Document 9 lies" in html
    assert "My dear &amp; dearest friend!" in html
    assert html.count('<div class="body"><p>') == 1
    assert html.count("<p>") >= 3
    assert "Your W.L." in html
    assert '<p class="postscript__label">Postscript</p>' in html


def test_letter_page_marks_a_supplied_date_and_gives_its_gregorian_and_old_style_bound(
    client, document_9
):
    html = client.get(document_9.get_absolute_url()).content.decode()
    assert (
        '<span class="supplied" title="Date supplied by the editor">'
        "[Before 12 (25) July 1914]</span>" in html
    )
    assert "date supplied by the editor" in html
    assert 'Gregorian: before <time datetime="1914-07-25">25 July 1914</time>' in html
    assert "Old Style: before 12 July 1914" in html


def test_letter_page_shows_an_exact_day_beside_its_old_style_day(client):
    letter = make_letter(
        date=dt.date(1914, 6, 7),
        date_as_written="25 May (7 June) 1914",
        date_julian=dt.date(1914, 5, 25),
    )
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "25 May (7 June) 1914" in html
    assert (
        'Gregorian: <time datetime="1914-06-07">7 June 1914</time>; '
        "Old Style: 25 May 1914" in html
    )
    assert "date supplied by the editor" not in html


def test_letter_page_links_markers_to_notes_and_notes_back_at_the_exact_place(client):
    letter = make_letter(
        body="And the liquidators[^2] continue their infamous compagn.",
        footnotes=[
            "The date is recorded in the hand of Armand.",
            "A term of opprobrium coined by Lenin.",
        ],
    )
    html = client.get(letter.get_absolute_url()).content.decode()
    assert (
        '>And the liquidators\u2060<sup class="noteref" id="noteref-2">'
        '<a href="#note-2" aria-describedby="notes-heading">2</a></sup> continue'
        in html
    )
    note = re.search(r'<li id="note-2" value="2">(.*?)</li>', html, re.S).group(1)
    assert "A term of opprobrium coined by Lenin." in note
    assert '<a href="#noteref-2" aria-label="Back to text at note 2">' in note
    assert "back to text" in note
    assert '<h2 id="notes-heading">Notes</h2>' in html


def test_letter_page_renders_real_content_with_notes_and_editorial_brackets(
    client, document_9
):
    html = client.get(document_9.get_absolute_url()).content.decode()
    assert (
        'the letton <span class="editorial" title="Editorial insertion">'
        "[Latvian]</span> "
        'party.\u2060<sup class="noteref" id="noteref-3"><a href="#note-3"' in html
    )
    assert (
        '<span class="editorial" title="Editorial insertion">[St Petersburg]</span>'
        '.\u2060<sup class="noteref" id="noteref-4">' in html
    )
    assert (
        '<span class="editorial" title="Editorial insertion">[Bolshevik]</span>' in html
    )
    for number in range(1, 5):
        assert f'<li id="note-{number}" value="{number}">' in html
        assert f'href="#noteref-{number}"' in html
    note_3 = re.search(r'<li id="note-3" value="3">(.*?)</li>', html, re.S).group(1)
    assert "<p>Ya A. Berzin (1881-1938). Old Bolshevik of Latvian origin.</p>" in note_3
    assert "<p>Perished in Stalin's terror.</p>" in note_3


def test_letter_text_containing_markup_is_shown_as_text(client):
    letter = make_letter(
        body='<script>alert("x")</script> is not run',
        salutation="<b>Dear</b>",
        footnotes=["<img src=x onerror=alert(1)>"],
    )
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; is not run" in html
    assert "&lt;b&gt;Dear&lt;/b&gt;" in html
    assert "<img src=x" not in html


def test_letter_page_links_people_topics_and_groups_sources_by_role(client, document_9):
    html = client.get(document_9.get_absolute_url()).content.decode()
    assert '<a href="/people/lenin/">Lenin</a>' in html
    assert '<a href="/people/armand/">Armand</a>' in html
    assert '<a href="/people/berzin/">Ya A. Berzin</a>' in html
    assert (
        '<a href="/topics/outbreak-of-war/">Outbreak of the First World War</a>' in html
    )
    edition = html.index('<h3 class="sources__role">Edition</h3>')
    transcription = html.index('<h3 class="sources__role">Online transcription</h3>')
    assert (
        edition
        < html.index("The Unknown Lenin: From the Secret Archives")
        < transcription
    )
    assert "Richard Pipes" in html
    assert ", p. 27-30." in html


def test_letter_page_credits_a_transcription_with_its_transcriber_licence_and_address(
    client,
):
    mia = make_source("Lenin Internet Archive", url="https://www.marxists.org/")
    collected = make_source(
        "Collected Works",
        author="Lenin",
        publisher="Progress Publishers",
        place="Moscow",
        year="[1976]",
        volume="35",
    )
    letter = make_letter(excerpt=True)
    LetterSource.objects.create(
        letter=letter,
        source=collected,
        role="edition",
        pages="332",
        translator="Andrew Rothstein",
    )
    LetterSource.objects.create(
        letter=letter,
        source=mia,
        role="transcription",
        transcriber="R. Cymbala",
        licence="You may freely copy, distribute, display and perform this work.",
        url="https://www.marxists.org/archive/lenin/works/1918/may/14.htm",
    )
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "Lenin, <a" not in html
    assert "vol. 35 (Moscow: Progress Publishers, [1976]), p. 332." in html
    assert "Translated by Andrew Rothstein." in html
    assert "Transcription and markup: R. Cymbala." in html
    assert "You may freely copy, distribute, display and perform this work." in html
    assert 'href="https://www.marxists.org/archive/lenin/works/1918/may/14.htm"' in html
    assert (
        '<span class="badge" title="The source prints only part of this letter">'
        in html
    )


def test_letter_page_offers_a_citation_with_its_absolute_address(client, document_9):
    # The citation's forms (Chicago, BibTeX) are tested in
    # tests/correspondence/test_citation.py.
    html = client.get(document_9.get_absolute_url()).content.decode()
    citation = re.search(r'<p class="citation__text"[^>]*>(.*?)</p>', html, re.S).group(
        1
    )
    assert citation.startswith("Lenin to Armand, before 25 July 1914, in ")
    assert (
        "Richard Pipes, <i>The Unknown Lenin: From the Secret Archives</i> (1996), "
        "27–30;" in citation
    )
    assert "http://testserver/letters/lenin-to-armand-1914-07-25/." in citation


def test_topic_pages_list_topics_with_counts_and_a_topics_letters(client, document_9):
    topic = document_9.topics.get()
    make_topic("Baku Commune", slug="baku-commune")
    listing = client.get("/topics/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert (
        '<a href="/topics/outbreak-of-war/">Outbreak of the First World War</a>' in html
    )
    assert "1 letter<" in html
    assert "0 letters" in html
    detail = client.get(topic.get_absolute_url())
    assert detail.status_code == 200
    assert document_9.get_absolute_url() in detail.content.decode()
    assert "1 letter on this topic" in detail.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/letters/no-such-letter/",
        "/topics/no-such-topic/",
        "/people/no-such-person/",
        "/no-such-page/",
    ],
)
def test_unknown_addresses_get_the_friendly_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no page at this address" in html
    assert '<nav class="site-nav" aria-label="Main">' in html


def test_the_500_page_renders_without_a_request_or_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html


# Query counts: fixed, whatever the number of letters ---------------------------


def letters_with_people(n):
    topic = make_topic()
    people = [make_person() for _ in range(3)]
    for i in range(n):
        make_letter(
            date=dt.date(1914, 1, 1) + dt.timedelta(days=i),
            senders=people[:2],
            recipients=[people[2]],
            mentions=people,
            topics=[topic],
            footnotes=["a", "b"],
        )
    return topic, people


@pytest.mark.parametrize("n", [3, 12])
def test_letter_list_costs_the_same_queries_for_3_or_12_letters(
    client, django_assert_num_queries, n
):
    letters_with_people(n)
    # the version and the browse index built for it (10 queries, see test_browse.py;
    # on PostgreSQL one more, whether it has the RUM index); letters (with note
    # counts), senders, recipients; the version for the facets and the histogram kept
    # in the cache
    with django_assert_num_queries(16 if connection.vendor == "postgresql" else 15):
        assert client.get("/letters/").status_code == 200
    # again: the count, facets and histogram come from the cache (the three version
    # reads, the index's version, the letters, senders, recipients)
    with django_assert_num_queries(6):
        assert client.get("/letters/?page=1").status_code == 200


@pytest.mark.parametrize("n", [3, 12])
def test_home_page_costs_the_same_queries_for_3_or_12_letters(
    client, django_assert_num_queries, n
):
    letters_with_people(n)
    # summary, people, topics, first letters + senders + recipients, sources
    with django_assert_num_queries(7):
        assert client.get("/").status_code == 200


def test_letter_page_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, document_9
):
    # the letter (with its places), senders, recipients, mentions, languages, topics,
    # footnotes, sources; when its annotations last changed (the letter's history,
    # its notes' history); letter to letter: alone in the edition, no letter on the
    # dated side either way nor among the undated (3), the keys of its one
    # correspondence (1), none to read neighbours that are not there
    with django_assert_num_queries(14):
        assert client.get(document_9.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [3, 12])
def test_topic_pages_cost_the_same_queries_for_3_or_12_letters(
    client, django_assert_num_queries, n
):
    topic, _ = letters_with_people(n)
    with django_assert_num_queries(1):
        assert client.get("/topics/").status_code == 200
    # topic, count, letters, senders, recipients
    with django_assert_num_queries(5):
        assert client.get(topic.get_absolute_url()).status_code == 200


def test_facets_show_ten_values_fold_at_most_forty_and_keep_the_selected(client):
    topics = [make_topic() for _ in range(60)]
    for topic in topics:
        make_letter(topics=[topic])
    chosen = make_topic().slug  # no letters: listed last, with 0
    response = client.get(f"/letters/?topic={chosen}")
    group = next(g for g in response.context["facet_groups"] if g["name"] == "topic")
    assert len(group["shown"]) == 11  # ten, and the selected one beyond them
    assert group["shown"][-1]["value"] == chosen
    assert len(group["more"]) == 40
    assert group["left_out"] == 10
    assert "And 10 more with fewer letters" in response.content.decode()


@pytest.mark.parametrize("as_written", ["29.IV. 09", "Written November 11, 1902"])
def test_a_letters_title_gives_its_normalised_date_not_the_date_as_written(
    client, as_written
):
    letter = make_letter(
        senders=[make_person("Lenin")],
        recipients=[make_person("Maxim Gorky")],
        date=dt.date(1909, 4, 29),
        date_as_written=as_written,
    )
    assert letter.title == "Lenin to Maxim Gorky, 29 April 1909"
    html = client.get(letter.get_absolute_url()).content.decode()
    assert '<h1 id="letter-title">Lenin to Maxim Gorky, 29 April 1909</h1>' in html
    assert as_written in html
