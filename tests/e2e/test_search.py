"""Material's search in Chromium, in each language on one page, under the site's
Content-Security-Policy: the dialog has a name in the page's language, results come from the
reader's language only, a word each language uses is found, and both spellings of 1RM find the
load calculator (the one word marks RM, not every number that starts with 1)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import LANGUAGES, STRINGS, page_path
from tests.e2e.support.axe import violations
from tests.e2e.support.csp import recorded

pytestmark = pytest.mark.e2e

#: A word only that language's pages use, and the title of the page it finds first.
CONTRAINDICATIONS = {
    "en": ("contraindications", "Safety"),
    "da": ("kontraindikationer", "Sikkerhed"),
}
#: A word each language's pages use.
WORD = {"en": "cuff", "da": "manchet"}


def search_for(page: Page, query: str) -> Locator:
    """Type ``query`` into an emptied search box, as a reader does (Material's box does not react
    to fill()); the result links, once the first is shown."""
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__item a")
    if box.input_value():
        box.press("Control+A")
        box.press("Backspace")
        expect(results).to_have_count(0)
    box.press_sequentially(query, delay=20)
    expect(results.first).to_be_visible(timeout=10_000)
    return results


def paths(results: Locator) -> list[str]:
    hrefs: list[str] = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    return hrefs


def paths_once(results: Locator, wanted: str, timeout_s: float = 10) -> list[str]:
    """The result paths, once ``wanted`` is among them (results follow each key typed)."""
    deadline = time.monotonic() + timeout_s
    while wanted not in (found := paths(results)) and time.monotonic() < deadline:
        results.page.wait_for_timeout(100)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_in_the_readers_language(page: Page, site_url: str, lang: str) -> None:
    csp = recorded(page)
    page.goto(site_url + page_path("index.md", lang))

    # The dialog is named in the page's language.
    dialog = page.locator(".md-search[role=dialog]")
    expect(dialog).to_have_attribute("aria-label", STRINGS["site.search.dialog"][lang])
    page.locator("input.md-search__input").click()
    expect(page.get_by_role("dialog", name=STRINGS["site.search.dialog"][lang])).to_be_visible()
    assert not [v for v in violations(page) if v.startswith("aria-dialog-name")]

    # Pages of the reader's language only.
    query, title = CONTRAINDICATIONS[lang]
    results = search_for(page, query)
    hrefs = paths(results)
    prefix = "/da/" if lang == "da" else "/"
    assert hrefs and all(h.startswith(prefix) for h in hrefs)
    if lang == "en":
        assert not any(h.startswith("/da/") for h in hrefs)
    expect(page.locator(".md-search-result__article h1").first).to_contain_text(
        re.compile(title, re.I)
    )

    # A word the language's pages use.
    search_for(page, WORD[lang])
    assert page.locator(".md-search-result__item").count() > 0

    # Both spellings of 1RM.
    for spelling in ("1RM", "1 RM"):
        load = page_path("calculators/load.md", lang)
        hrefs = paths_once(search_for(page, spelling), load)
        assert load in hrefs, (spelling, hrefs)
        if spelling == "1RM":  # one word: RM is marked, and no number that starts with 1
            # the results follow the keys typed ("1" marks every number): wait for the last
            marks = ".md-search-result mark"
            page.wait_for_function(
                f"() => [...document.querySelectorAll('{marks}')]"
                ".some(m => /^rm/i.test(m.textContent))"
            )
            texts = page.locator(marks).all_text_contents()
            assert all(re.match("rm", text, re.I) for text in texts), texts

    assert csp.of(page) == []
