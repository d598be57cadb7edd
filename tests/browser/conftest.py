import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the test server's database
# calls happen in the server's own thread, so this only concerns the test's own setup.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


#: Every page reports what the Content-Security-Policy blocked. An init script runs in the page
#: before the page's own scripts and is not itself subject to the policy.
CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.documentURI}`
    + (e.sourceFile ? ` (${e.sourceFile}:${e.lineNumber})` : "") + (e.sample ? `: ${e.sample}` : ""));
}, true);
"""
#: What was blocked in the current test, as Chromium and the page report it.
CSP_VIOLATIONS: list[str] = []


def _watch_console(message) -> None:
    text = message.text
    if text.startswith("CSP violation:") or ("Refused to" in text and "Content Security Policy" in text):
        CSP_VIOLATIONS.append(text)


class WatchedBrowser:
    """The browser, whose every context and page reports what the Content-Security-Policy blocked."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.add_init_script(CSP_WATCH)
        context.on("console", _watch_console)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def _no_csp_violations():
    """A browser test fails if the Content-Security-Policy blocked anything on any page it opened."""
    CSP_VIOLATIONS.clear()
    yield
    found, CSP_VIOLATIONS[:] = list(CSP_VIOLATIONS), []
    assert found == [], "The Content-Security-Policy blocked:\n" + "\n".join(found)


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, email: str, password: str = "a-long-test-password") -> None:
    page.goto("/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/")


def shoot(page, name: str, widths: tuple[int, ...] = (1280, 390)) -> None:
    """Full-page screenshots of the page at each width, as ``<name>-<width>.png`` in the folder named by
    ``SPRANG_SCREENSHOTS`` (none when it is not set); the page is left at 1280 pixels wide."""
    folder = os.environ.get("SPRANG_SCREENSHOTS", "")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def axe_context(browser, live_server, language: str):
    """A browser context for axe: its script in every page, the language chosen by cookie, 1280 pixels wide."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_init_script(Axe().axe_script)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context
