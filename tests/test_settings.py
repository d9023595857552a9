"""The settings pass Django's deployment checks when run as production runs them."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: set by the developer or by other tests (the browser tests allow async-unsafe
#: database access); none of them may leak into the "production" process
CLEARED = {
    "DJANGO_DEBUG",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _manage(*args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_key():
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def test_production_settings_pass_the_deployment_checks_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        SECRET_KEY=_production_key(),
        ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("debug", ["0", ""])
def test_production_refuses_to_start_without_a_secret_key(debug):
    result = _manage("check", DJANGO_DEBUG=debug, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
