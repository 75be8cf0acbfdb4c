"""Playwright on Debian's Chromium, with every request and console error recorded.

Which browser context a test's ``page`` lives in:

- Most tests need a calculator that is ready, not a start. Their ``page`` is a new tab in one
  warm context per session (per xdist worker), which has loaded a calculator page once: its HTTP
  cache holds Pyodide and the core, its Cache API the interpreter's snapshot, so a calculator page
  starts as on a return visit. A new tab has its own sessionStorage and history; routes,
  permissions and localStorage are cleared after each test, and other tabs it opened are closed.
  Service workers are blocked there, so no test's page is served from another test's caches.
  One more tab stays open on the site, idle (``KEEPER``), as a reader keeps a tab: a test's new
  tab then joins the site's running renderer process instead of starting one, which saves
  0.7-0.8 s of processor time per new tab on this machine (maintainers/TESTING.md).
- A test of the start itself (first visit, snapshot restore, failures, offline, a slow network),
  or one that changes its context in a way that cannot be undone (the fake clock, context init
  scripts, going offline), gets a new, empty context, as every test once did: mark it
  ``own_context``, or ask for the ``context`` fixture. Such a context runs the site's service
  worker, which caches the whole site on a first visit; a test whose checks are not about
  offline use blocks it (``pytest.mark.browser_context_args(service_workers="block")`` or the
  argument of ``new_context``), as the warm context does.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import playwright
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Request,
    expect,
)

CHROMIUM = Path("/usr/lib/chromium/chromium")  # the ELF binary of Debian's `chromium` package
NOWHERE = "http://127.0.0.1:9/"  # a closed local port for Chromium's own Google endpoints


def playwright_disabled_features() -> list[str]:
    """Playwright's own --disable-features list: a second flag would replace it, so we merge."""
    bundle = Path(playwright.__file__).parent / "driver/package/lib/coreBundle.js"
    match = re.search(r"disabledFeatures = \[(.*?)\]\.filter", bundle.read_text(), re.S)
    if not match:
        raise RuntimeError("Playwright's disabled-features list was not found; check its version")
    return re.findall(r'^\s*"([A-Za-z0-9]+)"', match.group(1), re.M)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        found = shutil.which("chromium")
        pytest.fail(
            f"Debian's Chromium is missing ({CHROMIUM}); `apt-get install chromium` ({found})"
        )
    features = [*playwright_disabled_features(), "AutofillServerCommunication"]
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            f"--gaia-url={NOWHERE}",
            f"--component-updater=url-source={NOWHERE}",
            "--disable-features=" + ",".join(features),
        ],
    }


@dataclass
class Traffic:
    """Every request the browser made (pages, workers) and every console error or page error."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and urlsplit(url).hostname != "127.0.0.1"
        ]


#: How many snapshots of the interpreter the site's Cache API holds.
SNAPSHOTS_STORED = "caches.open('bfr-python-snapshots').then((c) => c.keys()).then((k) => k.length)"


#: The warm context's idle tab: an empty page at an address of the site, answered by the tab's
#: own route (no request reaches the server; its icon is inline, so none is asked for either).
KEEPER = "/an-idle-tab-of-the-site/"
KEEPER_HTML = '<!doctype html><html lang="en"><title>Idle</title><link rel="icon" href="data:,">'


class Warm:
    """The warm context: made when a test first needs it, and made again after a test spoilt it
    with Playwright's fake clock (whose steps every later page of the context would replay)."""

    def __init__(self, browser: Browser, args: dict[str, Any], site_url: str) -> None:
        self.browser, self.args, self.site_url = browser, args, site_url
        self.made: BrowserContext | None = None
        self.keeper: Page | None = None
        self.clocked = False

    def keep(self, context: BrowserContext) -> None:
        """The idle tab of the site (module docstring), opened again if something closed it."""
        if self.keeper is None or self.keeper.is_closed():
            self.keeper = context.new_page()
            self.keeper.route(
                self.site_url + KEEPER,
                lambda route: route.fulfill(body=KEEPER_HTML, content_type="text/html"),
            )
            self.keeper.goto(self.site_url + KEEPER)

    def context(self) -> BrowserContext:
        """A context that has started Python once on the site: later calculator pages in it
        restore the snapshot from its Cache API, with Pyodide and the core from its HTTP cache."""
        if self.made is None:
            context = self.browser.new_context(**self.args, service_workers="block")
            tab = context.new_page()
            tab.goto(self.site_url + "/da/calculators/load/")
            assert wait_ready(tab) == "fresh"
            deadline = time.monotonic() + 30
            # the worker stores the snapshot once it has said it is ready
            while tab.evaluate(SNAPSHOTS_STORED) != 1:
                assert time.monotonic() < deadline, "no snapshot was stored"
                tab.wait_for_timeout(100)
            tab.close()
            self.keep(context)
            self.made = context
        return self.made

    def look_at(self, tab: Page) -> None:
        """Before a tab of the warm context closes: did the test install the fake clock?"""
        try:
            self.clocked = self.clocked or tab.evaluate("() => globalThis.__pwClock !== undefined")
        except Error:
            pass  # a tab that crashed or is closing

    def tidy(self) -> None:
        """Undo what a test may have changed in the context, and close the tabs it left."""
        context = self.context()
        for tab in context.pages:
            if tab is self.keeper:
                continue
            self.look_at(tab)
            tab.close()
        if self.clocked:
            self.close()
            self.clocked = False
            pytest.fail("the fake clock was used in the warm context: mark the test own_context")
        context.unroute_all(behavior="ignoreErrors")
        context.clear_permissions()
        context.set_offline(False)
        self.keep(context)

    def close(self) -> None:
        if self.made is not None:
            self.made.close()
            self.made = None
            self.keeper = None


