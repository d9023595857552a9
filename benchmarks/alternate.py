"""Driving the app and Datasette in alternation, so that whatever else the machine does
meanwhile slows both alike.

- One client: the pairs (app path, Datasette path) in turn, each request after the
  last is answered; app then Datasette for one pair, Datasette then app for the next.
- Eight clients: eight threads share a round of pairs, first all on one server, then
  the same round on the other (the order flips each round), so each server is loaded
  by eight clients at a time and its throughput is its requests over the time its
  rounds took. (Alternating request by request cannot measure throughput: a client
  waiting for one server does not load the other.)

Every request is a new connection (``Connection: close``, as the app's gunicorn
answers anyway), timed from before connecting until the whole answer is read.
"""

import http.client
import math
import threading
import time
from collections import Counter

SYSTEMS = ("letters", "datasette")


def fetch(port, path, timeout=60.0):
    """(status, or an error's name, seconds)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Connection": "close"})
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        status = type(error).__name__
    finally:
        connection.close()
    return status, time.perf_counter() - started


def one_client(pairs, ports):
    """[{system: (status, seconds)}], one for each pair (a system without a path, or
    without a port, is left out): each pair's requests in turn, one at a time."""
    results = []
    for n, pair in enumerate(pairs):
        order = SYSTEMS if n % 2 == 0 else SYSTEMS[::-1]
        answers = {}
        for system in order:
            path = pair[SYSTEMS.index(system)]
            if path is not None and system in ports:
                answers[system] = fetch(ports[system], path)
        results.append(answers)
    return results


def _concurrently(port, paths, clients):
    """[(status, seconds)] and the wall time of ``clients`` threads taking ``paths``
    in turn from one shared list."""
    results, lock, queue = [], threading.Lock(), list(reversed(paths))

    def client():
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            answer = fetch(port, path)
            with lock:
                results.append(answer)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def many_clients(pairs, ports, clients=8, round_size=16):
    """{system: ([(status, seconds)], seconds of its rounds)}."""
    results = {system: ([], 0.0) for system in SYSTEMS}
    for n, start in enumerate(range(0, len(pairs), round_size)):
        chunk = pairs[start : start + round_size]
        order = SYSTEMS if n % 2 == 0 else SYSTEMS[::-1]
        for system in order:
            paths = [p[SYSTEMS.index(system)] for p in chunk]
            paths = [p for p in paths if p is not None]
            if not paths or system not in ports:
                continue
            answers, seconds = _concurrently(ports[system], paths, clients)
            done, total = results[system]
            results[system] = (done + answers, total + seconds)
    return results


def percentile(values, p):
    """The nearest-rank percentile (of 25 values, p99 is the slowest)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(answers, seconds=None):
    """p50/p95/p99/max in ms over every answer, req/s (of ``seconds`` of rounds, or
    one client's: answers over the sum of their times), errors (not 200) and the
    statuses."""
    times = [s for _, s in answers]
    statuses = Counter(str(status) for status, _ in answers)
    busy = seconds if seconds is not None else sum(times)

    def ms(value):
        return None if value is None else round(value * 1000, 1)

    return {
        "requests": len(answers),
        "rps": round(len(answers) / busy, 2) if busy else 0.0,
        "p50_ms": ms(percentile(times, 50)),
        "p95_ms": ms(percentile(times, 95)),
        "p99_ms": ms(percentile(times, 99)),
        "max_ms": ms(max(times) if times else None),
        "errors": len(answers) - statuses.get("200", 0),
        "statuses": dict(sorted(statuses.items())),
    }
