"""generate_corpus: a small synthetic edition, deterministic, searchable, exportable."""

import sqlite3
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from benchmarks.synthetic import shape
from browse.search import search_letters
from correspondence import search_index as search
from correspondence.models import Footnote, Letter, Topic
from people.models import Person, PersonName

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
            Letter.objects.order_by("slug").values_list(
                "slug",
                "date_as_written",
                "date_start",
                "date_end",
                "body",
                "senders__slug",
                "recipients__slug",
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
    }


def clear():
    Letter.objects.all().delete()
    PersonName.objects.all().delete()
    Person.objects.all().delete()
    Topic.objects.all().delete()


def test_the_counts_follow_the_request():
    out, err = generate()
    assert Letter.objects.count() == N
    assert Topic.objects.count() == shape.TOPIC_COUNT
    assert Person.objects.count() == 10  # at least ten people, about one per 50 letters
    assert f"Generated {N} letters" in out
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
