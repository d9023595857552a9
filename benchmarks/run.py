"""``python -m benchmarks``: generate the corpora, serve them, drive them, write the
results.

Two sets, reported side by side:

- **cached** (``--sizes``, 10k and 100k letters by default): the app under gunicorn on
  SQLite and on PostgreSQL, then Datasette on the exported file, each driven through
  every scenario with wrk (8 connections, a fixed time each): a handful of URLs in
  turn, so after the first request every answer comes from the page cache.
- **cold** (``--cold-sizes``, 100k and 200k): distinct browsing URLs of every kind
  (``cold.py``), each asked exactly once, of the app as ``make serve`` runs it (page
  cache on) and of Datasette, both up at once and driven in alternation
  (``alternate.py``): one client, then eight.

Servers are stopped by their pid as soon as their part is done. Results go to
benchmarks/results/<date>.json and .md. ``--quick`` tries it all in a few minutes on
2,000 letters.
"""

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
import urllib.error
import urllib.request

from benchmarks import cold, cold_drive, corpora, report, scenarios, servers, wrk

RESULTS = corpora.ROOT / "benchmarks" / "results"
#: the app's and Datasette's ports (BENCH_PORT to move them, e.g. beside another run)
APP_PORT = int(os.environ.get("BENCH_PORT", "8731"))
DATASETTE_PORT = APP_PORT + 1


def say(*args):
    print(*args, file=sys.stderr, flush=True)


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    os.environ.setdefault("SECRET_KEY", servers.SECRET_KEY)
    import django

    django.setup()


def warm(port, paths):
    """Fetch every path once: ({path: status} for those that did not answer 200, the
    slowest of these first answers in ms, computed with nothing cached yet)."""
    bad, slowest = {}, 0.0
    for path in paths:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}{path}", timeout=120
            ) as response:
                response.read()
        except urllib.error.HTTPError as error:
            bad[path] = error.code
        except (urllib.error.URLError, TimeoutError) as error:
            bad[path] = str(error)
        slowest = max(slowest, (time.perf_counter() - started) * 1000)
    return bad, round(slowest, 1)


def drive(server, system, database, size, cases, options, rows):
    for case in cases:
        if options.scenarios and case.key not in options.scenarios:
            continue
        paths = case.letters_paths if system == "letters" else case.datasette_paths
        if not paths:  # a page the other system has no equivalent of
            continue
        time.sleep(options.settle)  # let the previous scenario's queue drain
        bad, first_ms = warm(server.port, paths)
        with servers.RssSampler(server) as rss:
            result = wrk.run(
                server.port,
                paths,
                connections=options.connections,
                duration=options.duration,
                threads=options.threads,
            )
        row = {
            "system": system,
            "database": database,
            "letters": size,
            "scenario": case.key,
            "variant": case.variant,
            "description": case.description,
            **{k: result[k] for k in ("rps", "p50_ms", "p95_ms", "p99_ms", "errors")},
            "max_ms": result["max_ms"],
            "first_ms": first_ms,
            "requests": result["requests"],
            "peak_worker_rss_mb": round(rss.peak_worker_mb or rss.peak_master_mb, 1),
            "warmup_failures": bad,
            "url": paths[0],
        }
        rows.append(row)
        say(
            f"  {system:9} {database:10} {size:>7} {case.key} {case.variant:12} "
            f"{row['rps']:8.1f} req/s  p50 {row['p50_ms']:7.1f}"
            f"  p95 {row['p95_ms']:7.1f}"
            f"  p99 {row['p99_ms']:7.1f} ms  errors {row['errors']}"
            f"  rss {row['peak_worker_rss_mb']} MB" + (f"  WARMUP {bad}" if bad else "")
        )


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="letters per corpus, comma-separated (default 10000,100000)",
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--systems", default="letters,datasette")
    parser.add_argument("--scenarios", default="", help="e.g. a,d (default: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1),
        help="gunicorn workers (default: two per core)",
    )
    parser.add_argument(
        "--output", default="", help="results file stem (default: date)"
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=3.0,
        help="seconds of quiet before each scenario's first request (default 3)",
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve every page as computed (no AnonymousPageCacheMiddleware)",
    )
    parser.add_argument(
        "--label", default="", help="what code was measured, for the results' meta"
    )
    parser.add_argument(
        "--sets", default="cached,cold", help="cached, cold or both (the default)"
    )
    parser.add_argument(
        "--cold-sizes",
        default="100000,200000",
        help="letters per corpus for the cold set (default 100000,200000)",
    )
    parser.add_argument(
        "--cold-kinds", default="", help=f"of {','.join(cold.KEYS)} (default: all)"
    )
    parser.add_argument(
        "--cold-clients", default="1,8", help="1, 8 or both (the default)"
    )
    parser.add_argument(
        "--cold-urls",
        type=int,
        default=25,
        help="URLs of each kind for one client (default 25)",
    )
    parser.add_argument(
        "--cold-urls-concurrent",
        type=int,
        default=32,
        help="URLs of each kind for eight clients, others again (default 32)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="to try it: 2,000 letters, 2 s a cached scenario, 3 and 8 cold URLs a"
        " kind",
    )
    options = parser.parse_args(argv)
    if options.quick:
        options.sizes = options.cold_sizes = "2000"
        options.duration, options.settle = 2, 0.5
        options.cold_urls, options.cold_urls_concurrent = 3, 8
    options.sizes = [int(s) for s in options.sizes.split(",") if s]
    options.cold_sizes = [int(s) for s in options.cold_sizes.split(",") if s]
    options.databases = [d for d in options.databases.split(",") if d]
    options.systems = [s for s in options.systems.split(",") if s]
    options.scenarios = set(options.scenarios.split(",")) - {""}
    options.sets = set(options.sets.split(",")) - {""}
    options.cold_kinds = [k for k in options.cold_kinds.split(",") if k] or cold.KEYS
    options.cold_clients = {int(c) for c in options.cold_clients.split(",") if c}
    unknown = set(options.cold_kinds) - set(cold.KEYS)
    if unknown:
        parser.error(f"unknown cold kinds: {', '.join(sorted(unknown))}")
    return options


