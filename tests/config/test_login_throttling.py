"""Login throttling (django-axes): 10 failures for one username from one address lock
that pair for 15 minutes; the right password is refused meanwhile; an administrator's
``axes_reset_username`` or the cool-off ends it."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "the-right-passphrase"
ADDRESS = "203.0.113.7"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "editor", password=PASSWORD, is_staff=True
    )


def _log_in(password, address=ADDRESS, username="editor"):
    client = Client(REMOTE_ADDR=address)
    data = {"username": username, "password": password, "next": "/admin/"}
    return client.post(LOGIN, data)


def _logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def _lock(editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = _log_in(f"wrong-{attempt}")
        assert response.status_code in {200, 429}
    return response


def test_the_settings_are_ten_failures_per_username_and_address_for_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 10
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_nine_failures_do_not_lock(editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(f"wrong-{attempt}").status_code == 200
    assert _logged_in(_log_in(PASSWORD))


def test_ten_failures_lock_and_the_right_password_is_refused(editor):
    last = _lock(editor)
    assert last.status_code == 429
    response = _log_in(PASSWORD)
    assert response.status_code == 429
    assert b"locked" in response.content.lower()
    assert "_auth_user_id" not in Client().session
    # the lock is on the pair: the same name from another address, or another name
    # from this address, may still log in
    assert _logged_in(_log_in(PASSWORD, address="198.51.100.9"))
    get_user_model().objects.create_user("other", password=PASSWORD, is_staff=True)
    assert _logged_in(_log_in(PASSWORD, username="other"))


def test_an_administrator_unlocks_with_axes_reset_username(editor):
    _lock(editor)
    assert _log_in(PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=StringIO())
    assert _logged_in(_log_in(PASSWORD))


def test_the_lock_ends_by_itself_after_fifteen_minutes(editor):
    _lock(editor)
    assert _log_in(PASSWORD).status_code == 429
    # time passes: the failures are now older than the cool-off
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - timedelta(minutes=15, seconds=1)
    )
    assert _logged_in(_log_in(PASSWORD))
