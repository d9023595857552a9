"""Every admin address with an id in it answers a malformed id as Django's admin does:
a redirect to the admin's home with a message, or a 404; never a server error."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, reverse

from correspondence.models import Footnote, Letter, Source, Topic
from people.models import Person, PersonName

from .helpers import admin_url

pytestmark = pytest.mark.django_db

MALFORMED = ["x1", "1x", "1.5", "-1", "0x10", "99999999999999999999999", "%20"]


def admin_patterns_with_ids():
    """(name, number of arguments) of every named admin URL that takes arguments."""
    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                arguments = pattern.pattern.regex.groups
                if arguments:
                    found.append((f"{namespace}:{pattern.name}", arguments))

    walk(admin.site.get_urls(), "admin")
    return found


@pytest.fixture
def superuser_client(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", [Letter, Footnote, Topic, Source, Person, PersonName])
def test_a_history_page_with_a_malformed_id_is_not_a_server_error(
    editor_client, edition, model
):
    response = editor_client.get(admin_url(model, "history", "x1"))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_the_revert_page_with_a_malformed_id_or_version_is_a_404(
    editor_client, edition
):
    note = edition.footnotes.first()
    for args in [("x1", "1"), (note.pk, "x1"), ("x1", "x1")]:
        response = editor_client.get(admin_url(Footnote, "simple_history", *args))
        assert response.status_code == 404, args


def test_no_admin_address_answers_a_malformed_id_with_a_server_error(
    superuser_client, edition
):
    patterns = admin_patterns_with_ids()
    assert len(patterns) > 30  # the sweep reaches every model's pages
    tried, errors = 0, []
    for name, arguments in patterns:
        for value in MALFORMED:
            try:
                url = reverse(name, args=[value] * arguments)
            except NoReverseMatch:
                continue  # the pattern itself refuses the value (e.g. <int:...>)
            tried += 1
            for method in (superuser_client.get, superuser_client.post):
                response = method(url)
                if response.status_code >= 500:
                    errors.append(f"{method.__name__.upper()} {url}")
                else:
                    assert response.status_code in {302, 403, 404}, url
    assert tried > 100
    assert not errors, errors
