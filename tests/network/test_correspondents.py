"""A person's correspondence: their correspondents with the letters each way and the
years, and a timeline of their letters, every count a link to those letters."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from correspondence.models import Letter
from network.correspondents import busiest_exchanges, exchanges
from network.templatetags.letter_timelines import correspondent_histogram
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db


def on(year, month=1, day=1):
    return dt.date(year, month, day)


@pytest.fixture
def lenin_and_friends():
    lenin = make_person("Lenin", slug="lenin")
    armand = make_person("Inessa Armand", slug="armand")
    gorky = make_person("Gorky", slug="gorky")
    for year in (1913, 1914, 1914):
        make_letter(date=on(year), senders=[lenin], recipients=[armand])
    make_letter(date=on(1916, 3), senders=[armand], recipients=[lenin])
    # a range: its last year counts in the years of the exchange
    make_letter(
        date=None,
        date_start=on(1910),
        date_end=on(1911, 12, 31),
        senders=[gorky],
        recipients=[lenin],
    )
    # written by both to Gorky: one letter to Gorky from each sender
    make_letter(date=on(1912), senders=[lenin, armand], recipients=[gorky])
    # between others: not Lenin's
    make_letter(date=on(1920), senders=[armand], recipients=[gorky])
    return lenin, armand, gorky


def test_each_correspondent_with_the_letters_each_way_and_the_years(
    lenin_and_friends,
):
    lenin, armand, gorky = lenin_and_friends
    found = {
        e.correspondent.slug: (e.to_them, e.from_them, e.first_year, e.last_year)
        for e in exchanges(lenin)
    }
    assert found == {"armand": (3, 1, 1913, 1916), "gorky": (1, 1, 1910, 1912)}
    # busiest first
    assert [e.correspondent.slug for e in exchanges(lenin)] == ["armand", "gorky"]


def test_a_co_author_is_not_their_own_correspondent_nor_is_a_letter_to_oneself(db):
    lenin = make_person("Lenin")
    make_letter(senders=[lenin], recipients=[lenin])
    assert exchanges(lenin) == []


def test_undated_letters_count_but_give_no_years(db):
    lenin, armand = make_person(), make_person()
    make_letter(date=None, senders=[lenin], recipients=[armand])
    (exchange,) = exchanges(lenin)
    assert (exchange.to_them, exchange.first_year, exchange.last_year) == (
        1,
        None,
        None,
    )


def test_every_count_links_to_those_letters_on_the_browsing_page(
    client, lenin_and_friends
):
    lenin, armand, gorky = lenin_and_friends
    html = client.get(lenin.get_absolute_url()).content.decode()
    assert '<a href="/letters/?sender=lenin&amp;recipient=armand"' in html
    assert '<a href="/letters/?sender=armand&amp;recipient=lenin"' in html
    assert "1913–1916" in html and "1910–1912" in html
    # and each count's link gives the letters counted
    table = html.split('<table class="correspondents">', 1)[1].split("</table>")[0]
    links = re.findall(
        r'<td class="correspondents__n"><a href="([^"]+)"[^>]*>(\d+)</a>', table
    )
    assert len(links) == sum(
        bool(e.to_them) + bool(e.from_them) for e in exchanges(lenin)
    )
    for url, count in links:
        data = client.get("/api" + url.replace("&amp;", "&")).json()
        assert data["count"] == int(count), url


def test_the_timeline_counts_the_person_s_letters_per_year_with_links(
    lenin_and_friends,
):
    lenin, _, _ = lenin_and_friends
    bars = {bar.label: bar for bar in correspondent_histogram(lenin)["bars"]}
    assert list(bars) == [str(year) for year in range(1910, 1917)]
    assert (bars["1914"].dated, bars["1914"].uncertain) == (2, 0)
    # the letter of 1910-1911 is drawn, uncertain, in both years
    assert (bars["1910"].uncertain, bars["1911"].uncertain) == (1, 1)
    assert bars["1915"].count == 0
    query = parse_qs(urlsplit(bars["1914"].url).query)
    assert query == {"correspondent": ["lenin"], "year": ["1914"]}
    assert (
        Letter.objects.with_correspondents(["lenin"]).in_years(1914, 1914).count() == 2
    )


def test_the_person_page_shows_the_timeline_and_the_table(client, lenin_and_friends):
    lenin, _, _ = lenin_and_friends
    html = client.get(lenin.get_absolute_url()).content.decode()
    assert '<h2 id="correspondents-heading">Correspondents' in html
    assert 'href="/letters/?correspondent=lenin&amp;year=1914"' in html
    assert '<th scope="row"><a href="/people/armand/">Inessa Armand</a></th>' in html


def test_a_person_without_letters_has_no_correspondents_section(client, db):
    nobody = make_person("Nobody")
    html = client.get(nobody.get_absolute_url()).content.decode()
    assert "Correspondents" not in html
    assert "timeline" not in html


def test_the_busiest_are_shown_and_the_others_counted(client, db, monkeypatch):
    monkeypatch.setattr("network.templatetags.correspondents.MAX_SHOWN", 2)
    lenin = make_person("Lenin", slug="lenin")
    for n in range(4):
        other = make_person(f"Other {n}")
        for _ in range(n + 1):
            make_letter(senders=[lenin], recipients=[other])
    html = client.get(lenin.get_absolute_url()).content.decode()
    assert "Other 3" in html and "Other 2" in html
    assert "Other 1" not in html.split("Correspondents", 1)[1].split("</table>")[0]
    assert "2 more correspondents" in html


def test_the_seed_edition_s_lenin(client, edition):
    html = client.get("/people/lenin/").content.decode()
    assert 'href="/letters/?sender=lenin&amp;recipient=armand"' in html
    found = {
        e.correspondent.slug: (e.to_them, e.from_them)
        for e in exchanges(
            Letter.objects.get(slug="lenin-to-shahumyan-1918-05-14").senders.get()
        )
    }
    assert found == {"armand": (4, 0), "shahumyan": (1, 0)}


def exchanges_in_sql(person):
    """{slug: (to them, from them, first year, last year)} by GROUP BYs over the link
    tables, as the page counted before the browse index did."""
    from django.db.models import Count, Max, Min

    senders, recipients = Letter.senders.through, Letter.recipients.through
    found = {}
    for column, (mine, theirs) in enumerate(
        ((senders, recipients), (recipients, senders))
    ):
        own = mine.objects.filter(person=person).values("letter_id")
        for row in (
            theirs.objects.filter(letter_id__in=own)
            .exclude(person=person)
            .values("person__slug")
            .annotate(
                n=Count("letter_id"),
                first=Min("letter__date_min"),
                last=Max("letter__date_max"),
            )
        ):
            entry = found.setdefault(row["person__slug"], [0, 0, [], []])
            entry[column] = row["n"]
            entry[2] += [row["first"].year] if row["first"] else []
            entry[3] += [row["last"].year] if row["last"] else []
    return {
        slug: (to, back, min(first, default=None), max(last, default=None))
        for slug, (to, back, first, last) in found.items()
    }


def test_the_counts_are_those_of_the_link_tables(db):
    people = [make_person(f"Person {n}", slug=f"p{n}") for n in range(5)]
    undated = {"date": None}
    ranged = {"date": None, "date_start": on(1905), "date_end": on(1908, 6)}
    before = {"date": None, "date_end": on(1899, 3), "date_precision": "before"}
    for n in range(30):
        senders = [people[n % 5]] + ([people[(n + 2) % 5]] if n % 7 == 0 else [])
        recipients = [people[(n * 3 + 1) % 5]] + ([people[0]] if n % 4 == 0 else [])
        dates = [{"date": on(1890 + n)}, undated, ranged, before][n % 4]
        make_letter(senders=senders, recipients=recipients, **dates)
    for person in people:
        found = {
            e.correspondent.slug: (e.to_them, e.from_them, e.first_year, e.last_year)
            for e in exchanges(person)
        }
        assert found == exchanges_in_sql(person), person.slug
        everyone = exchanges(person)
        for limit in (1, 2, 10):
            # the busiest, ranked as the whole list ranks them, and how many are left
            shown, left_out = busiest_exchanges(person, limit)
            assert shown == everyone[:limit]
            assert left_out == max(0, len(everyone) - limit)
