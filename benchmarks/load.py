"""Overload benchmark (issue 9, bounded cost): open-loop, constant-rate load against the
production server command at 0.9x and 1.5x of measured capacity, then 0.5x to time
the recovery.

    .venv/bin/python -m benchmarks.load [--letters 100000] [--database sqlite]
                                        [--urls cold|fixed] [--port 8077] [--phase 20]

1. A corpus of ``--letters`` generated letters on SQLite (``$BENCH_WORK``) or
   PostgreSQL (``--database postgresql``: ``letters_bench_<size>``).
2. gunicorn with ``config/gunicorn.conf.py`` (as ``make serve``: gthread workers and
   the admission limit of config/middleware.py), DEBUG off, ``benchmarks.settings``.
   ``--urls cold`` (the default): every request is a browsing URL not asked before
   (``cold.py``'s kinds in turn), with the page cache on as in production;
   ``--urls fixed``: the 25 ``PATHS`` in turn without the page cache (issue 9's runs),
   the facet and count cache of the browse pages kept, as in production.
3. Capacity: closed loop, as many connections as the server admits at once
   (MAX_CONCURRENT_REQUESTS), for ``--capacity-seconds``: the rate of 200s.
4. Open loop at 0.9x and 1.5x for ``--phase`` seconds each, then 0.5x for half as
   long. Requests leave at fixed intervals whatever the server does; each is timed
   from its intended send time (no coordinated omission), one connection a request
   (``Connection: close``), raw HTTP/1.1 over asyncio; a request unanswered after
   ``--timeout`` seconds is an error.
5. The gunicorn log after start-up is searched for ``WORKER TIMEOUT`` and ``Booting
   worker`` (a worker killed or replaced).

Writes ``benchmarks/results/<date>-load.json`` and ``.md``. The server is stopped by
its pid.
"""

import argparse
import asyncio
import datetime as dt
import itertools
import json
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks import cold, corpora, servers
from benchmarks.servers import collectstatic

RESULTS = corpora.ROOT / "benchmarks" / "results"
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CONF = corpora.ROOT / "config" / "gunicorn.conf.py"
#: the letters-list URLs requested in turn: whole-edition pages and single years
PATHS = [f"/letters/?page={n}" for n in range(1, 6)] + [
    f"/letters/?year={year}" for year in range(1900, 1920)
]


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


async def request(port, path, timeout):
    """(status or an error name, seconds until the whole answer was read)."""
    started = time.monotonic()
    writer = None
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Connection: close\r\n\r\n".encode()
            )
            await writer.drain()
            data = await reader.read()  # until the server closes
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else "empty"
    except TimeoutError:
        status = "timeout"
    except OSError as error:
        status = type(error).__name__
    finally:
        if writer is not None:
            writer.close()
    return status, time.monotonic() - started


async def closed_loop(port, paths, connections, seconds, timeout):
    """Each connection sends its next request when the last is answered."""
    results, deadline = [], time.monotonic() + seconds

    async def client():
        while time.monotonic() < deadline:
            results.append(await request(port, paths.next(), timeout))

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(connections)))
    return results, time.monotonic() - started


async def open_loop(port, paths, rate, seconds, timeout):
    """Request k leaves at start + k/rate; its latency counts from then. Returns
    [(intended offset s, status, latency s)]."""
    results = []
    start = time.monotonic() + 0.05

    async def one(intended, path):
        status, _ = await request(port, path, timeout)
        results.append((intended - start, status, time.monotonic() - intended))

    tasks = []
    for k in range(int(rate * seconds)):
        intended = start + k / rate
        delay = intended - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(intended, paths.next())))
    await asyncio.gather(*tasks)
    return sorted(results)


def summary(results, rate, seconds):
    ok = [lat for _, status, lat in results if status == 200]
    statuses = Counter(str(status) for _, status, _ in results)
    every = [lat for _, _, lat in results]
    refused = [lat for _, status, lat in results if status == 503]
    return {
        "rate_rps": round(rate, 1),
        "seconds": seconds,
        "requests": len(results),
        "statuses": dict(sorted(statuses.items())),
        "errors": len(results) - statuses.get("200", 0),
        "any_500": any(str(s).startswith("5") and s != 503 for _, s, _ in results),
        "p50_ms": ms(percentile(every, 50)),
        "p99_ms": ms(percentile(every, 99)),
        "p99_ok_ms": ms(percentile(ok, 99)),
        "p50_503_ms": ms(percentile(refused, 50)),
        "p99_503_ms": ms(percentile(refused, 99)),
        "max_ms": ms(max(every) if every else None),
    }


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


