"""Every page in both languages, each loaded once, in Chromium, with every check of a page:

- the policy: the production host's Content-Security-Policy comes with it, and nothing on the
  page (its calculators run once each) breaks it;
- axe-core's WCAG 2.2 A and AA rules in both colour schemes (a calculator page in its empty
  state), and again at 200 % zoom (640 x 450 CSS px standing in for 1280 x 900), where nothing
  may scroll sideways;
- no id used twice;
- the language switch lands on the twin page, with no fragment: a calculator page hands the
  reader's inputs over inside the tab, not in the link;
- no request leaves 127.0.0.1 and the browser reports no error.

Each check reports under its own label, so one finding does not hide the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LANGUAGES, page_path, source_pages
from tests.e2e.conftest import Traffic, wait_ready
from tests.e2e.support.axe import ZOOMED, audit, overflow, settle, violations
from tests.e2e.support.csp import recorded, run_every_calculator
from tests.e2e.support.switch import OTHER, switch_language

pytestmark = pytest.mark.e2e

REPEATED_IDS = """() => {
    const seen = {};
    for (const el of document.querySelectorAll("[id]")) seen[el.id] = (seen[el.id] || 0) + 1;
    return Object.entries(seen).filter(([, n]) => n > 1).map(([id]) => id);
}"""


class Findings:
    """What the checks of one page found, one line each, under the label of its check."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.lines: list[str] = []

    def add(self, label: str, lines: list[str]) -> None:
        self.lines += [f"{self.where} [{label}] {line}" for line in lines]

    @contextmanager
    def check(self, label: str) -> Iterator[None]:
        """Assertions (and Playwright's expectations) in the block report under ``label``."""
        try:
            yield
        except AssertionError as error:
            self.add(label, [" ".join(str(error).split()) or "failed"])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", source_pages())
def test_every_page(page: Page, traffic: Traffic, site_url: str, source: str, lang: str) -> None:
    where = page_path(source, lang)
    found = Findings(where)
    csp = recorded(page)
    response = page.goto(site_url + where)
    with found.check("policy"):
        assert response is not None
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
    with found.check("language"):
        expect(page.locator("html")).to_have_attribute("lang", lang)
    page.wait_for_load_state("load")
    wait_ready(page)

    with found.check("repeated ids"):
        assert page.evaluate(REPEATED_IDS) == []

    found.lines += audit(page, f"{where} [axe]")
    viewport = page.viewport_size
    page.set_viewport_size(ZOOMED)
    settle(page)
    found.add("axe at 200 %", violations(page))
    if (sideways := overflow(page)) > 0:
        found.add("reflow at 200 %", [f"the page scrolls sideways by {sideways} px"])
    assert viewport is not None
    page.set_viewport_size(viewport)

    with found.check("calculators under the policy"):
        assert run_every_calculator(page) == []
    page.wait_for_timeout(300)  # late starters: search worker, service worker registration
    found.add("CSP violations", csp.of(page))

    with found.check("language switch"):
        switch_language(page, OTHER[lang])
        expect(page).to_have_url(site_url + page_path(source, OTHER[lang]))
        assert any(url.startswith(site_url) for url in traffic.requests)

    found.add("foreign requests", traffic.foreign())
    found.add("console errors", traffic.errors)
    assert not found.lines, "\n".join(found.lines)
