"""gunicorn's settings for production (`make serve`; README: Production).

Every value may be overridden from the environment. The bounds, from the outside in:
at most BACKLOG connections wait for a worker (the kernel refuses the rest at once);
WORKERS processes of THREADS threads each; in each process at most
MAX_CONCURRENT_REQUESTS requests are worked on at once, and a thread that finds them
all taken answers 503 "busy" at once (config/middleware.py), so under overload the
excess is refused fast instead of queueing; a database statement in a request stops
after STATEMENT_TIMEOUT_MS (3 s, a 503); a worker stuck for TIMEOUT seconds is killed
and replaced.
"""

import multiprocessing
import os

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
wsgi_app = "config.wsgi:application"
#: threads, so that a process can answer "busy" while its admitted requests run
worker_class = "gthread"
#: one process per core and one more to cover I/O waits
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
#: threads per process (each holds its own database connection)
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
#: requests worked on at once per process (the other threads only answer 503); read
#: by the Django settings in the workers, which inherit this environment
os.environ.setdefault("MAX_CONCURRENT_REQUESTS", str(max(1, threads // 2)))
#: connections a process holds open (idle keep-alive ones included)
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "100"))
#: connections waiting for a worker; beyond it new connections are refused, not queued
backlog = int(os.environ.get("GUNICORN_BACKLOG", "64"))
#: a worker silent for this long is killed and replaced (well above the statement
#: limit; a full CMIF or CSV download of a large edition streams within it)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
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
