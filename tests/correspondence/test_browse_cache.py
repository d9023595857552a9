"""The data's version (migration 0004) and what is cached on it (browse_cache.py)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from browse import cache as browse_cache
from config import page_cache
from correspondence import data_version
from correspondence.models import Footnote, Letter, Topic
from people.models import Person, PersonName
from tests.factories import make_letter, make_person, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def version():
    return data_version.data_version()


def test_every_kind_of_write_changes_the_version():
    person = make_person("Anna Ivanova")
    topic = make_topic("Exile")
    letter = make_letter(senders=[person], footnotes=["A note."], topics=[topic])
    steps = [
        lambda: Letter.objects.filter(pk=letter.pk).update(body="New body."),
        lambda: Footnote.objects.filter(letter=letter).update(text="Other note."),
        lambda: letter.recipients.add(make_person()),
        lambda: letter.mentions.add(person),
        lambda: letter.topics.clear(),
        lambda: Topic.objects.filter(pk=topic.pk).update(name="Exiles"),
        lambda: Person.objects.filter(pk=person.pk).update(name="Anna I."),
        lambda: PersonName.objects.create(person=person, name="A.I.", kind="signature"),
        lambda: Letter.objects.bulk_create([Letter(slug="bulk-one")]),
        lambda: Letter.objects.filter(slug="bulk-one").delete(),
    ]
    seen = [version()]
    for step in steps:
        step()
        seen.append(version())
        assert seen[-1] != seen[-2], step
    assert len(set(seen)) == len(seen)


def test_rebuilding_the_search_index_changes_the_version():
    from correspondence.search_index import rebuild_index

    make_letter()
    before = version()
    rebuild_index()
    assert version() != before


def test_reading_leaves_the_version_alone():
    make_letter()
    before = version()
    list(Letter.objects.with_everything())
    assert version() == before


def test_cached_values_last_until_the_data_changes():
    letter = make_letter()
    calls = []

    def count():
        calls.append(1)
        return Letter.objects.count()

    assert browse_cache.cached(("count",), count) == 1
    assert browse_cache.cached(("count",), count) == 1
    assert len(calls) == 1
    assert browse_cache.cached(("count", "other question"), count) == 1
    assert len(calls) == 2
    make_letter()
    assert browse_cache.cached(("count",), count) == 2
    Letter.objects.filter(pk=letter.pk).delete()
    assert browse_cache.cached(("count",), count) == 1


def _middleware(responses):
    def view(request):
        responses.append(request.get_full_path())
        return HttpResponse(f"answer {len(responses)}")

    return page_cache.AnonymousPageCacheMiddleware(view)


def test_the_page_cache_answers_anonymous_readers_until_the_data_changes():
    calls = []
    middleware = _middleware(calls)
    factory = RequestFactory()
    first = middleware(factory.get("/letters/?q=exile"))
    again = middleware(factory.get("/letters/?q=exile"))
    assert again.content == first.content == b"answer 1"
    other = middleware(factory.get("/letters/?q=war"))
    assert other.content == b"answer 2"
    make_letter()
    assert middleware(factory.get("/letters/?q=exile")).content == b"answer 3"


@pytest.mark.parametrize(
    "path", ["/network/?year=1914", "/places/zurich/", "/sources/", "/api/places/"]
)
def test_the_page_cache_keeps_the_other_reading_pages_too(path):
    calls = []
    middleware = _middleware(calls)
    first = middleware(RequestFactory().get(path))
    assert middleware(RequestFactory().get(path)).content == first.content
    assert len(calls) == 1


def test_the_page_cache_skips_cookies_posts_the_admin_and_streams():
    calls = []
    middleware = _middleware(calls)
    factory = RequestFactory()
    with_cookie = factory.get("/letters/")
    with_cookie.COOKIES["sessionid"] = "x"
    middleware(with_cookie)
    middleware(with_cookie)
    middleware(factory.post("/letters/"))
    middleware(factory.post("/letters/"))
    middleware(factory.get("/admin/"))
    middleware(factory.get("/admin/"))
    assert len(calls) == 6

    streamed = page_cache.AnonymousPageCacheMiddleware(
        lambda request: calls.append(1) or StreamingHttpResponse(iter([b"x"]))
    )
    streamed(factory.get("/letters/"))
    streamed(factory.get("/letters/"))
    assert len(calls) == 8


def test_the_browse_indexes_exist():
    with connection.cursor() as cursor:
        names = {
            index
            for table in ("correspondence_letter", "correspondence_letter_senders")
            for index in connection.introspection.get_constraints(cursor, table)
        }
    assert {"letter_date_span", "letter_senders_person_letter"} <= names


def test_counts_are_kept_per_query_until_the_data_changes(django_assert_num_queries):
    make_letter(date=dt.date(1914, 6, 7))
    make_letter(date=dt.date(1920, 1, 1))
    in_1914 = Letter.objects.in_years(1914, 1914)
    assert browse_cache.cached_count(in_1914) == 1
    with django_assert_num_queries(1):  # the version only
        assert browse_cache.cached_count(Letter.objects.in_years(1914, 1914)) == 1
    assert browse_cache.cached_count(Letter.objects.in_years(1920, 1920)) == 1
    make_letter(date=dt.date(1914, 8, 1))
    assert browse_cache.cached_count(in_1914) == 2
    paginator = browse_cache.CachedCountPaginator(in_1914.order_by("pk"), 1)
    assert paginator.count == 2 and paginator.num_pages == 2
