"""Settings for Letters, all knobs from the environment with safe development defaults.

SQLite is the zero-setup default; set DATABASE_URL (postgres://...) for PostgreSQL.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG", env_bool("DEBUG", False))
TESTING = "pytest" in sys.modules
# The development key is only accepted with DEBUG on or under the test suite;
# production must set SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "dev-only-insecure-key-" + "x" * 40 if DEBUG or TESTING else ""
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set SECRET_KEY (or DJANGO_DEBUG=1 for development).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "csp",  # Content-Security-Policy header (django-csp 4)
    "axes",  # login throttling: its own tables (AccessAttempt...)
    # its templates and static files: the API docs page serves Swagger UI locally
    "ninja",
    "simple_history",
    "people",
    "places",
    "correspondence",
    "browse",  # no models: its template tags (the facets' values)
    "editing",  # history of every change, the Editors group (its own migrations)
    "network",  # /network/ and the timelines drawn outside browsing (no models)
    "benchmarks.synthetic",  # generate_corpus: synthetic editions for benchmarks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # before WhiteNoise, so static files carry the same headers as pages
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # whole answers to visitors without cookies, keyed on the data's version
    # (config/page_cache.py): a cached page is served even when busy
    "config.page_cache.AnonymousPageCacheMiddleware",
    # after the static files (cheap): over MAX_CONCURRENT_REQUESTS at once, a fast 503
    "config.middleware.AdmissionLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # a 404 on a record's URL with a slug it had before: a 301 to its new URL
    "editing.redirects.PastSlugRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # records who made each change (django-simple-history)
    "simple_history.middleware.HistoryRequestMiddleware",
    # a database statement over STATEMENT_TIMEOUT_MS in a request answers 503
    "config.middleware.StatementTimeoutMiddleware",
    # last, as django-axes asks: refuses logins while locked out
    "axes.middleware.AxesMiddleware",
]

# Facet counts, result counts, timelines and anonymous pages (browse/cache.py,
# config/page_cache.py). Every
# key carries the data's version, which triggers bump on every write, so a per-process
# memory cache is never stale; REDIS_URL shares one cache between workers and machines
# (install the `redis` package for it).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "letters",
            "OPTIONS": {"MAX_ENTRIES": 300},
        }
    }

AUTHENTICATION_BACKENDS = [
    # first: checks the lockout before any password is looked at
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # busy timeout (seconds): a writer waits for another instead of failing
        # with "database is locked"
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Only if present: a fresh clone may have no project static files yet.
STATICFILES_DIRS = [d for d in [BASE_DIR / "static"] if d.is_dir()]
# Under the test suite, serve static files from the finders (no collectstatic needed).
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security: strict by default; HTTPS-only settings switch on when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
#: Content-Security-Policy (django-csp 4): nothing but this site's own files, no inline
#: script or style, no plugins, no <base>, never framed. The API docs page (Swagger UI)
#: widens it for itself only (correspondence/api_urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}
if not DEBUG:
    # The test client and the live test server speak plain HTTP.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not TESTING)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Login throttling (django-axes): 10 failed logins for one username from one address
# lock that pair for 15 minutes (README: Operations, to unlock earlier).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

#: the longest a database statement may run in a web request (0: no limit); imports,
#: migrations and other commands are not limited (config/middleware.py)
STATEMENT_TIMEOUT_MS = int(os.environ.get("STATEMENT_TIMEOUT_MS", "3000"))
#: requests worked on at once across the server (0: no limit, as for the development
#: server; config/gunicorn.conf.py sets it); when all are taken, up to ADMISSION_QUEUE
#: more wait at most ADMISSION_WAIT_MS each, and the rest get a fast 503
MAX_CONCURRENT_REQUESTS = int(os.environ.get("MAX_CONCURRENT_REQUESTS", "0"))
ADMISSION_QUEUE = int(os.environ.get("ADMISSION_QUEUE", 2 * MAX_CONCURRENT_REQUESTS))
ADMISSION_WAIT_MS = int(os.environ.get("ADMISSION_WAIT_MS", "400"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

#: letters per page on /letters/ and in the API
LETTERS_PAGE_SIZE = 50
#: letters each list on a person's or a place's page shows, in date order (the page
#: gives each list's count and links to all of them on /letters/, with facets)
RECORD_PAGE_LETTERS = 20
