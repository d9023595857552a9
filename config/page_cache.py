"""The page cache: whole ``GET`` answers to visitors without cookies (the reading pages
and the JSON API), kept on the data's version (DESIGN.md: "caching of anonymous pages
keyed on the data's version"). Only 200 answers without ``Set-Cookie`` or ``Vary:
Cookie`` and not streamed are kept; ``/admin/`` never is.

Settings: ``LETTERS_PAGE_CACHE_PREFIXES`` (paths cached besides the home page; default
:data:`DEFAULT_PREFIXES`), and the cache settings of ``browse/cache.py``.
"""

from django.conf import settings

from browse.cache import key_for, the_cache, timeout
from correspondence.data_version import data_version

DEFAULT_PREFIXES = (
    "/letters/",
    "/facets/",
    "/api/letters/",
    "/api/people/",
    "/api/places/",
    "/people/",
    "/places/",
    "/sources/",
    "/topics/",
    "/network/",
)


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
        cache = the_cache()
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
            cache.set(key, response, timeout())
        return response
