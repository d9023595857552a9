import re

import pytest

# the live server's database: see tests/conftest.py on serialized_rollback
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_admin_login_page_opens_in_chromium_without_serious_accessibility_issues(
    page, axe_violations
):
    response = page.goto("/admin/login/")
    assert response.status == 200
    assert page.title() == "Log in | Django site admin"
    assert page.get_by_label(re.compile("Username")).is_visible()
    violations = axe_violations(page)
    assert not violations, violations


def test_axe_reports_a_serious_problem_when_there_is_one(page, axe_violations):
    page.goto("/admin/login/")
    page.set_content("<html><body><img src='data:,'></body></html>")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]


def test_requests_outside_the_test_server_are_refused(page):
    page.goto("/admin/login/")
    blocked = page.evaluate(
        """() => fetch("http://127.0.0.2:9/", {mode: "no-cors"})
                 .then(() => false, () => true)"""
    )
    assert blocked
