"""/sitemap.xml (an index of per-kind sitemaps) lists every letter and person;
/robots.txt points to it."""

import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from correspondence.exports import sitemaps
from correspondence.models import Letter, Topic
from people.models import Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def edition():
    call_command("load_edition", stdout=StringIO())


def locations(client, url, tag):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iterfind(f"sm:{tag}/sm:loc", NS)]


def all_pages(client):
    pages = []
    for sitemap in locations(client, "/sitemap.xml", "sitemap"):
        parts = urlsplit(sitemap)
        pages += locations(client, f"{parts.path}?{parts.query}", "url")
    return pages


def test_the_sitemap_lists_every_letter_person_and_topic(client, edition):
    pages = all_pages(client)
    expected = [
        f"http://testserver/{prefix}/{slug}/"
        for prefix, model in [
            ("letters", Letter),
            ("people", Person),
            ("topics", Topic),
        ]
        for slug in model.objects.values_list("slug", flat=True)
    ]
    assert len(expected) == 5 + Person.objects.count() + Topic.objects.count()
    assert set(expected) <= set(pages)
    assert len(pages) == len(set(pages))
    for page in ["/", "/letters/", "/people/", "/topics/", "/downloads/"]:
        assert f"http://testserver{page}" in pages
    for page in pages[:12]:
        assert client.get(page).status_code == 200


def test_a_large_edition_is_split_into_sitemap_files(client, monkeypatch):
    for number in range(5):
        make_person(f"Person {number}")
    monkeypatch.setattr(sitemaps.PersonSitemap, "limit", 2)
    index = locations(client, "/sitemap.xml", "sitemap")
    people = [loc for loc in index if "sitemap-people.xml" in loc]
    assert len(people) == 3  # 5 people, 2 per file
    assert len(all_pages(client)) >= 5


def test_unknown_sitemap_section_is_404(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-letters.xml?p=99").status_code == 404


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines


def test_every_page_links_to_the_downloads_and_the_api(client):
    html = client.get("/").content.decode()
    assert '<a href="/downloads/">Data and downloads</a>' in html
    assert '<a href="/api/docs">API</a>' in html
