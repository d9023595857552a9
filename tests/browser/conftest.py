"""Browser tests: Debian's Chromium driven by Playwright, pages checked with axe-core.

No browser is ever downloaded: Playwright launches /usr/bin/chromium (Debian's package
``chromium``). axe-core comes inside the axe-playwright-python package. Requests to
anything but the live test server are refused, so a page that needs the network fails.

Outside CI a missing Chromium skips these tests with a reason; in CI (CI=true) it fails.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; Django then refuses
# database access from that thread unless told it is safe (it is: one test thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
#: where the tests' screenshots go: the committed ones in docs/screenshots/, unless
#: SCREENSHOT_DIR says otherwise (`make test`'s PostgreSQL run, beside the SQLite one)
SCREENSHOTS = Path(
    os.environ.get(
        "SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    )
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: axe-core impacts that fail a page
BLOCKING_IMPACTS = ("serious", "critical")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(
            f"{CHROMIUM} not found: install Debian's chromium "
            "(apt-get install chromium); never `playwright install`"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - test extras not installed
        _unavailable("playwright is not installed: pip install -e '.[test]'")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page whose relative URLs go to the live test server."""
    context = browser.new_context(base_url=live_server.url)
    allowed = urlsplit(live_server.url).netloc

    def only_the_test_server(route):
        url = urlsplit(route.request.url)
        if url.scheme in {"data", "blob", "about"} or url.netloc == allowed:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", only_the_test_server)
    page = context.new_page()
    page.set_default_timeout(10_000)
    # assertions wait as long as actions: `make test` runs both databases' suites at
    # once on two cores, and a page behind a click can take over the default 5 s
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # reads the axe.min.js shipped in the package; no download


@pytest.fixture
def axe_violations(axe):
    """``axe_violations(page)``: the serious and critical axe-core violations on it.

    Each item is axe's violation dict (``id``, ``impact``, ``help``, ``nodes``...);
    assert the list is empty.
    """

    def run(page):
        results = axe.run(page)
        return [
            violation
            for violation in results.response["violations"]
            if violation.get("impact") in BLOCKING_IMPACTS
        ]

    return run


def describe_violations(violations):
    """A short text for assertion messages: rule, impact, help and the first targets."""
    lines = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return "\n".join(lines)


#: collects the page's ``securitypolicyviolation`` events, from before its first script
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, and the list of CSP complaints it collects (see ``csp_violations``)."""
    complaints = []
    page.context.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text)
            if "Content Security" in message.text
            else None
        ),
    )
    return page, complaints


def csp_violations(page, complaints):
    """Chromium's console complaints about the policy and the page's own reports."""
    return complaints + page.evaluate("window.__cspViolations || []")


def assert_sound_page(page, complaints, axe_violations, screenshot, explain=None):
    """The page as shown is axe-clean, breaks no rule of the CSP and is no wider than
    its window (``explain``: a script naming what is too wide); its screenshot goes to
    ``SCREENSHOTS/screenshot``."""
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    assert csp_violations(page, complaints) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, (
        page.url,
        page.viewport_size,
        overflow,
        explain and page.evaluate(explain),
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / screenshot), full_page=True)
