"""The built site in Firefox and WebKit: one browser per engine for the module, the site served
by the production-like static server of tests/conftest.py, and a check after every test that
the page reported no error and the browser no CSP violation."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import Build, StaticHandler, run_server
from tests.engines.drivers import ENGINES, Browser, Xvfb, launch, seen

#: This folder: the tests whose engine decides their pytest-xdist worker.
HERE = Path(__file__).resolve().parent
#: Where the browsers send their CSP reports: the policy the site sends, with this added.
REPORT_PATH = "/__csp-report"


@dataclass
class Site:
    """The served site, and every CSP violation report a browser sent to it."""

    url: str
    reports: list[dict[str, object]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def taken(self) -> list[dict[str, object]]:
        with self.lock:
            found = self.reports[:]
            self.reports.clear()
        return found


class ReportingHandler(StaticHandler):
    """The site as the production host serves it, with `report-uri` added to its policy: WebKit's
    driver can put a listener into a page only after it has loaded, so what the page violates
    before then is known from the browser's own reports (they cover workers too)."""

    site: Site

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-security-policy":
            value = f"{value}; report-uri {REPORT_PATH}"
        super().send_header(keyword, value)

    def do_POST(self) -> None:  # noqa: N802
        if self.path != REPORT_PATH:
            self.send_error(405)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        try:
            report = json.loads(body).get("csp-report", {})
        except ValueError:
            report = {"unreadable": body[:200].decode("utf-8", "replace")}
        with self.site.lock:
            self.site.reports.append(report)
        self.send_response(204)
        self.end_headers()


def reporting_site(build: Build) -> Iterator[Site]:
    """Serve the build on a free port until the generator is closed (which takes it down)."""
    site = Site(url="")
    handler = type("Handler", (ReportingHandler,), {"site": site})
    server = run_server(functools.partial(handler, directory=str(build.site)))
    site.url = next(server)
    try:
        yield site
    finally:
        server.close()


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each engine's tests on one pytest-xdist worker (``--dist loadgroup``): a browser of each
    engine starts once per worker that runs its tests, and WebKit's first start is slow."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "engine" in params and item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.xdist_group(f"engine-{params['engine']}"))


@pytest.fixture(scope="session")
def site(build: Build) -> Iterator[Site]:
    yield from reporting_site(build)


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    screen = Xvfb()
    try:
        yield screen.display
    finally:
        screen.close()


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def engine_display(engine: str, request: pytest.FixtureRequest) -> str | None:
    """The X display a WebKit browser needs (none for headless Firefox)."""
    return str(request.getfixturevalue("display")) if engine == "webkit" else None


@pytest.fixture(scope="session")
def shared_browser(engine: str, engine_display: str | None) -> Iterator[Browser]:
    """One browser per engine for all the tests that do not need a fresh profile."""
    browser = launch(engine, engine_display)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def allows_errors() -> bool:
    """A test that plants a violation on purpose overrides this to True."""
    return False


@pytest.fixture
def tab(shared_browser: Browser, site: Site, allows_errors: bool) -> Iterator[Browser]:
    """The engine's browser; after the test, the page it ended on and the browser must have
    reported nothing (console errors, uncaught errors, CSP violations: events and reports)."""
    shared_browser.console_errors()  # what an earlier test left
    site.taken()
    yield shared_browser
    if allows_errors:
        return
    found = seen(shared_browser)
    assert found["errors"] == [], f"{shared_browser.engine} reported errors"
    assert found["csp"] == [], f"{shared_browser.engine}: CSP violations"
    assert site.taken() == [], f"{shared_browser.engine} sent CSP reports"
