"""CSV: /letters/?...&format=csv (the current result set) and the whole-edition
downloads at /downloads/ (CSV and JSON, named after the data's version)."""

import csv
import datetime as dt
import io
import json
from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.http import QueryDict, StreamingHttpResponse

from browse.filters import LetterFilter
from correspondence.exports import tables
from correspondence.exports.version import DataVersion, data_version
from correspondence.models import Letter
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db

DOCUMENT_9 = "lenin-to-armand-before-1914-07-25"


@pytest.fixture
def edition():
    call_command("load_edition", stdout=StringIO())


def read_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == tables.COLUMNS if rows else True
    return rows


def slugs(rows):
    return [row["slug"] for row in rows]


def test_the_whole_result_set_as_csv(client, edition):
    response = client.get("/letters/?format=csv")
    rows = read_csv(response)
    assert slugs(rows) == list(
        Letter.objects.in_date_order().values_list("slug", flat=True)
    )
    stamp = data_version().stamp
    assert response["Content-Disposition"] == (
        f'attachment; filename="letters-{stamp}-results.csv"'
    )
    row = next(row for row in rows if row["slug"] == DOCUMENT_9)
    assert row["url"] == f"http://testserver/letters/{DOCUMENT_9}/"
    assert row["title"] == "Lenin to Inessa Armand, before 25 July 1914"
    assert row["date_as_written"] == "[Before 12 (25) July 1914]"
    assert (row["date_start"], row["date_end"]) == ("", "1914-07-25")
    assert row["date_precision"] == "before"
    assert row["date_supplied_by_editor"] == "true"
    assert row["date_julian"] == "1914-07-12"
    assert (row["senders"], row["sender_slugs"]) == ("Lenin", "lenin")
    assert (row["recipients"], row["recipient_slugs"]) == ("Inessa Armand", "armand")
    assert (row["sender_kinds"], row["recipient_kinds"]) == ("person", "person")
    assert "malinovsky" in row["mention_slugs"].split("; ")
    assert "The outbreak of the First World War" in row["topics"].split("; ")
    assert row["excerpt"] == "false"
    assert row["edition"] == (
        "The Unknown Lenin: From the Secret Archives, ed. Richard Pipes (1996), 27–30"
    )
    assert row["footnote_count"] == "6"
    assert row["text"].startswith("Best greetings for the commencing revolution")
    assert "[^" not in row["text"] and "\n\nTomorrow I expect here" in row["text"]


def test_each_person_s_kind_stands_in_the_order_of_their_names(client):
    lenin = make_person("Lenin", slug="lenin")
    cheka = make_person("Cheka", slug="cheka", kind="organisation")
    zinoviev = make_person("Zinoviev", slug="zinoviev")
    make_letter(senders=[lenin], recipients=[cheka, zinoviev], mentions=[cheka])
    (row,) = read_csv(client.get("/letters/?format=csv"))
    assert (row["recipients"], row["recipient_slugs"], row["recipient_kinds"]) == (
        "Cheka; Zinoviev",
        "cheka; zinoviev",
        "organisation; person",
    )
    assert (row["sender_kinds"], row["mention_kinds"]) == ("person", "organisation")


def test_the_csv_follows_the_filters_of_the_letters_page(client, edition):
    assert slugs(read_csv(client.get("/letters/?year=1918&format=csv"))) == [
        "lenin-to-shahumyan-1918-05-14"
    ]
    assert slugs(read_csv(client.get("/letters/?format=csv&recipient=shahumyan"))) == [
        "lenin-to-shahumyan-1918-05-14"
    ]
    found = slugs(read_csv(client.get("/letters/?q=Malinovsky&format=csv")))
    assert DOCUMENT_9 in found and "lenin-to-shahumyan-1918-05-14" not in found
    for query in ["topic=no-such-topic", "sort=-date", "year_from=1914&year_to=1914"]:
        expected = LetterFilter(QueryDict(query), queryset=Letter.objects.all()).qs
        rows = read_csv(client.get(f"/letters/?{query}&format=csv"))
        assert slugs(rows) == [letter.slug for letter in expected]


def test_malformed_parameters_are_ignored_as_on_the_page(client, edition):
    rows = read_csv(client.get("/letters/?year=abc&month=13&sort=sideways&format=csv"))
    assert len(rows) == Letter.objects.count()
    assert client.get("/letters/?year=abc&month=13").status_code == 200


