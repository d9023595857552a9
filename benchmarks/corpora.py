"""The benchmark corpora: one database per (database kind, size), generated once and
kept under benchmarks/work/ (git-ignored) until the generator or the request changes.

- SQLite: ``benchmarks/work/bench-<size>.sqlite3``
- PostgreSQL: database ``letters_bench_<size>`` on ``BENCH_POSTGRES`` (default
  ``postgres://postgres@127.0.0.1:5432``)
- Datasette: ``benchmarks/work/datasette-<size>.db``, exported from the SQLite corpus
  (the same letters), with ``datasette inspect`` counts beside it.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def label(size):
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def database_url(kind, size):
    if kind == "sqlite":
        return f"sqlite:///{WORK / f'bench-{label(size)}.sqlite3'}"
    return f"{POSTGRES}/letters_bench_{label(size)}"


def export_path(size):
    return WORK / f"datasette-{label(size)}.db"


def _fingerprint(size, seed):
    code = (ROOT / "correspondence" / "corpus.py").read_bytes()
    return {
        "letters": size,
        "seed": seed,
        "corpus": hashlib.sha256(code).hexdigest()[:16],
    }


def _stamp(name):
    return WORK / f"{name}.stamp.json"


def _fresh(name, fingerprint):
    try:
        return json.loads(_stamp(name).read_text()) == fingerprint
    except (OSError, ValueError):
        return False


def manage(*args, url, log=None):
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "k" * 40,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
    }
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=log,
        stderr=None,
    )


def _recreate_postgres(size):
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        name = f"letters_bench_{label(size)}"
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure(kind, size, seed, say=print):
    """Migrate (always: new index migrations apply to a kept corpus) and generate the
    corpus if it is missing or stale. Returns the DATABASE_URL."""
    WORK.mkdir(parents=True, exist_ok=True)
    url = database_url(kind, size)
    name = f"{kind}-{label(size)}"
    fingerprint = _fingerprint(size, seed)
    if not _fresh(name, fingerprint):
        say(f"generating {size} letters on {kind} ...")
        _stamp(name).unlink(missing_ok=True)
        if kind == "sqlite":
            path = Path(url.removeprefix("sqlite:///"))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        else:
            _recreate_postgres(size)
        manage("migrate", "--noinput", "-v0", url=url)
        manage("generate_corpus", "--letters", str(size), "--seed", str(seed), url=url)
        _stamp(name).write_text(json.dumps(fingerprint))
    else:
        manage("migrate", "--noinput", "-v0", url=url)
    return url


def ensure_export(size, seed, say=print):
    """The Datasette file for ``size``, exported from the SQLite corpus."""
    url = ensure("sqlite", size, seed, say)
    path = export_path(size)
    name = f"datasette-{label(size)}"
    fingerprint = _fingerprint(size, seed)
    if not (_fresh(name, fingerprint) and path.exists()):
        say(f"exporting {size} letters for Datasette ...")
        manage(
            "generate_corpus", "--export-only", "--export-sqlite", str(path), url=url
        )
        _stamp(name).write_text(json.dumps(fingerprint))
    return path
