"""A statement over the time limit in a web request is stopped and answered with a 503
and a message; the worker serves the next request; commands are not limited.

The limit is 3 s in production (``STATEMENT_TIMEOUT_MS``); these tests lower it to
300 ms and run a statement that would take seconds (``pg_sleep`` on PostgreSQL, a
recursive CTE on SQLite).
"""

import time

import pytest
from django.db import connection

from .slow_urls import run_slow_query

# PostgreSQL: a cancelled statement aborts the transaction it is in, so the requests
# run in autocommit, as in production, not inside a test's transaction.
pytestmark = [
    pytest.mark.urls("tests.config.slow_urls"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIMIT_MS = 300


@pytest.fixture(autouse=True)
def short_limit(settings):
    settings.STATEMENT_TIMEOUT_MS = LIMIT_MS


def _timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_the_production_limit_is_three_seconds():
    from config import settings as project_settings

    assert project_settings.STATEMENT_TIMEOUT_MS == 3000


def test_a_slow_page_is_stopped_with_a_503_and_the_next_request_is_served(client):
    response, elapsed = _timed_get(client, "/slow/")
    assert response.status_code == 503
    assert elapsed < LIMIT_MS / 1000 + 1.5, elapsed
    assert response["Retry-After"]
    assert b"took too long" in response.content
    assert b"Narrow the search" in response.content
    # the same worker (this thread, this connection) answers the next request
    response, elapsed = _timed_get(client, "/api/letters/")
    assert response.status_code == 200
    response, _ = _timed_get(client, "/slow/?seconds=0.01")
    assert response.status_code == 200


def test_a_slow_api_answer_is_a_json_503(client):
    response, elapsed = _timed_get(client, "/api/slow/")
    assert response.status_code == 503
    assert "took too long" in response.json()["detail"]
    assert elapsed < LIMIT_MS / 1000 + 1.5, elapsed


def test_the_limit_ends_with_the_request(client, settings):
    """Imports, migrations and other commands run in no request: no limit for them."""
    settings.STATEMENT_TIMEOUT_MS = 1
    assert client.get("/slow/?seconds=0.05").status_code == 503
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"
    # the statement stopped in the request above runs to its end outside one
    started = time.monotonic()
    assert run_slow_query(0.05)
    assert time.monotonic() - started > 0.001
