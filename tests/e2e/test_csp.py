"""A script slipped into a page is refused by the site's Content-Security-Policy, with the
production host's headers and with the <meta> policy alone. That no page or calculator breaks the
policy is checked by the sweep of every page (test_every_page.py), and search under it by
test_search.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.conftest import Build, page_path, serve
from tests.e2e.conftest import wait_ready
from tests.e2e.support.csp import Violations, recorded, run_every_calculator

pytestmark = pytest.mark.e2e


@pytest.fixture
def violations(page: Page) -> Violations:
    return recorded(page)


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
