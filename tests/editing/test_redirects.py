"""A changed slug keeps the old URLs working: a 301 to the record's new address."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from correspondence.models import Letter, Topic
from people.models import Person

from .conftest import DOCUMENT_6
from .helpers import admin_url, errors_of, form_data, letter_form, save_letter

pytestmark = pytest.mark.django_db


def rename_in_admin(client, model, obj, slug):
    url = admin_url(model, "change", obj.pk)
    data = letter_form(client, obj) if model is Letter else form_data(client.get(url))
    data["slug"] = slug
    response = (
        save_letter(client, obj, data) if model is Letter else client.post(url, data)
    )
    assert response.status_code == 302, errors_of(response)
    obj.refresh_from_db()
    assert obj.slug == slug


def moved(client, path):
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


def test_a_letter_renamed_by_an_editor_keeps_its_citations(
    editor_client, client, edition
):
    rename_in_admin(editor_client, Letter, edition, "lenin-to-inessa-1914-06-07")
    new = "/letters/lenin-to-inessa-1914-06-07/"
    assert moved(client, f"/letters/{DOCUMENT_6}/") == new
    assert client.get(new).status_code == 200
    assert moved(client, f"/letters/{DOCUMENT_6}/tei.xml") == f"{new}tei.xml"
    assert moved(client, f"/api/letters/{DOCUMENT_6}/") == (
        "/api/letters/lenin-to-inessa-1914-06-07/"
    )
    # the query string goes along
    assert moved(client, f"/letters/{DOCUMENT_6}/?format=tei") == f"{new}?format=tei"
    # HEAD as GET; a write is not redirected
    assert client.head(f"/letters/{DOCUMENT_6}/").status_code == 301
    assert client.post(f"/letters/{DOCUMENT_6}/").status_code == 405


def test_people_and_topics_renamed_by_an_editor_keep_their_urls(
    editor_client, client, edition
):
    person = Person.objects.get(slug="shahumyan")
    rename_in_admin(editor_client, Person, person, "stepan-shahumyan")
    assert moved(client, "/people/shahumyan/") == "/people/stepan-shahumyan/"
    assert moved(client, "/api/people/shahumyan/") == "/api/people/stepan-shahumyan/"
    topic = Topic.objects.get(slug="diplomacy")
    rename_in_admin(editor_client, Topic, topic, "soviet-diplomacy")
    assert moved(client, "/topics/diplomacy/") == "/topics/soviet-diplomacy/"


def test_a_slug_changed_twice_leads_to_the_latest_in_one_step(client, edition):
    # outside the admin too (a script, the shell): the old slug is kept all the same
    edition.slug = "first-rename"
    edition.save()
    edition.slug = "second-rename"
    edition.save()
    assert moved(client, f"/letters/{DOCUMENT_6}/") == "/letters/second-rename/"
    assert moved(client, "/letters/first-rename/") == "/letters/second-rename/"


def test_a_slug_taken_over_by_another_record_is_that_record_s(client, edition):
    edition.slug = "renamed"
    edition.save()
    other = Letter.objects.exclude(pk=edition.pk).first()
    other.slug = DOCUMENT_6
    other.save()
    response = client.get(f"/letters/{DOCUMENT_6}/")
    assert response.status_code == 200
    assert response.context["letter"] == other


def test_unknown_and_deleted_records_stay_404(client, edition):
    assert client.get("/letters/never-was/").status_code == 404
    edition.slug = "doomed"
    edition.save()
    edition.delete()
    assert client.get(f"/letters/{DOCUMENT_6}/").status_code == 404
    assert client.get("/letters/doomed/").status_code == 404
    assert client.get("/api/letters/doomed/").status_code == 404


def test_the_history_is_read_only_for_a_404(client, edition):
    edition.slug = "renamed"
    edition.save()
    history = Letter.history.model._meta.db_table

    def slug_lookups(queries, slug):
        # the page itself reads the history too (when annotations last changed)
        return [q for q in queries if history in q["sql"] and slug in q["sql"]]

    with CaptureQueriesContext(connection) as live:
        assert client.get("/letters/renamed/").status_code == 200
    assert not slug_lookups(live.captured_queries, "renamed")
    with CaptureQueriesContext(connection) as old:
        assert client.get(f"/letters/{DOCUMENT_6}/").status_code == 301
    assert len(slug_lookups(old.captured_queries, DOCUMENT_6)) == 1


def test_browsing_urls_naming_an_old_slug_lead_to_the_current_one(client, edition):
    kamenev = Person.objects.get(slug="kamenev")
    kamenev.slug = "lev-kamenev"
    kamenev.save()
    topic = Topic.objects.get(slug="liquidators")
    topic.slug = "the-liquidators"
    topic.save()
    location = moved(
        client, "/letters/?correspondent=kamenev&correspondent=armand&topic=liquidators"
    )
    assert location == (
        "/letters/?correspondent=lev-kamenev&correspondent=armand&topic=the-liquidators"
    )
    assert client.get(location).status_code == 200
    assert moved(client, "/api/letters/?sender=kamenev&year=1914") == (
        "/api/letters/?sender=lev-kamenev&year=1914"
    )
    # current and unknown slugs are left to the page (an unknown one gets its note)
    assert client.get("/letters/?correspondent=lev-kamenev").status_code == 200
    page = client.get("/letters/?correspondent=nobody")
    assert page.status_code == 200 and "nobody" in page.content.decode()
    # what cannot be a slug is not looked up (a NUL byte would stop PostgreSQL)
    assert client.get("/letters/?correspondent=a%00b").status_code == 200
    assert client.get("/api/letters/?recipient=%00").status_code == 200
