"""The Content-Security-Policy in Chromium: the public pages, the API docs (Swagger UI)
and an editor's letter change form run under it without a single violation.

Each page reports its ``securitypolicyviolation`` events (listened to from before the
page's first script) and Chromium's console messages about the policy.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from correspondence.models import Letter
from tests.browser.conftest import csp_violations
from tests.editing.helpers import make_editor

PASSWORD = "a-long-editor-passphrase"

PUBLIC = [
    "/",
    "/letters/",
    "/letters/?q=liquidators",
    "/letters/?year=1914&correspondent=armand",
    "/letters/?page=99",
    "/letters/lenin-to-armand-1914-06-07/",
    "/people/",
    "/people/armand/",
    "/topics/",
    "/topics/liquidators/",
    "/facets/recipient/?order=name",
    "/downloads/",
    "/no-such-page/",
    "/api/docs",
]


@pytest.fixture
def edition_live(django_db_serialized_rollback, transactional_db, live_server):
    call_command("load_edition", stdout=StringIO())
    make_editor("editor", password=PASSWORD)


def test_the_public_pages_and_the_api_docs_break_no_rule_of_the_policy(
    watched, edition_live
):
    page, complaints = watched
    found = {}
    for url in PUBLIC:
        complaints.clear()
        response = page.goto(url)
        assert response.status in {200, 400, 404}, url
        assert "default-src 'self'" in response.headers["content-security-policy"]
        if url == "/api/docs":
            # Swagger UI really ran: it drew the operations from the OpenAPI document
            expect(page.locator(".opblock").first).to_be_visible()
        if url == "/letters/":
            # browse.js runs: a timeline bar updates the results in place
            page.get_by_role("link", name=re.compile("^1914")).first.click()
            page.wait_for_load_state("networkidle")
            expect(
                page.get_by_role("heading", name=re.compile("4 letters"))
            ).to_be_visible()
        if violations := csp_violations(page, complaints):
            found[url] = violations
    assert not found, found


def test_an_editor_changes_a_letter_without_a_violation(watched, edition_live):
    page, complaints = watched
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label(re.compile("Username")).fill("editor")
    page.get_by_label(re.compile("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Letters")).to_be_visible()
    assert not csp_violations(page, complaints)

    letter = Letter.objects.get(slug="lenin-to-armand-1914-06-07")
    page.goto(f"/admin/correspondence/letter/{letter.pk}/change/")
    expect(page.locator("#letter_form")).to_be_visible()
    # the admin's scripts run: the autocomplete widgets and inlines are drawn
    page.wait_for_load_state("networkidle")
    assert not csp_violations(page, complaints)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert not csp_violations(page, complaints)


def test_the_listener_hears_a_violation_when_there_is_one(watched, edition_live):
    page, complaints = watched
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.ran = true";
          document.body.append(script);
          const div = document.createElement("div");
          div.innerHTML = '<p style="color: red">inline style</p>';
          document.body.append(div);
        }"""
    )
    page.wait_for_timeout(200)
    violations = csp_violations(page, complaints)
    assert any("script-src" in v for v in violations), violations
    assert any("style-src" in v for v in violations), violations
    assert page.evaluate("window.ran") is None
