"""Letter to letter: the previous and next letter by date across the edition and within
one correspondence, in the order of the list of letters, with uncertain dates said."""

import datetime as dt
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext

from correspondence.models import Letter
from tests.factories import make_letter, make_person

SEED = "lenin-to-armand-1914-07-16"


def page(client, slug):
    response = client.get(f"/letters/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_next_and_previous_walk_the_edition_in_the_order_of_the_list(db):
    rng = random.Random(18)
    days = [dt.date(1914, 6, d) for d in (1, 2, 2, 2, 5, 9)]
    for n in range(30):
        day = rng.choice(days + [None])
        end = day + dt.timedelta(days=rng.choice([0, 0, 40])) if day else None
        # only one bound known for some: they stand at the bound they have
        start = None if day and n % 7 == 0 else day
        make_letter(
            slug=f"walk-{rng.randrange(1000):03d}-{n}",
            date=None,
            date_start=start,
            date_end=end,
        )
    in_order = list(Letter.objects.in_date_order().values_list("slug", flat=True))

    forward, letter = [], Letter.objects.in_date_order().first()
    while letter is not None:
        forward.append(letter.slug)
        letter = Letter.objects.next_after(letter)
    backward, letter = [], Letter.objects.in_date_order(descending=True).first()
    while letter is not None:
        backward.append(letter.slug)
        letter = Letter.objects.previous_before(letter)

    assert forward == in_order
    assert backward == in_order[::-1]


def test_a_letter_page_links_to_the_letters_either_side_by_date(client, edition):
    html = page(client, SEED)
    assert '<a href="/letters/lenin-to-armand-before-1914-07-06/" rel="prev">' in html
    assert '<a href="/letters/lenin-to-armand-before-1914-07-25/" rel="next">' in html
    # the browser's own prev/next too
    head = html[: html.index("</head>")]
    assert (
        '<link rel="prev" href="/letters/lenin-to-armand-before-1914-07-06/">' in head
    )
    assert (
        '<link rel="next" href="/letters/lenin-to-armand-before-1914-07-25/">' in head
    )


def test_the_first_and_last_letters_say_so(client, edition):
    first = page(client, "lenin-to-armand-1914-06-07")
    assert 'rel="prev"' not in first
    assert "none: this is the first" in first
    last = page(client, "lenin-to-shahumyan-1918-05-14")
    assert 'rel="next"' not in last
    assert "none: this is the last" in last


def test_a_correspondence_reads_on_in_both_directions_and_skips_other_letters(
    client, edition
):
    lenin, armand = (
        Letter.objects.get(slug=SEED).senders.get(),
        Letter.objects.get(slug=SEED).recipients.get(),
    )
    reply = make_letter(
        slug="armand-to-lenin-1914-07-20",
        date=dt.date(1914, 7, 20),
        senders=[armand],
        recipients=[lenin],
    )
    # to someone else, between the two: in the edition, not in the correspondence
    make_letter(
        slug="lenin-to-other-1914-07-18",
        date=dt.date(1914, 7, 18),
        senders=[lenin],
        recipients=[make_person("Someone Else")],
    )

    html = page(client, SEED)
    section = html[html.index("Between Lenin and Inessa Armand") :]
    edition_part = html[: html.index("Between Lenin and Inessa Armand")]
    assert 'href="/letters/lenin-to-other-1914-07-18/" rel="next"' in edition_part
    assert 'href="/letters/armand-to-lenin-1914-07-20/">' in section
    assert "lenin-to-other-1914-07-18" not in section

    back = page(client, reply.slug)
    section = back[back.index("Between Inessa Armand and Lenin") :]
    assert f'href="/letters/{SEED}/">' in section
    assert 'href="/letters/lenin-to-armand-before-1914-07-25/">' in section
    assert (
        "/letters/?sender=armand&amp;recipient=lenin" in section
        and "/letters/?sender=lenin&amp;recipient=armand" in section
    )


def test_a_letter_alone_in_its_correspondence_has_no_neighbours_there(client, edition):
    html = page(client, "lenin-to-shahumyan-1918-05-14")
    section = html[html.index("Between Lenin and Shahumyan") :]
    assert "none: this is the first of their letters" in section
    assert "none: this is the last of their letters" in section


def test_a_letter_with_an_uncertain_date_is_placed_by_its_range_and_says_so(
    client, edition
):
    html = page(client, "lenin-to-armand-before-1914-07-06")
    assert (
        'Its date is known only as before <time datetime="1914-07-06">6 July 1914'
        "</time>: in date order it stands at that day." in html
    )
    neighbour = page(client, SEED)
    assert (
        'uncertain date, placed at <time datetime="1914-07-06">6 July 1914</time>'
        in neighbour
    )
    ranged = make_letter(
        date=None, date_start=dt.date(1914, 7, 1), date_end=dt.date(1914, 7, 31)
    )
    assert "in date order it stands at the first day of that range" in page(
        client, ranged.slug
    )
    # a letter dated to the day says nothing of the kind
    assert "in date order it stands" not in neighbour


def test_an_undated_letter_stands_where_the_list_of_letters_puts_it(client, edition):
    undated = make_letter(slug="undated-letter", date=None)
    html = page(client, undated.slug)
    in_order = list(Letter.objects.in_date_order().values_list("slug", flat=True))
    assert in_order.index("undated-letter") in (0, len(in_order) - 1)
    where = "after" if connection.features.nulls_order_largest else "before"
    assert f"with the undated letters, {where} the dated ones" in html
    if where == "after":
        assert 'href="/letters/lenin-to-shahumyan-1918-05-14/" rel="prev"' in html
    else:
        assert 'href="/letters/lenin-to-armand-1914-06-07/" rel="next"' in html


def test_the_neighbours_take_the_same_queries_however_many_letters(
    client, db, django_assert_num_queries
):
    lenin, armand = make_person(), make_person()

    def add_letters(first_day, count):
        for day in range(first_day, first_day + count):
            date = dt.date(1914, 1, 1) + dt.timedelta(days=day)
            make_letter(date=date)
            make_letter(date=date, senders=[lenin], recipients=[armand])

    add_letters(0, 3)
    middle = Letter.objects.in_date_order()[3]
    with CaptureQueriesContext(connection) as few:
        page(client, middle.slug)
    add_letters(3, 30)
    with django_assert_num_queries(len(few)):
        page(client, middle.slug)


def test_either_side_of_a_letter_in_a_correspondence_follows_the_date_order(db):
    lenin, armand, other = make_person(), make_person(), make_person()
    days = [dt.date(1914, 6, d) for d in (3, 1, 2, 2)]
    letters = [
        make_letter(
            slug=f"pair-{n}",
            date=day,
            senders=[lenin if n % 2 else armand],
            recipients=[armand if n % 2 else lenin],
        )
        for n, day in enumerate(days)
    ]
    make_letter(date=dt.date(1914, 6, 2), senders=[lenin], recipients=[other])
    between = Letter.objects.exchanged_between(lenin, armand)
    # in date order: pair-1 (1 June), pair-2, pair-3 (2 June, by slug), pair-0
    assert between.either_side_of(letters[2]) == (letters[1], letters[3])
    assert between.either_side_of(letters[1]) == (None, letters[2])
    assert between.either_side_of(letters[0]) == (letters[3], None)


def test_the_api_gives_the_neighbours_with_their_dates(client, edition):
    data = client.get(f"/api/letters/{SEED}/neighbours/").json()
    assert data["previous"]["slug"] == "lenin-to-armand-before-1914-07-06"
    assert data["previous"]["date"]["precision"] == "before"
    assert data["previous"]["date"]["end"] == "1914-07-06"
    assert data["next"]["slug"] == "lenin-to-armand-before-1914-07-25"
    assert data["correspondences"] == [
        {
            "between": [
                {"slug": "lenin", "name": "Lenin"},
                {"slug": "armand", "name": "Inessa Armand"},
            ],
            "previous": data["previous"],
            "next": data["next"],
        }
    ]
    last = client.get("/api/letters/lenin-to-shahumyan-1918-05-14/neighbours/").json()
    assert last["next"] is None
    assert last["correspondences"][0]["previous"] is None
    missing = client.get("/api/letters/no-such-letter/neighbours/")
    assert missing.status_code == 404
    assert missing.json() == {
        "detail": "There is no letter with the slug 'no-such-letter'."
    }
