"""gunicorn's settings for production (`make serve`; README: Production).

Every value may be overridden from the environment. The bounds, from the outside in:
at most BACKLOG connections wait for a worker (the kernel refuses the rest at once);
WORKERS synchronous workers each serve one request at a time; a database statement
in a request stops after STATEMENT_TIMEOUT_MS (3 s, a 503: config/middleware.py); a
worker stuck for TIMEOUT seconds is killed and replaced.
"""

import multiprocessing
import os

bind = os.environ.get(
    "BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)
wsgi_app = "config.wsgi:application"
worker_class = "sync"
#: one process per core and one more to cover I/O waits; each holds one connection
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
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
