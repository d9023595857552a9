"""gunicorn's settings for production (`make serve`; README: Production).

Every value may be overridden from the environment. The bounds, from the outside in:
at most BACKLOG connections wait for a worker (the kernel refuses the rest); WORKERS
processes of THREADS threads each, a process taking no more connections than it has
threads (so a busy process leaves them to the others); across all processes at most
MAX_CONCURRENT_REQUESTS requests are worked on at once, up to ADMISSION_QUEUE more
wait at most ADMISSION_WAIT_MS for a place, and the rest are answered 503 "busy" at
once (config/admission.py), so under overload the excess is refused fast instead of
queueing; a database statement in a request stops after STATEMENT_TIMEOUT_MS (3 s, a
503); a worker stuck for TIMEOUT seconds is killed and replaced.
"""

import gc
import multiprocessing
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project

from config import admission  # noqa: E402  (after the path)

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
wsgi_app = "config.wsgi:application"
#: threads, so that a process can answer "busy" while its admitted requests run
worker_class = "gthread"
#: one process per core and one more to cover I/O waits
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
#: threads per process (each may hold a database connection): together more than the
#: requests admitted and waiting, so that a full server still answers "busy" at once
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
#: requests worked on at once across all processes: CPU-bound pages gain nothing from
#: more at once than two a core. Read by the Django settings in the workers, which
#: inherit this environment.
os.environ.setdefault(
    "MAX_CONCURRENT_REQUESTS", str(2 * (multiprocessing.cpu_count() or 1))
)
#: connections a process holds at once: no more than its threads, so a process
#: whose threads are all taken leaves new connections to the others
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", threads))
#: connections waiting for a worker; beyond it new connections are refused, not queued
backlog = int(os.environ.get("GUNICORN_BACKLOG", "64"))
#: a worker silent for this long is killed and replaced (well above the statement
#: limit; a full CMIF or CSV download of a large edition streams within it)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
#: each connection is closed after its answer: a kept-alive idle connection would hold
#: one of the process's few places (the reverse proxy keeps clients' connections)
keepalive = 0
#: workers are replaced now and then, so a slow leak never grows unbounded
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
#: request line and header limits (gunicorn's defaults, stated)
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
#: the reverse proxy whose X-Forwarded-Proto is trusted (HTTPS detection)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


# The admission counts shared by the workers (config/admission.py): mapped in the
# master before the first fork, one slot a worker, freed when a worker exits.
def on_starting(server):
    admission.share(2 * workers + 2)


def pre_fork(server, worker):
    admission.assign_slot(server, worker)


def child_exit(server, worker):
    admission.free_slot(server, worker)


def post_worker_init(worker):
    # a worker reads the browse index (browse/index.py) before its first reader asks
    from browse.index import current

    try:
        current.get()
    except Exception:  # noqa: BLE001 -- no database yet: the first request builds it
        worker.log.warning("browse index not built at start", exc_info=True)
    quiet_collector()


#: Python's collector, a generation's allocations before it runs (default 700, 10, 10)
COLLECTOR_THRESHOLDS = (7000, 10, 10)


def quiet_collector():
    """Keep the garbage collector's full passes off the readers' time.

    A full pass walks every object the process holds: Django, the app and the
    browse index loaded, about 100,000 objects at 100,000 letters, 50-75 ms a pass,
    five passes in 80 cold pages (one page in 16 took 50-75 ms more). What a worker
    has loaded stays for its life (``max_requests`` renews it), so it is frozen out
    of the passes, and the youngest generation collected ten times less often: in
    one process over the same 80 pages, the longest pause 75 -> 6 ms and the time
    collecting 400 -> 90 ms (gc.freeze alone: 26 ms and 150 ms)."""
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
