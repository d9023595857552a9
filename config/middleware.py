"""Two bounds on a web request's cost, each a 503 with a message and ``Retry-After``.

``AdmissionLimitMiddleware``: at most ``MAX_CONCURRENT_REQUESTS`` requests are worked
on at once across the server's processes (config/admission.py); a few more may wait a
moment for a place, and the rest are refused at once (503 "busy") instead of queueing
behind them, so under overload the excess gets a fast answer and the admitted
requests keep their latency. Useful with gunicorn's ``gthread`` workers, whose threads
outnumber the admitted requests (config/gunicorn.conf.py); 0 turns it off (the
development server and the tests).

``StatementTimeoutMiddleware``: a time limit on each database statement of a web
request; a 503 when one hits it.

Web requests only: imports, migrations, backups and other commands run without it,
because the limit is installed around the view by this middleware and taken away when
the view returns (a streamed download's queries, run while it is sent, are not limited
either).

- PostgreSQL: ``SET statement_timeout`` before the request's first query (so a request
  that needs no database costs no round trip), ``RESET`` after its last; the server
  cancels a statement that runs longer (``QueryCanceled``).
- SQLite: a progress handler on the connection interrupts a statement that has run
  longer than the limit since it started (``OperationalError: interrupted``).

A statement that hits the limit answers 503 with a message (JSON under /api/) and a
``Retry-After``; the connection is left usable, so the worker serves the next request.
"""

import time

from django.conf import settings
from django.db import OperationalError, connection
from django.http import JsonResponse
from django.template.response import TemplateResponse

from config import admission

#: SQLite calls the progress handler every this many virtual machine instructions
SQLITE_PROGRESS_STEPS = 10_000
MESSAGE = (
    "This request took too long and was stopped. Narrow the search (fewer or more "
    "specific words, a year or a correspondent) and try again."
)
BUSY = "The edition is busy serving other readers. Please try again in a moment."
BUSY_RETRY_AFTER = "1"


class _Limit:
    """The execute wrapper of one request on one connection."""

    def __init__(self, connection, timeout_ms):
        self.connection = connection
        self.timeout = timeout_ms / 1000
        self.installed = False
        self.deadline = None

    # -- PostgreSQL --------------------------------------------------------------------
    def _pg_install(self, cursor):
        # the driver's own cursor: no wrappers, no parameters (SET takes none)
        cursor.cursor.execute(f"SET statement_timeout = {int(self.timeout * 1000)}")

    def _pg_remove(self):
        with self.connection.connection.cursor() as cursor:  # the driver's, as above
            cursor.execute("RESET statement_timeout")

    # -- SQLite ------------------------------------------------------------------------
    def _sqlite_progress(self):
        # a true value interrupts the running statement
        return self.deadline is not None and time.monotonic() > self.deadline

    def _sqlite_install(self, cursor):
        self.connection.connection.set_progress_handler(
            self._sqlite_progress, SQLITE_PROGRESS_STEPS
        )

    def _sqlite_remove(self):
        self.connection.connection.set_progress_handler(None, 0)

    # -- both --------------------------------------------------------------------------
    def __call__(self, execute, sql, params, many, context):
        if not self.installed:
            self.installed = True
            getattr(self, f"_{self._vendor}_install")(context["cursor"])
        self.deadline = time.monotonic() + self.timeout
        return execute(sql, params, many, context)

    @property
    def _vendor(self):
        return "pg" if self.connection.vendor == "postgresql" else "sqlite"

    def remove(self):
        if not self.installed or self.connection.connection is None:
            return
        self.deadline = None
        try:
            getattr(self, f"_{self._vendor}_remove")()
        except Exception:
            # An aborted transaction or a broken connection: Django closes an unusable
            # connection at the end of the request, which drops the setting with it.
            self.connection.close_if_unusable_or_obsolete()
            if self.connection.connection is not None:
                self.connection.close()


def is_timeout(exc):
    """Whether ``exc`` is a statement stopped by the time limit (either database)."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    name = type(cause).__name__ if cause is not None else ""
    return name == "QueryCanceled" or "interrupted" in str(exc).lower()


def unavailable(request, message, retry_after, heading=None):
    """A 503 with ``message``: JSON under /api/, else the 503 page (no database)."""
    headers = {"Retry-After": retry_after}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=503, headers=headers)
    context = {"message": message, "heading": heading}
    response = TemplateResponse(
        request, "503.html", context, status=503, headers=headers
    )
    return response.render()


def timeout_response(request):
    return unavailable(request, MESSAGE, "10")


class AdmissionLimitMiddleware:
    """At most ``settings.MAX_CONCURRENT_REQUESTS`` requests at once across the server
    (config/admission.py); a request that finds them all taken waits at most
    ``ADMISSION_WAIT_MS`` if fewer than ``ADMISSION_QUEUE`` already wait, and is
    otherwise refused at once with a 503."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.gate = admission.gate(
            settings.MAX_CONCURRENT_REQUESTS,
            settings.ADMISSION_QUEUE,
            settings.ADMISSION_WAIT_MS / 1000,
        )

    def __call__(self, request):
        if self.gate is None:
            return self.get_response(request)
        if not self.gate.enter():
            return unavailable(request, BUSY, BUSY_RETRY_AFTER, heading="Too busy")
        try:
            return self.get_response(request)
        finally:
            self.gate.leave()


class StatementTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout_ms = settings.STATEMENT_TIMEOUT_MS
        if not timeout_ms or connection.vendor not in {"postgresql", "sqlite"}:
            return self.get_response(request)
        limit = _Limit(connection, timeout_ms)
        try:
            with connection.execute_wrapper(limit):
                return self.get_response(request)
        finally:
            limit.remove()

    def process_exception(self, request, exception):
        if is_timeout(exception):
            return timeout_response(request)
        return None