@pytest.fixture(scope="session")
def warm(browser: Browser, browser_context_args: dict[str, Any], site_url: str) -> Iterator[Warm]:
    holder = Warm(browser, browser_context_args, site_url)
    yield holder
    holder.close()


def wants_own_context(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("own_context") is not None or (
        "context" in request.fixturenames
    )


@pytest.fixture
def tab_context(request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    """The context the test's ``page`` opens in: its own, or the warm one (module docstring)."""
    if wants_own_context(request):
        yield request.getfixturevalue("context")
        return
    warm: Warm = request.getfixturevalue("warm")
    yield warm.context()
    warm.tidy()


@pytest.fixture
def traffic(tab_context: BrowserContext) -> Iterator[Traffic]:
    record = Traffic()

    def on_request(request: Request) -> None:
        record.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            record.errors.append(f"console: {message.text} @ {message.location}")

    def on_page_error(error: Error) -> None:
        record.errors.append(f"pageerror: {error}")

    watched: list[Page] = []

    def watch(page: Page) -> None:
        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        watched.append(page)

    tab_context.on("request", on_request)
    tab_context.on("page", watch)
    for existing in tab_context.pages:
        watch(existing)
    yield record
    tab_context.remove_listener("request", on_request)
    tab_context.remove_listener("page", watch)
    for tab in watched:  # the warm context's idle tab outlives the test
        tab.remove_listener("console", on_console)
        tab.remove_listener("pageerror", on_page_error)


@pytest.fixture
def traffic_allows_errors() -> bool:
    """Tests that provoke a failure on purpose override this to True."""
    return False


@pytest.fixture
def page(
    request: pytest.FixtureRequest,
    tab_context: BrowserContext,
    traffic: Traffic,
    traffic_allows_errors: bool,
) -> Iterator[Page]:
    """A page whose requests and console are recorded; fails if anything left 127.0.0.1."""
    tab = tab_context.new_page()
    yield tab
    if not wants_own_context(request):
        request.getfixturevalue("warm").look_at(tab)
    if tab.url.startswith("http"):
        # Material keeps the colour scheme chosen in localStorage, shared by the warm tabs.
        tab.evaluate("() => { try { localStorage.clear(); } catch {} }")
    tab.close()
    assert traffic.foreign() == [], "requests left 127.0.0.1"
    if not traffic_allows_errors:
        assert traffic.errors == [], "the browser reported errors"


#: A stand-in for the Network Information API, before any script of the page runs.
CONNECTION = """
const connection = new EventTarget();
connection.saveData = %s;
connection.type = %s;
Object.defineProperty(navigator, "connection", { value: connection, configurable: true });
"""


def connection(page: Page, save_data: bool, kind: str) -> None:
    """What the page's scripts read of the reader's connection (navigator.connection)."""
    page.add_init_script(CONNECTION % (json.dumps(save_data), json.dumps(kind)))


def wait_ready(page: Page) -> str:
    """Wait until every calculator on the page is ready; the runtime it started from ("" on a
    page without calculators)."""
    forms = page.locator("form[data-calculator]").all()
    for form in forms:
        expect(form).to_have_attribute("data-state", "ready", timeout=20_000)
    return (forms[0].get_attribute("data-runtime") or "") if forms else ""


def keep_copied_links(page: Page) -> None:
    """Let the page copy links, and keep each copied text in ``window.copied`` on its way to the
    clipboard: the site's Permissions-Policy denies reading the clipboard back."""
    page.context.grant_permissions(["clipboard-write"])
    page.add_init_script(
        "const write = navigator.clipboard.writeText.bind(navigator.clipboard);"
        "navigator.clipboard.writeText = (text) => { window.copied = text; return write(text); };"
    )
