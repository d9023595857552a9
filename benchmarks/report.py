"""The Markdown table of a run: one line per scenario, system and database, with the
ratio of the app's req/s to Datasette's on the same size in the same run, and the
targets (p95 < 100 ms, p99 < 250 ms, >= 5x Datasette on a-d, worker RSS < 300 MB)."""

P95_TARGET, P99_TARGET, RATIO_TARGET, RSS_TARGET = 100, 250, 5, 300


def _key(row):
    return (row["letters"], row["scenario"], row["variant"])


def markdown(meta, rows):
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
    return "\n".join(lines) + "\n"


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
