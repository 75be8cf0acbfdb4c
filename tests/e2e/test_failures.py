"""When Python cannot start or does not answer, the reader is told so, in words that say whether
a reload can help, and the page still works.

Each failure is language-independent and runs in Danish. A test that only needs a start to
fail runs on the site built with short time limits (tests/conftest.py SHORT_LIMITS). The real
limits are tested once each: the 8 s wait for an answer here, the 10 s watchdog by the stalled
download of test_slow_network.py (told within 15 s)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.conftest import ONE_LANGUAGE, STRINGS, Build, page_path
from tests.e2e.conftest import wait_ready
from tests.e2e.support.hosts import Host, controlled, go_offline, hosted, poll
from tests.e2e.support.switch import OTHER, switch_language

#: Each test is about a start that fails: an empty context, so Python starts from nothing. Most
#: wait for a watchdog or a time limit, so under pytest-xdist they share one worker with the
#: other waits (Makefile: loadgroup) while the other worker runs the rest.
pytestmark = [pytest.mark.e2e, pytest.mark.own_context, pytest.mark.xdist_group("waits")]

WITHIN_MS = 15_000


@pytest.fixture
def traffic_allows_errors() -> bool:
    return True  # a failed resource is the point of these tests


def not_found(route: Route) -> None:
    route.fulfill(status=404, body="not found")


def wrong_mime(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-type": "text/plain"})


def no_webassembly(route: Route) -> None:
    """The worker is served with a policy that forbids compiling WebAssembly, as a strict
    Content-Security-Policy (no 'wasm-unsafe-eval') or a locked-down browser would."""
    response = route.fetch()
    headers = {**response.headers, "content-security-policy": "script-src 'self'"}
    route.fulfill(response=response, headers=headers)


stalled: list[Route] = []


def never_answers(route: Route) -> None:
    stalled.append(route)  # held open: the download never completes


# pattern, what the host does, what the reader is told (a reload can help, except where the
# browser itself forbids WebAssembly)
FAILURES: dict[str, tuple[str, Callable[[Route], None], str]] = {
    "missing-wasm": ("**/pyodide.asm.wasm", not_found, "status.failed"),
    "missing-core": ("**/assets/core/*.zip", not_found, "status.failed"),
    "missing-worker": ("**/calculators-worker-*.js", not_found, "status.failed"),
    "wrong-wasm-mime": ("**/pyodide.asm.wasm", wrong_mime, "status.failed"),
    "timeout": ("**/pyodide.asm.wasm", never_answers, "status.failed"),
    "blocked-webassembly": ("**/calculators-worker-*.js", no_webassembly, "status.blocked"),
}


def assert_reader_is_told(page: Page, lang: str, message: str = "status.failed") -> None:
    for form in page.locator("form[data-calculator]").all():
        expect(form).to_have_attribute("data-state", "error", timeout=WITHIN_MS)
        expect(form.locator("[data-status]")).to_have_text(STRINGS[message][lang])
    # the rest of the page still reads and works
    expect(page.locator("article h1")).to_be_visible()
    switch_language(page, OTHER[lang])


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
@pytest.mark.parametrize("failure", FAILURES)
def test_a_runtime_that_cannot_start_is_reported(
    page: Page, short_site_url: str, failure: str, lang: str
) -> None:
    pattern, handler, message = FAILURES[failure]
    page.context.route(pattern, handler)
    page.goto(short_site_url + page_path("calculators/load.md", lang))
    page.fill("#bfr_load-one_rm", "100")  # the form takes input all the same
    assert_reader_is_told(page, lang, message)
    for route in stalled:
        route.abort()
    stalled.clear()


#: The worker's first answer (ready or failed) waits in the early starter's buffer.
HEARD_BUT_UNCLAIMED = """(window.bfrEarly?.messages || [])
    .some((message) => message.type === "ready" || message.type === "failed")"""


@pytest.mark.parametrize("core_missing", [True, False])
def test_python_answering_before_the_page_script_runs_is_not_lost(
    page: Page, site_url: str, core_missing: bool
) -> None:
    """The worker starts from <head>; its first message may come before the page script runs."""
    held: list[Route] = []
    page_script = re.compile(r"/assets/javascripts/calculators-[0-9a-f]{12}\.js$")
    page.context.route(page_script, lambda route: held.append(route))
    if core_missing:
        page.context.route("**/assets/core/calculators-*.zip", not_found)
    page.goto(site_url + page_path("calculators/load.md", "en"), wait_until="commit")
    # Python has failed or started, unheard by the page script
    poll(page, HEARD_BUT_UNCLAIMED)
    assert len(held) == 1
    held[0].continue_()
    form = page.locator("form[data-calculator=bfr_load]")
    expect(form).to_have_attribute("data-state", "error" if core_missing else "ready")
    if not core_missing:
        page.fill("#bfr_load-one_rm", "100")
        expect(form).to_have_attribute("data-result", re.compile(r'"set_load": 30\.0'))


@pytest.fixture
def host(short_build: Build, tmp_path: Path) -> Iterator[Host]:
    """The site with short limits on a host that can be down (support/hosts.Host): offline, a
    start that cannot fetch the runtime is caught by the watchdog."""
    yield from hosted(short_build, tmp_path)


@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_offline_without_the_runtime_says_so(page: Page, host: Host, lang: str) -> None:
    """A reader who read a page online, and opens a calculator offline before it ever ran, is
    told that they are offline, not to reload."""
    page.goto(host.url + page_path("about.md", lang))
    controlled(page)
    go_offline(page.context, host)
    page.goto(host.url + page_path("calculators/load.md", lang))
    expect(page.locator("article h1")).to_be_visible()  # the page itself came from the cache
    assert_reader_is_told(page, lang, "status.offline")
    go_offline(page.context, host, False)
    page.reload()
    wait_ready(page)


def silent_worker(route: Route) -> None:
    """A worker whose Python starts but never answers a request (as after a fatal error in the
    runtime, review C1)."""
    response = route.fetch()
    code = response.text().replace(
        "self.onmessage = ({ data }) => {", "self.onmessage = ({ data }) => { return;"
    )
    assert "{ return;" in code
    route.fulfill(response=response, body=code)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ONE_LANGUAGE)
def test_a_request_python_never_answers_is_reported(page: Page, site_url: str, lang: str) -> None:
    """The real REQUEST_TIMEOUT_MS (8 s)."""
    page.context.route("**/calculators-worker-*.js", silent_worker)
    page.goto(site_url + page_path("calculators/load.md", lang))
    wait_ready(page)
    page.fill("#bfr_load-one_rm", "100")
    form = page.locator("form[data-calculator=bfr_load]")
    expect(form).to_have_attribute("data-state", "error", timeout=WITHIN_MS)
    expect(form.locator("[data-status]")).to_have_text(STRINGS["status.no_answer"][lang])