def per_second(results, seconds):
    rows = []
    for second in range(seconds):
        bucket = [(s, lat) for t, s, lat in results if second <= t < second + 1]
        rows.append(
            {
                "second": second,
                "requests": len(bucket),
                "p99_ms": ms(percentile([lat for _, lat in bucket], 99)),
                "503": sum(1 for s, _ in bucket if s == 503),
                "other_errors": sum(1 for s, _ in bucket if s not in (200, 503)),
            }
        )
    return rows


def recovery_second(rows):
    """The first second (from the drop) whose p99 is under 500 ms with no error."""
    for row in rows:
        if (
            row["requests"]
            and row["p99_ms"] < 500
            and not row["503"]
            and not row["other_errors"]
        ):
            return row["second"]
    return None


def worker_events(log, offset):
    text = Path(log).read_bytes()[offset:].decode(errors="replace")
    return {
        "worker_timeout": text.count("WORKER TIMEOUT"),
        "booting_worker": text.count("Booting worker"),
        "errors_logged": text.count("[ERROR]"),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql"), default="sqlite"
    )
    parser.add_argument(
        "--urls",
        choices=("cold", "fixed"),
        default="cold",
        help="cold: every request a browsing URL not asked before (benchmarks/cold.py),"
        " page cache on; fixed: the 25 PATHS in turn, page cache off (default cold)",
    )
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument("--phase", type=int, default=20, help="seconds at 0.9x, 1.5x")
    parser.add_argument("--capacity-seconds", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    if args.urls == "cold":
        export = corpora.ensure_export(args.letters, args.seed)
        paths = Paths(cold.endless(export, args.seed))
    else:
        paths = Paths(itertools.cycle(PATHS))
    url = corpora.ensure(args.database, args.letters, seed=args.seed)
    work = corpora.LOCAL
    work.mkdir(parents=True, exist_ok=True)
    log = work / "load-gunicorn.log"
    log.write_bytes(b"")
    collectstatic(url)
    server = servers.production(
        url,
        args.port,
        log,
        page_cache=args.urls == "cold",
        cache_dir=work / "load-cache",
    )
    conf = {"__file__": str(CONF)}
    saved = dict(os.environ)
    os.environ.update(server.env)
    exec(CONF.read_text(), conf)  # the values the server runs with
    admitted = int(os.environ["MAX_CONCURRENT_REQUESTS"])
    os.environ.clear()
    os.environ.update(saved)
    report = {
        "date": dt.date.today().isoformat(),
        "letters": args.letters,
        "database": args.database,
        "urls": args.urls,
        "server": {
            "workers": conf["workers"],
            "threads": conf["threads"],
            "max_concurrent_requests": admitted,
            "admission_queue": int(server.env.get("ADMISSION_QUEUE", 2 * admitted)),
            "admission_wait_ms": int(server.env.get("ADMISSION_WAIT_MS", 400)),
            "worker_connections": conf["worker_connections"],
            "worker_class": conf["worker_class"],
            "cpus": os.cpu_count(),
        },
    }
    server.start(ready_path="/")
    try:
        if args.urls == "fixed":
            for path in PATHS:  # warm: first counts and facets go into the cache
                asyncio.run(request(args.port, path, 60))
        paths.prepare(2_000)
        offset = log.stat().st_size
        results, elapsed = asyncio.run(
            closed_loop(args.port, paths, admitted, args.capacity_seconds, args.timeout)
        )
        ok = sum(1 for status, _ in results if status == 200)
        capacity = ok / elapsed
        report["capacity"] = {
            "connections": admitted,
            "seconds": round(elapsed, 1),
            "rps_200": round(capacity, 1),
            "statuses": dict(Counter(str(s) for s, _ in results)),
            "p50_ms": ms(percentile([lat for _, lat in results], 50)),
        }
        print(f"capacity: {capacity:.1f} requests/s of 200s", flush=True)
        phases = [("0.9x", 0.9, args.phase), ("1.5x", 1.5, args.phase)]
        phases.append(("0.5x", 0.5, max(10, args.phase // 2)))
        paths.prepare(int(sum(f * capacity * s for _, f, s in phases) * 1.1) + 10)
        report["phases"] = {}
        for name, factor, seconds in phases:
            rate = factor * capacity
            results = asyncio.run(
                open_loop(args.port, paths, rate, seconds, args.timeout)
            )
            phase = summary(results, rate, seconds)
            phase["per_second"] = per_second(results, seconds)
            if name == "0.5x":
                phase["recovery_second"] = recovery_second(phase["per_second"])
            report["phases"][name] = phase
            shown = {k: v for k, v in phase.items() if k != "per_second"}
            print(name, json.dumps(shown), flush=True)
        report["workers"] = worker_events(log, offset)
    finally:
        server.stop()
    report["paths"] = paths.used[:50] if args.urls == "cold" else PATHS
    report["paths_asked"] = len(paths.used)
    write(report)
    return 0


class Paths:
    """The paths to request, drawn ahead of time (drawing a cold URL reads the
    exported file: not while requests are being timed)."""

    def __init__(self, source):
        self.source, self.ready, self.used = source, [], []

    def prepare(self, count):
        self.ready += itertools.islice(self.source, max(0, count - len(self.ready)))

    def next(self):
        if not self.ready:  # more than prepared: draw on (and say so in the report)
            self.prepare(100)
        path = self.ready.pop(0)
        self.used.append(path)
        return path


def write(report):
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if report["database"] == "sqlite" else f"-{report['database']}"
    suffix += "" if report["urls"] == "cold" else "-fixed"
    stem = RESULTS / f"{report['date']}-load{suffix}"
    Path(f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    phases, cap, srv = report["phases"], report["capacity"], report["server"]
    lines = [
        f"# Load: {report['letters']} letters on {DATABASES[report['database']]}, "
        f"{report['date']}",
        "",
        f"gunicorn (config/gunicorn.conf.py): {srv['workers']} {srv['worker_class']} "
        f"workers x {srv['threads']} threads; {srv['max_concurrent_requests']} "
        f"requests admitted at once across the workers, up to "
        f"{srv['admission_queue']} more waiting at most {srv['admission_wait_ms']} ms; "
        f"{srv['cpus']} CPUs (client on the same machine). URLs: "
        + (
            f"{report['paths_asked']} browsing URLs, each asked once (benchmarks/"
            "cold.py's kinds in turn), page cache on."
            if report["urls"] == "cold"
            else "/letters/ pages 1-5 and single years, in turn, page cache off."
        ),
        "",
        f"**Capacity** (closed loop, {cap['connections']} connections, "
        f"{cap['seconds']} s): **{cap['rps_200']} requests/s** of 200s "
        f"(p50 {cap['p50_ms']} ms; statuses {cap['statuses']}).",
        "",
        "| phase | rate (req/s) | s | requests | statuses | p50 ms | p99 ms "
        "| p99 of 200s ms | p50 / p99 of 503s ms | any 500 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, p in phases.items():
        lines.append(
            f"| {name} | {p['rate_rps']} | {p['seconds']} | {p['requests']} "
            f"| {p['statuses']} | {p['p50_ms']} | {p['p99_ms']} | {p['p99_ok_ms']} "
            f"| {p['p50_503_ms']} / {p['p99_503_ms']} "
            f"| {'yes' if p['any_500'] else 'no'} |"
        )
    w = report["workers"]
    lines += [
        "",
        f"Workers after start-up: {w['worker_timeout']} `WORKER TIMEOUT`, "
        f"{w['booting_worker']} `Booting worker` (replacements), "
        f"{w['errors_logged']} `[ERROR]` lines in the gunicorn log.",
        "",
        f"**Recovery**: after the drop to 0.5x, the first second with p99 < 500 ms and "
        f"no 503 is second {phases['0.5x']['recovery_second']} (counted from 0).",
        "",
        "Per second at 0.5x (from the drop):",
        "",
        "| s | requests | p99 ms | 503 | other errors |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in phases["0.5x"]["per_second"]:
        lines.append(
            f"| {row['second']} | {row['requests']} | {row['p99_ms']} | {row['503']} "
            f"| {row['other_errors']} |"
        )
    Path(f"{stem}.md").write_text("\n".join(lines) + "\n")
    print(f"wrote {stem}.json and {stem}.md")


if __name__ == "__main__":
    sys.exit(main())
