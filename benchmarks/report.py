"""The Markdown tables of a run.

- Cached set: one line per scenario, system and database, with the ratio of the app's
  req/s to Datasette's on the same size in the same run, and the targets (p95 < 100 ms,
  p99 < 250 ms, >= 5x Datasette on a-d, worker RSS < 300 MB).
- Cold set: per size, app database and number of clients, one line per kind with the
  app's and Datasette's latencies (alternated with each other in that run) and the
  ratio: Datasette's p50 over the app's for one client, the app's req/s over
  Datasette's for eight; targets of issue 15 (one client: p95 < 100 ms and p99 <
  250 ms at 100,000 letters, p95 < 150 ms at 200,000; >= 5x Datasette; RSS < 300 MB).
"""

from benchmarks.cold import KEYS
from benchmarks.cold_drive import ALL_LETTERS

P95_TARGET, P99_TARGET, RATIO_TARGET, RSS_TARGET = 100, 250, 5, 300
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _key(row):
    return (row["letters"], row["scenario"], row["variant"])


def markdown(meta, rows):
    cold = [r for r in rows if r["scenario"] == "cold"]
    rows = [r for r in rows if r["scenario"] != "cold"]
    datasette = {_key(r): r for r in rows if r["system"] == "datasette"}
    lines = [
        f"# Benchmark {meta['date']} (commit {meta['commit']})",
        "",
        *([meta["label"], ""] if meta.get("label") else []),
        f"{meta['machine']['cpus']} cores; wrk {meta['settings']['connections']} "
        f"connections, {meta['settings']['duration_s']} s a scenario; gunicorn "
        f"{meta['settings']['gunicorn_workers']} sync workers; Datasette "
        f"{meta['settings']['datasette']} immutable; page size "
        f"{meta['settings']['page_size']}; page cache "
        + ("on" if meta["settings"].get("page_cache") else "off")
        + ". Latencies in ms. Ratio: the app's req/s over Datasette's for the same "
        "size and scenario in this run. First ms: the first request of the scenario,"
        " before anything was cached (the slowest path where it has several).",
        "",
    ]
    if not rows:
        lines = lines[:-3] + [""]
    for size in sorted({r["letters"] for r in rows}):
        lines += [
            f"## {size:,} letters",
            "",
            "| scenario | system | database | req/s | p50 | p95 | p99 | errors | "
            "first ms | worker RSS MB | ratio to Datasette | targets |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            "| --- |",
        ]
        for row in sorted(
            (r for r in rows if r["letters"] == size),
            key=lambda r: (
                r["scenario"],
                r["variant"],
                r["system"] != "letters",
                r["database"],
            ),
        ):
            ds = datasette.get(_key(row))
            ratio = ""
            if row["system"] == "letters" and ds and ds["rps"]:
                ratio = f"{row['rps'] / ds['rps']:.1f}x"
            lines.append(
                f"| {row['scenario']} {row['variant']} | {row['system']} | "
                f"{row['database']} | {row['rps']:.1f} | {row['p50_ms']:.1f} | "
                f"{row['p95_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} | "
                f"{row.get('first_ms', '')} | "
                f"{row['peak_worker_rss_mb']:.0f} | {ratio} | "
                f"{_targets(row, ds) if row['system'] == 'letters' else ''} |"
            )
        lines.append("")
    if rows:
        lines += ["## Scenarios", ""]
    seen = set()
    for row in rows:
        if (row["letters"], row["scenario"], row["variant"]) in seen:
            continue
        seen.add((row["letters"], row["scenario"], row["variant"]))
        lines.append(
            f"- {row['letters']:,} {row['scenario']} {row['variant']}: "
            f"{row['description']}"
        )
    if rows and cold:
        lines.append("")
    if cold:
        lines += cold_markdown(cold)
    return "\n".join(lines) + "\n"


