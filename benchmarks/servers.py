"""Starting and stopping the servers under test: the app under gunicorn, the
exported file under Datasette. Each is started as its own process group and stopped
by its pid."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.corpora import LOCAL, ROOT, WORK

DATASETTE_VENV = WORK / "datasette-venv"
DATASETTE_VERSION = "0.65.5"
SECRET_KEY = "benchmark-only-" + "k" * 40
CACHE_DIR = LOCAL / "cache"
GUNICORN_CONF = ROOT / "config" / "gunicorn.conf.py"


def app_env(url):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(LOCAL / "static"),
        "LOG_LEVEL": "ERROR",
        "BENCH_CACHE_DIR": str(CACHE_DIR),
    }


class Server:
    def __init__(self, name, command, port, env=None, log=None):
        self.name, self.command, self.port = name, command, port
        self.env, self.log = env, log
        self.process = None

    def start(self, ready_path="/", timeout=120):
        _refuse_taken(self.port)
        log = open(self.log, "ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.port}{ready_path}"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    response.read()
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer {url} within {timeout}s")

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def stop(self):
        """SIGTERM to the server's pid (gunicorn stops its workers), then SIGKILL to the
        same pid if it has not stopped within 20 seconds."""
        if not self.process or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def rss_kb(self):
        """{pid: resident set size in kB} of the server and its worker processes."""
        pids = [self.pid] + _children(self.pid)
        result = {}
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        result[pid] = int(line.split()[1])
            except OSError:
                pass
        return result


def _refuse_taken(port):
    """Another server on the port would answer the readiness check and every request
    in our server's place (seen: another checkout's runserver): refuse to start."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(
                f"port {port} is already taken by another server: stop it, or choose "
                "other ports (BENCH_PORT, default 8731: the app there, Datasette on "
                "the next, and the same +10 for the cold set; benchmarks.load: --port)"
            )


def _children(pid):
    try:
        found = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found.extend(int(p) for p in text)
        return found
    except OSError:
        return []


class RssSampler:
    """Samples a server's RSS every ``interval`` seconds in a thread; ``peak`` holds the
    largest worker RSS (MB) and ``master`` the master's."""

    def __init__(self, server, interval=0.5):
        self.server, self.interval = server, interval
        self.peak_worker_mb = 0.0
        self.peak_master_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self):
        for pid, kb in self.server.rss_kb().items():
            mb = kb / 1024
            if pid == self.server.pid:
                self.peak_master_mb = max(self.peak_master_mb, mb)
            else:
                self.peak_worker_mb = max(self.peak_worker_mb, mb)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def collectstatic(url):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=app_env(url),
        check=True,
    )


def gunicorn(url, port, workers, log):
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--backlog",
        "256",
        "--max-requests",
        "0",
        "--timeout",
        "60",
    ]
    return Server("gunicorn", command, port, env=app_env(url), log=log)


def production(url, port, log, *, page_cache=True, cache_dir=CACHE_DIR, env=None):
    """gunicorn as ``make serve`` starts it: ``config/gunicorn.conf.py`` (gthread
    workers, the admission bound, the statement limit), DEBUG off, with
    ``benchmarks.settings`` (pages of 100, the cache shared by the workers, emptied
    first) and the page cache on unless ``page_cache`` is false."""
    shutil.rmtree(cache_dir, ignore_errors=True)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--config",
        str(GUNICORN_CONF),
        "--access-logfile",
        "/dev/null",
    ]
    environment = {
        **app_env(url),
        "BENCH_PAGE_CACHE": "1" if page_cache else "0",
        "BENCH_CACHE_DIR": str(cache_dir),
        "BIND": f"127.0.0.1:{port}",
        "GUNICORN_LOG_LEVEL": "info",
        **(env or {}),
    }
    return Server("gunicorn", command, port, env=environment, log=log)


def ensure_datasette(say=print):
    """Datasette in its own virtualenv (never the project's), from PyPI."""
    binary = DATASETTE_VENV / "bin" / "datasette"
    if not binary.exists():
        say(f"installing datasette {DATASETTE_VERSION} into {DATASETTE_VENV} ...")
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        subprocess.run(
            [
                str(DATASETTE_VENV / "bin" / "pip"),
                "install",
                "--quiet",
                f"datasette=={DATASETTE_VERSION}",
            ],
            check=True,
        )
    return binary


def datasette(path, port, log):
    """Datasette as its documentation advises for speed: immutable (-i) with counts
    from ``datasette inspect``, no facet suggestions, pages of 100. The time limits are
    raised so that facets and searches at 100k letters are computed rather than cut
    off (a cut-off facet is less work, not a faster answer)."""
    binary = ensure_datasette()
    inspect = Path(f"{path}.inspect.json")
    if not inspect.exists() or inspect.stat().st_mtime < Path(path).stat().st_mtime:
        with open(inspect, "w") as out:
            subprocess.run([str(binary), "inspect", str(path)], stdout=out, check=True)
    command = [
        str(binary),
        "serve",
        "-i",
        str(path),
        "--inspect-file",
        str(inspect),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "suggest_facets",
        "off",
        "--setting",
        "default_page_size",
        "100",
        "--setting",
        "sql_time_limit_ms",
        "20000",
        "--setting",
        "facet_time_limit_ms",
        "20000",
    ]
    return Server("datasette", command, port, log=log)
