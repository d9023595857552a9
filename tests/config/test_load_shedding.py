"""Load shedding: over MAX_CONCURRENT_REQUESTS at once (and the queue full), a fast
503. The bound across processes is tested in test_admission.py."""

import json
import threading
import time

from django.http import HttpResponse
from django.test import RequestFactory

from config.middleware import BUSY, AdmissionLimitMiddleware


def busy_middleware(settings, limit):
    """The middleware around a view that holds its slot until ``release`` is set."""
    settings.MAX_CONCURRENT_REQUESTS = limit
    settings.ADMISSION_QUEUE = 0
    entered, release = threading.Semaphore(0), threading.Event()

    def view(request):
        entered.release()
        release.wait(10)
        return HttpResponse("done")

    return AdmissionLimitMiddleware(view), entered, release


def in_thread(middleware, path):
    answers = []
    thread = threading.Thread(
        target=lambda: answers.append(middleware(RequestFactory().get(path)))
    )
    thread.start()
    return thread, answers


def test_a_request_over_the_limit_is_refused_at_once_with_503(settings):
    middleware, entered, release = busy_middleware(settings, 2)
    running = [in_thread(middleware, "/letters/") for _ in range(2)]
    for _ in running:
        assert entered.acquire(timeout=5)
    try:
        started = time.monotonic()
        page = middleware(RequestFactory().get("/letters/"))
        api = middleware(RequestFactory().get("/api/letters/"))
        assert time.monotonic() - started < 0.5  # refused, not queued
    finally:
        release.set()
    for thread, _answers in running:
        thread.join(5)
    assert page.status_code == 503 and page["Retry-After"] == "1"
    assert BUSY in page.content.decode() and "Too busy" in page.content.decode()
    assert api.status_code == 503 and json.loads(api.content) == {"detail": BUSY}
    assert [answers[0].status_code for _t, answers in running] == [200, 200]
    # the slots are free again: the next request is served
    assert middleware(RequestFactory().get("/letters/")).status_code == 200


def test_a_slot_is_given_back_when_the_view_raises(settings):
    settings.MAX_CONCURRENT_REQUESTS = 1

    def failing(request):
        raise RuntimeError("boom")

    middleware = AdmissionLimitMiddleware(failing)
    for _ in range(3):
        try:
            middleware(RequestFactory().get("/"))
        except RuntimeError:
            pass
    middleware.get_response = lambda request: HttpResponse("ok")
    assert middleware(RequestFactory().get("/")).status_code == 200


def test_no_limit_when_set_to_0(settings):
    middleware, entered, release = busy_middleware(settings, 0)
    running = [in_thread(middleware, "/") for _ in range(5)]
    for _ in running:
        assert entered.acquire(timeout=5)  # all five run at once
    release.set()
    for thread, answers in running:
        thread.join(5)
        assert answers[0].status_code == 200


def test_the_busy_answer_carries_the_security_headers(db, client, settings):
    """Through the whole stack (a limit of 0 slots is 'off', so hold the one slot)."""
    settings.MAX_CONCURRENT_REQUESTS = 1
    settings.ADMISSION_QUEUE = 0
    from config import middleware as module

    original = module.AdmissionLimitMiddleware.__call__

    def full(self, request):
        if self.gate is not None:
            assert self.gate.enter()  # as if another request held the only place
            try:
                return original(self, request)
            finally:
                self.gate.leave()
        return original(self, request)

    module.AdmissionLimitMiddleware.__call__ = full
    try:
        client.handler.load_middleware()
        response = client.get("/letters/")
    finally:
        module.AdmissionLimitMiddleware.__call__ = original
        settings.MAX_CONCURRENT_REQUESTS = 0
        client.handler.load_middleware()
    assert response.status_code == 503
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert not response.cookies