def cold_markdown(rows):
    """The cold set's tables (lines)."""
    lines = [
        "## Cold: every URL asked once (nothing cached for it)",
        "",
        "The app as `make serve` runs it (config/gunicorn.conf.py, page cache on) and "
        "Datasette, both up, driven in alternation: one client (request by request), "
        "eight clients (rounds of 16 URLs a server). Latencies in ms, p50 / p95 / p99 "
        "(nearest rank: of 25 URLs, p99 is the slowest).",
        "",
    ]
    runs = sorted(
        {(r["letters"], r["alongside"], r["clients"]) for r in rows if r["alongside"]}
    )
    for size, database, clients in runs:
        mine = [
            r
            for r in rows
            if (r["letters"], r["alongside"], r["clients"]) == (size, database, clients)
        ]
        app = {r["variant"]: r for r in mine if r["system"] == "letters"}
        ds = {r["variant"]: r for r in mine if r["system"] == "datasette"}
        one = clients == 1
        lines += [
            f"### {size:,} letters, {DATABASES.get(database, database)}, "
            + ("one client" if one else f"{clients} clients"),
            "",
            "| kind | Letters "
            + ("p50 / p95 / p99" if one else "req/s (p50 / p95)")
            + " | Datasette "
            + ("p50 / p95 / p99" if one else "req/s (p50 / p95)")
            + " | ratio | errors | worker RSS MB | targets |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for kind in [k for k in [*KEYS, ALL_LETTERS, "all"] if k in app]:
            mine, theirs = app[kind], ds.get(kind)
            ratio = _cold_ratio(mine, theirs, one)
            errors = f"{mine['errors']}" + (f" / {theirs['errors']}" if theirs else "")
            lines.append(
                f"| {kind} | {_cold_figures(mine, one)} | "
                f"{_cold_figures(theirs, one) if theirs else 'cannot answer'} | "
                f"{f'{ratio:.2f}x' if ratio else ''} | {errors} | "
                f"{mine['peak_worker_rss_mb'] or ''} | "
                f"{_cold_targets(mine, ratio, one)} |"
            )
        lines.append("")
    lines += ["Kinds:", ""]
    examples = {}
    for row in sorted(rows, key=lambda r: r["system"] != "letters"):
        examples.setdefault(row["variant"], row)
    for kind in [k for k in KEYS if k in examples]:
        row = examples[kind]
        lines.append(f"- {kind}: {row['description']} (e.g. `{row['url']}`)")
    return lines


def _cold_figures(row, one):
    if one:
        return f"{row['p50_ms']} / {row['p95_ms']} / {row['p99_ms']}"
    return f"{row['rps']} ({row['p50_ms']} / {row['p95_ms']})"


def _cold_ratio(mine, theirs, one):
    """How many times Datasette's time the app is as fast: its p50 over the app's for
    one client, the app's req/s over its for eight."""
    if not theirs:
        return None
    if one:
        return theirs["p50_ms"] / mine["p50_ms"] if mine["p50_ms"] else None
    return mine["rps"] / theirs["rps"] if theirs["rps"] else None


def _cold_targets(row, ratio, one):
    missed = []
    if one:
        p95 = P95_TARGET if row["letters"] <= 100_000 else 150
        if row["p95_ms"] >= p95:
            missed.append(f"p95 < {p95}")
        if row["letters"] <= 100_000 and row["p99_ms"] >= P99_TARGET:
            missed.append(f"p99 < {P99_TARGET}")
    if ratio is not None and ratio < RATIO_TARGET:
        missed.append(f">= {RATIO_TARGET}x")
    if (row["peak_worker_rss_mb"] or 0) >= RSS_TARGET:
        missed.append("RSS")
    if row["errors"]:
        missed.append("errors")
    return "ok" if not missed else "missed: " + ", ".join(missed)


def _targets(row, ds):
    missed = []
    if row["p95_ms"] >= P95_TARGET:
        missed.append("p95")
    if row["p99_ms"] >= P99_TARGET:
        missed.append("p99")
    if (
        row["scenario"] in "abcd"
        and ds
        and ds["rps"]
        and row["rps"] < RATIO_TARGET * ds["rps"]
    ):
        missed.append("ratio")
    if row["peak_worker_rss_mb"] >= RSS_TARGET:
        missed.append("RSS")
    if row["errors"]:
        missed.append("errors")
    return "ok" if not missed else "missed: " + ", ".join(missed)
