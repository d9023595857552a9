"""Caching keyed on the data's version: never stale, on any number of processes.

The version (``correspondence/data_version.py``) is a token that database triggers
change on every write to the edition. Every cached value's key holds the token read
from the database for this request (one primary-key lookup), so an editor's change makes
every earlier entry unreachable at once, in every worker and on every machine sharing
the cache. Nothing is kept in the process beyond what the configured Django cache keeps.

Uses:

- :func:`cached` for values that are expensive to compute and small to keep (facet
  counts, result counts): ``cached(("facets", params), compute)``.
- :func:`cached_count` and :class:`CachedCountPaginator`: result counts, keyed on the
  query's SQL.
- ``config/page_cache.py`` keeps whole answers to anonymous visitors on the same keys.

Settings: ``LETTERS_CACHE_ALIAS`` (default ``"default"``), ``LETTERS_CACHE_TIMEOUT``
(seconds, default 3600).
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS
from django.utils.functional import cached_property

from correspondence.data_version import data_version


def the_cache():
    return caches[getattr(settings, "LETTERS_CACHE_ALIAS", "default")]


def timeout():
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
    cache = the_cache()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout())
    return value


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
