"""The structured data in Chromium, under the production Content-Security-Policy: the JSON-LD block
is left alone by the policy (no violation), parses in the page, and names the questions the reader
sees, in both languages."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from tests.conftest import LANGUAGES, page_path
from tests.e2e.support.csp import recorded

pytestmark = pytest.mark.e2e

#: The data as the page holds them, and the questions as a reader sees them (the permalink "¶"
#: is part of the heading's text in the DOM, not of what is read out).
READ = """() => {
  const blocks = [...document.querySelectorAll('script[type="application/ld+json"]')];
  const headings = [...document.querySelectorAll("article h2")].map(
    (h) => h.innerText.replace("\\u00b6", "").trim());
  const shown = (h) => h.getBoundingClientRect().height > 0;
  return {
    blocks: blocks.map((b) => b.textContent),
    headings,
    visible: [...document.querySelectorAll("article h2")].every(shown),
  };
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", ["faq.md", "guides/choosing-a-cuff.md"])
def test_structured_data_run_under_the_policy_and_match_the_page(
    page: Page, site_url: str, source: str, lang: str
) -> None:
    csp = recorded(page)
    response = page.goto(site_url + page_path(source, lang))
    assert response is not None
    assert "default-src 'self'" in response.headers.get("content-security-policy", "")
    page.wait_for_load_state("load")
    found = page.evaluate(READ)
    assert len(found["blocks"]) == 1
    data = json.loads(found["blocks"][0])
    assert data["inLanguage"] == lang
    if source == "faq.md":
        assert [q["name"] for q in data["mainEntity"]] == found["headings"]
        assert found["visible"], "a question in the data is not shown on the page"
    else:
        assert data["@type"] == "MedicalWebPage"
        assert data["name"] == page.locator("article h1").inner_text().replace("\u00b6", "").strip()
    # A data block the policy governed would be refused while the page is parsed, before "load".
    assert csp.of(page) == []
