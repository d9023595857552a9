"""Caching keyed on the data's version: never stale, on any number of processes.

The version is a token in the one-row table ``letters_data_version`` that database
triggers change on every write to the edition's tables (migration 0004_browse_indexes),
whoever writes: the admin, an import, ``loaddata``, ``bulk_create``, raw SQL. Every
cached value's key holds the token read from the database for this request (one
primary-key lookup), so an editor's change makes every earlier entry unreachable at
once, in every worker and on every machine sharing the cache. Nothing is kept in the
process beyond what the configured Django cache keeps.

Uses:

- :func:`cached` for values that are expensive to compute and small to keep (facet
  counts, result counts): ``cached(("facets", params), compute)``.
- :func:`cached_count` and :class:`CachedCountPaginator`: result counts, keyed on the
  query's SQL.
- :class:`AnonymousPageCacheMiddleware`: whole ``GET`` answers to visitors without
  cookies (the reading pages and the JSON API), as DESIGN.md's "caching of anonymous
  pages keyed on the data's version". Only 200 answers without ``Set-Cookie`` or
  ``Vary: Cookie`` and not streamed are kept; ``/admin/`` never is.

Settings: ``LETTERS_CACHE_ALIAS`` (default ``"default"``), ``LETTERS_CACHE_TIMEOUT``
(seconds, default 3600), ``LETTERS_PAGE_CACHE_PREFIXES`` (paths the middleware
caches besides the home page; default :data:`DEFAULT_PREFIXES`).
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.utils.functional import cached_property

DEFAULT_PREFIXES = (
    "/letters/",
    "/facets/",
    "/api/letters/",
    "/api/people/",
    "/people/",
    "/topics/",
)


def data_version(using=DEFAULT_DB_ALIAS):
    """The current version token, or None where the table is missing (then nothing is
    cached)."""
    connection = connections[using]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM letters_data_version WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        return None
    return row[0] if row else None


#: a new random token, per database (the triggers of migration 0004 write the same)
_NEW_TOKEN = {
    "sqlite": "lower(hex(randomblob(8)))",
    "postgresql": "md5(random()::text || clock_timestamp()::text)",
}


def bump_data_version(using=DEFAULT_DB_ALIAS):
    """Change the version by hand, for writes the triggers do not see (the search
    index tables: a rebuild changes what a search finds)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE letters_data_version SET value = {_NEW_TOKEN[connection.vendor]} "
            "WHERE id = 1"
        )


def _cache():
    return caches[getattr(settings, "LETTERS_CACHE_ALIAS", "default")]


def _timeout():
    return getattr(settings, "LETTERS_CACHE_TIMEOUT", 3600)


def key_for(version, parts):
    digest = hashlib.sha256(
        json.dumps(parts, sort_keys=True, default=str).encode()
    ).hexdigest()[:32]
    return f"letters:{version}:{digest}"


def cached(parts, compute, using=DEFAULT_DB_ALIAS):
    """``compute()``, or its value kept for the current data version and ``parts`` (any
    JSON-able description of the question, e.g. ``("facets", sorted params)``)."""
    version = data_version(using)
    if version is None:
        return compute()
    key = key_for(version, parts)
    cache = _cache()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, _timeout())
    return value


class AnonymousPageCacheMiddleware:
    """Whole answers for visitors without cookies, keyed on the data version, the host,
    the path and the query string. Place it after the security and whitenoise
    middleware and before the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(
            getattr(settings, "LETTERS_PAGE_CACHE_PREFIXES", DEFAULT_PREFIXES)
        )

    def _cacheable(self, request):
        if request.method not in ("GET", "HEAD") or request.COOKIES:
            return False
        path = request.path
        return path == "/" or path.startswith(self.prefixes)

    def __call__(self, request):
        if not self._cacheable(request):
            return self.get_response(request)
        version = data_version()
        if version is None:
            return self.get_response(request)
        key = key_for(
            version,
            ["page", request.scheme, request.get_host(), request.get_full_path()],
        )
        cache = _cache()
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Cookie" not in response.get("Vary", "")
        ):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, _timeout())
        return response


def cached_count(queryset):
    """``queryset.count()``, kept for the data version and the query's own SQL."""
    sql, params = queryset.order_by().query.sql_with_params()
    return cached(("count", sql, list(params)), queryset.count, using=queryset.db)


class CachedCountPaginator(Paginator):
    """A Paginator whose count is :func:`cached_count` (for ``paginator_class``)."""

    @cached_property
    def count(self):
        if hasattr(self.object_list, "query"):
            return cached_count(self.object_list)
        return super().count
