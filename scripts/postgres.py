"""Small PostgreSQL helpers for the Makefile (run with the project's virtualenv).

python scripts/postgres.py test-url
    Print the DATABASE_URL the PostgreSQL test run should use and exit 0, or say
    why no server answers and exit 1. DATABASE_URL, if it is a PostgreSQL URL, is
    the only candidate; otherwise the local server is tried as the users postgres
    and root (trust authentication), over TCP and then the Unix socket.
    pytest-django creates and drops the test database (test_<name>) itself.

python scripts/postgres.py ensure-database
    Create the database DATABASE_URL names if it does not exist (for `make run`).
"""

import os
import sys
from urllib.parse import quote

import dj_database_url
import psycopg
from psycopg import sql

NAME = "letters"
SOCKET_DIR = "/var/run/postgresql"
CANDIDATES = [
    f"postgres://postgres@127.0.0.1:5432/{NAME}",
    f"postgres://root@127.0.0.1:5432/{NAME}",
    f"postgres://postgres@{quote(SOCKET_DIR, safe='')}/{NAME}",
    f"postgres://root@{quote(SOCKET_DIR, safe='')}/{NAME}",
]


def is_postgres(url):
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


def connect(url, dbname=None):
    """Connect as Django would, to ``dbname`` (default: the URL's own database)."""
    db = dj_database_url.parse(url)
    params = {
        "dbname": dbname or db["NAME"],
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "connect_timeout": 3,
        **db.get("OPTIONS", {}),
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v is not None})


def test_url():
    configured = os.environ.get("DATABASE_URL", "")
    candidates = [configured] if is_postgres(configured) else CANDIDATES
    failures = []
    for url in candidates:
        try:
            # Django creates the test database from the maintenance database.
            with connect(url, dbname="postgres") as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as exc:
            failures.append(f"  {url}: {str(exc).strip().splitlines()[0]}")
            continue
        print(url)
        return 0
    print("No PostgreSQL server answered:", *failures, sep="\n", file=sys.stderr)
    return 1


def ensure_database():
    url = os.environ.get("DATABASE_URL", "")
    if not is_postgres(url):
        return 0
    name = dj_database_url.parse(url)["NAME"]
    with connect(url, dbname="postgres") as conn:
        conn.autocommit = True
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")
    return 0


if __name__ == "__main__":
    commands = {"test-url": test_url, "ensure-database": ensure_database}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: {sys.argv[0]} {'|'.join(commands)}")
    sys.exit(commands[sys.argv[1]]())
