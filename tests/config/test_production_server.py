"""The production server's command: gunicorn with bounded workers, time and queue."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CONF = ROOT / "config" / "gunicorn.conf.py"


def test_the_gunicorn_settings_bound_workers_time_and_queue(monkeypatch):
    for name in (
        "WEB_CONCURRENCY",
        "GUNICORN_BACKLOG",
        "GUNICORN_TIMEOUT",
        "GUNICORN_THREADS",
        "MAX_CONCURRENT_REQUESTS",
    ):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(CONF))
    # threads outnumber the requests admitted at once: the rest answer 503 "busy"
    assert conf["worker_class"] == "gthread" and conf["threads"] == 8
    assert os.environ["MAX_CONCURRENT_REQUESTS"] == str(2 * os.cpu_count())
    monkeypatch.delenv("MAX_CONCURRENT_REQUESTS")
    # a process takes no more connections than it has threads, none kept idle
    assert conf["worker_connections"] == conf["threads"] and conf["keepalive"] == 0
    # the admission counts are shared by the workers (test_admission.py)
    assert {"on_starting", "pre_fork", "child_exit"} <= set(conf)
    assert 2 <= conf["workers"] <= (os.cpu_count() or 1) + 1
    assert conf["backlog"] == 64
    assert conf["timeout"] == 60 and conf["graceful_timeout"] == 30
    assert conf["max_requests"] > 0
    assert conf["wsgi_app"] == "config.wsgi:application"


def test_gunicorn_accepts_the_configuration_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "DEBUG"}}
    env.update(SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org", DJANGO_DEBUG="0")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config",
         "--config", str(CONF)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_serve_turns_debug_off_collects_static_files_and_runs_gunicorn():
    result = subprocess.run(
        ["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    commands = result.stdout
    assert "collectstatic" in commands
    assert "check --deploy --fail-level WARNING" in commands
    assert "gunicorn --config config/gunicorn.conf.py" in commands
    debug = subprocess.run(
        ["make", "-n", "--no-print-directory", "-p", "serve"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    assert "DJANGO_DEBUG = 0" in debug


def test_a_worker_keeps_what_it_loaded_out_of_the_collector_s_full_passes(tmp_path):
    # in a process of its own: freezing is for the life of the process
    script = (
        "import gc, logging, runpy, types, django\n"
        "django.setup()\n"
        f"conf = runpy.run_path({str(CONF)!r})\n"
        "worker = types.SimpleNamespace(log=logging.getLogger('w'))\n"
        "conf['post_worker_init'](worker)\n"
        "print(gc.get_freeze_count() > 10_000, gc.get_threshold())\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'none.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.split("\n")[-2] == "True (7000, 10, 10)", result.stderr
