"""Settings for the benchmark server: the production settings, pages of 100 letters
(the page size Datasette is given), plain HTTP on 127.0.0.1."""

from config.settings import *  # noqa: F403

LETTERS_PAGE_SIZE = 100
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
