"""`make audit`'s fallback when pip-audit's services do not answer: PyPI's project
pages, which list the known vulnerabilities of each project's latest release."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent.parent / "scripts" / "audit.py"
spec = importlib.util.spec_from_file_location("audit", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def page(latest, releases=(), vulnerabilities=()):
    return {
        "info": {"version": latest},
        "releases": {release: [] for release in (*releases, latest)},
        "vulnerabilities": list(vulnerabilities),
    }


PAGES = {
    "clean": page("2.0.1", ["1.0", "2.0.0"]),
    "flawed": page(
        "1.4.2",
        vulnerabilities=[
            {"id": "PYSEC-2026-1", "fixed_in": ["1.4.3"]},
            {"id": "GHSA-old", "fixed_in": ["1.0"], "withdrawn": "2026-01-01"},
        ],
    ),
    "lts": page("6.1.3", ["5.2.18", "5.2.19", "5.2.20rc1", "6.0.10"]),
}


def test_a_distribution_at_its_latest_release_is_checked_against_its_list():
    vulnerable, checked, unchecked = audit.check_against_latest(
        {"clean": "2.0.1", "flawed": "1.4.2"}, fetch=PAGES.get
    )
    assert checked == ["clean", "flawed"]
    # a withdrawn advisory is no vulnerability
    assert vulnerable == [("flawed", "1.4.2", "PYSEC-2026-1", "1.4.3")]
    assert unchecked == []


def test_an_older_pin_is_named_as_not_checked_with_the_newest_of_its_series():
    vulnerable, checked, unchecked = audit.check_against_latest(
        {"lts": "5.2.19", "gone": "1.0"}, fetch=PAGES.get
    )
    assert vulnerable == [] and checked == []
    assert unchecked == [
        ("lts", "5.2.19", "latest is 6.1.3; newest of its series: 5.2.19"),
        ("gone", "1.0", "PyPI did not answer"),
    ]


def test_the_edition_itself_and_the_audit_tools_are_left_out():
    names = {name.lower() for name in audit.installed()}
    assert "django" in names
    assert not names & {"letters", "pip", "pip-audit"}
