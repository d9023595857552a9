"""generate_corpus: a small synthetic edition, deterministic, searchable, exportable."""

import sqlite3
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from benchmarks.synthetic import shape
from benchmarks.synthetic.records import CorpusGenerator
from browse.search import search_letters
from correspondence import search_index as search
from correspondence.models import Footnote, Letter, Topic
from people.models import Person, PersonName
from places.models import Place

pytestmark = pytest.mark.django_db

N = 120


def generate(letters=N, seed=7, **options):
    out, err = StringIO(), StringIO()
    call_command(
        "generate_corpus", letters=letters, seed=seed, stdout=out, stderr=err, **options
    )
    return out.getvalue(), err.getvalue()


def snapshot():
    return {
        "letters": list(
            Letter.objects.order_by(
                "slug", "senders__slug", "recipients__slug"
            ).values_list(
                "slug",
                "date_as_written",
                "date_start",
                "date_end",
                "body",
                "senders__slug",
                "recipients__slug",
                "place_sent",
                "sent_from__slug",
                "place_received",
                "sent_to__slug",
            )
        ),
        "notes": list(
            Footnote.objects.order_by("letter__slug", "number").values_list(
                "letter__slug", "number", "text"
            )
        ),
        "people": list(Person.objects.order_by("slug").values_list("slug", "name")),
        "names": sorted(PersonName.objects.values_list("person__slug", "name", "kind")),
        "topics": list(Topic.objects.order_by("slug").values_list("slug", flat=True)),
        "places": list(
            Place.objects.order_by("slug").values_list(
                "slug", "name", "variant_names", "latitude", "longitude"
            )
        ),
    }


def clear():
    Letter.objects.all().delete()
    PersonName.objects.all().delete()
    Person.objects.all().delete()
    Topic.objects.all().delete()
    Place.objects.all().delete()


def test_the_counts_follow_the_request():
    out, err = generate()
    assert Letter.objects.count() == N
    assert Topic.objects.count() == shape.TOPIC_COUNT
    assert Person.objects.count() == 10  # at least ten people, about one per 50 letters
    # the distinct names of 200 drawn: the same at every size
    assert 190 <= Place.objects.count() <= shape.PLACE_NAMES
    assert f"Generated {N} letters" in out
    assert f"{Place.objects.count()} places" in out
    assert "Letters [" in err  # the progress bar is on stderr
    assert Letter.objects.filter(senders__isnull=True).count() == 0


def test_the_same_seed_gives_the_same_edition_and_another_seed_another():
    generate(seed=3)
    first = snapshot()
    clear()
    generate(seed=3)
    assert snapshot() == first
    clear()
    generate(seed=4)
    assert snapshot()["letters"] != first["letters"]


def test_letters_look_like_an_edition():
    generate(letters=400)
    lengths = [
        len(body.split()) for body in Letter.objects.values_list("body", flat=True)
    ]
    assert min(lengths) >= shape.MIN_WORDS and max(lengths) <= shape.MAX_WORDS + 40
    precisions = set(Letter.objects.values_list("date_precision", flat=True))
    assert {"day", "month", "range", "before", "after"} <= precisions
    years = [
        d.year
        for d in Letter.objects.exclude(date_min=None).values_list(
            "date_min", flat=True
        )
    ]
    assert shape.FIRST_YEAR <= min(years) and max(years) <= shape.LAST_YEAR
    assert PersonName.objects.exists()
    # every footnote has its marker in the body, in order
    for letter in Letter.objects.prefetch_related("footnotes")[:50]:
        for note in letter.footnotes.all():
            assert f"[^{note.number}]" in letter.body
    # ids follow the dates
    dates = list(
        Letter.objects.order_by("pk")
        .exclude(date_min=None)
        .values_list("date_min", flat=True)
    )
    assert dates == sorted(dates)


def test_letters_are_linked_to_the_places_they_print():
    generate(letters=400)
    letters = Letter.objects.select_related("sent_from", "sent_to")
    assert not letters.filter(sent_from=None).exists()
    for letter in letters:
        # the printed text is the place's name or one of its other spellings
        assert letter.place_sent in [letter.sent_from.name, *letter.sent_from.names]
        if letter.place_received:
            assert letter.place_received in [letter.sent_to.name, *letter.sent_to.names]
        else:
            assert letter.sent_to is None
    assert letters.exclude(sent_to=None).exists()
    # some letters print another spelling, as documents do
    assert letters.exclude(place_sent=F("sent_from__name")).exists()
    places = Place.objects.all()
    assert places.exclude(variant_names="").exists()
    assert places.with_coordinates().count() > places.count() // 2
    assert places.filter(latitude=None, longitude=None).exists()
    assert len({p.slug for p in places}) == places.count()


