"""pip-audit of the installed, pinned dependencies (`make audit`, run by .ci/run).

Known vulnerabilities fail the run. The vulnerability database is OSV (osv.dev) if it
answers, else PyPI's JSON API (which must serve version pages: /pypi/NAME/VERSION/json).
If neither answers, the audit cannot run: that is reported loudly and does not fail the
run, since it says nothing about the code.
"""

import subprocess
import sys
import urllib.request
from importlib.metadata import version
from pathlib import Path

PROBES = {
    "osv": ("https://api.osv.dev/v1/query", b'{"package": {"name": "django", '
            b'"ecosystem": "PyPI"}, "version": "1.0"}'),
    "pypi": (f"https://pypi.org/pypi/django/{version('django')}/json", None),
}  # fmt: skip


def reachable(url, data):
    try:
        with urllib.request.urlopen(url, data=data, timeout=15) as response:
            return response.status == 200
    except Exception:
        return False


def main():
    service = next((name for name, probe in PROBES.items() if reachable(*probe)), None)
    if service is None:
        bar = "#" * 72
        print(
            f"{bar}\n## pip-audit SKIPPED: neither osv.dev nor PyPI's version pages "
            f"answered.\n## The dependencies were NOT checked for known "
            f"vulnerabilities.\n{bar}",
            file=sys.stderr,
        )
        return 0
    pip_audit = Path(sys.executable).parent / "pip-audit"
    command = [str(pip_audit), "--strict", "--skip-editable", "--progress-spinner",
               "off", "--vulnerability-service", service]  # fmt: skip
    print("$", " ".join(command[1:]), flush=True)
    return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
