"""Run by tests/config/test_sqlite_concurrency.py in its own process, against a file
database (DATABASE_URL): two writers (an editor saving notes through the ORM with
history, an import of documents) and eight readers (pages and API) at once, for a few
seconds. Prints one JSON line: what each kind of thread did and every error."""

import json
import os
import sys
import threading
import time
import traceback
from io import StringIO

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from correspondence.models import Footnote, Letter  # noqa: E402

SECONDS = float(sys.argv[1])
DOCUMENTS = sys.argv[2:]
READS = ["/letters/", "/letters/?q=liquidators", "/api/letters/", "/people/"]
done = {"editor": 0, "import": 0, "reader": 0}
errors = []
lock = threading.Lock()
start = threading.Barrier(10)


def worker(kind, step):
    try:
        start.wait()
        deadline = time.monotonic() + SECONDS
        n = 0
        while time.monotonic() < deadline:
            step(n)
            n += 1
        with lock:
            done[kind] += n
    except Exception:
        with lock:
            errors.append(f"{kind}: {traceback.format_exc(limit=3)}")
    finally:
        connection.close()


def edit(n):
    with transaction.atomic():
        notes = list(Footnote.objects.order_by("pk")[:3])
        for note in notes:
            note.text = note.text.rstrip(" .0123456789") + f" {n}."
            note.save()


def import_documents(n):
    call_command("import_documents", *DOCUMENTS, stdout=StringIO())


def read(n, client=None):
    response = Client().get(READS[n % len(READS)])
    if response.status_code != 200:
        raise AssertionError(f"{READS[n % len(READS)]}: {response.status_code}")
    if n % 4 == 3:
        list(Letter.objects.values_list("slug", flat=True))


threads = [
    threading.Thread(target=worker, args=("editor", edit)),
    threading.Thread(target=worker, args=("import", import_documents)),
] + [threading.Thread(target=worker, args=("reader", read)) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
print(json.dumps({"done": done, "errors": errors, "journal_mode": mode}))
