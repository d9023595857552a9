"""SQLite under concurrent writers and readers: WAL, IMMEDIATE transactions and a busy
timeout mean no "database is locked", ever.

A file copy of the test database (migrated, the edition loaded) is hammered for a few
seconds in another process by two writers (an editor saving notes with their history,
an import of documents) and eight readers (pages and the API), all at once.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from correspondence.backups import database_backup

ROOT = Path(__file__).resolve().parent.parent.parent
DOCUMENTS = [ROOT / "tests/data/corpus/011-1914-vk-karpinsky.txt"]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="SQLite's locking (the PostgreSQL run has no SQLite database)",
    ),
]


def test_the_settings_ask_for_wal_immediate_transactions_and_a_busy_timeout():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_two_writers_and_eight_readers_never_see_database_is_locked(tmp_path):
    call_command("load_edition", stdout=StringIO())
    database = database_backup(path=tmp_path / "letters.sqlite3")
    assert connection.vendor == "sqlite"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_DEBUG="1",
        ALLOWED_HOSTS="testserver",
    )
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("sqlite_load.py")), "3"]
        + [str(d) for d in DOCUMENTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == [], "\n".join(report["errors"])
    assert report["journal_mode"] == "wal"
    done = report["done"]
    assert done["editor"] > 0 and done["import"] > 0 and done["reader"] > 0, done
    print(done)