def test_an_unsupported_format_is_a_400_with_a_message(client, edition):
    response = client.get("/letters/?year=1914&format=xlsx")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "Unsupported format 'xlsx': this page is available as html, csv, json.\n"
    )
    huge = client.get("/letters/?format=" + "x" * 5000)
    assert huge.status_code == 400 and len(huge.content) < 200


def test_a_search_over_1000_characters_is_refused_as_on_the_page(
    client, edition, django_assert_num_queries
):
    long_query = "Malinovsky " * 92  # 1,011 characters
    with django_assert_num_queries(0):
        response = client.get("/letters/", {"q": long_query, "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "Your search is longer than 1,000 characters: shorten it.\n"
    )
    assert client.get("/letters/", {"q": long_query}).status_code == 400
    rows = read_csv(client.get("/letters/", {"q": long_query[:198], "format": "csv"}))
    assert {row["slug"] for row in rows} == {
        "lenin-to-armand-1914-06-07",
        DOCUMENT_9,
    }


def test_json_and_html_formats(client, edition):
    response = client.get("/letters/?year=1918&format=json")
    assert response.status_code == 302
    assert response["Location"] == "/api/letters/?year=1918"
    assert client.get("/letters/?format=html").status_code == 200
    assert client.get("/letters/?format=").status_code == 200


def test_the_csv_reads_letters_in_chunks(client, edition, monkeypatch):
    monkeypatch.setattr(tables, "CHUNK_SIZE", 2)
    assert len(read_csv(client.get("/downloads/letters.csv"))) == 5


# ---------------------------------------------------------------- downloads


def test_downloads_page_offers_the_files_named_by_version(client, edition):
    stamp = data_version().stamp
    page = client.get("/downloads/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/downloads/letters.csv" download="letters-{stamp}.csv"' in html
    assert f'href="/downloads/letters.json" download="letters-{stamp}.json"' in html
    assert 'href="/cmif.xml"' in html
    assert "5 letters." in html


def test_whole_edition_csv_is_stamped_with_the_version(client, edition):
    response = client.get("/downloads/letters.csv")
    rows = read_csv(response)
    assert len(rows) == 5
    stamp = data_version().stamp
    assert (
        response["Content-Disposition"] == f'attachment; filename="letters-{stamp}.csv"'
    )
    assert response["X-Data-Version"] == stamp


def test_whole_edition_json_is_the_api_letter_by_letter(client, edition):
    response = client.get("/downloads/letters.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    stamp = data_version().stamp
    assert response["Content-Disposition"] == (
        f'attachment; filename="letters-{stamp}.json"'
    )
    data = json.loads(b"".join(response.streaming_content))
    assert data["version"]["stamp"] == stamp
    assert data["version"]["token"] == data_version().token
    assert data["count"] == len(data["letters"]) == 5
    for letter in data["letters"]:
        api = client.get(f"/api/letters/{letter['slug']}/").json()
        assert letter == api


def test_the_version_is_the_last_recorded_change(client, edition):
    user = get_user_model().objects.create(username="editor")
    entry = LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Letter),
        object_id="1",
        object_repr="a letter",
        action_flag=CHANGE,
    )
    when = dt.datetime(2099, 11, 24, 9, 30, tzinfo=dt.UTC)  # newer than any history
    LogEntry.objects.filter(pk=entry.pk).update(action_time=when)
    assert data_version().changed == when
    response = client.get("/downloads/letters.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="letters-2099-11-24.csv"'
    )
    assert "Data last changed" in client.get("/downloads/").content.decode()


def test_stamps():
    changed = dt.datetime(2026, 11, 24, 23, 0, tzinfo=dt.UTC)
    assert DataVersion(changed=changed, last_letter_id=7).stamp == "2026-11-24"
    assert DataVersion(changed=None, last_letter_id=7).stamp == "id7"
    assert DataVersion(changed=None, last_letter_id=0).as_dict() == {
        "stamp": "id0",
        "changed": None,
        "last_letter_id": 0,
        "token": None,
    }


def test_downloads_are_read_only(client):
    for url in ["/downloads/letters.csv", "/downloads/letters.json", "/letters/"]:
        assert client.post(url).status_code == 405
