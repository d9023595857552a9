"""The letter page and /letters/ as they lay out in Chromium, on a desktop window and
a phone: no page wider than its window, every footnote marker on the line of the word
it follows, the BibTeX block kept out of print. Screenshots of each are written to
docs/screenshots/ (``SCREENSHOT_DIR``), where the committed ones show the layout."""

from io import StringIO
from itertools import pairwise
from pathlib import Path

import pytest
from django.core.management import call_command

from correspondence.importing.importer import letters_import
from correspondence.models import Letter
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
#: (name, width, height): a desktop window and a phone's
WINDOWS = [("desktop", 1280, 800), ("phone", 390, 844)]
DOC_6 = "lenin-to-armand-1914-06-07"
#: a letter whose heading holds a marker ("To: G. V. CHICHERIN[1]")
ISADORA_DUNCAN = "032-1921-chicherin-isadora-duncan.txt#letter"
#: a letter to two addressees with copies to two others ("Copy to" on its page)
COPIES = "039-1923-mdivani-makharadze-last-letter.txt#letter"


@pytest.fixture
def letters_live(live_server):
    """The seed edition and the corpus of 36 pages, for the live server."""
    call_command("load_edition", stdout=StringIO())
    letters_import(paths=[CORPUS])


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


# A marker's line is the line of the character just before it: their boxes overlap
# vertically. Markers in the list of notes and orphans in headings count as well.
MARKERS_OFF_THEIR_LINE = """() => {
  const off = [];
  for (const sup of document.querySelectorAll("sup.noteref")) {
    let node = sup.previousSibling;
    while (node && node.nodeType === Node.ELEMENT_NODE && !node.textContent) {
      node = node.previousSibling;
    }
    if (!node) continue;
    const range = document.createRange();
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent.replace(/\\s+$/, "");
      if (!text) continue;
      range.setStart(node, text.length - 1);
      range.setEnd(node, text.length);
    } else {
      range.selectNodeContents(node);
    }
    const rects = range.getClientRects();
    const word = rects[rects.length - 1];
    const mark = sup.getBoundingClientRect();
    if (!word) continue;
    if (mark.top >= word.bottom || mark.bottom <= word.top) {
      off.push(`${sup.textContent} after "${node.textContent.slice(-20)}"`);
    }
  }
  return off;
}"""


@pytest.mark.parametrize("window", WINDOWS, ids=[w[0] for w in WINDOWS])
def test_the_letter_page_and_the_list_fit_their_window(page, letters_live, window):
    name, width, height = window
    page.set_viewport_size({"width": width, "height": height})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    heading_marker = Letter.objects.get(origin=ISADORA_DUNCAN)
    pages = {
        "letter": f"/letters/{DOC_6}/",
        "letter-heading-marker": heading_marker.get_absolute_url(),
        "letter-copies": Letter.objects.get(origin=COPIES).get_absolute_url(),
        "letters": "/letters/",
        "letters-search": "/letters/?q=Malinowsky",
        "people": "/people/",
    }
    too_wide = {}
    for label, url in pages.items():
        assert page.goto(url).status == 200
        if page_width(page) > width:
            too_wide[url] = page_width(page)
        if label in {"letter", "letter-copies", "letters"}:
            page.screenshot(path=SCREENSHOTS / f"{label}-{width}.png", full_page=True)
    assert not too_wide, f"wider than the {width} px window: {too_wide}"


def test_every_marker_stays_on_the_line_of_its_word(page, letters_live):
    """Each letter with notes, at window widths from a small phone's to a desktop's
    (a line breaks in a different place at each)."""
    checked, off = 0, {}
    for letter in Letter.objects.filter(footnotes__isnull=False).distinct():
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(letter.get_absolute_url())
        checked += page.locator("sup.noteref").count()
        for width in range(320, 1281, 12):
            page.set_viewport_size({"width": width, "height": 800})
            found = page.evaluate(MARKERS_OFF_THEIR_LINE)
            if found:
                off[f"{letter.slug} at {width} px"] = found
    assert checked > 40
    assert not off, off


def test_the_bibtex_block_wraps_and_stays_out_of_print(page, letters_live):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/letters/{DOC_6}/")
    bibtex = page.locator("#cite-bibtex")
    box = bibtex.bounding_box()
    assert box["x"] + box["width"] <= 390
    assert bibtex.evaluate("e => e.scrollWidth <= e.clientWidth")
    page.emulate_media(media="print")
    assert not bibtex.is_visible()
    assert not page.get_by_role("heading", name="BibTeX").is_visible()
    assert page.locator("#cite-chicago").is_visible()


VISIBLE_TIMELINE_LABELS = """() => [...document.querySelectorAll(".timeline__label")]
  .filter(e => getComputedStyle(e).visibility === "visible" && e.textContent.trim())
  .map(e => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const box = range.getBoundingClientRect();
    return [e.textContent.trim(), box.left, box.right];
  })"""


@pytest.mark.parametrize("window", WINDOWS, ids=[w[0] for w in WINDOWS])
def test_the_timeline_labels_never_run_into_each_other(page, letters_live, window):
    """The corpus's years, and with many years more: a letter of 1850, so that
    every year from it to the corpus's last is a bar."""
    name, width, height = window
    page.set_viewport_size({"width": width, "height": height})
    for url in ("/letters/", "/letters/?year=1914"):
        page.goto(url)
        labels = page.evaluate(VISIBLE_TIMELINE_LABELS)
        assert len(labels) >= 2
        for (a, _, a_right), (b, b_left, _) in pairwise(labels):
            assert a_right <= b_left, f"{a} runs into {b} at {width} px on {url}"
        assert labels[-1][2] <= width
