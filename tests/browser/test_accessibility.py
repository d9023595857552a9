"""axe-core (carried by axe-playwright-python, no download) on the reading pages:
no serious or critical violations, in the states a reader reaches while browsing."""

from io import StringIO

import pytest
from django.core.management import call_command

from people.models import Person
from tests.browser.conftest import SCREENSHOTS, describe_violations
from tests.factories import make_letter, make_person


@pytest.fixture
def edition_live(django_db_serialized_rollback, transactional_db, live_server):
    """The edition for the live server. Serialized rollback puts back what migrations
    wrote (the Editors group) after the flush that ends each transactional test."""
    call_command("load_edition", stdout=StringIO())


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/letters/",
        "/letters/?q=liquidators",
        "/letters/?year=1914&correspondent=armand&month=7",
        "/letters/?year=abc&q=%22unbalanced&correspondent=nobody",
        "/letters/?q=nothing-matches-this",
        "/letters/?page=99",
        "/letters/lenin-to-armand-before-1914-07-25/",
        "/people/",
        "/people/?q=Malinowsky",
        "/people/armand/",
        "/topics/liquidators/",
        "/facets/correspondent/?year=1914&within=arm",
        "/api/docs",
        "/sources/",
    ],
)
def test_no_serious_or_critical_violations(page, edition_live, axe_violations, url):
    response = page.goto(url)
    assert response.status in (200, 400)
    if url == "/api/docs":  # Swagger UI drew its operations
        page.locator(".opblock").first.wait_for()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_no_violations_after_the_results_change_in_place(
    page, edition_live, axe_violations
):
    page.goto("/letters/")
    page.locator("#f-correspondent-armand").check()
    page.locator("#results-heading").filter(has_text="4 letters").wait_for()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_the_api_docs_link_back_and_pass_axe_with_an_operation_open(
    page, edition_live, axe_violations
):
    page.goto("/api/docs")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".opblock-summary-control").first.click()
    page.locator(".opblock-body").first.wait_for()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page.get_by_role("link", name="Browse the letters").click()
    assert page.url.endswith("/letters/")


@pytest.mark.parametrize("url", ["/people/", "/people/cheka/"])
def test_the_people_with_an_organisation_pass_axe(
    page, edition_live, axe_violations, url
):
    """The index's sections (people, then organisations) and an organisation's page
    (their screenshots in SCREENSHOTS)."""
    cheka = make_person("Cheka", slug="cheka", kind=Person.Kind.ORGANISATION)
    make_letter(senders=[Person.objects.get(slug="lenin")], recipients=[cheka])
    page.goto(url)
    page.get_by_role("heading", name="Organisations").or_(
        page.get_by_text("An organisation, not a person")
    ).first.wait_for()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = "people-organisations.png" if url == "/people/" else "organisation.png"
    page.screenshot(path=str(SCREENSHOTS / shot), full_page=True)
