"""Known vulnerabilities in the installed, pinned dependencies (`make audit`, run by
.ci/run). A known vulnerability fails the run.

1. pip-audit, with OSV (osv.dev) if it answers, else PyPI's JSON API for each version
   (/pypi/NAME/VERSION/json).
2. Where neither answers (this machine reaches PyPI's project pages only), PyPI's
   project page, /pypi/NAME/json, which lists the known vulnerabilities of the
   project's latest release: each distribution installed at its latest release is
   checked against that list; any other is named as not checked, with the newest
   release of its own series, so a reader can judge it.
3. If nothing answers, the audit cannot run: that is said loudly and does not fail the
   run, since it says nothing about the code.
"""

import json
import subprocess
import sys
import tomllib
import urllib.request
from importlib.metadata import distributions, version
from pathlib import Path

from packaging.version import InvalidVersion, Version

PROBES = {
    "osv": ("https://api.osv.dev/v1/query", b'{"package": {"name": "django", '
            b'"ecosystem": "PyPI"}, "version": "1.0"}'),
    "pypi": (f"https://pypi.org/pypi/django/{version('django')}/json", None),
}  # fmt: skip
PROJECT_PAGE = "https://pypi.org/pypi/{name}/json"
ROOT = Path(__file__).resolve().parent.parent
#: the edition itself and the tools that run the audit, not its dependencies
NOT_AUDITED = {
    tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"],
    *("pip", "pip-audit", "setuptools", "wheel"),
}
BAR = "#" * 72


def reachable(url, data=None):
    try:
        with urllib.request.urlopen(url, data=data, timeout=15) as response:
            return response.status == 200
    except Exception:
        return False


def project_page(name):
    """PyPI's JSON page of project ``name``, or None if it does not answer."""
    try:
        with urllib.request.urlopen(PROJECT_PAGE.format(name=name), timeout=30) as r:
            return json.load(r)
    except Exception:
        return None


def installed():
    """{name: version} of the installed distributions, but for NOT_AUDITED."""
    found = {}
    for dist in distributions():
        name = dist.metadata["Name"]
        if name and name.lower() not in NOT_AUDITED:
            found[name] = dist.version
    return dict(sorted(found.items(), key=lambda item: item[0].lower()))


def newest_of_series(pinned, releases):
    """The newest final release with the same major.minor as ``pinned``."""
    try:
        series = Version(pinned).release[:2]
    except InvalidVersion:
        return None
    same = []
    for release in releases:
        try:
            parsed = Version(release)
        except InvalidVersion:
            continue
        if not parsed.is_prerelease and parsed.release[:2] == series:
            same.append(parsed)
    return str(max(same)) if same else None


def check_against_latest(pins, fetch=project_page):
    """``pins`` ({name: version}) against PyPI's project pages. Returns (vulnerable:
    [(name, version, id, fixed_in)], checked: [name], unchecked: [(name, version,
    why)])."""
    vulnerable, checked, unchecked = [], [], []
    for name, pinned in pins.items():
        page = fetch(name)
        if page is None:
            unchecked.append((name, pinned, "PyPI did not answer"))
            continue
        latest = page["info"]["version"]
        if Version(pinned) != Version(latest):
            newest = newest_of_series(pinned, page.get("releases", {}))
            series = f"; newest of its series: {newest}" if newest else ""
            unchecked.append((name, pinned, f"latest is {latest}{series}"))
            continue
        checked.append(name)
        for known in page.get("vulnerabilities") or []:
            if not known.get("withdrawn"):
                fixed = ", ".join(known.get("fixed_in") or []) or "no fix yet"
                vulnerable.append((name, pinned, known.get("id", "?"), fixed))
    return vulnerable, checked, unchecked


def audit_with_project_pages():
    pins = installed()
    vulnerable, checked, unchecked = check_against_latest(pins)
    print(
        f"{BAR}\n## pip-audit could not run (neither osv.dev nor PyPI's version pages "
        f"answered).\n## Checked instead against PyPI's project pages: "
        f"{len(checked)} of {len(pins)} installed distributions are at their latest "
        f"release and were checked;\n## {len(vulnerable)} known vulnerabilities."
        f"\n{BAR}"
    )
    for name, pinned, known, fixed in vulnerable:
        print(f"VULNERABLE {name} {pinned}: {known} (fixed in {fixed})")
    for name, pinned, why in unchecked:
        print(f"not checked: {name} {pinned} ({why})")
    return 1 if vulnerable else 0


def main():
    service = next((name for name, probe in PROBES.items() if reachable(*probe)), None)
    if service is not None:
        pip_audit = Path(sys.executable).parent / "pip-audit"
        command = [str(pip_audit), "--strict", "--skip-editable",
                   "--progress-spinner", "off", "--vulnerability-service",
                   service]  # fmt: skip
        print("$", " ".join(command[1:]), flush=True)
        return subprocess.run(command).returncode
    if reachable(PROJECT_PAGE.format(name="django")):
        return audit_with_project_pages()
    print(
        f"{BAR}\n## AUDIT SKIPPED: neither osv.dev nor PyPI answered.\n## The "
        f"dependencies were NOT checked for known vulnerabilities.\n{BAR}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