def test_places_leave_the_rest_of_the_edition_as_the_seed_made_it():
    """The places' details come from a generator of their own: without them the
    letters, people and text are those of the same seed."""
    with_places = list(CorpusGenerator(300, 5).letters())
    without = CorpusGenerator(300, 5)
    without.places = lambda: []
    without._printed_place = lambda name: (name, None)
    for a, b in zip(with_places, without.letters(), strict=True):
        assert (a.slug, a.body, a.senders, a.footnotes) == (
            b.slug,
            b.body,
            b.senders,
            b.footnotes,
        )


def test_the_bulk_index_rows_are_those_search_would_build():
    generate(letters=60)
    ids = list(Letter.objects.values_list("pk", flat=True))
    bulk = {row[0]: row for row in _index_rows(ids)}
    search.index_letters(ids)
    rebuilt = {row[0]: row for row in _index_rows(ids)}
    assert bulk == rebuilt
    assert len(bulk) == 60


def _index_rows(ids):
    from django.db import connection

    table, key = (
        ("letter_fts", "rowid")
        if connection.vendor == "sqlite"
        else ("correspondence_letter_search", "letter_id")
    )
    extra = ", document::text" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, names, body, notes{extra} FROM {table}")
        return cursor.fetchall()


def test_generated_letters_are_searchable_by_common_rare_and_names():
    generate()
    common = search_letters("letter").count()
    assert 0 < common < N
    letter = Letter.objects.order_by("pk").first()
    rare = next(
        w
        for w in letter.body.replace(",", " ").replace(".", " ").split()
        if w.lower() in shape.vocabulary(7)[len(shape.COMMON_WORDS) + 5000 :]
    )
    assert letter in search_letters(rare)
    person = Person.objects.filter(letters_sent=letter).first()
    assert letter in search_letters(person.name)


def test_a_second_run_needs_append():
    generate(letters=20)
    with pytest.raises(CommandError, match="already holds letters"):
        generate(letters=20)
    generate(letters=20, append=True)
    assert Letter.objects.count() == 40
    # the second run's places are its own, under slugs of their own
    assert Letter.objects.values("sent_from").distinct().count() > 20


def test_the_export_is_a_plain_sqlite_file_with_fts5(tmp_path):
    path = tmp_path / "edition.db"
    out, _ = generate(export_sqlite=str(path))
    assert f"Exported {N} letters" in out
    db = sqlite3.connect(path)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {
        "letters",
        "people",
        "topics",
        "places",
        "footnotes",
        "letter_senders",
        "letter_recipients",
        "letter_mentions",
        "letter_topics",
        "letters_fts",
    } <= tables
    assert (
        "fts5"
        in db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'letters_fts'"
        ).fetchone()[0]
    )
    assert db.execute("SELECT count(*) FROM letters").fetchone()[0] == N
    matches = db.execute(
        "SELECT count(*) FROM letters_fts WHERE letters_fts MATCH 'letter'"
    ).fetchone()[0]
    assert matches == search_letters("letter").count()
    slug, sender = db.execute(
        "SELECT l.slug, p.name FROM letters l JOIN people p ON p.id = l.sender "
        "ORDER BY l.id LIMIT 1"
    ).fetchone()
    assert Letter.objects.get(slug=slug).senders.first().name == sender
    assert (
        "[^" not in db.execute("SELECT group_concat(body) FROM letters").fetchone()[0]
    )
    slug, place, sent_to = db.execute(
        "SELECT l.slug, p.slug, l.sent_to FROM letters l "
        "JOIN places p ON p.id = l.sent_from ORDER BY l.id LIMIT 1"
    ).fetchone()
    letter = Letter.objects.get(slug=slug)
    assert (place, sent_to) == (letter.sent_from.slug, letter.sent_to_id)
    assert db.execute("SELECT count(*) FROM places").fetchone()[0] == (
        Place.objects.count()
    )
