"""A WSGI app for tests/config/test_admission.py: the admission middleware around a
view that sleeps ``?sleep=`` seconds, so that gunicorn's workers can be kept busy."""

import os
import time

import django
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from config.middleware import AdmissionLimitMiddleware  # noqa: E402 (after setup)


def sleeping(request):
    seconds = float(request.GET.get("sleep", "0"))
    if seconds and os.environ.get("SLOW_WSGI_STARTED"):
        # tells the test this request holds its place (one line a request)
        with open(os.environ["SLOW_WSGI_STARTED"], "a") as started:
            started.write(f"{os.getpid()}\n")
    time.sleep(seconds)
    return HttpResponse(f"{os.getpid()}\n", content_type="text/plain")


class SlowApp(WSGIHandler):
    def load_middleware(self, is_async=False):
        self._middleware_chain = AdmissionLimitMiddleware(sleeping)


application = SlowApp()
