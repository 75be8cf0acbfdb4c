"""Every page and every calculator under the site's Content-Security-Policy, as the production host
sends it: no violation anywhere, calculators computing, search finding words in both languages,
and a script slipped into a page refused, with headers and with the <meta> policy alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from tests.conftest import LANGUAGES, Build, page_path, serve, source_pages
from tests.core.core_helpers import load_vectors
from tests.e2e.conftest import wait_ready
from tests.e2e.support.forms import FORM, enter, reset, result_of

pytestmark = pytest.mark.e2e

RECORD = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""
#: A word each language's pages use, for the search box.
SEARCH_WORD = {"en": "cuff", "da": "manchet"}


class Violations:
    """CSP violations seen in the page (events) and in the console (pages and workers)."""

    def __init__(self) -> None:
        self.console: list[str] = []

    def on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(f"console: {message.text}")

    def of(self, page: Page) -> list[str]:
        events: list[str] = page.evaluate("window.__cspViolations || []")
        return events + self.console


@pytest.fixture
def violations(context: BrowserContext) -> Iterator[Violations]:
    record = Violations()
    context.add_init_script(RECORD)
    context.on("page", lambda page: page.on("console", record.on_console))
    yield record


def first_vector(calculator: str) -> dict[str, Any]:
    return next(v for v in load_vectors() if v["calculator"] == calculator)


def run_every_calculator(page: Page) -> list[object]:
    """One reference vector through every calculator form on the page; what went wrong."""
    problems: list[object] = []
    for form in page.locator("form[data-calculator]").all():
        name = form.get_attribute("data-calculator") or ""
        calculator = next(c for c, (_, f) in FORM.items() if f == name and c == name)
        vector = first_vector(calculator)
        reset(page, name)
        enter(page, name, vector["payload"])
        found = result_of(page, name, vector["expect"], vector.get("tol", 1e-9))
        if found:
            problems.append((name, found))
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", source_pages())
def test_every_page_and_calculator_runs_under_the_policy(
    page: Page, violations: Violations, site_url: str, source: str, lang: str
) -> None:
    response = page.goto(site_url + page_path(source, lang))
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
    page.wait_for_load_state("load")
    wait_ready(page)
    assert run_every_calculator(page) == []
    page.wait_for_timeout(300)  # late starters: search worker, service worker registration
    assert violations.of(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_word_in_each_language(
    page: Page, violations: Violations, site_url: str, lang: str
) -> None:
    page.goto(site_url + page_path("index.md", lang))
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(SEARCH_WORD[lang], delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert page.locator(".md-search-result__item").count() > 0
    assert violations.of(page) == []


@pytest.fixture(scope="module")
def meta_only_url(build: Build) -> Iterator[str]:
    """The site as a host that cannot set headers serves it (GitHub Pages)."""
    yield from serve(build.site, header_rules=False)


INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__injected = true;";
  document.head.append(script);
  return window.__injected === true;
}"""


class TestAScriptSlippedIntoAPageIsRefused:
    @pytest.fixture
    def traffic_allows_errors(self) -> bool:
        return True  # the refusal is reported as a console error, on purpose

    @pytest.mark.parametrize("host", ["headers", "meta only"])
    def test_a_script_slipped_into_a_page_is_refused(
        self,
        page: Page,
        violations: Violations,
        site_url: str,
        meta_only_url: str,
        host: str,
    ) -> None:
        base = site_url if host == "headers" else meta_only_url
        response = page.goto(base + page_path("calculators/load.md", "da"))
        assert response is not None
        has_header = "content-security-policy" in response.headers
        assert has_header == (host == "headers")
        wait_ready(page)
        assert run_every_calculator(page) == []
        assert page.evaluate(INJECT) is False
        assert any("script-src" in line for line in violations.of(page))
