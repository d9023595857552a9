"""A reader browses and searches /letters/ in Chromium, with and without JavaScript.

With static/js/browse.js the results change in place and the address follows; without
it the page is a GET form and links. Either way the screen shows the right letters at
each step, and Back returns to the previous state.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

DOC_6 = "Lenin to Inessa Armand, 7 June 1914"
DOC_7 = "Lenin to Inessa Armand, before 6 July 1914"
DOC_8 = "Lenin to Inessa Armand, 16 July 1914"
DOC_9 = "Lenin to Inessa Armand, before 25 July 1914"
SHAHUMYAN = "Lenin to Shahumyan, 14 May 1918"


@pytest.fixture
def edition_live(django_db_serialized_rollback, transactional_db, live_server):
    """The edition for the live server. Serialized rollback puts back what migrations
    wrote (the Editors group) after the flush that ends each transactional test."""
    call_command("load_edition", stdout=StringIO())


def titles(page):
    return page.locator(".letter-row__title")


def heading(page):
    return page.locator("#results-heading")


def shows(page, count, letters):
    expect(heading(page)).to_have_text(re.compile(rf"^{count} letters?\b"))
    expect(titles(page)).to_have_text(letters)


def in_address(browser_page, **params):
    for name, value in params.items():
        pattern = re.compile(rf"[?&]{name}={re.escape(value)}(&|$)")
        expect(browser_page).to_have_url(pattern)


def test_a_reader_narrows_searches_removes_a_chip_pages_and_goes_back(
    page, edition_live, settings
):
    settings.LETTERS_PAGE_SIZE = 2
    page.goto("/letters/")
    shows(page, 5, [DOC_6, DOC_7])
    expect(page.locator(".pagination")).to_contain_text("Page 1 of 3")

    page.locator("#f-correspondent-armand").check()  # a correspondent
    shows(page, 4, [DOC_6, DOC_7])
    in_address(page, correspondent="armand")
    # a correspondent's own facet leaves its choice out: a second one would widen
    expect(page.locator("label[for=f-correspondent-shahumyan]")).to_have_text(
        re.compile(r"Shahumyan\s+1 letter")
    )
    expect(page.locator("label[for=f-topic-diplomacy]")).to_have_count(0)

    page.locator("#f-year-1914").check()  # a year: months of 1914 appear
    shows(page, 4, [DOC_6, DOC_7])
    in_address(page, correspondent="armand", year="1914")
    expect(page.locator("#facet-month")).to_contain_text("July")

    page.locator("#f-topic-malinovsky-affair").check()  # a topic
    shows(page, 2, [DOC_6, DOC_9])

    page.locator("#q").fill("Plekhanov")  # a search
    page.locator("#q").press("Enter")
    shows(page, 1, [DOC_9])
    expect(page.locator(".letter-row__snippet mark").first).to_have_text(
        re.compile("Plekhanov", re.I)
    )
    in_address(page, q="Plekhanov", topic="malinovsky-affair")

    page.get_by_role("link", name=re.compile("^Search: .Plekhanov.")).click()
    shows(page, 2, [DOC_6, DOC_9])
    page.get_by_role("link", name=re.compile("^Topic: The Malinovsky affair")).click()
    shows(page, 4, [DOC_6, DOC_7])
    expect(page).not_to_have_url(re.compile("topic="))

    page.get_by_role("link", name=re.compile("^Later")).click()  # the next page
    shows(page, 4, [DOC_8, DOC_9])
    in_address(page, correspondent="armand", year="1914", page="2")

    page.go_back()
    shows(page, 4, [DOC_6, DOC_7])
    expect(page).not_to_have_url(re.compile("page="))
    page.go_back()
    shows(page, 2, [DOC_6, DOC_9])
    expect(page.locator("#f-topic-malinovsky-affair")).to_be_checked()
    page.go_back()
    shows(page, 1, [DOC_9])
    expect(page.locator("#q")).to_have_value("Plekhanov")


def test_the_timeline_picks_a_year_then_a_month(page, edition_live):
    page.goto("/letters/")
    page.get_by_role("link", name="1914: 4 letters, 2 with an uncertain date").click()
    shows(page, 4, [DOC_6, DOC_7, DOC_8, DOC_9])
    expect(page.locator(".timeline__title")).to_have_text("Letters by month in 1914")
    page.get_by_role("link", name=re.compile("^July 1914: 3 letters")).click()
    shows(page, 3, [DOC_7, DOC_8, DOC_9])
    in_address(page, year="1914", month="7")
    page.get_by_role("link", name="All years").click()
    shows(page, 5, [DOC_6, DOC_7, DOC_8, DOC_9, SHAHUMYAN])


def test_a_range_of_years_and_sorting(page, edition_live):
    page.goto("/letters/")
    page.locator("#year_from").fill("1915")
    page.get_by_role("button", name="Apply filters").click()
    shows(page, 1, [SHAHUMYAN])
    expect(
        page.get_by_role("link", name=re.compile("^Years: from 1915"))
    ).to_be_visible()
    page.get_by_role("link", name=re.compile("^Years: from 1915")).click()
    shows(page, 5, [DOC_6, DOC_7, DOC_8, DOC_9, SHAHUMYAN])
    page.locator("#sort").select_option("-date")
    shows(page, 5, [SHAHUMYAN, DOC_9, DOC_8, DOC_7, DOC_6])
    in_address(page, sort="-date")


def test_without_javascript_the_form_and_links_do_the_same(
    browser, live_server, edition_live
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/letters/")
        shows(page, 5, [DOC_6, DOC_7, DOC_8, DOC_9, SHAHUMYAN])
        page.locator("#f-correspondent-shahumyan").check()
        page.locator("#f-topic-liquidators").check()
        page.get_by_role("button", name="Apply filters").click()
        # nothing is both from Shahumyan's correspondence and about the liquidators
        shows(page, 0, [])
        expect(page.locator(".empty")).to_contain_text("No letters match")
        page.get_by_role("link", name=re.compile("^Correspondent: Shahumyan")).click()
        shows(page, 2, [DOC_6, DOC_9])
        page.locator("#q").fill('"great pain"')
        page.get_by_role("button", name="Search").click()
        shows(page, 1, [DOC_6])
        page.go_back()
        shows(page, 2, [DOC_6, DOC_9])
    finally:
        context.close()


def test_a_bad_value_is_noted_on_the_page(page, edition_live):
    page.goto("/letters/?year=abc&q=%22unbalanced")
    notice = page.locator(".notice")
    expect(notice).to_contain_text("Ignored year “abc”: not a year from 1 to 9998.")
    expect(notice).to_contain_text("Your query was treated as plain words.")


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_results_come_first_and_the_filters_unfold(page, edition_live):
    page.set_viewport_size(PHONE)
    page.goto("/letters/")
    # the first letter on the first screen, the filters folded behind their summary
    assert titles(page).first.bounding_box()["y"] < PHONE["height"]
    facet = page.locator("#f-correspondent-armand")
    expect(facet).to_be_hidden()
    page.locator(".facets-toggle__summary").click()
    expect(facet).to_be_visible()
    facet.check()
    shows(page, 4, [DOC_6, DOC_7, DOC_8, DOC_9])
    # the results changed in place; the filters stay unfolded to tick another
    expect(page.locator("#f-topic-malinovsky-affair")).to_be_visible()
    expect(page.locator(".facets-toggle__summary")).to_contain_text("(1 chosen)")


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(page, edition_live):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/letters/")
    expect(page.locator(".facets-toggle__summary")).to_be_hidden()
    facets = page.locator(".facets").bounding_box()
    results = page.locator(".results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]  # beside, not above
    page.locator("#f-correspondent-armand").check()
    shows(page, 4, [DOC_6, DOC_7, DOC_8, DOC_9])


def test_on_a_phone_without_javascript_the_filters_unfold_and_apply(
    browser, live_server, edition_live
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/letters/")
        page.locator(".facets-toggle__summary").click()
        page.locator("#f-correspondent-shahumyan").check()
        page.get_by_role("button", name="Apply filters").click()
        shows(page, 1, [SHAHUMYAN])
    finally:
        context.close()


def test_the_facet_values_page_button_looks_like_the_search_button(page, edition_live):
    look = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]"
    page.goto("/letters/")
    search = page.get_by_role("button", name="Search").evaluate(look)
    page.goto("/facets/correspondent/")
    assert page.get_by_role("button", name="Find").evaluate(look) == search
