"""Every page in both languages, in Chromium: language switch, no foreign request, no error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import LANGUAGES, page_path, source_pages
from tests.e2e.conftest import Traffic

pytestmark = pytest.mark.e2e
OTHER = {"en": "da", "da": "en"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("source", source_pages())
def test_language_switch_lands_on_the_twin_page(
    page: Page, traffic: Traffic, site_url: str, source: str, lang: str
) -> None:
    page.goto(site_url + page_path(source, lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    other = OTHER[lang]
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{other}"]').click()
    # no fragment: a calculator page hands the reader's inputs over inside the tab, not the link
    expect(page).to_have_url(site_url + page_path(source, other))
    expect(page.locator("html")).to_have_attribute("lang", other)
    assert any(url.startswith(site_url) for url in traffic.requests)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switch_keeps_the_section(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + page_path("safety.md", lang) + "#contraindications")
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{OTHER[lang]}"]').click()
    expect(page).to_have_url(site_url + page_path("safety.md", OTHER[lang]) + "#contraindications")


@pytest.mark.parametrize(
    ("lang", "query", "title"),
    [
        ("en", "contraindications", "Safety"),
        ("da", "kontraindikationer", "Sikkerhed"),
    ],
)
def test_search_shows_pages_of_the_readers_language_only(
    page: Page, site_url: str, lang: str, query: str, title: str
) -> None:
    page.goto(site_url + page_path("index.md", lang))
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    prefix = "/da/" if lang == "da" else "/"
    assert hrefs and all(h.startswith(prefix) for h in hrefs)
    if lang == "en":
        assert not any(h.startswith("/da/") for h in hrefs)
    expect(page.locator(".md-search-result__article h1").first).to_contain_text(
        re.compile(title, re.I)
    )
