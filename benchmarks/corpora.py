"""The benchmark corpora: one database per (database kind, size), generated once and
kept in ``BENCH_WORK`` (default ``benchmarks/work/``, git-ignored) until what the
generator makes for that size and seed changes.

- SQLite: ``$BENCH_WORK/bench-<size>.sqlite3``
- PostgreSQL: database ``letters_bench_<size>`` on ``BENCH_POSTGRES`` (default
  ``postgres://postgres@127.0.0.1:5432``)
- Datasette: ``$BENCH_WORK/datasette-<size>.db``, exported from the SQLite corpus
  (the same letters), with ``datasette inspect`` counts beside it.

Several checkouts may share one ``BENCH_WORK`` (``BENCH_WORK=/srv/bench-work make
bench``): a corpus is generated under a lock, and its stamp records a digest of the
generator's output (people, topics, places, the first letters), not of its code, so
checkouts whose generators make the same letters reuse it. What one run writes for
itself (the page cache, static files, server logs) stays in its own
``benchmarks/work/``.
Delete a stamp file (``*.stamp.json``) to have its corpus made again.
"""

import contextlib
import dataclasses
import fcntl
import hashlib
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: this checkout's own files: page cache, static files, logs
LOCAL = ROOT / "benchmarks" / "work"
#: the corpora and Datasette's virtualenv, shareable between checkouts
WORK = Path(os.environ.get("BENCH_WORK") or LOCAL).resolve()
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
#: letters of the sample the stamp's digest is taken over
SAMPLE_LETTERS = 20


def label(size):
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def database_url(kind, size):
    if kind == "sqlite":
        return f"sqlite:///{WORK / f'bench-{label(size)}.sqlite3'}"
    return f"{POSTGRES}/letters_bench_{label(size)}"


def export_path(size):
    return WORK / f"datasette-{label(size)}.db"


def _fingerprint(size, seed):
    """The request and a digest of what the generator makes for it (under 2 s at
    200,000 letters: the letters' dates and people are planned in full, the text of
    the first few only)."""
    from benchmarks.synthetic.export import EXPORT_INDEXES, EXPORT_SCHEMA
    from benchmarks.synthetic.records import CorpusGenerator

    generator = CorpusGenerator(size, seed)
    sample = [
        [dataclasses.asdict(person) for person in generator.people()],
        generator.topics(),
        generator.sources(),
        [dataclasses.asdict(place) for place in generator.places()],
        [
            dataclasses.asdict(letter)
            for letter in itertools.islice(generator.letters(), SAMPLE_LETTERS)
        ],
    ]
    digest = hashlib.sha256(json.dumps(sample, default=str).encode())
    return {
        "letters": size,
        "seed": seed,
        "output": digest.hexdigest()[:16],
        "export": hashlib.sha256((EXPORT_SCHEMA + EXPORT_INDEXES).encode()).hexdigest()[
            :16
        ],
    }


@contextlib.contextmanager
def _locked(name):
    """One process at a time makes a given corpus (checkouts may share WORK)."""
    with open(WORK / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


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


def _vacuum(url):
    """VACUUM ANALYZE the new corpus, as autovacuum soon would a loaded edition: its
    pages' hint bits set and its visibility map whole. Just loaded, the first reader
    of a page wrote it back (a word's first search at 100,000 letters read 1,320
    pages and wrote 1,038 of them), and no scan could use an index alone."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def ensure(kind, size, seed, say=print):
    """Migrate (always: new index migrations apply to a kept corpus) and generate the
    corpus if it is missing or stale. Returns the DATABASE_URL."""
    WORK.mkdir(parents=True, exist_ok=True)
    url = database_url(kind, size)
    name = f"{kind}-{label(size)}"
    fingerprint = _fingerprint(size, seed)
    with _locked(name):
        _ensure(kind, size, seed, url, name, fingerprint, say)
    return url


def _ensure(kind, size, seed, url, name, fingerprint, say):
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
        if kind == "postgresql":
            _vacuum(url)
        _stamp(name).write_text(json.dumps(fingerprint))
    else:
        manage("migrate", "--noinput", "-v0", url=url)


def ensure_export(size, seed, say=print):
    """The Datasette file for ``size``, exported from the SQLite corpus."""
    url = ensure("sqlite", size, seed, say)
    path = export_path(size)
    name = f"datasette-{label(size)}"
    fingerprint = _fingerprint(size, seed)
    with _locked(name):
        if not (_fresh(name, fingerprint) and path.exists()):
            say(f"exporting {size} letters for Datasette ...")
            _stamp(name).unlink(missing_ok=True)
            manage(
                "generate_corpus",
                "--export-only",
                "--export-sqlite",
                str(path),
                url=url,
            )
            _stamp(name).write_text(json.dumps(fingerprint))
    return path


def main(argv=None):
    """``python -m benchmarks.corpora [--sizes 100000,200000] [--databases ...]``:
    make the corpora ahead of a run (they take minutes), nothing else."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpora")
    parser.add_argument("--sizes", default="100000,200000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    for size in [int(s) for s in options.sizes.split(",") if s]:
        ensure_export(size, options.seed)
        for kind in [d for d in options.databases.split(",") if d]:
            print(ensure(kind, size, options.seed), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
