"""Places, kinds and languages in Chromium: the place pages with their SVG maps, the
new facets and the letter page, with no CSP violation, no serious axe finding, and
no sideways scrolling on a phone. Screenshots go to docs/screenshots/."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from correspondence.models import Letter
from places.models import Place
from tests.browser.conftest import assert_sound_page

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
#: coordinates for the test only (WGS 84, rounded): the edition ships none
COORDINATES = {
    "zurich": ("47.36667", "8.55"),
    "berne": ("46.94809", "7.44744"),
    "geneva": ("46.20222", "6.14569"),
    "paris": ("48.85341", "2.3488"),
    "hertenstein": ("47.05", "8.38"),
}
PAGES = [
    # (name, url, what the page must show)
    ("places", "/places/", "Zurich"),
    ("place-zurich", "/places/zurich/", "Letters sent from here"),
    ("letters-place-facet", "/letters/?place=zurich", "Place: Zurich"),
    ("letter-telegram", None, "Telegram, written in German"),
]
PHONE = {"width": 375, "height": 740}
#: the text reaching past the viewport's right edge (for the failure message)
WIDE = """() => {
  const found = [], walker = document.createTreeWalker(document.body, 4);
  for (let node; (node = walker.nextNode()); ) {
    const range = document.createRange();
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().right > innerWidth + 1) {
      found.push(`${node.parentElement.className}: ${node.textContent.slice(0, 40)}`);
    }
  }
  return found.slice(0, 5);
}"""


@pytest.fixture
def edition_live(django_db_serialized_rollback, transactional_db, live_server):
    call_command("load_edition", stdout=StringIO())
    call_command("import_documents", CORPUS, stdout=StringIO())
    for slug, (lat, lon) in COORDINATES.items():
        Place.objects.filter(slug=slug).update(
            latitude=Decimal(lat), longitude=Decimal(lon)
        )
    Place.objects.filter(slug="zurich").update(
        authority_uri="http://www.geonames.org/2657896"
    )


def _url(url):
    if url is not None:
        return url
    return Letter.objects.get(kind="telegram", languages__code="de").get_absolute_url()


@pytest.mark.parametrize(("name", "url", "text"), PAGES)
def test_the_pages_pass_csp_and_axe_and_fit_a_phone(
    watched, edition_live, axe_violations, name, url, text
):
    page, complaints = watched
    url = _url(url)
    for viewport, suffix in (({"width": 1200, "height": 900}, ""), (PHONE, "-phone")):
        page.set_viewport_size(viewport)
        response = page.goto(url)
        assert response.status == 200
        assert page.get_by_text(text).first.is_visible()
        assert_sound_page(
            page, complaints, axe_violations, f"{name}{suffix}.png", explain=WIDE
        )


def test_the_map_draws_each_located_place_as_a_link(page, edition_live):
    page.goto("/places/")
    points = page.locator("svg.place-map__svg a.place-map__point")
    assert points.count() == len(COORDINATES)
    outline = page.locator("svg.place-map__svg image")
    # the vendored outline loaded from this site, not a tile server
    assert (
        page.evaluate(
            "(href) => fetch(href).then((r) => r.status)", outline.get_attribute("href")
        )
        == 200
    )
    points.filter(has_text="Paris").first.click()
    page.wait_for_url("**/places/paris/")
    assert page.locator("h1").inner_text() == "Paris"


def test_a_place_without_coordinates_has_no_map(page, edition_live):
    page.goto("/places/baku/")
    assert page.locator("svg").count() == 0
    assert page.get_by_text("none recorded").count() == 2
