"""How many requests the server works on at once (read by ``AdmissionLimitMiddleware``).

At most ``limit`` requests are worked on at once across all of the server's worker
processes. When they are all taken, up to ``queue`` more requests wait, each for at
most ``wait`` seconds, for one of them to finish; any other request is refused at once
(the middleware answers 503 "busy"). So a short burst waits a little instead of being
refused, and a sustained overload is refused fast instead of queueing without end.

The bound is shared by the processes, not kept per process, because gunicorn's workers
take connections unevenly: with a bound of 2 in each of 3 workers, 23 requests in 1,327
were refused at 0.9x of capacity while other workers had room (benchmarks/load.py).

The counts live in memory the gunicorn master maps before it forks the workers
(``share``, from its ``on_starting`` hook). Each worker owns one slot of it
(``assign_slot``, from ``pre_fork``) and writes only there; the master zeroes the slot
of a worker that has exited (``free_slot``, from ``child_exit``), so a killed worker
leaks no admission. Summing the slots is not atomic across processes: two workers
admitting at the same instant may go one request each over the bound, which shedding
load can bear. Without gunicorn (the development server, the tests) the counts are the
process's own.
"""

import bisect
import multiprocessing
import threading
import time

#: how often a waiting request looks for a free place (seconds)
POLL_SECONDS = 0.002


class _Shared:
    """The counts all workers see, and the master's record of who owns which slot."""

    def __init__(self, slots):
        self.running = multiprocessing.RawArray("i", slots)
        self.waiting = multiprocessing.RawArray("i", slots)
        #: when the longest-waiting request of each worker arrived (0: none waits)
        self.oldest = multiprocessing.RawArray("d", slots)
        self.owners = [None] * slots  # in the master: the worker holding each slot

    def clear(self, slot):
        self.running[slot] = self.waiting[slot] = 0
        self.oldest[slot] = 0.0
        self.owners[slot] = None


_shared = None
#: this worker's slot in ``_shared``, set in the master just before the fork
_slot = None


def share(slots):
    """In the gunicorn master, before any worker is forked: room for ``slots``
    workers at once (those being replaced included)."""
    global _shared
    _shared = _Shared(slots)


def assign_slot(server, worker):
    """In the master, before ``worker`` is forked: give it a free slot, reclaiming
    those of workers the master no longer knows (exited without a ``child_exit``)."""
    global _slot
    _slot = None
    if _shared is None:
        return
    alive = set(server.WORKERS.values())
    for slot, owner in enumerate(_shared.owners):
        if owner is not None and owner not in alive:
            _shared.clear(slot)
    for slot, owner in enumerate(_shared.owners):
        if owner is None:
            _shared.clear(slot)
            _shared.owners[slot] = worker
            _slot = slot
            return
    # no slot free: this worker counts its requests alone (``gate`` falls back)


def free_slot(server, worker):
    """In the master, once ``worker`` has exited: whatever it held is released."""
    if _shared is None:
        return
    for slot, owner in enumerate(_shared.owners):
        if owner is worker:
            _shared.clear(slot)


class Gate:
    """Admission over the counts ``running`` and ``waiting`` and the arrival times
    ``oldest`` (one entry a process), of which this process writes entry ``index``
    only. Waiting requests take a free place in the order they arrived, across
    processes (``time.monotonic`` is the machine's clock, the same in every one)."""

    def __init__(self, limit, queue, wait, running, waiting, oldest, index):
        self.limit, self.queue, self.wait = limit, queue, wait
        self.running, self.waiting, self.oldest = running, waiting, oldest
        self.index = index
        self.lock = threading.Lock()  # this process's threads write its entry in turn
        self._arrivals = []  # this process's waiting requests, oldest first

    def _take(self):
        if sum(self.running) < self.limit:
            self.running[self.index] += 1
            return True
        return False

    def _first_in_line(self, arrived):
        return all(not other or other >= arrived for other in self.oldest)

    def _wait_in_line(self, arrived, joining):
        if joining:
            bisect.insort(self._arrivals, arrived)
        else:
            self._arrivals.remove(arrived)
        self.waiting[self.index] += 1 if joining else -1
        self.oldest[self.index] = self._arrivals[0] if self._arrivals else 0.0

    def enter(self):
        """True when the request may be worked on (then call ``leave``), False when it
        is refused."""
        with self.lock:
            queued = sum(self.waiting)
            # no overtaking: while requests wait, a newcomer waits behind them
            if not queued and self._take():
                return True
            if queued >= self.queue:
                return False
            arrived = time.monotonic()
            self._wait_in_line(arrived, joining=True)
        try:
            while time.monotonic() < arrived + self.wait:
                time.sleep(POLL_SECONDS)
                with self.lock:
                    if self._first_in_line(arrived) and self._take():
                        return True
            return False
        finally:
            with self.lock:
                self._wait_in_line(arrived, joining=False)

    def leave(self):
        with self.lock:
            self.running[self.index] -= 1


def gate(limit, queue, wait):
    """The gate of this process: on the counts shared with the other workers under
    gunicorn, on its own otherwise. None when ``limit`` is 0 (no bound)."""
    if not limit:
        return None
    if _shared is not None and _slot is not None:
        shared = _shared
        return Gate(
            limit, queue, wait, shared.running, shared.waiting, shared.oldest, _slot
        )
    return Gate(limit, queue, wait, [0], [0], [0.0], 0)
