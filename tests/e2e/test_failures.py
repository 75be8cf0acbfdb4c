"""When Python cannot start, the reader is told so within 15 s and the page still works."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect

from tests.conftest import LANGUAGES, ROOT, page_path

pytestmark = pytest.mark.e2e

STRINGS = json.loads((ROOT / "calculators/strings.json").read_text(encoding="utf-8"))
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


FAILURES: dict[str, tuple[str, Callable[[Route], None]]] = {
    "missing-wasm": ("**/pyodide.asm.wasm", not_found),
    "missing-core": ("**/assets/core/*.zip", not_found),
    "missing-worker": ("**/calculators-worker.js", not_found),
    "wrong-wasm-mime": ("**/pyodide.asm.wasm", wrong_mime),
    "timeout": ("**/pyodide.asm.wasm", never_answers),
    "blocked-webassembly": ("**/calculators-worker.js", no_webassembly),
}


def assert_reader_is_told(page: Page, lang: str) -> None:
    for form in page.locator("form[data-calculator]").all():
        expect(form).to_have_attribute("data-state", "error", timeout=WITHIN_MS)
        expect(form.locator("[data-status]")).to_have_text(STRINGS["status.failed"][lang])
    # the rest of the page still reads and works
    expect(page.locator("article h1")).to_be_visible()
    page.locator(".md-header .md-select").first.hover()
    other = "da" if lang == "en" else "en"
    page.locator(f'.md-header a.md-select__link[hreflang="{other}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", other)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("failure", FAILURES)
def test_a_runtime_that_cannot_start_is_reported(
    page: Page, site_url: str, failure: str, lang: str
) -> None:
    pattern, handler = FAILURES[failure]
    page.context.route(pattern, handler)
    page.goto(site_url + page_path("calculators/load.md", lang))
    page.fill("#bfr_load-one_rm", "100")  # the form takes input all the same
    assert_reader_is_told(page, lang)
    for route in stalled:
        route.abort()
    stalled.clear()


@pytest.mark.parametrize("core_missing", [True, False])
def test_python_answering_before_the_page_script_runs_is_not_lost(
    page: Page, site_url: str, core_missing: bool
) -> None:
    """The worker starts from <head>; its first message may come before calculators.js runs."""
    held: list[Route] = []
    page.context.route("**/assets/javascripts/calculators.js", lambda route: held.append(route))
    if core_missing:
        page.context.route("**/assets/core/calculators-*.zip", not_found)
    page.goto(site_url + page_path("calculators/load.md", "en"), wait_until="commit")
    page.wait_for_timeout(6_000)  # Python has failed or started by now, unheard
    assert len(held) == 1
    held[0].continue_()
    form = page.locator("form[data-calculator=bfr_load]")
    expect(form).to_have_attribute("data-state", "error" if core_missing else "ready")
    if not core_missing:
        page.fill("#bfr_load-one_rm", "100")
        expect(form).to_have_attribute("data-result", re.compile(r'"set_load": 30\.0'))
