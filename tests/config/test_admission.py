"""Admission across the server (config/admission.py): at most N requests worked on at
once by all of gunicorn's workers together, a short wait for a few more, a fast 503 for
the rest, and nothing leaked when a worker is killed."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from config import admission

ROOT = Path(__file__).resolve().parent.parent.parent
CONF = ROOT / "config" / "gunicorn.conf.py"


def wait_until(condition, what, timeout=20):
    """Poll ``condition`` until it holds; fail after a generous ``timeout``. A test
    waits on what it needs to have happened, never on a guess of how long it takes
    (on a loaded machine a thread or a worker may start seconds late)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still not {what} after {timeout} s")
        time.sleep(0.01)


def two_processes(limit, queue, wait):
    """Two gates on one pair of count arrays, as two workers see them."""
    running, waiting, oldest = [0, 0], [0, 0], [0.0, 0.0]
    return [
        admission.Gate(limit, queue, wait, running, waiting, oldest, i) for i in (0, 1)
    ]


def test_the_bound_holds_across_processes():
    # a wait longer than any test: a refusal seen before it ends was not a wait
    first, second = two_processes(limit=2, queue=0, wait=60)
    assert first.enter() and second.enter()
    started = time.monotonic()
    assert not first.enter() and not second.enter()  # full, and no queue
    assert time.monotonic() - started < 30  # refused at once, not after the wait
    second.leave()
    assert first.enter()  # the place the other process gave back
    assert first.running == [2, 0]


def test_a_request_waits_for_a_place_and_gets_it_when_one_is_given_back():
    first, second = two_processes(limit=1, queue=1, wait=5)
    assert first.enter()
    threading.Timer(0.2, first.leave).start()
    started = time.monotonic()
    assert second.enter()
    assert 0.15 < time.monotonic() - started < 2
    assert second.waiting == [0, 0] and second.running == [0, 1]


def test_a_newcomer_does_not_overtake_a_waiting_request():
    # a wait long enough for the waiter to be scheduled on a loaded machine: the
    # newcomer, behind it in line, is refused only when its own wait ends
    first, second = two_processes(limit=1, queue=2, wait=2)
    assert first.enter()
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(second.enter()))
    waiter.start()
    wait_until(lambda: sum(second.waiting) == 1, "waiting")
    first.leave()
    assert not first.enter()  # queued behind the waiter, which took the place
    waiter.join(5)
    assert answers == [True] and first.running == [0, 1]


def test_a_request_that_waited_too_long_or_finds_the_queue_full_is_refused():
    first, second = two_processes(limit=1, queue=1, wait=1)
    assert first.enter()
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(second.enter()))
    waiter.start()
    wait_until(lambda: sum(second.waiting) == 1, "waiting")
    assert not first.enter()  # the one place in the queue is taken...
    assert answers == []  # ...refused at once: the waiter is still waiting
    waiter.join(30)
    assert answers == [False]  # waited its second, then refused
    assert first.waiting == [0, 0] and first.running == [1, 0]


def test_the_master_gives_each_worker_its_own_slot_and_takes_it_back():
    admission.share(3)
    try:
        server = SimpleNamespace(WORKERS={})
        workers = [object() for _ in range(4)]
        slots = []
        for pid, worker in enumerate(workers[:3], 100):
            admission.assign_slot(server, worker)
            slots.append(admission._slot)
            server.WORKERS[pid] = worker
        assert sorted(slots) == [0, 1, 2]
        admission._shared.running[slots[1]] = 2  # the worker in slot 1 is busy...
        admission.free_slot(server, workers[1])  # ...and is killed
        assert admission._shared.running[slots[1]] == 0
        del server.WORKERS[101]
        admission.assign_slot(server, workers[3])
        assert admission._slot == slots[1]  # its replacement gets the freed slot
        # a worker gone without child_exit: its slot is reclaimed at the next fork
        admission._shared.running[slots[0]] = 1
        del server.WORKERS[100]
        admission.assign_slot(server, object())
        assert admission._slot == slots[0]
        assert admission._shared.running[slots[0]] == 0
    finally:
        admission._shared = admission._slot = None


# -- under gunicorn ------------------------------------------------------------------
def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, sleep, timeout=20):
    url = f"http://127.0.0.1:{port}/api/sleep?sleep={sleep}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode().strip()
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())["detail"]
    except OSError as error:  # not listening yet, or the worker was killed
        return None, str(error)


def at_once(port, sleeps, stagger=0.05):
    """Send one request per sleep, ``stagger`` apart; their (status, body) in order."""
    answers = [None] * len(sleeps)

    def send(i):
        answers[i] = get(port, sleeps[i])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(sleeps))]
    for thread in threads:
        thread.start()
        time.sleep(stagger)
    for thread in threads:
        thread.join(30)
    return answers


@pytest.fixture
def gunicorn(tmp_path):
    """`make serve`'s gunicorn settings, 2 workers, 2 requests at once, no queue,
    around tests/config/slow_wsgi.py."""
    port = free_port()
    env = {
        **os.environ,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
        "MAX_CONCURRENT_REQUESTS": "2",
        "ADMISSION_QUEUE": "0",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "SLOW_WSGI_STARTED": str(tmp_path / "started"),
    }
    log = (tmp_path / "gunicorn.log").open("w")
    command = [str(Path(sys.executable).parent / "gunicorn"), "--config", str(CONF)]
    server = subprocess.Popen(
        [*command, "tests.config.slow_wsgi:application"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if get(port, 0)[0] == 200:
                break
            time.sleep(0.1)
        else:
            pytest.fail((tmp_path / "gunicorn.log").read_text())
        yield SimpleNamespace(port=port, pid=server.pid, started=tmp_path / "started")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        log.close()


def _started(server):
    """The requests that began sleeping (slow_wsgi.py writes a line for each)."""
    if not server.started.exists():
        return []
    return server.started.read_text().split()


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {int(pid) for pid in children}


def test_gunicorn_workers_share_one_bound(gunicorn):
    # each holds its place long enough for all six to arrive, however loaded the
    # machine (they are sent 0.05 s apart)
    answers = at_once(gunicorn.port, [6] * 6)
    statuses = sorted(status for status, _ in answers)
    # with a bound per worker, two workers would have admitted up to four
    assert statuses == [200, 200, 503, 503, 503, 503]
    assert {body for status, body in answers if status == 503} == {
        "The edition is busy serving other readers. Please try again in a moment."
    }
    assert get(gunicorn.port, 0)[0] == 200  # places given back


def test_a_killed_worker_leaks_no_place(gunicorn):
    busy = threading.Thread(target=at_once, args=(gunicorn.port, [90, 90]))
    busy.start()
    # both places taken once both requests are being worked on; no probe is sent
    # before, as a probe in flight would hold a place and the second be refused
    wait_until(lambda: len(_started(gunicorn)) == 2, "working on both", 60)
    assert get(gunicorn.port, 0)[0] == 503
    before = worker_pids(gunicorn.pid)
    for pid in before:
        os.kill(pid, signal.SIGKILL)  # the requests holding the places die with them
    busy.join(30)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        now = worker_pids(gunicorn.pid)
        if len(now) == 2 and not now & before:
            break
        time.sleep(0.1)
    # the new workers start from free places: two requests at once are both served
    answers = at_once(gunicorn.port, [0.5, 0.5], stagger=0.1)
    assert [status for status, _ in answers] == [200, 200]
