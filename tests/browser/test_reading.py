"""Reading from letter to letter and person to person in Chromium: the letter page's
links to its neighbours, its copy buttons and notes beside the text, a person's
correspondents and timeline, and /network/, with no CSP violation, no serious axe
finding and no sideways scrolling on a phone. Screenshots go
to docs/screenshots/."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, assert_sound_page

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WITH_NOTES = "lenin-to-armand-1914-06-07"
PAGES = [
    # (name, url, what the page must show)
    (
        "letter-to-letter",
        "/letters/lenin-to-armand-before-1914-07-06/",
        "Letter to letter",
    ),
    ("person-correspondents", "/people/lenin/", "Correspondents"),
    ("letter-copy", f"/letters/{WITH_NOTES}/", "Link to note 1"),
]


@pytest.fixture
def edition_live(django_db_serialized_rollback, transactional_db, live_server):
    call_command("load_edition", stdout=StringIO())


@pytest.mark.parametrize(("name", "url", "text"), PAGES)
def test_the_pages_pass_csp_and_axe_and_fit_a_phone(
    watched, edition_live, axe_violations, name, url, text
):
    page, complaints = watched
    for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
        page.set_viewport_size(viewport)
        assert page.goto(url).status == 200
        assert page.get_by_text(text).first.is_visible()
        assert_sound_page(page, complaints, axe_violations, f"{name}{suffix}.png")


def test_a_reader_follows_the_letters_of_a_correspondence(page, edition_live):
    page.goto("/letters/lenin-to-armand-1914-06-07/")
    page.locator('a[rel="next"]').click()
    page.wait_for_url("**/letters/lenin-to-armand-before-1914-07-06/")
    assert (
        "in date order it stands at that day"
        in page.locator(".letter-nav").inner_text()
    )
    page.get_by_role("link", name="Lenin to Inessa Armand", exact=True).click()
    page.wait_for_url("**/letters/?sender=lenin&recipient=armand")
    assert page.get_by_text("4 letters").first.is_visible()


def test_a_count_of_letters_leads_to_those_letters(page, edition_live):
    page.goto("/people/armand/")
    page.get_by_role("link", name="4 letters from Lenin to Inessa Armand").click()
    page.wait_for_url("**/letters/?sender=lenin&recipient=armand")
    assert page.locator(".letter-row").count() == 4


def test_the_copy_buttons_copy_the_citation_the_permalink_and_a_note_s_link(
    page, edition_live, live_server
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"/letters/{WITH_NOTES}/")
    permalink = f"{live_server.url}/letters/{WITH_NOTES}/"

    def copied(name):
        button = page.get_by_role("button", name=name)
        button.click()
        expect(button).to_have_text("Copied")
        expect(page.locator("#copy-status")).to_contain_text("is copied")
        return page.evaluate("navigator.clipboard.readText()")

    chicago = page.locator("#cite-chicago").inner_text()
    assert copied("Copy the citation (Chicago)") == chicago
    assert permalink in chicago
    assert copied("Copy the citation (BibTeX)").startswith(f"@misc{{{WITH_NOTES},")
    assert copied("Copy the permalink") == permalink
    assert copied("Copy the link to note 3") == f"{permalink}#note-3"


def test_without_script_there_is_no_button_and_the_links_still_work(
    browser, edition_live, live_server
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"/letters/{WITH_NOTES}/")
        assert page.locator("button").count() == 0
        page.get_by_role("link", name="Link to note 2").click()
        page.wait_for_url(f"**/letters/{WITH_NOTES}/#note-2")
        assert page.locator("#note-2").is_visible()
        # a marker leads to the list of notes
        page.locator("#noteref-3 a").click()
        page.wait_for_url(f"**/letters/{WITH_NOTES}/#note-3")
        assert page.locator(".has-margin-notes, .note-in-place").count() == 0
    finally:
        context.close()


#: each note's box and its marker's, in page coordinates
BOXES = """() => Array.from(document.querySelectorAll(".notes__list li")).map((li) => {
  const marker = document.getElementById(li.id.replace("note-", "noteref-"));
  const box = li.getBoundingClientRect();
  const text = document.querySelector(".letter-text").getBoundingClientRect();
  return {
    note: li.id, top: box.top, bottom: box.bottom, left: box.left,
    markerTop: marker ? marker.getBoundingClientRect().top : null,
    textRight: text.right,
  };
})"""


def test_on_a_wide_screen_the_notes_stand_in_the_margin_by_their_markers(
    page, edition_live, axe_violations
):
    page.set_viewport_size(DESKTOP)
    page.goto(f"/letters/{WITH_NOTES}/")
    expect(page.locator("article.letter")).to_have_class(re.compile("has-margin-notes"))
    boxes = page.evaluate(BOXES)
    assert len(boxes) == 5
    below = None
    for box in boxes:
        assert box["left"] > box["textRight"], box  # beside the text, not under it
        # level with its marker, or just below the note before where they crowd
        assert box["top"] >= box["markerTop"] - 1, box
        if below is not None:
            assert box["top"] >= below - 1, box
            assert box["top"] - box["markerTop"] < 2 or abs(box["top"] - below) < 12
        else:
            assert abs(box["top"] - box["markerTop"]) < 2, box
        below = box["bottom"]
    assert not axe_violations(page)
    # printed, the notes are a list after the letter again
    page.emulate_media(media="print")
    assert page.evaluate(
        "[...document.querySelectorAll('.notes__list li')].every("
        "(li) => getComputedStyle(li).position === 'static')"
    )
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.notes__list')).minHeight"
    ) in ("0px", "auto")


def test_on_a_phone_a_marker_opens_its_note_in_place_and_closes_it(
    page, edition_live, axe_violations
):
    page.set_viewport_size(PHONE)
    page.goto(f"/letters/{WITH_NOTES}/")
    marker = page.locator("#noteref-2 a")
    expect(marker).to_have_attribute("aria-expanded", "false")
    marker.click()
    opened = page.locator(".note-in-place")
    expect(opened).to_be_visible()
    expect(opened).to_contain_text("Note 2")
    expect(opened).to_contain_text(page.locator("#note-2 p").first.inner_text())
    expect(marker).to_have_attribute("aria-expanded", "true")
    assert "#" not in page.url  # read in place, not sent to the list
    # just under the paragraph the marker is in
    assert page.evaluate(
        "document.querySelector('.note-in-place').previousElementSibling"
        ".contains(document.getElementById('noteref-2'))"
    )
    assert not axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    opened.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(SCREENSHOTS / "letter-note-in-place-phone.png"))
    marker.click()
    expect(opened).to_have_count(0)
    expect(marker).to_have_attribute("aria-expanded", "false")


@pytest.fixture
def corpus_live(django_db_serialized_rollback, transactional_db, live_server):
    """The seed edition and the corpus of 36 pages: enough people for a network."""
    call_command("load_edition", stdout=StringIO())
    call_command("import_documents", CORPUS, stdout=StringIO())


def test_the_network_passes_csp_and_axe_fits_a_phone_and_leads_to_letters(
    watched, corpus_live, axe_violations
):
    page, complaints = watched
    for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
        page.set_viewport_size(viewport)
        assert page.goto("/network/").status == 200
        assert page.locator("svg.network__svg circle").count() > 5
        assert_sound_page(page, complaints, axe_violations, f"network{suffix}.png")
    # the heaviest exchange's count leads to its letters on /letters/
    first = page.locator(".network-table tbody tr").first
    count = int(first.locator("a").inner_text())
    first.locator("a").click()
    page.wait_for_url("**/letters/?sender=*&recipient=*")
    assert page.locator(".results__count").inner_text().startswith(f"{count} letter")
    # and a curve in the drawing, by mouse
    page.go_back()
    page.locator("svg.network__svg .network__edges a").first.click(force=True)
    page.wait_for_url("**/letters/?sender=*&recipient=*")
