"""Settings for the benchmark server: the production settings, pages of 100 letters
(the page size Datasette is given), plain HTTP on 127.0.0.1.

``BENCH_PAGE_CACHE=1`` (what ``python -m benchmarks`` sets unless ``--no-page-cache``)
adds ``config.page_cache.AnonymousPageCacheMiddleware`` where the project's
settings do not have it yet; ``BENCH_PAGE_CACHE=0`` takes it out, to measure the pages
as computed."""

import os

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, MIDDLEWARE

LETTERS_PAGE_SIZE = 100
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0

PAGE_CACHE = "config.page_cache.AnonymousPageCacheMiddleware"
MIDDLEWARE = [m for m in MIDDLEWARE if m != PAGE_CACHE]
if os.environ.get("BENCH_PAGE_CACHE", "1") == "1":
    after = "whitenoise.middleware.WhiteNoiseMiddleware"
    MIDDLEWARE.insert(
        MIDDLEWARE.index(after) + 1 if after in MIDDLEWARE else 0, PAGE_CACHE
    )

# One cache shared by all the workers (as memcached or Redis would be in production):
# files under benchmarks/work/, emptied by the harness before each server starts.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get(
            "BENCH_CACHE_DIR", str(BASE_DIR / "benchmarks/work/cache")
        ),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
