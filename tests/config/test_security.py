"""Secure by default: headers on every kind of answer, hosts, cookies, CSRF.

The suite runs with the production settings (DEBUG off), so what is checked here is what
production sends; HSTS is checked on requests made over HTTPS (``secure=True``).
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import make_letter

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def letter():
    return make_letter(slug="lenin-to-armand-1914-06-07")


def _staff_client():
    client = Client()
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    return client


#: (name, url, needs a logged-in editor)
ANSWERS = [
    ("home page", "/", False),
    ("browse page", "/letters/", False),
    ("letter page", "/letters/lenin-to-armand-1914-06-07/", False),
    ("people page", "/people/", False),
    ("API answer", "/api/letters/", False),
    ("API docs", "/api/docs", False),
    ("404", "/no-such-page/", False),
    ("API 404", "/api/letters/no-such-letter/", False),
    ("admin login", ADMIN_LOGIN, False),
    ("admin page", "/admin/correspondence/letter/", True),
    ("static file", "/static/css/letters.css", False),
]


@pytest.mark.parametrize(("name", "url", "staff"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_every_kind_of_answer_carries_the_security_headers(
    client, letter, name, url, staff
):
    response = (_staff_client() if staff else client).get(url, secure=True)
    assert response.status_code in {200, 404}, (url, response.status_code)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    csp = _policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


def _policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", ["/", "/letters/", "/api/letters/", ADMIN_LOGIN])
def test_no_page_allows_inline_script(client, letter, url):
    csp = _policy(client.get(url))
    scripts = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts


def test_hsts_is_only_sent_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/")


@pytest.mark.parametrize("host", ["evil.example", "letters.example.org.evil.example"])
def test_a_request_for_a_foreign_host_is_a_400(client, host):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 400


def test_the_api_docs_page_runs_no_inline_script(client):
    """Swagger UI's settings are a JSON data block; its code comes from /static/."""
    html = client.get("/api/docs").content.decode()
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/json"' in opening, opening


# -- cookies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/letters/",
        "/letters/?q=liquidators&year=1914",
        "/letters/lenin-to-armand-1914-06-07/",
        "/people/",
        "/topics/",
        "/api/letters/",
        "/api/letters/lenin-to-armand-1914-06-07/",
        "/no-such-page/",
    ],
)
def test_anonymous_readers_get_no_cookie(client, letter, url):
    response = client.get(url)
    assert response.status_code in {200, 404}
    assert not response.cookies, f"{url} set {list(response.cookies)}"
    assert "Set-Cookie" not in response


def test_the_login_cookies_are_secure_and_http_only(letter):
    get_user_model().objects.create_superuser("admin", "a@example.org", "right-pw")
    client = Client(enforce_csrf_checks=True)
    form = client.get(ADMIN_LOGIN, secure=True)
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    assert csrf["samesite"] == "Lax"
    response = client.post(
        ADMIN_LOGIN,
        {
            "username": "admin",
            "password": "right-pw",
            "csrfmiddlewaretoken": csrf.value,
            "next": "/admin/",
        },
        secure=True,
        HTTP_REFERER="https://testserver/admin/login/",
    )
    assert response.status_code == 302, response.content[:500]
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]


# -- CSRF ------------------------------------------------------------------------------


def _login_form(client):
    response = client.get(ADMIN_LOGIN)
    return response.cookies["csrftoken"].value


def test_a_post_without_a_csrf_token_is_a_403(db):
    client = Client(enforce_csrf_checks=True)
    _login_form(client)
    response = client.post(ADMIN_LOGIN, {"username": "admin", "password": "pw"})
    assert response.status_code == 403


def test_a_post_from_a_foreign_origin_is_a_403_even_with_a_token(db):
    client = Client(enforce_csrf_checks=True)
    token = _login_form(client)
    data = {"username": "admin", "password": "pw", "csrfmiddlewaretoken": token}
    response = client.post(ADMIN_LOGIN, data, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    # the same post from the site itself is accepted (a form error, not a 403)
    response = client.post(ADMIN_LOGIN, data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
