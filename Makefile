# Letters: everything a newcomer needs is `make run` and `make test`.
#
#   make run        virtualenv, install, migrate, load the edition, serve http://$(HOST):$(PORT)/
#   make serve      the same for production: DEBUG off, collectstatic, gunicorn (SECRET_KEY)
#   make backup     a copy of the database in $(BACKUP_DIR)/;  make restore BACKUP=file
#   make test       install with the test extras, run the suite on SQLite and on PostgreSQL
#   make test-sqlite / make test-postgres   one database only (PYTEST_ARGS="-k admin" to narrow)
#   make lint       ruff;  make migrations-check;  make audit (pip-audit)
#   make bench      the benchmarks, cached and cold (BENCH_ARGS=--quick: a short try)
#
# DATABASE_URL=postgres://... makes `make run` use PostgreSQL (the database is created if
# missing). In CI (CI=true) an unreachable PostgreSQL fails `make test`; elsewhere it is
# skipped with a warning.

HOST ?= 127.0.0.1
PORT ?= 8000
PYTHON ?= python3
VENV ?= .venv
PYTEST_ARGS ?=
BACKUP_DIR ?= backups
BACKUP ?=
BENCH_ARGS ?=

BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check

.DEFAULT_GOAL := help
.PHONY: help install install-test run serve backup restore load test test-sqlite test-postgres lint format \
	migrations-check audit bench clean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

# ---- virtualenv and installs (stamps make a second run a no-op) -------------------

$(PY):
	$(PYTHON) -m venv $(VENV)

# An install with the test extras includes everything `run` needs.
$(VENV)/.installed-run: pyproject.toml | $(PY)
	@if [ $(VENV)/.installed-test -nt pyproject.toml ]; then :; else $(PIP_INSTALL) -e .; fi
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP_INSTALL) -e '.[test]'
	@touch $@

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

# ---- serve the edition -------------------------------------------------------------

# The development server: DEBUG on unless told otherwise (then SECRET_KEY is needed).
run load backup restore: export DJANGO_DEBUG ?= 1

run: load
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) runserver $(HOST):$(PORT)

# Production: DEBUG off (SECRET_KEY and ALLOWED_HOSTS from the environment), gunicorn
# with its bounds in config/gunicorn.conf.py (workers, timeouts, backlog).
serve: export DJANGO_DEBUG = 0
serve: load
	$(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) collectstatic --noinput --verbosity 0
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config config/gunicorn.conf.py

# ---- backups (README: Operations) --------------------------------------------------

backup: $(VENV)/.installed-run
	$(MANAGE) backup_database --directory $(BACKUP_DIR)

restore: $(VENV)/.installed-run
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=$(BACKUP_DIR)/<file>" >&2; exit 2; }
	$(MANAGE) restore_database --yes $(BACKUP)

# Migrate and load the edition into an empty database (an edited one is left alone).
load: $(VENV)/.installed-run
	@case "$${DATABASE_URL:-}" in postgres*) $(PY) scripts/postgres.py ensure-database;; esac
	$(MANAGE) migrate --noinput
	$(MANAGE) load_edition

# ---- tests -------------------------------------------------------------------------

# Both runs always happen, side by side (each is one process: on two cores together
# they take little longer than the slower alone); each one's output is printed whole
# once both are done, and the target fails if either did. The browser tests (layout,
# axe, CSP, the admin in Chromium: what the page does, not the database) run in the
# SQLite run only, which writes the committed screenshots (docs/screenshots/): on
# PostgreSQL each flushes and reloads the database, and together they took a third of
# its run (make test 11.5 minutes). `make test-postgres` alone runs them too.
test: $(VENV)/.installed-test
	@logs=$$(mktemp -d); status=0; \
	$(MAKE) --no-print-directory test-sqlite > $$logs/sqlite.log 2>&1 & sqlite=$$!; \
	SCREENSHOT_DIR=$$logs/screenshots $(MAKE) --no-print-directory test-postgres \
		PYTEST_ARGS='-m "not browser" $(PYTEST_ARGS)' \
		> $$logs/postgresql.log 2>&1 & postgresql=$$!; \
	wait $$sqlite || status=1; wait $$postgresql || status=1; \
	for run in sqlite postgresql; do \
		echo "==================== make test-$$run ===================="; \
		cat $$logs/$$run.log; \
	done; \
	rm -rf $$logs; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)" >&2; fi; \
	exit $$status

test-sqlite: $(VENV)/.installed-test
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-test
	@if url=$$($(PY) scripts/postgres.py test-url); then \
		echo "DATABASE_URL=$$url $(BIN)/pytest $(PYTEST_ARGS)"; \
		DATABASE_URL=$$url $(BIN)/pytest $(PYTEST_ARGS); \
	elif [ "$${CI:-}" = true ]; then \
		echo "ERROR: PostgreSQL is not reachable; CI must test on PostgreSQL." >&2; exit 1; \
	else \
		echo "" >&2; \
		echo "############################################################" >&2; \
		echo "## SKIPPED the PostgreSQL run: no PostgreSQL server answered." >&2; \
		echo "## Start one (pg_ctlcluster ... main start) or set DATABASE_URL." >&2; \
		echo "############################################################" >&2; \
	fi

# ---- checks ------------------------------------------------------------------------

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed-run
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# Known vulnerabilities in the installed dependencies (pip-audit, CI only: not a
# project dependency; PyPI's project pages where its services do not answer; see
# scripts/audit.py). Skipped with a loud warning when nothing answers.
audit: $(VENV)/.installed-test
	$(PIP_INSTALL) pip-audit==2.10.1
	$(PY) scripts/audit.py

bench: $(VENV)/.installed-test
	@if [ -f benchmarks/__main__.py ]; then \
		$(PY) -m benchmarks $(BENCH_ARGS); \
	else \
		echo "No benchmarks yet (benchmarks/__main__.py)."; \
	fi

clean:
	rm -rf $(VENV) staticfiles .pytest_cache *.egg-info
