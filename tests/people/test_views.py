"""People pages: everyone, and one person's names and letters."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from correspondence.models import Letter
from people.models import PersonName
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def troianovsky():
    return make_person(
        "A.A. Troianovsky",
        slug="troianovsky",
        life_dates="1881-?",
        note="Russian writer and economist. "
        "Vacillated between the Bolsheviks and Mensheviks.",
        variants=[],
    )


@pytest.fixture
def lenin():
    return make_person("Lenin", slug="lenin", variants=[("W.L.", "signature")])


def test_people_list_gives_variant_names_and_letter_counts(client, lenin, troianovsky):
    PersonName.objects.create(
        person=troianovsky,
        name="army",
        kind="pseudonym",
        note="possibly (Document 9, note 5)",
    )
    armand = make_person("Armand", slug="armand")
    make_letter(senders=[lenin], recipients=[armand], mentions=[troianovsky])
    make_letter(senders=[lenin], recipients=[armand])
    response = client.get("/people/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/people/lenin/">Lenin</a>' in html
    assert "W.L." in html
    assert "army" in html
    assert "(1881-?)" in html
    lenin_row = html[html.index('href="/people/lenin/"') :]
    lenin_row = lenin_row[: lenin_row.index("</li>")]
    assert "2 sent" in lenin_row and "0 received" in lenin_row
    armand_row = html[html.index('href="/people/armand/"') :]
    armand_row = armand_row[: armand_row.index("</li>")]
    assert "2 received" in armand_row
    assert "mentioned in 1" in html


def test_person_page_groups_names_by_kind_with_their_notes(client, troianovsky):
    PersonName.objects.create(
        person=troianovsky,
        name="army",
        kind="pseudonym",
        note="possibly (Document 9, note 5)",
    )
    PersonName.objects.create(person=troianovsky, name="Troyanovsky", kind="spelling")
    response = client.get(troianovsky.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1>A.A. Troianovsky <span class="life-dates">(1881-?)</span></h1>' in html
    assert "Russian writer and economist." in html
    assert "<dt>Pseudonym or code name</dt>" in html
    assert (
        '<span class="name">army</span> <span class="name__note">— possibly '
        "(Document 9, note 5)</span>" in html
    )
    assert html.index("<dt>Spelling</dt>") < html.index(
        "<dt>Pseudonym or code name</dt>"
    )


def row_names(html):
    return re.findall(r'class="person-row__name"><a href="[^"]*">([^<]*)</a>', html)


def test_organisations_are_listed_after_the_people_under_their_own_heading(
    client, lenin
):
    make_person("Zasulich", slug="zasulich")
    make_person("Akmolinsk Soviet", kind="organisation")
    make_person("Cheka", slug="cheka", kind="organisation")
    html = client.get("/people/").content.decode()
    assert row_names(html) == ["Lenin", "Zasulich", "Akmolinsk Soviet", "Cheka"]
    people = html.index('<h2 id="people-heading">People</h2>')
    organisations = html.index('<h2 id="organisations-heading">Organisations</h2>')
    assert people < html.index(">Zasulich<") < organisations < html.index(">Cheka<")
    assert '<h3 class="person-row__name"><a href="/people/cheka/">' in html


def test_a_page_without_organisations_has_no_sections(client, lenin, troianovsky):
    make_person("Cheka", slug="cheka", kind="organisation")
    html = client.get("/people/?q=Lenin").content.decode()
    assert row_names(html) == ["Lenin"]
    assert "Organisations</h2>" not in html and 'id="people-heading"' not in html
    assert '<h2 class="person-row__name"><a href="/people/lenin/">' in html

    html = client.get("/people/?q=Cheka").content.decode()
    assert row_names(html) == ["Cheka"]
    assert "Organisations</h2>" in html and 'id="people-heading"' not in html


def test_an_organisation_s_page_says_it_is_one_without_life_dates(client, lenin):
    cheka = make_person("Cheka", slug="cheka", kind="organisation")
    make_letter(senders=[lenin], recipients=[cheka])
    html = client.get(cheka.get_absolute_url()).content.decode()
    assert "<h1>Cheka</h1>" in html
    assert "An organisation, not a person" in html
    assert "life-dates" not in html
    assert 'Letters received <span class="count">(1)</span>' in html
    person_page = client.get(lenin.get_absolute_url()).content.decode()
    assert "An organisation" not in person_page


def test_person_page_omits_life_dates_and_note_when_the_documents_give_none(
    client, lenin
):
    html = client.get(lenin.get_absolute_url()).content.decode()
    assert "<h1>Lenin</h1>" in html
    assert "life-dates" not in html
    assert "Editorial note" not in html


def test_person_page_lists_letters_sent_received_and_mentioned_in_date_order(
    client, lenin
):
    armand = make_person("Armand", slug="armand")
    later = make_letter(date=dt.date(1914, 7, 25), senders=[lenin], recipients=[armand])
    earlier = make_letter(
        date=dt.date(1914, 6, 7), senders=[lenin], recipients=[armand]
    )
    to_lenin = make_letter(senders=[armand], recipients=[lenin])
    naming = make_letter(senders=[armand], recipients=[armand], mentions=[lenin])
    html = client.get(lenin.get_absolute_url()).content.decode()
    sent = html[html.index('id="sent-heading"') : html.index('id="received-heading"')]
    received = html[
        html.index('id="received-heading"') : html.index('id="mentioned-heading"')
    ]
    mentioned = html[html.index('id="mentioned-heading"') :]
    assert sent.index(earlier.get_absolute_url()) < sent.index(later.get_absolute_url())
    assert 'Letters sent <span class="count">(2)</span>' in sent
    assert to_lenin.get_absolute_url() in received
    assert to_lenin.get_absolute_url() not in sent
    assert naming.get_absolute_url() in mentioned
    assert "Armand to Armand" in mentioned


def test_person_page_says_when_a_list_is_empty(client, lenin):
    html = client.get(lenin.get_absolute_url()).content.decode()
    assert html.count("None in the edition.") == 3


def test_unknown_person_is_a_404(client):
    response = client.get("/people/nobody/")
    assert response.status_code == 404
    assert "There is no page at this address" in response.content.decode()


def correspondents_with_letters(n):
    lenin = make_person("Lenin", slug="lenin", variants=[("W.L.", "signature")])
    others = [make_person(variants=[(f"alias {i}", "pseudonym")]) for i in range(3)]
    for i in range(n):
        make_letter(
            date=dt.date(1914, 1, 1) + dt.timedelta(days=i),
            senders=[lenin],
            recipients=[others[i % 3]],
            mentions=[lenin, others[0]],
        )
        make_letter(senders=[others[i % 3]], recipients=[lenin])
    return lenin


@pytest.mark.parametrize("n", [3, 12])
def test_people_list_costs_the_same_queries_for_3_or_12_letters(
    client, django_assert_num_queries, n
):
    correspondents_with_letters(n)
    # the A-Z index's initials, count, people with counts, their names
    with django_assert_num_queries(4):
        assert client.get("/people/").status_code == 200


@pytest.mark.parametrize("n", [3, 12])
def test_person_page_costs_the_same_queries_for_3_or_12_letters(
    client, django_assert_num_queries, n
):
    lenin = correspondents_with_letters(n)
    # person with counts, names, the data version (the edition's size from the browse
    # index), the ids of each of 3 lists, then the letters of all three (letters,
    # senders, recipients);
    # correspondents from the browse index: the data version and their names; the
    # timeline, as /letters/?correspondent= draws it: the person's slug checked, the
    # data version, and the browse index built for it (letters, people, topics, places,
    # languages, 4 link tables; on PostgreSQL whether it has the RUM index), once per
    # data version and process, shared with /letters/ and the correspondents
    with django_assert_num_queries(23 if connection.vendor == "postgresql" else 22):
        assert client.get(lenin.get_absolute_url()).status_code == 200


def test_a_person_s_lists_show_the_first_letters_and_link_to_all(
    client, settings, lenin, troianovsky
):
    settings.RECORD_PAGE_LETTERS = 2
    letters = [
        make_letter(
            date=dt.date(1910 - n, 1, 1), senders=[lenin], recipients=[troianovsky]
        )
        for n in range(3)
    ]
    content = client.get(lenin.get_absolute_url()).content.decode()
    # the first two in date order: the letters of 1908 and 1909, not 1910's
    assert letters[2].get_absolute_url() in content
    assert letters[1].get_absolute_url() in content
    assert letters[0].get_absolute_url() not in content
    assert "Showing the first 2 of 3, in date order." in content
    assert 'href="/letters/?sender=lenin"' in content


@pytest.mark.parametrize(
    "share, links_first, way",
    [(2, 1000, "EXISTS"), (1000, 1000, "COALESCE"), (1000, 0, "ORDER BY")],
)
def test_a_person_s_first_letters_are_the_same_found_every_way(
    monkeypatch, share, links_first, way
):
    # someone on a large share of the letters: the letters walked in date order,
    # each checked for a link; anyone else: their own letters sorted
    monkeypatch.setattr("correspondence.models.LARGE_SHARE", share)
    monkeypatch.setattr("correspondence.models.LINKS_FIRST", links_first)
    busy, other = make_person("Busy"), make_person("Other")
    for n in range(12):
        mine = n % 3 != 0
        make_letter(
            date=dt.date(1900 + (n * 7) % 12, 1 + n % 2, 1),
            senders=[busy if mine else other],
            recipients=[other if mine else busy],
            mentions=[busy] if mine else [],
        )
    # undated: where each database puts NULLs, the same either way
    make_letter(date=None, senders=[busy], recipients=[other], mentions=[busy])
    for relation in ("senders", "mentions"):
        mine = Letter.objects.filter(**{relation: busy})
        with CaptureQueriesContext(connection) as queries:
            found = list(Letter.objects.first_of(busy, relation, mine.count(), 3))
        assert found == list(mine.in_date_order()[:3])
        sql = queries[-1]["sql"]
        assert way in sql and ("EXISTS" in sql) is (way == "EXISTS")
        assert ("COALESCE" in sql) is (way == "COALESCE")


def test_several_short_lists_are_read_in_one_query_each_in_its_own_order(
    django_assert_num_queries,
):
    lenin, krupskaya = make_person("Lenin"), make_person("Krupskaya")
    letters = [
        make_letter(
            date=dt.date(1900 + n, 1, 1), senders=[lenin], recipients=[krupskaya]
        )
        for n in range(4)
    ]
    sent = Letter.objects.filter(senders=lenin).in_date_order()[:3]
    latest = Letter.objects.filter(senders=lenin).in_date_order(descending=True)[:2]
    # the ids of each list, then their letters, senders and recipients once
    with django_assert_num_queries(5):
        lists = Letter.objects.with_people().in_lists({"sent": sent, "latest": latest})
        titles = {
            key: [letter.title for letter in found] for key, found in lists.items()
        }
    assert lists == {"sent": letters[:3], "latest": [letters[3], letters[2]]}
    assert titles["latest"][0].startswith("Lenin to Krupskaya, ")
    assert Letter.objects.in_lists({"none": Letter.objects.none()}) == {"none": []}


def test_a_busy_person_s_page_does_not_count_every_letter(
    client, monkeypatch, settings
):
    # the size of the edition, which decides how the first letters are found, comes
    # from the browse index: PostgreSQL counts by reading every letter (17 ms at
    # 100,000, once per list)
    monkeypatch.setattr("correspondence.models.LARGE_SHARE", 2)
    settings.RECORD_PAGE_LETTERS = 3
    busy, other = make_person("Busy"), make_person("Other")
    for n in range(12):
        make_letter(date=dt.date(1900 + n, 1, 1), senders=[busy], recipients=[other])
    with CaptureQueriesContext(connection) as queries:
        content = client.get(busy.get_absolute_url()).content.decode()
    assert any("EXISTS" in q["sql"] for q in queries)  # the busy person's way
    assert not [
        q["sql"]
        for q in queries
        if q["sql"].startswith(
            'SELECT COUNT(*) AS "__count" FROM "correspondence_letter"'
        )
        and "WHERE" not in q["sql"]
    ]
    assert content.count('class="letter-row"') == 3
