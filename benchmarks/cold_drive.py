"""The cold set driven: at one size, Datasette up throughout and the app (as ``make
serve`` runs it, page cache on) on each database in turn beside it; one client, then
eight, in alternation (``alternate.py``); a row per kind, system and number of clients,
one over every kind ("all") and, when other pages were asked too, one over the kinds of
/letters/ ("all /letters/", what "all" was before there were other pages).

Datasette's rows say which run they were alternated with (``alongside``): its figures
are measured again beside each database, and ratios are taken within one run only.
"""

import os
import random
import sqlite3
from contextlib import ExitStack

from benchmarks import alternate, cold, corpora, servers

ALL_LETTERS = "all /letters/"
APP_PORT = int(os.environ.get("BENCH_PORT", "8731")) + 10
DATASETTE_PORT = APP_PORT + 1
DESCRIPTIONS = {kind.key: kind.description for kind in cold.KINDS} | {
    "all": "every kind",
    ALL_LETTERS: "every kind of /letters/",
}


def run(size, options, rows, say=print):
    """Append the rows of ``size`` letters to ``rows``; returns the number of URLs of
    each kind (one client, eight clients)."""
    export = corpora.ensure_export(size, options.seed, say)
    name, (single, concurrent) = cold.make(
        export,
        options.seed,
        [options.cold_urls, options.cold_urls_concurrent],
        options.cold_kinds,
    )
    with ExitStack() as stack:
        ports = {}
        if "datasette" in options.systems:
            log = corpora.LOCAL / "cold-datasette.log"
            datasette = servers.datasette(export, DATASETTE_PORT, log)
            datasette.start(ready_path=f"/{name}/letters?_size=1")
            stack.callback(datasette.stop)
            ports["datasette"] = DATASETTE_PORT
        databases = options.databases if "letters" in options.systems else [None]
        for database in databases:
            with ExitStack() as app_stack:
                sampler = None
                if database:
                    app = _start_app(database, size, options.seed, say)
                    app_stack.callback(app.stop)
                    sampler = app_stack.enter_context(servers.RssSampler(app))
                    ports["letters"] = APP_PORT
                _warm(ports, export, name)
                measure = Measure(size, database, name, sampler, rows, say)
                if 1 in options.cold_clients:
                    measure.one_client(single, ports, options.seed)
                if 8 in options.cold_clients:
                    measure.eight_clients(concurrent, ports)
    return {kind: [len(single[kind]), len(concurrent[kind])] for kind in single}


def _start_app(database, size, seed, say):
    url = corpora.ensure(database, size, seed, say)
    servers.collectstatic(url)
    app = servers.production(url, APP_PORT, corpora.LOCAL / "cold-gunicorn.log")
    return app.start(ready_path="/")


def _warm(ports, export, name):
    """Letter pages from each server, eight at a time, so that every worker has loaded
    its code before the first timed request (no browsing URL: nothing of the set)."""
    db = sqlite3.connect(f"file:{export}?mode=ro", uri=True)
    letters = db.execute(
        "SELECT id, slug FROM letters ORDER BY random() LIMIT 16"
    ).fetchall()
    db.close()
    pairs = [(f"/letters/{slug}/", f"/{name}/letters/{pk}") for pk, slug in letters]
    alternate.many_clients(pairs, ports, clients=8, round_size=16)


class Measure:
    """The rows of one run (the app on one database, or Datasette alone)."""

    def __init__(self, size, database, name, sampler, rows, say):
        self.size, self.database, self.name = size, database, name
        self.sampler, self.rows, self.say = sampler, rows, say

    def pairs(self, browses):
        return [(b.app_path(), b.datasette_path(self.name)) for b in browses]

    def one_client(self, sets, ports, seed):
        """The kinds mixed, in a seeded order, one request at a time."""
        mixed = [(kind, b) for kind, browses in sets.items() for b in browses]
        random.Random(f"cold-order-{seed}").shuffle(mixed)
        answers = alternate.one_client(self.pairs([b for _, b in mixed]), ports)
        by_kind = {}
        for (kind, browse), answer in zip(mixed, answers, strict=True):
            by_kind.setdefault(kind, []).append((browse, answer))
        by_kind["all"] = [(None, answer) for answer in answers]
        if set(sets) - set(cold.LETTERS_KEYS):
            by_kind[ALL_LETTERS] = [
                (None, answer)
                for (kind, _), answer in zip(mixed, answers, strict=True)
                if kind in cold.LETTERS_KEYS
            ]
        for kind, measured in by_kind.items():
            for system in ports:
                got = [answer[system] for _, answer in measured if system in answer]
                if got:
                    self.row(system, kind, 1, alternate.summary(got), measured[0][0])

    def eight_clients(self, sets, ports):
        """Kind by kind, rounds of 16 URLs on one server, then on the other."""
        every, of_letters = {}, {}
        for kind, browses in sets.items():
            results = alternate.many_clients(self.pairs(browses), ports, clients=8)
            for system, (got, seconds) in results.items():
                if got:
                    figures = alternate.summary(got, seconds)
                    self.row(system, kind, 8, figures, browses[0])
                    counted = [every]
                    if kind in cold.LETTERS_KEYS:
                        counted.append(of_letters)
                    for sums in counted:
                        done, total = sums.get(system, ([], 0.0))
                        sums[system] = (done + got, total + seconds)
        totals = [("all", every)]
        if set(sets) - set(cold.LETTERS_KEYS):
            totals.append((ALL_LETTERS, of_letters))
        for variant, sums in totals:
            for system, (got, seconds) in sums.items():
                self.row(system, variant, 8, alternate.summary(got, seconds), None)

    def row(self, system, kind, clients, figures, example):
        app = system == "letters"
        url = ""
        if example is not None:
            url = example.app_path() if app else example.datasette_path(self.name)
        row = {
            "system": system,
            "database": self.database if app else "sqlite",
            "alongside": self.database or "",
            "letters": self.size,
            "scenario": "cold",
            "variant": kind,
            "clients": clients,
            "description": DESCRIPTIONS[kind],
            **figures,
            "peak_worker_rss_mb": (
                round(self.sampler.peak_worker_mb, 1) if app and self.sampler else None
            ),
            "url": url,
        }
        self.rows.append(row)
        self.say(
            f"  cold x{clients} {system:9} {row['database']:10} {self.size:>7} "
            f"{kind:26} {row['rps']:7.1f} req/s  p50 {row['p50_ms']}  p95 "
            f"{row['p95_ms']}  p99 {row['p99_ms']} ms  errors {row['errors']}"
            + (f" {row['statuses']}" if row["errors"] else "")
        )