def main(argv=None):
    options = parse(sys.argv[1:] if argv is None else argv)
    os.environ["BENCH_PAGE_CACHE"] = "0" if options.no_page_cache else "1"
    _setup_django()
    wrk.ensure_wrk(say)
    started = time.monotonic()
    rows, parameters = [], {}
    corpora.WORK.mkdir(parents=True, exist_ok=True)
    corpora.LOCAL.mkdir(parents=True, exist_ok=True)
    for size in options.sizes if "cached" in options.sets else []:
        export = corpora.ensure_export(size, options.seed, say)
        cases, parameters[size] = scenarios.build(export, options.seed)
        say(f"{size} letters: {json.dumps(parameters[size])}")
        if "letters" in options.systems:
            for database in options.databases:
                url = corpora.ensure(database, size, options.seed, say)
                servers.collectstatic(url)
                server = servers.gunicorn(
                    url, APP_PORT, options.workers, corpora.LOCAL / "gunicorn.log"
                )
                server.start(ready_path="/letters/")
                try:
                    drive(server, "letters", database, size, cases, options, rows)
                finally:
                    server.stop()
        if "datasette" in options.systems:
            server = servers.datasette(
                export, DATASETTE_PORT, corpora.LOCAL / "datasette.log"
            )
            server.start(ready_path=f"/{export.stem}/letters?_size=1")
            try:
                drive(server, "datasette", "sqlite", size, cases, options, rows)
            finally:
                server.stop()

    for size in options.cold_sizes if "cold" in options.sets else []:
        parameters[f"cold {size}"] = cold_drive.run(size, options, rows, say)

    stem = options.output or dt.date.today().isoformat()
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "uncommitted_changes": _dirty(),
        "label": options.label,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {
            "connections": options.connections,
            "duration_s": options.duration,
            "wrk_threads": options.threads,
            "gunicorn_workers": options.workers,
            "page_size": scenarios.PAGE_SIZE,
            "seed": options.seed,
            "datasette": servers.DATASETTE_VERSION,
            "page_cache": not options.no_page_cache,
            "sets": sorted(options.sets),
            "cold_clients": sorted(options.cold_clients),
            "cold_server": "config/gunicorn.conf.py (make serve), page cache on",
        },
        "parameters": {str(k): v for k, v in parameters.items()},
        "seconds": round(time.monotonic() - started),
    }
    (RESULTS / f"{stem}.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n"
    )
    (RESULTS / f"{stem}.md").write_text(report.markdown(meta, rows))
    say(f"wrote {RESULTS / stem}.json and .md")
    return 0


def _dirty():
    try:
        return bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=corpora.ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
    except (OSError, subprocess.CalledProcessError):
        return None


def _commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=corpora.ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
